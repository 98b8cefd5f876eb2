// Requests no element carries: fetch, fetchLater, XMLHttpRequest, navigator.sendBeacon, WebSocket,
// EventSource, window.open. Before the policy is known, a call to another host waits for it (fetch, XHR,
// beacons) or fails closed (sockets, event streams, pop-ups: they cannot wait); after, a call to a service
// without consent fails the way a blocked request does — fetch rejects with a TypeError, XHR fires `error`
// with status 0, sendBeacon returns false, a socket/stream fires `error` (and `close`), window.open returns
// null — and nothing is contacted. Granted and first-party calls go straight through. Installed in every realm.
import { replaceConstructor } from './element-patches';
import { absolute, mustHold, state } from './hold-state';

type Realm = Window & typeof globalThis;
type Verdict = 'go' | 'wait' | 'block';
const verdict = (url: string): Verdict => (!mustHold(url) ? 'go' : state.patterns === null ? 'wait' : 'block');
const later = (retry: () => void) => state.waiting.push(retry);
const urlOf = (input: unknown): string => (input instanceof Request ? input.url : String(input));
const blocked = (url: string) => new TypeError(`Assent: ${url} is blocked until consent`);

/** Assent's own requests (policy, wasm, locales) must not wait for the policy they are loading. */
export const ownFetch = (input: RequestInfo | URL, init?: RequestInit): Promise<Response> =>
  state.fetch.call(window, input, init);

// A same-origin URL that fails as a network error without contacting anything: XHR re-opened on it fires
// `error` with status 0, exactly like a request the browser blocked.
let dead: string | null = null;
const deadUrl = (): string => {
  if (!dead) URL.revokeObjectURL((dead = URL.createObjectURL(new Blob())));
  return dead;
};

// A WebSocket/EventSource stand-in that never connects: CONNECTING, then `error` (and `close` 1006), CLOSED.
function refused<T extends EventTarget>(Real: { prototype: T }, url: string, closed: number, close: boolean): T {
  const fake = new EventTarget() as unknown as Record<string, unknown>;
  Object.setPrototypeOf(fake, Real.prototype);
  Object.assign(fake, { url, readyState: 0, protocol: '', extensions: '', bufferedAmount: 0, binaryType: 'blob', withCredentials: false, onopen: null, onerror: null, onclose: null, onmessage: null });
  fake.send = () => undefined;
  fake.close = () => undefined;
  setTimeout(() => {
    fake.readyState = closed;
    const fire = (e: Event) => {
      (fake as unknown as EventTarget).dispatchEvent(e);
      (fake[`on${e.type}`] as ((e: Event) => void) | null)?.call(fake, e);
    };
    fire(new Event('error'));
    if (close) fire(new CloseEvent('close', { code: 1006, wasClean: false }));
  });
  console.warn(`Assent: ${url} is blocked until consent.`);
  return fake as unknown as T;
}

function wrapConstructor<C extends new (url: string | URL, arg?: never) => EventTarget>(w: Realm, name: 'WebSocket' | 'EventSource', closed: number): void {
  const Real = w[name] as unknown as C | undefined;
  if (!Real) return;
  const Wrapped = function (this: unknown, url: string | URL, arg?: never) {
    const abs = absolute(String(url));
    return verdict(abs) === 'go' ? new Real(url, arg) : refused(Real, abs, closed, name === 'WebSocket');
  } as unknown as C;
  replaceConstructor(w, name, Real, Wrapped);
}

export function patchNetwork(w: Realm): void {
  const realFetch = state.fetch;
  w.fetch = function (input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
    const v = verdict(urlOf(input));
    if (v === 'go') return realFetch.call(window, input, init);
    if (v === 'block') return Promise.reject(blocked(urlOf(input)));
    return new Promise<void>((resolve) => later(resolve)).then(() => window.fetch(input, init));
  };
  const fl = (w as unknown as { fetchLater?: (i: unknown, o?: unknown) => unknown }).fetchLater;
  if (fl)
    (w as unknown as { fetchLater: typeof fl }).fetchLater = function (input: unknown, init?: unknown) {
      const v = verdict(urlOf(input));
      if (v === 'block') throw blocked(urlOf(input));
      if (v === 'wait') {
        later(() => void (window as unknown as { fetchLater: typeof fl }).fetchLater(input, init));
        return { activated: false };
      }
      return fl.call(window, input, init);
    };

  const N = w.Navigator.prototype;
  const beacon = N.sendBeacon;
  if (beacon)
    N.sendBeacon = function (this: Navigator, url: string | URL, data?: BodyInit | null): boolean {
      const v = verdict(String(url));
      if (v === 'go') return beacon.call(this, url, data);
      if (v === 'wait') later(() => navigator.sendBeacon(url, data)); // decided again once the policy is known
      return v === 'wait';
    };

  const X = w.XMLHttpRequest.prototype;
  const open = X.open;
  const send = X.send;
  const opened = new WeakMap<XMLHttpRequest, unknown[]>();
  X.open = function (this: XMLHttpRequest, ...args: unknown[]) {
    opened.set(this, args);
    return (open as (...a: unknown[]) => void).apply(this, args);
  };
  X.send = function (this: XMLHttpRequest, body?: Document | XMLHttpRequestBodyInit | null) {
    const args = opened.get(this);
    const v = args ? verdict(absolute(String(args[1]))) : 'go';
    const sync = args?.[2] === false;
    if (v === 'go') return send.call(this, body);
    if (v === 'wait' && !sync) return later(() => X.send.call(this, body));
    open.call(this, String(args![0]), deadUrl(), !sync);
    return send.call(this);
  };

  wrapConstructor(w, 'WebSocket', 3);
  wrapConstructor(w, 'EventSource', 2);

}

/** window.open(url) of a URL that must be held: refused like a blocked pop-up (null). */
export function openRefused(url: unknown): boolean {
  if (url === undefined || String(url) === '' || !mustHold(absolute(String(url)))) return false;
  console.warn(`Assent: window.open(${String(url)}) is blocked until consent.`);
  return true;
}

/** The policy is known: every call that waited for it is decided now. */
export function decideWaiting(): void {
  for (const retry of state.waiting.splice(0)) retry();
}
