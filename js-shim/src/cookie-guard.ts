// Cookies and Web Storage are regulated, not only purged. A service's `cookies` globs name its cookies and
// also its localStorage/sessionStorage keys; its `storage` globs name further keys (storage only). While it is not granted, a write of one of them by page code
// (document.cookie, cookieStore.set, Storage setItem) is dropped, with one console warning per name; what it
// left behind is removed once the decision is known on every page load, and again whenever consent changes.
// Deleting writes always pass (purging must work); names a granted service declares, which includes every
// service of a required category, pass, and so do Assent's own consent cookie, its mirror and its probe.
//
// The core installs it with the first decision (Controller.start), so the prologue stays small (~1 KB gzip):
// writes made before that pass, and what is not allowed is removed by that first decision's purge. Installed
// any earlier, writes before the decision would wait in a queue and be decided, in order, once it is known
// (reads unchanged; a removal meanwhile happens at once and is replayed in order too).
//
// Each bundle of the script tag (assent.js, assent-core.js) has its own copy of this module: the first
// installCookieGuard() patches, and its closure keeps the originals and the queue. The copy that configures
// puts the rules in the shared state as plain data (globs, granted flags) that the patches read on each write.
import { matchingNames, PROBE, removeCookies } from './cookies';
import { globMatch } from './glob';
import { shared, type SharedState } from './shared-state';
import type { PolicySummary } from './types';

type Realm = Window & typeof globalThis;
type Services = PolicySummary['services'];

/** What the patches decide by: data only, so whichever copy configures, the patching copy can read it. */
export interface Rules {
  /** Never regulated: Assent's consent cookie and its localStorage mirror. */
  own: string[];
  services: { id: string; cookies: string[]; storage?: string[]; granted: boolean }[];
}

const guard = () => ((shared() as SharedState & { cookieGuard?: { installed?: boolean; rules?: Rules } }).cookieGuard ??= {});

/**
 * How a browser reads a document.cookie string (RFC 6265bis §5.6): the cookie's name (no "=": a nameless
 * cookie), and whether the write deletes it (the last valid Max-Age ≤ 0, else an Expires in the past). A
 * control character makes browsers refuse or cut the string: such a write is never taken for a deletion.
 */
export function parseCookieWrite(str: string, now = Date.now()): { name: string; deletes: boolean } {
  const [pair, ...attrs] = str.split(';');
  const eq = pair.indexOf('=');
  let maxAge: number | undefined;
  let expires: number | undefined;
  for (const a of attrs) {
    const i = a.indexOf('=');
    const key = (i < 0 ? a : a.slice(0, i)).trim().toLowerCase();
    const value = i < 0 ? '' : a.slice(i + 1).trim();
    if (key === 'max-age' && /^-?\d+$/.test(value)) maxAge = Number(value);
    else if (key === 'expires' && !Number.isNaN(Date.parse(value))) expires = Date.parse(value);
  }
  const gone = maxAge !== undefined ? maxAge <= 0 : expires !== undefined && expires <= now;
  return { name: eq < 0 ? '' : pair.slice(0, eq).trim(), deletes: gone && !/[\x00-\x08\x0a-\x1f\x7f]/.test(str) };
}

/** The service that declares `name` (a cookie or storage key) and lacks consent; null when it may be written. */
export function deniedBy(rules: Rules, name: string, storageKey = false): string | null {
  if (rules.own.includes(name)) return null;
  let denied: string | null = null;
  for (const s of rules.services) {
    const names = storageKey && s.storage ? [...s.cookies, ...s.storage] : s.cookies;
    if (!names.some((g) => globMatch(g, name))) continue;
    if (s.granted) return null; // a granted service may set it (`assent lint` warns about overlapping globs)
    denied ??= s.id;
  }
  return denied;
}

/** Writes made before the decision, replayed (and so decided) once it is known. Filled only where patched. */
const pending: (() => void)[] = [];
const warned = new Set<string>();

function sync(): void {
  if (!pending.length || !guard().rules) return;
  for (const write of pending.splice(0)) {
    try {
      write();
    } catch {
      /* e.g. a storage quota: as the page's own write would have failed */
    }
  }
}

/** undefined: not known yet (queue it); null: may be written; else the service that lacks consent. */
function check(name: string, storageKey = false): string | null | undefined {
  sync(); // whatever waited goes first
  const rules = guard().rules;
  return name === PROBE ? null : rules && deniedBy(rules, name, storageKey);
}

/** While the queue is in use, runs `again` in order with it (a removal also happens at once). */
const replayLater = (again: () => void) => guard().rules || pending.push(again);

function drop(what: string, name: string, service: string): void {
  if (warned.has(what + name)) return;
  warned.add(what + name);
  console.warn(`Assent: the ${what} "${name}" was not written: the service "${service}" has no consent. Grant the service, or declare the cookie under an essential service if it is strictly necessary.`);
}

