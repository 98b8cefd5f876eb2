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

// A WebSocket/EventSource made while the policy is unknown (it cannot wait like fetch) or for a service without
// consent: a stand-in with the real interface. Once the policy is known, a granted one connects for real and the
// stand-in forwards (events, send, close, state); a refused one fires `error` (and `close` 1006), like a
// connection the browser blocked, and never contacts anything.
type Socket = EventTarget & Record<string, unknown>;
function standIn(Real: new (url: string | URL, arg?: never) => EventTarget, url: string, arg: never, closed: number, isSocket: boolean): EventTarget {
  const fake = new EventTarget() as Socket;
  Object.setPrototypeOf(fake, Real.prototype);
  let real: Socket | null = null;
  let state = 0;
  let binaryType = 'blob';
  const pending: unknown[] = [];
  const live = (name: string, dflt: unknown) => ({ get: () => (real ? real[name] : dflt), configurable: true });
  Object.defineProperties(fake, {
    url: { value: url, configurable: true },
    readyState: { get: () => (real ? real.readyState : state), configurable: true },
    protocol: live('protocol', ''), extensions: live('extensions', ''), bufferedAmount: live('bufferedAmount', 0),
    withCredentials: live('withCredentials', false),
    binaryType: { get: () => (real ? real.binaryType : binaryType), set: (v: string) => { binaryType = v; if (real) real.binaryType = v; }, configurable: true },
    send: { value: (data: unknown) => (real ? (real.send as (d: unknown) => void)(data) : state === 0 ? pending.push(data) : undefined), configurable: true },
    close: { value: (...a: unknown[]) => (real ? (real.close as (...x: unknown[]) => void)(...a) : (state = closed)), configurable: true },
  });
  for (const h of ['onopen', 'onmessage', 'onerror', 'onclose']) Object.defineProperty(fake, h, { value: null, writable: true, configurable: true });
  const fire = (e: Event) => {
    fake.dispatchEvent(e);
    (fake[`on${e.type}`] as ((e: Event) => void) | null)?.call(fake, e);
  };
  const decide = () => {
    if (state !== 0) return; // closed by the page meanwhile
    if (verdict(url) === 'go') {
      real = new Real(url, arg) as Socket;
      real.binaryType = binaryType;
      for (const type of ['open', 'message', 'error', 'close'])
        real.addEventListener(type, (e) => fire(new (e.constructor as typeof Event)(e.type, e as EventInit)));
      if (isSocket) real.addEventListener('open', () => pending.splice(0).forEach((d) => (real!.send as (d: unknown) => void)(d)), { once: true });
      return;
    }
    console.warn(`Assent: ${url} is blocked until consent.`);
    state = closed;
    fire(new Event('error'));
    if (isSocket) fire(new CloseEvent('close', { code: 1006, wasClean: false }));
  };
  if (verdict(url) === 'wait') later(decide);
  else setTimeout(decide); // refused: fail asynchronously, as a blocked connection does
  return fake;
}

function wrapConstructor<C extends new (url: string | URL, arg?: never) => EventTarget>(w: Realm, name: 'WebSocket' | 'EventSource', closed: number): void {
  const Real = w[name] as unknown as C | undefined;
  if (!Real) return;
  const Wrapped = function (this: unknown, url: string | URL, arg?: never) {
    const abs = absolute(String(url));
    return verdict(abs) === 'go' ? new Real(url, arg) : standIn(Real, abs, arg as never, closed, name === 'WebSocket');
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
        later(() => {
          if (verdict(urlOf(input)) === 'go') fl.call(window, input, init); // a refused one is dropped, as if blocked
        });
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
  for (const retry of state.waiting.splice(0)) {
    try {
      retry();
    } catch (e) {
      console.error(e); // the page's own call failed: not Assent's start
    }
  }
}
