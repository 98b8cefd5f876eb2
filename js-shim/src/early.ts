// Acting on a decision the engine has already made, before this page's engine is up: the one the server put
// in the page (assent-consent/server), or the cached one of an earlier page (decision-cache.ts). Either way it
// is the engine's answer for exactly this visitor's inputs, so granted scripts start at once; the controller
// takes over when the core arrives (and, for a cached one, the engine decides again: its answer wins).
import { configureInterceptor, watchTagged } from './blocking';
import { buildContext, type PageSignals } from './context';
import { cacheKey, cachedDecision } from './decision-cache';
import { pushUpdate } from './gcm';
import { grantedIn, releaseFor } from './release';
import { shared } from './shared-state';
import { RecordStore } from './storage';
import type { Decision, PolicySummary } from './types';

export interface Early {
  source: 'server' | 'cache';
  decision: Decision;
  summary: PolicySummary;
}

/** The server's decision: <script type="application/json" id="assent-state"> in <head>, before assent.js. */
export function serverState(): Early | null {
  const el = document.getElementById('assent-state');
  // Only a JSON script in <head>: page content (comments, rich text) cannot fake it.
  if (!(el instanceof HTMLScriptElement) || el.type !== 'application/json' || el.parentNode !== document.head) return null;
  try {
    const s = JSON.parse(el.textContent || '') as { v?: number; decision?: Decision; summary?: PolicySummary };
    return s.v === 1 && s.decision && s.summary ? { source: 'server', decision: s.decision, summary: s.summary } : null;
  } catch {
    return null; // the core decides as on a static site
  }
}

/**
 * Whether this page's engine can come up: assent.wasm answered 200 and the page's CSP allows compiling
 * WebAssembly (an empty module, compiled synchronously, costs microseconds). A cached decision is only acted
 * on when it can: if Assent's engine cannot load, nothing runs (fail closed), cached or not.
 */
async function engineReachable(): Promise<boolean> {
  try {
    if (!(await shared().wasm!.response).ok) return false;
    new WebAssembly.Module(new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]));
    return true;
  } catch {
    return false;
  }
}

/** The cached decision for this page's inputs, or null (first visit, anything changed, expired). */
function cachedState(policyText: string, engineUrl: string, signals: PageSignals): Early | null {
  const hit = cachedDecision((summary) => cacheKey(policyText, engineUrl, buildContext(signals, new RecordStore(summary.storage).read())), Math.floor(Date.now() / 1000));
  return hit && { source: 'cache', ...hit };
}

/**
 * A returning visitor: the engine's cached decision for these very inputs releases granted scripts as soon as
 * the policy text is here and Assent's own parts are (`partsReady`, e.g. the core ran; the wasm answers and may
 * compile), not after the wasm's download and compile. If a part cannot load, nothing is released (fail closed).
 */
export function actOnCachedDecision(policy: Promise<string>, engineUrl: string, signals: PageSignals, partsReady: Promise<unknown>): void {
  Promise.all([policy, partsReady, engineReachable()]).then(([text, , reachable]) => {
    const hit = reachable && cachedState(text, engineUrl, signals);
    if (hit) actEarly(hit);
  }, () => undefined);
}

/** Releases what the early decision grants, now and as the parser adds tags; once per page. */
export function actEarly(early: Early): void {
  const state = shared();
  if (state.early || state.started) return; // once; never after the engine's own decision
  state.early = early;
  const d = early.decision;
  configureInterceptor(early.summary.services, grantedIn(d));
  watchTagged((roots) => releaseFor(d, roots, null));
  releaseFor(d, [document], null);
  if (d.gcm.update) pushUpdate(d.gcm.update);
}

/**
 * The server-rendered banner works before the core arrives: a click on one of its buttons is queued, and
 * loads the core at once; the controller replays the queue (controller.ts).
 */
export function queueBannerClicks(loadCore: () => void): void {
  const state = shared();
  const ids: string[] = [];
  const onClick = (e: Event) => {
    const button = e.composedPath().find((n): n is HTMLElement => n instanceof HTMLElement && n.hasAttribute('data-action'));
    if (!button || !button.closest('section.banner')) return;
    ids.push(button.getAttribute('data-action')!);
    button.closest('section.banner')!.setAttribute('aria-busy', 'true');
    loadCore();
  };
  document.addEventListener('click', onClick, true);
  state.clicks = { ids, stop: () => document.removeEventListener('click', onClick, true) };
}