const guarded = new WeakSet<object>();

/** Patches one realm's document.cookie, Storage and CookieStore; once per realm (also for blocking/realms.ts). */
export function guardRealm(w: Realm): void {
  const D = w.Document.prototype;
  if (guarded.has(D)) return;
  guarded.add(D);
  const cookie = Object.getOwnPropertyDescriptor(D, 'cookie');
  if (cookie?.get && cookie.set) {
    const { get, set } = cookie;
    Object.defineProperty(D, 'cookie', {
      ...cookie,
      get(this: Document) {
        sync(); // the copy that configures reads the cookies: the queue is decided then
        return get.call(this);
      },
      set(this: Document, v: string) {
        const { name, deletes } = parseCookieWrite(String(v));
        const denied = check(name);
        if (denied === undefined) pending.push(() => void (this.cookie = v));
        // A deletion passes (a denied one with Max-Age=0 added, in case the browser reads Expires otherwise).
        if (deletes) set.call(this, denied ? `${v}; Max-Age=0` : v);
        else if (denied === null) set.call(this, v);
        else if (denied) drop('cookie', name, denied);
      },
    });
  }

  const S = w.Storage?.prototype;
  if (S) {
    const { setItem, removeItem, clear } = S;
    S.setItem = function (this: Storage, ...args: [string, string]) {
      const key = String(args[0]);
      const denied = check(key, true);
      if (denied === undefined) pending.push(() => this.setItem(...args));
      else if (denied) drop('storage key', key, denied);
      else setItem.apply(this, args);
    };
    S.removeItem = function (this: Storage, ...args: [string]) {
      replayLater(() => removeItem.apply(this, args));
      removeItem.apply(this, args);
    };
    S.clear = function (this: Storage) {
      replayLater(() => clear.call(this));
      clear.call(this);
    };
  }

  // cookieStore.set is held the same way: a dropped write rejects like a failed one; before the decision it waits.
  type Store = { set(...a: unknown[]): Promise<void>; delete(...a: unknown[]): Promise<void> };
  const C = (w as unknown as { CookieStore?: { prototype: Store } }).CookieStore?.prototype;
  if (C?.set) {
    const { set, delete: del } = C;
    C.set = function (this: Store, ...args: unknown[]) {
      const o = args[0] as { name?: unknown; expires?: unknown } | null;
      const name = String(typeof o === 'object' && o ? o.name : o);
      const denied = check(name);
      if (typeof o === 'object' && o && o.expires != null && Number(o.expires) <= Date.now()) {
        replayLater(() => void set.apply(this, args).catch(() => undefined)); // a deletion: at once, and in order
      } else if (denied === undefined) {
        return new Promise<void>((resolve, reject) => pending.push(() => void this.set(...args).then(resolve, reject)));
      } else if (denied) {
        drop('cookie', name, denied);
        return Promise.reject(new TypeError(`Assent: the cookie "${name}" needs consent for "${denied}".`));
      }
      return set.apply(this, args);
    };
    C.delete = function (this: Store, ...args: unknown[]) {
      replayLater(() => void del.apply(this, args).catch(() => undefined));
      return del.apply(this, args);
    };
  }
}

/** Installs the guard in this page (idempotent across both bundles): as early as possible, from the prologue. */
export function installCookieGuard(): void {
  const g = guard();
  if (g.installed) return;
  g.installed = true;
  guardRealm(window);
}

let source: { services: Services; isGranted: (service: string) => boolean; own: string[] } | null = null;

/** The policy and the first decision are known: the queue is decided, and what non-granted services left goes. */
export function configureCookieGuard(services: Services, isGranted: (service: string) => boolean, consentCookie: string): void {
  source = { services, isGranted, own: [consentCookie, `assent:${consentCookie}`] }; // storage.ts: the mirror key
  refreshCookieGuard();
}

/** Consent changed (a choice, another tab, a reset): new rules, and the purge again. */
export function refreshCookieGuard(): void {
  if (!source) return;
  const { services, isGranted, own } = source;
  const rules: Rules = { own, services: services.map((s) => ({ id: s.id, cookies: s.cookies, storage: s.storage, granted: isGranted(s.id) })) };
  guard().rules = rules;
  // This read also lets the copy that patched document.cookie replay its queue, before anything is removed.
  const cookies = document.cookie;
  removeCookies(matchingNames(cookies, services.flatMap((s) => s.cookies)).filter((n) => deniedBy(rules, n)));
  for (const area of [() => localStorage, () => sessionStorage]) {
    try {
      const s = area();
      const keys = Array.from({ length: s.length }, (_, i) => s.key(i));
      for (const k of keys) if (k !== null && deniedBy(rules, k, true)) s.removeItem(k);
    } catch {
      /* this area is blocked (sandboxed frame, privacy mode): nothing stored there either */
    }
  }
}
