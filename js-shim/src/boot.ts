// Start-up shared by the script tag and the npm entry: prologue first (synchronous), then the policy and the
// wasm in parallel, then the first decision. Any failure fails closed: trackers stay blocked, and the page
// gets an assent:error event and a console message naming the cause and the fix.
import { loadPolicyText } from './config';
import { Controller } from './controller';
import { cacheKey, saveDecision } from './decision-cache';
import { actEarly, actOnCachedDecision, serverState, type Early } from './early';
import { startEngine, startFullEngine, type Engine } from './engine';
import { AssentError, asAssentError, errorDetail } from './errors';
import { LocaleLoader, localeFolder, type LocaleSource } from './locales';
import { shared } from './shared-state';
import { prologue } from './prologue';
import type { InitOptions, PolicySummary } from './types';

declare const __ASSENT_CORE_BUNDLE__: boolean; // build.mjs: true for assent-core.js only

function report(e: unknown): AssentError {
  const err = asAssentError(e); // the policy fetch may have failed in the other bundle (assent.js)
  console.error(`${err.message}\nAssent keeps every non-essential script and embed blocked until this is fixed.`);
  dispatchEvent(new CustomEvent('assent:error', { detail: errorDetail(err) }));
  return err;
}

function resolveUrl(value: string | URL, option: string): string {
  try {
    return new URL(String(value), document.baseURI).href;
  } catch {
    throw new AssentError('bad-options', `Assent: init({ ${option} }) is not a URL: ${JSON.stringify(String(value))}.`);
  }
}

let booted: Promise<Controller> | null = null;

/** Memoised: a second init (e.g. React StrictMode effects) gets the same instance. */
/** `wasmUrl` and `localesUrl` may be relative: they are resolved against the page here. */
/** `fullWasmUrl` (assent-full.wasm, for [data-assent-policy] only) defaults to the file beside `wasmUrl`. */
/** `localeSource`: the npm package's own files; else `localesUrl`, else locales/ next to the wasm. */
export function boot(raw: InitOptions & { wasmUrl: string | URL }, localeSource?: LocaleSource): Promise<Controller> {
  if (booted) return booted;
  booted = (async () => {
    try {
      // Up to the first await this runs synchronously, so the prologue still comes before any other script;
      // inside the try, a bad URL rejects with an AssentError instead of throwing out of init().
      if (raw.csp !== undefined && raw.csp !== 'strict')
        throw new AssentError('bad-options', `Assent: init({ csp }) must be 'strict' or absent, not ${JSON.stringify(raw.csp)}.`);
      const options = {
        ...raw,
        wasmUrl: resolveUrl(raw.wasmUrl, 'wasmUrl'),
        fullWasmUrl: raw.fullWasmUrl ? resolveUrl(raw.fullWasmUrl, 'fullWasmUrl') : undefined,
        localesUrl: raw.localesUrl ? resolveUrl(raw.localesUrl, 'localesUrl') : undefined,
      };
      // assent-core.js runs after assent.js, whose prologue already ran: its bundle leaves this copy out.
      const npmServer = __ASSENT_CORE_BUNDLE__ ? null : serverState();
      if (!__ASSENT_CORE_BUNDLE__) prologue(options.wasmUrl, !npmServer);
      if (npmServer) actEarly(npmServer);
      // The script-tag prologue may have started the policy fetch already.
      const text = shared().policy ?? loadPolicyText(options.config);
      const signals = { region: options.region, languages: options.languages };
      // npm: a returning visitor's cached decision acts before the engine is up (the script tag did it already).
      if (!__ASSENT_CORE_BUNDLE__ && !npmServer) actOnCachedDecision(text, options.wasmUrl, signals, Promise.resolve());
      const locales = new LocaleLoader(localeSource ?? localeFolder(options.localesUrl || new URL('locales/', options.wasmUrl).href));
      const preferred = options.languages || Array.from(navigator.languages || [navigator.language]);
      void text.then((t) => locales.prefetch(t, preferred), () => undefined);
      const [engine, policyJson] = await Promise.all([startEngine(options.wasmUrl), text]);
      // assent-full.wasm: the visitor engine (assent.wasm) plus the cookie-section renderer and the "did you
      // mean" hints in policy errors. Fetched only when a page needs one of these.
      const fullUrl = options.fullWasmUrl || new URL('assent-full.wasm', options.wasmUrl).href;
      const loadFull = () => startFullEngine(fullUrl).then((f) => (f.load(policyJson), f));
      let policy: PolicySummary;
      try {
        policy = engine.load(policyJson);
      } catch (e) {
        // An invalid policy (the site owner's to fix): the same errors, with the hints, from the full engine.
        if (!(e instanceof AssentError) || e.code !== 'policy-invalid') throw e;
        throw await loadFull().then(() => e, (hinted) => (hinted instanceof AssentError && hinted.code === 'policy-invalid' ? hinted : e));
      }
      // The engine negotiates the language; its texts are installed before the first decision (Controller.start()).
      const language = engine.language({ languages: preferred });
      await locales.install(engine, language);
      // The cookie-section renderer is in assent-full.wasm only: started when a page has [data-assent-policy],
      // with the texts of the section's language (fetched once each, like the banner's).
      let full: Promise<Engine> | null = null;
      const fullEngine = (sectionLanguage: string) =>
        (full ??= loadFull()).then(async (f) => {
          await locales.install(f, sectionLanguage);
          return f;
        });
      // No wait for DOMContentLoaded: the decision and the release of granted scripts happen now (tags not
      // parsed yet are caught as they arrive); only the banner waits for <body>.
      const early = shared().early as Early | undefined;
      // The server decided with the region its CDN saw: later choices are made for that region too.
      if (early?.source === 'server' && early.decision.region) signals.region ??= early.decision.region;
      const controller = new Controller(
        engine,
        policy,
        signals,
        { enabled: options.ui !== false, root: options.root || null },
        options.csp === 'strict',
        (context, decision) => saveDecision(cacheKey(policyJson, options.wasmUrl, context), decision, policy),
        fullEngine,
      );
      controller.start(early);
      return controller;
    } catch (e) {
      throw report(e);
    }
  })();
  return booted;
}
