// The engine's last decision, kept with every input it depended on, so a returning visitor's granted scripts
// start without waiting for the wasm (early.ts). Nothing here decides: an entry is used only when the policy
// text, the engine build, the context the engine would be asked with (record, region hint or time zone, GPC,
// DNT, languages) are exactly those of the cached call, and the engine's own validUntil has not passed.
// The engine still decides when it loads (controller.ts), and its answer wins.
import type { Decision, PolicySummary } from './types';

const KEY = 'assent-decision';

export interface CachedDecision {
  decision: Decision;
  summary: PolicySummary;
}

/** A 53-bit string hash (cyrb53): the policy text's identity, not a security measure. */
export function textHash(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}

/** The identity of one engine call: policy, engine build and the context without its clock and nonce. */
export function cacheKey(policyText: string, engineUrl: string, context: object): string {
  const { now: _now, nonce: _nonce, ...inputs } = context as Record<string, unknown>;
  return JSON.stringify([textHash(policyText), engineUrl, inputs]);
}

export function saveDecision(key: string, decision: Decision, summary: PolicySummary): void {
  try {
    localStorage.setItem(KEY, JSON.stringify({ key, decision, summary }));
  } catch {
    // storage blocked or full: returning visits wait for the engine, as before
  }
}

export function forgetDecision(): void {
  try {
    localStorage.removeItem(KEY);
  } catch {
    // nothing cached
  }
}

/**
 * The cached decision for exactly this call, if the engine said it still holds `now` (seconds). `keyFor`
 * builds the call's key from the cached policy summary (the record is read from the cookie it names).
 */
export function cachedDecision(keyFor: (summary: PolicySummary) => string, now: number): CachedDecision | null {
  try {
    const entry = JSON.parse(localStorage.getItem(KEY) || 'null') as (CachedDecision & { key: string }) | null;
    if (!entry || !entry.decision || !entry.summary || entry.key !== keyFor(entry.summary)) return null;
    // The engine's own horizon (a record's expiry): null = no time limit; missing = an engine that gives none.
    const until = entry.decision.validUntil;
    if (until !== null && (typeof until !== 'number' || now >= until)) return null;
    return { decision: entry.decision, summary: entry.summary };
  } catch {
    return null;
  }
}
