// State that must exist once per page even though the script-tag build is two bundles (the synchronous
// prologue, assent.js, and the async core, assent-core.js, each with its own copy of some modules): the
// interceptor's held elements and original DOM functions, the early wasm and policy fetches, the GCM flag.
//
// It holds the originals the blocker patched (fetch, setters, innerHTML) and the Trusted Types policy, so no
// page code may reach it: it lives in a closure of the prologue, and the core claims it once, while the
// prologue's own <script> element for assent-core.js is the one executing (checked with the native
// currentScript getter, which page code cannot redefine for us). A page global only ever holds the one-shot
// claim function, which answers nothing to anyone else.
export interface SharedState {
  gcmDefaultPushed?: boolean;
  wasm?: { url: string; response: Promise<Response> };
  policy?: Promise<string>;
  intercept?: unknown; // the blocker's state: blocking/hold-state.ts
  /** Element.prototype.innerHTML before html-sinks.ts patched it. */
  innerHTML?: PropertyDescriptor;
  /** The Trusted Types policy "assent" (null: none, or not allowed); see trusted.ts. */
  tt?: unknown;
  /** Set by the prologue; the core fulfils it. */
  ready?: { resolve(v: unknown): void; reject(e: unknown): void };
  pendingInit?: unknown;
  /** A decision the engine made before this page's engine runs: the server's, or the cached one (early.ts). */
  early?: unknown;
  /** The controller has started: an early decision arriving later must not act any more. */
  started?: boolean;
  /** Banner clicks that came before the core (server-rendered banner): replayed by the controller, which
   *  then stops the queue's listener. */
  clicks?: { ids: string[]; stop(): void };
  /** The visitor's time zone, read once per page (context.ts). */
  zone?: string;
  /** Starts loading assent-core.js now (the server path defers it to idle time or the first click). */
  loadCore?: () => void;
  /** Strict mode: the services the CSP in force allows (strict-csp.ts). */
  cspGranted?: string[];
}

declare const __ASSENT_CORE_BUNDLE__: boolean;
const CLAIM = '__assentClaim';
let state: SharedState | null = null;

/** The page's one shared state (the core bundle claims the prologue's on first use). */
export function shared(): SharedState {
  if (state) return state;
  if (typeof __ASSENT_CORE_BUNDLE__ === 'undefined' || !__ASSENT_CORE_BUNDLE__) return (state = {});
  const w = window as unknown as Record<string, unknown>;
  const claim = w[CLAIM] as (() => SharedState | null) | undefined;
  state = typeof claim === 'function' ? claim() : null;
  if (!state) throw new Error('Assent: assent-core.js must be loaded by assent.js (it was loaded another way, or too late).');
  return state;
}

/** The prologue offers its state to the core it is loading, and to nothing else. */
export function offerShared(core: HTMLScriptElement): void {
  const currentScript = Object.getOwnPropertyDescriptor(Document.prototype, 'currentScript')!.get!; // before page code runs
  const w = window as unknown as Record<string, unknown>;
  Object.defineProperty(w, CLAIM, {
    configurable: true,
    value: () => {
      if (currentScript.call(document) !== core) return null;
      delete w[CLAIM];
      return shared();
    },
  });
}
