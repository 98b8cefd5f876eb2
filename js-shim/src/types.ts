// Public types: the engine's JSON shapes (decision, choice) and the shim's API. One file serves the npm
// package and the script-tag global (see index.ts / auto.ts).

export type ConsentModel = 'opt-in' | 'opt-out' | 'notice' | 'none';
export type GcmValue = 'granted' | 'denied';
export type GcmState = Record<
  | 'ad_storage'
  | 'ad_user_data'
  | 'ad_personalization'
  | 'analytics_storage'
  | 'functionality_storage'
  | 'personalization_storage'
  | 'security_storage',
  GcmValue
>;

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

export type ButtonId = 'accept-all' | 'reject-all' | 'preferences' | 'acknowledge' | 'opt-out';

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
  categories: CategoryDecision[];
  services: ServiceDecision[];
  gcm: { default: GcmState; update: GcmState | null };
  ui: {
    rejectOnFirstLayer: boolean;
    doNotSellLink: boolean;
    gpcNotice: boolean;
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
  revoked: string[];
  reload: boolean;
}

/** The engine's summary of a loaded policy: what the shim needs beyond decisions. */
export interface PolicySummary {
  revision: string;
  storage: { cookie: string; domain?: string; maxAgeDays: number };
  categories: string[];
  services: { id: string; category: string; scripts: string[]; cookies: string[] }[];
  languages: string[];
  reloadOnRevoke: boolean;
}

export type Action =
  | { type: 'accept-all' | 'reject-all' | 'opt-out' | 'acknowledge' }
  | { type: 'custom'; categories: string[]; services?: string[] };

export interface InitOptions {
  /** The policy: an object, its JSON text, or a URL to fetch it from. */
  config: object | string | URL;
  /** Explicit region hint (ISO 3166: "DE", "US-CA"); otherwise the browser time zone decides. */
  region?: string;
  /** Accepted languages, most preferred first (default: navigator.languages). */
  languages?: string[];
  /** Where assent.wasm lives (default: next to the script, or the package's own URL). */
  wasmUrl?: string | URL;
  /** Folder of the built-in locale files (default: `locales/` next to assent.wasm). */
  localesUrl?: string | URL;
  /** Render the banner and dialog (default true). With false, drive your own UI through the API. */
  ui?: boolean;
  /** Element to render into (default: document.body). */
  root?: HTMLElement;
}

export type EventName = 'ready' | 'change' | 'error';
export interface ChangeDetail {
  decision: Decision;
  revoked: string[];
}
export interface AssentErrorDetail {
  code: string;
  message: string;
  path?: string;
}

export interface AssentInstance {
  /** The engine's current decision. */
  readonly decision: Decision;
  /** Whether a category or a service may run now. */
  has(id: string): boolean;
  acceptAll(): Promise<Decision>;
  rejectAll(): Promise<Decision>;
  /** Grant exactly these categories (and services); everything else non-essential is denied. */
  set(choice: { categories?: string[]; services?: string[] }): Promise<Decision>;
  showPreferences(): void;
  hide(): void;
  /** Forget the stored choice and ask again. */
  reset(): Promise<Decision>;
  on(event: 'ready', fn: (d: Decision) => void): void;
  on(event: 'change', fn: (d: ChangeDetail) => void): void;
  on(event: 'error', fn: (e: AssentErrorDetail) => void): void;
  off(event: EventName, fn: (...args: never[]) => void): void;
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
