// fetch() and navigator.sendBeacon() from page code (a tag manager's own hits, a site's analytics call) are
// the requests no element carries. Before the policy is known, a call to another origin waits for it; after,
// a call to a service without consent fails the way a blocked request does: fetch rejects with a TypeError,
// sendBeacon returns false. Granted and first-party calls go straight through.
import { mustHold, state } from './hold-state';

type Verdict = 'go' | 'wait' | 'block';
const verdict = (url: string): Verdict => (!mustHold(url) ? 'go' : state.patterns === null ? 'wait' : 'block');
const later = (retry: () => void) => state.waiting.push(retry);

/** Assent's own requests (policy, wasm, locales) must not wait for the policy they are loading. */
export const ownFetch = (input: RequestInfo | URL, init?: RequestInit): Promise<Response> =>
  state.fetch.call(window, input, init);

export function installNetworkHold(): void {
  const realFetch = state.fetch;
  window.fetch = function (this: unknown, input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
    const url = input instanceof Request ? input.url : String(input);
    const v = verdict(url);
    if (v === 'go') return realFetch.call(this, input, init);
    if (v === 'block') return Promise.reject(new TypeError(`Assent: ${url} is blocked until consent`));
    return new Promise<void>((resolve) => later(resolve)).then(() => window.fetch(input, init));
  };
  const realBeacon = navigator.sendBeacon;
  if (!realBeacon) return;
  navigator.sendBeacon = function (this: Navigator, url: string | URL, data?: BodyInit | null): boolean {
    const v = verdict(String(url));
    if (v === 'go') return realBeacon.call(this, url, data);
    if (v === 'wait') later(() => navigator.sendBeacon(url, data)); // decided again once the policy is known
    return v === 'wait';
  };
}

/** The policy is known: every call that waited for it is decided now. */
export function decideWaiting(): void {
  for (const retry of state.waiting.splice(0)) retry();
}
