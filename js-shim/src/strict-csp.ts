// Strict mode (`data-csp="strict"`, init({ csp: 'strict' })) for static sites that cannot send a CSP header per
// visitor (config/csp.md). The page gets a <meta http-equiv="Content-Security-Policy"> that the engine computed
// for the visitor's decision (Engine.csp): the browser itself then refuses every service without consent, for
// the forms no script can intercept (dynamic import, workers, references saved before Assent, navigation).
// A CSP can only be tightened once in force: a decision that grants less adds a stricter policy; one that
// grants more is stored, then the page reloads so that it starts under the wider policy. The policy last
// enforced is cached (localStorage) with the consent record it was computed for, so that on the next page the
// prologue puts it in place before any other script runs; until the engine has decided on a first visit, the
// JavaScript layer holds every other host (fail closed).
import { shared } from './shared-state';

const CACHE = 'assent-csp';
interface Cached { cookie: string; record: string; header: string; granted: string[] }

// Directives a <meta> CSP cannot carry (the browser ignores them with a console warning).
const metaSafe = (header: string) => header.split(';').map((d) => d.trim()).filter((d) => d && !/^(report-uri|report-to|frame-ancestors|sandbox)\b/i.test(d)).join('; ');

function insert(header: string): void {
  const meta = document.createElement('meta');
  meta.httpEquiv = 'Content-Security-Policy';
  meta.content = metaSafe(header);
  (document.head || document.documentElement).prepend(meta);
}

const cookieValue = (name: string) => document.cookie.split(';').map((c) => c.trim()).find((c) => c.startsWith(`${name}=`))?.slice(name.length + 1) ?? '';

/** Prologue: the cached policy, if it was computed for the record the visitor still has. */
export function earlyStrictCsp(): void {
  try {
    const c = JSON.parse(localStorage.getItem(CACHE) || 'null') as Cached | null;
    if (!c || !c.record || decodeURIComponent(cookieValue(c.cookie)) !== c.record) return;
    insert(c.header);
    shared().cspGranted = c.granted;
  } catch {
    // no storage, or a damaged entry: the core puts the policy in place after its first decision
  }
}

/**
 * Puts the policy for the current decision in force. Returns true when the page must reload because the
 * decision grants a service the policy in force refuses (after storing the choice, so the reload gets it).
 */
export function enforceStrictCsp(answer: { header: string; granted: string[] }, cookie: string, record: string | null): boolean {
  const state = shared();
  try {
    localStorage.setItem(CACHE, JSON.stringify({ cookie, record: record ?? '', header: answer.header, granted: answer.granted } satisfies Cached));
  } catch {
    // without storage the next page starts without the early policy (the JavaScript layer still holds)
  }
  const inForce = state.cspGranted;
  if (inForce && answer.granted.some((s) => !inForce.includes(s))) return true;
  if (!inForce || answer.granted.length < inForce.length) {
    insert(answer.header);
    state.cspGranted = answer.granted;
  }
  return false;
}
