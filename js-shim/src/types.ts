// Public types: the engine's JSON shapes (decision, choice) and the shim's API. One file serves the npm
// package and the script-tag global (see index.ts / auto.ts). Names the engine defines (Consent Mode types,
// action types, button ids) come from generated/engine-constants.ts, written from the engine.
import type { ACTION_TYPES, BUTTON_IDS, GCM_TYPES } from './generated/engine-constants';

export type ConsentModel = 'opt-in' | 'opt-out' | 'notice' | 'none';
export type GcmValue = 'granted' | 'denied';
export type GcmType = (typeof GCM_TYPES)[number];
export type GcmState = Record<GcmType, GcmValue>;

export interface CategoryDecision {
  id: string;
  granted: boolean;
  locked: boolean;
  reason: string;
}

export interface ServiceDecision {
  id: string;
  category: string;
  granted: boolean;
  vendor: string;
  name?: string;
  purpose?: string;
  cookies: string[];
  retention?: string;
  privacyUrl?: string;
}

export type ButtonId = (typeof BUTTON_IDS)[number];

/** What the engine decided for this visitor (see README "The engine API"). */
export interface Decision {
  region: string | null;
  regionSource: 'hint' | 'timezone' | 'fallback';
  model: ConsentModel;
  language: string;
  showBanner: boolean;
  reason: string;
  gpc: boolean;
  dnt: boolean;
  record: { valid: boolean; reason: string; consentId?: string; timestamp?: number };
  /** The engine's horizon: from this time (seconds) the same inputs may decide otherwise (a record expires); null: none. */
  validUntil: number | null;
  categories: CategoryDecision[];
  services: ServiceDecision[];
  /** Consent Mode `update` (null: nothing to update yet). The default is the same for everyone: see gcm.ts. */
  gcm: { update: GcmState | null };
  ui: {
    rejectOnFirstLayer: boolean;
    doNotSellLink: boolean;
    gpcNotice: boolean;
    /** The first layer is a one-line notice: a GPC signal was already honoured (wasm/core/SPEC.md §UI). */
    compact: boolean;
    buttons: ButtonId[];
    layout: 'bar' | 'box';
    position: string;
    theme: 'light' | 'dark' | 'auto';
    policyUrl?: string;
  };
  texts: Record<string, string>;
}

export interface ChoiceResult {
  record: string;
  maxAgeSeconds: number;
  decision: Decision;
  deleteCookies: string[];
  /** localStorage/sessionStorage keys and IndexedDB names (globs) of the services now denied. */
  deleteStorage: string[];
  revoked: string[];
  reload: boolean;
}

/** The engine's summary of a loaded policy: what the shim needs beyond decisions. */
export interface PolicySummary {
  revision: string;
  storage: { cookie: string; domain?: string; maxAgeDays: number };
  categories: string[];
  services: { id: string; category: string; scripts: string[]; cookies: string[]; storage: string[] }[];
  languages: string[];
  reloadOnRevoke: boolean;
  /** ui.theme's colours and shape: only what the policy set (README "Theming"). */
  theme: ThemeColours & { radius?: number; font?: string; dark?: ThemeColours };
  /** Where each choice is posted for a signed receipt (README "Proof of consent"). */
  receipts?: { url: string };
}

/** Hex colours; accentText is the engine's pick of black or white on the accent. */
export interface ThemeColours {
  accent?: string;
  background?: string;
  text?: string;
  accentText?: string;
}

export type ActionType = (typeof ACTION_TYPES)[number];
/** What choose() takes; the rules of each (custom, grant, keepServices) are the engine's: wasm/core/choice.hpp. */
export type Action =
  | { type: Exclude<ActionType, 'custom' | 'grant'> }
  | { type: Extract<ActionType, 'custom'>; categories: string[]; services?: string[]; keepServices?: boolean }
  | { type: Extract<ActionType, 'grant'>; categories?: string[]; services?: string[] };

export interface InitOptions {
  /** The policy: an object, its JSON text, or a URL to fetch it from. */
  config: object | string | URL;
  /** Explicit region hint (ISO 3166: "DE", "US-CA"); otherwise the browser time zone decides. */
  region?: string;
  /** Accepted languages, most preferred first (default: navigator.languages). */
  languages?: string[];
  /** Where assent.wasm lives (default: next to the script, or the package's own URL). */
  wasmUrl?: string | URL;
  /** URL of assent-full.wasm, the engine with the cookie-section renderer, downloaded only by pages with
   *  [data-assent-policy] (and to word an invalid policy's errors). Default: beside `wasmUrl`, or the package's own. */
  fullWasmUrl?: string | URL;
  /** Folder of the built-in locale files (default: `locales/` next to assent.wasm). */
  localesUrl?: string | URL;
  /** Render the banner and dialog (default true). With false, drive your own UI through the API. */
  ui?: boolean;
  /** Element to render into (default: document.body). */
  root?: HTMLElement;
  /**
   * 'strict': also let the browser enforce the decision with a Content-Security-Policy computed by the engine
   * (a <meta> tag; the page reloads after a choice that grants more). For static sites; with a server, send the
   * header instead (assent-consent/csp). See config/csp.md.
   */
  csp?: 'strict';
}

