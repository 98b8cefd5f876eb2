// Script-tag entry, part 1 of 2: the synchronous prologue (assent.js), kept small so nothing waits for it.
//   <script src=".../assent.js" data-config="/policy.json" [data-region] [data-lang] [data-wasm] [data-csp="strict"]>
// Placed first in <head>, it pushes the Consent Mode default and installs the blocker before any other
// script runs, starts downloading the policy and the wasm, then loads the rest (assent-core.js) async.
import { loadPolicyText, pageConfig } from './config';
import { actEarly, actOnCachedDecision, queueBannerClicks, serverState } from './early';
import { AssentError, errorDetail } from './errors';
import { offerShared, shared } from './shared-state';
import type { AssentInstance } from './types';
import { prologue } from './prologue';
import { earlyStrictCsp } from './strict-csp';
import { trustedScriptURL } from './trusted';

const script = document.currentScript as HTMLScriptElement | null;
const base = script?.src || document.baseURI;
const wasmUrl = new URL(script?.getAttribute('data-wasm') || 'assent.wasm', base).href;

// A server-assisted page (assent-consent/server) carries the engine's decision and the painted banner: the
// engine, the policy and the core are then only needed for a choice, so they load at idle time or on a click.
const server = serverState();
prologue(wasmUrl, !server);
if (script?.getAttribute('data-csp') === 'strict') earlyStrictCsp();
const config = pageConfig(script);
const state = shared();
if (server) actEarly(server);
else if (config) {
  state.policy = loadPolicyText(config);
  state.policy.catch(() => undefined); // reported by the core
}

const ready = new Promise<AssentInstance>((resolve, reject) => (state.ready = { resolve: resolve as (v: unknown) => void, reject }));
ready.catch(() => undefined); // already reported as assent:error + console
const core = document.createElement('script');
core.async = true;
if (script?.nonce) core.nonce = script.nonce; // strict CSP with nonces
core.setAttribute('data-assent', 'core');
for (const a of ['data-config', 'data-region', 'data-lang', 'data-csp']) {
  const v = script?.getAttribute(a);
  if (v) core.setAttribute(a, v);
}
core.setAttribute('data-wasm', wasmUrl);
const coreUrl = new URL('assent-core.js', base).href;
const coreFailed = (code: 'core-load' | 'trusted-types', why: string) => {
  // Fail closed: the blocker stays installed and holds every third-party script and iframe.
  const error = new AssentError(code, `Assent: could not load ${coreUrl}. ${why}`);
  console.error(`${error.message}\nAssent keeps every non-essential script and embed blocked until this is fixed.`);
  dispatchEvent(new CustomEvent('assent:error', { detail: errorDetail(error) }));
  state.ready?.reject(error);
};
core.onerror = () => coreFailed('core-load', 'Serve assent-core.js next to assent.js (and allow it in your Content-Security-Policy).');
if (!config) core.setAttribute('data-manual', '');
let coreRequested = false;
const loadCore = () => {
  if (coreRequested) return;
  coreRequested = true;
  try {
    offerShared(core);
    core.src = trustedScriptURL(coreUrl);
    (document.head || document.documentElement).append(core);
  } catch (e) {
    // The one thing that can refuse this assignment is a Trusted Types policy that does not allow "assent".
    coreFailed('trusted-types', `${String(e).replace(/\.$/, '')}. With Trusted Types, add \`assent\` to your CSP \`trusted-types\` directive.`);
  }
};
if (server) {
  queueBannerClicks(loadCore);
  const idle = (window as Window & { requestIdleCallback?: (fn: () => void, o: { timeout: number }) => void }).requestIdleCallback;
  const afterLoad = () => (idle ? idle(loadCore, { timeout: 2000 }) : setTimeout(loadCore, 200));
  if (document.readyState === 'complete') afterLoad();
  else addEventListener('load', afterLoad, { once: true });
} else loadCore();
if (!server && state.policy) {
  // A returning visitor (early.ts); here Assent's parts include the core, which must have run.
  const signals = { region: script?.getAttribute('data-region') || undefined, languages: script?.getAttribute('data-lang')?.split(',') };
  const coreRan = new Promise<void>((resolve, reject) => {
    core.addEventListener('load', () => resolve());
    core.addEventListener('error', reject);
  });
  actOnCachedDecision(state.policy, wasmUrl, signals, coreRan);
}

// Until the core arrives, init() queues (the core replaces window.Assent with the real one).
window.Assent = {
  ready,
  init: (options) => {
    state.pendingInit = options;
    return ready;
  },
};
