// What the engine needs to know about the visitor, read from the browser. No decisions are made here.
import { shared } from './shared-state';

export interface PageSignals {
  region?: string;
  languages?: string[];
}

function randomHex(): string {
  const bytes = new Uint8Array(8);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

function gpcOn(): boolean {
  const v = (navigator as Navigator & { globalPrivacyControl?: unknown }).globalPrivacyControl;
  return v === true || v === '1' || v === 1;
}

function timeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || '';
  } catch {
    return '';
  }
}

// Reading the time zone costs ~15 ms on a cold page (~50 ms on a slow phone), so it is only read when there is
// no region hint for the engine to use first — and only once per page: the memo is in the state both bundles
// share (assent.js reads it for the cached decision's key, assent-core.js for the engine).

export function buildContext(signals: PageSignals, record: string | null): object {
  return {
    region: signals.region || undefined,
    timeZone: signals.region ? undefined : (shared().zone ??= timeZone()),
    languages: signals.languages || Array.from(navigator.languages || [navigator.language]).slice(0, 16),
    gpc: gpcOn(),
    dnt: navigator.doNotTrack === '1',
    now: Math.floor(Date.now() / 1000),
    record: record || undefined,
    nonce: randomHex(),
  };
}