export type EventName = 'ready' | 'change' | 'error';
export interface ChangeDetail {
  decision: Decision;
  revoked: string[];
}
/**
 * Every code an Assent failure can carry (README "Error codes"). From the engine: `policy-invalid`,
 * `bad-context`, `bad-action`, `bad-locale`, `not-loaded`. From the shim: the rest.
 */
export type AssentErrorCode =
  | 'policy-invalid' // the policy breaks the schema or the rules; `path` points at the first problem
  | 'bad-context' // the engine refused the visitor context (region hint, languages, record)
  | 'bad-action' // a choice names an unknown category or service, or is malformed
  | 'bad-locale' // a locale file is not a flat JSON object of strings
  | 'not-loaded' // the engine was asked before a valid policy was loaded
  | 'policy-fetch' // the policy URL could not be fetched or answered an HTTP error
  | 'policy-missing' // no policy given: no data-config, no inline #assent-policy, empty config
  | 'bad-options' // init() was called without an options object, or with a wasmUrl/fullWasmUrl/localesUrl that is no URL
  | 'wasm-fetch' // assent.wasm answered an HTTP error
  | 'wasm-csp' // the page's Content-Security-Policy blocks WebAssembly
  | 'wasm-load' // assent.wasm could not be downloaded or compiled
  | 'core-load' // assent-core.js could not be loaded (script tag)
  | 'locale-fetch' // no texts to show: the visitor's locale file and the English one both failed to load
  | 'trusted-types' // the page enforces Trusted Types and does not allow the policy "assent"
  | 'receipt-refused' // the receipts server refused a choice (4xx other than 408/429): it is not sent again
  | 'storage-write' // the choice could be stored neither as a cookie nor in localStorage
  | 'internal'; // a bug in Assent: please report it

export interface AssentErrorDetail {
  code: AssentErrorCode;
  message: string;
  path?: string;
}

export interface AssentInstance {
  /** The engine's current decision. */
  readonly decision: Decision;
  /** Whether a category or a service may run now. */
  has(id: string): boolean;
  /** acceptAll, rejectAll, set and reset reject with an AssentError (e.g. `bad-action` for an unknown id). */
  acceptAll(): Promise<Decision>;
  rejectAll(): Promise<Decision>;
  /** Grant exactly these categories (and services); everything else non-essential is denied. */
  set(choice: { categories?: string[]; services?: string[] }): Promise<Decision>;
  /** Grant these too, keeping everything granted now (e.g. "load this video"); rejects with `bad-action` for an unknown id. */
  grant(choice: { categories?: string[]; services?: string[] }): Promise<Decision>;
  showPreferences(): void;
  hide(): void;
  /** Forget the stored choice and ask again. */
  reset(): Promise<Decision>;
  /**
   * Renders the cookie section (as `[data-assent-policy]` elements get it) into `el`, in `lang` (default: the
   * element's `data-assent-policy` value, else the banner's language). Loads assent-full.wasm on first use.
   * Sections an SPA adds after init() are filled without this call; it is for rendering on demand.
   */
  renderPolicy(el: Element, lang?: string): Promise<void>;
  /**
   * 'ready': the instance is ready by the time you hold it, so `fn` is called once, asynchronously, with the
   * decision at subscription (like `.then` on a settled promise).
   * 'change': after every choice, reset, or change made in another tab.
   * 'error': a failure after start (a choice the engine refuses, a choice that could not be stored, a
   * failed cookie-policy render); the call that failed, if any, also rejects with the same AssentError.
   */
  on(event: 'ready', fn: (d: Decision) => void): void;
  on(event: 'change', fn: (d: ChangeDetail) => void): void;
  on(event: 'error', fn: (e: AssentErrorDetail) => void): void;
  off(event: 'ready', fn: (d: Decision) => void): void;
  off(event: 'change', fn: (d: ChangeDetail) => void): void;
  off(event: 'error', fn: (e: AssentErrorDetail) => void): void;
}

/** The script-tag build's global. */
export interface AssentGlobal {
  init(options: InitOptions): Promise<AssentInstance>;
  /** Resolves when the instance started from the tag's data-config (or inline policy) is ready. */
  ready: Promise<AssentInstance>;
}

declare global {
  interface Window {
    Assent?: AssentGlobal;
  }
}
