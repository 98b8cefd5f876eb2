// Start-up shared by the script tag and the npm entry: prologue first (synchronous), then the policy and the
// wasm in parallel, then the first decision. Any failure fails closed: trackers stay blocked, and the page
// gets an assent:error event and a console message naming the cause and the fix.
import { policyText } from './config';
import { Controller } from './controller';
import { startEngine } from './engine';
import { AssentError } from './errors';
import { LocaleLoader } from './locales';
import { shared } from './shared-state';
import { prologue } from './prologue';
import type { InitOptions } from './types';

declare const __ASSENT_CORE_BUNDLE__: boolean; // build.mjs: true for assent-core.js only

function report(e: unknown): AssentError {
  // By name, not instanceof: the policy fetch may have failed in the other bundle (assent.js), whose
  // AssentError is another class.
  const err = e instanceof Error && e.name === 'AssentError' ? (e as AssentError)
    : new AssentError('internal', `Assent: ${e instanceof Error ? e.message : String(e)}`);
  console.error(`${err.message}\nAssent keeps every non-essential script and embed blocked until this is fixed.`);
  dispatchEvent(new CustomEvent('assent:error', { detail: { code: err.code, message: err.message, path: err.path } }));
  return err;
}

let booted: Promise<Controller> | null = null;

/** Memoised: a second init (e.g. React StrictMode effects) gets the same instance. */
/** `wasmUrl` and `localesUrl` may be relative: they are resolved against the page here. */
export function boot(raw: InitOptions & { wasmUrl: string | URL }): Promise<Controller> {
  if (booted) return booted;
  const options = {
    ...raw,
    wasmUrl: new URL(String(raw.wasmUrl), document.baseURI).href,
    localesUrl: raw.localesUrl ? new URL(String(raw.localesUrl), document.baseURI).href : undefined,
  };
  // assent-core.js runs after assent.js, whose prologue already ran: its bundle leaves this copy out.
  if (!__ASSENT_CORE_BUNDLE__) prologue(options.wasmUrl);
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
