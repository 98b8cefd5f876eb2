// Start-up shared by the script tag and the npm entry: prologue first (synchronous), then the policy and the
// wasm in parallel, then the first decision. Any failure fails closed: trackers stay blocked, and the page
// gets an assent:error event and a console message naming the cause and the fix.
import { installInterceptor } from './blocking/intercept';
import { policyText } from './config';
import { Controller } from './controller';
import { AssentError, startEngine } from './engine';
import { pushDefault } from './gcm';
import { LocaleLoader } from './locales';
import { shared } from './shared-state';
import { prefetchWasm } from './wasm-fetch';
import type { InitOptions } from './types';

/** Must run before any tag manager: Consent Mode default + the interceptor; starts the wasm download. */
export function prologue(wasmUrl: string): void {
  pushDefault();
  installInterceptor();
  prefetchWasm(wasmUrl);
}

export function report(e: unknown): AssentError {
  const err = e instanceof AssentError ? e : new AssentError('internal', `Assent: ${e instanceof Error ? e.message : String(e)}`);
  console.error(`${err.message}\nAssent keeps every non-essential script and embed blocked until this is fixed.`);
  dispatchEvent(new CustomEvent('assent:error', { detail: { code: err.code, message: err.message, path: err.path } }));
  return err;
}

let booted: Promise<Controller> | null = null;

/** Memoised: a second init (e.g. React StrictMode effects) gets the same instance. */
export function boot(options: InitOptions & { wasmUrl: string; localesUrl?: string }): Promise<Controller> {
  if (booted) return booted;
  prologue(options.wasmUrl);
  booted = (async () => {
    try {
      // The script-tag prologue may have started the policy fetch already.
      const text = shared().policy ?? policyText(options.config);
      const locales = new LocaleLoader(options.localesUrl || new URL('locales/', options.wasmUrl).href);
      const preferred = options.languages || Array.from(navigator.languages || [navigator.language]);
      void text.then((t) => locales.prefetch(t, preferred), () => undefined);
      const [engine, policyJson] = await Promise.all([startEngine(options.wasmUrl), text]);
      const policy = engine.load(policyJson);
      // Only the language is read from this probe decision; the real one follows in Controller.start().
      await locales.install(engine, engine.decide({ languages: preferred, now: 0 }).language);
      // No wait for DOMContentLoaded: the decision and the release of granted scripts happen now (tags not
      // parsed yet are caught as they arrive); only the banner waits for <body>.
      const controller = new Controller(
        engine,
        policy,
        { region: options.region, languages: options.languages },
        { enabled: options.ui !== false, root: options.root || null },
      );
      controller.start();
      return controller;
    } catch (e) {
      throw report(e);
    }
  })();
  return booted;
}
