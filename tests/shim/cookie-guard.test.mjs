// js-shim/src/cookie-guard.ts: writes of a non-granted service's cookies (document.cookie, cookieStore.set) and
// storage keys (Storage setItem) are dropped, deletions pass, writes before the decision wait for it, stale
// names are purged. Expected values come from the README ("Cookies and storage"), RFC 6265bis §5.6 (how a
// cookie string is read: the name before the first "=", Max-Age over Expires, Max-Age ≤ 0 deletes) and the
// cookie jar of lib/browser-fakes.mjs, never from the shim itself.
import { afterEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { cookieJar } from './lib/browser-fakes.mjs';
import { importTs } from './lib/load-ts.mjs';

// The two script-tag bundles each carry a copy of the module and share one state (shared-state.ts). Here each
// importTs() is such a copy, and the stub gives them all the same state object, reset per test.
const SHARED_STUB = 'export const shared = () => (globalThis.__guardTestShared ??= {});';
const copy = () => importTs('js-shim/src/cookie-guard.ts', {}, { stubs: { 'js-shim/src/shared-state': SHARED_STUB } });
const { parseCookieWrite, deniedBy } = await copy();

const PAST = 'Thu, 01 Jan 1970 00:00:00 GMT';
const FUTURE = 'Fri, 01 Jan 2100 00:00:00 GMT';
const FIX = 'grant the service, or declare the cookie under an essential service if it is strictly necessary';

test('parseCookieWrite: the name is what precedes the first "=", trimmed; case is kept; no "=" is a nameless cookie', () => {
  const name = (s) => parseCookieWrite(s).name;
  assert.equal(name('_ga=GA1.2.3=4; Path=/'), '_ga', 'a value with "=" does not confuse it');
  assert.equal(name('  _ga  =x'), '_ga');
  assert.equal(name('\t_ga\t= x ;path=/'), '_ga');
  assert.equal(name('_ga='), '_ga', 'an empty value');
  assert.equal(name('_GA=1'), '_GA', 'cookie names are case-sensitive: _GA is another cookie than _ga');
  assert.equal(name('_ga'), '', 'no "=": the browser stores a nameless cookie whose value is "_ga"');
  assert.equal(name(''), '');
  assert.equal(name('=x'), '');
  assert.equal(name(';_ga=1'), '', 'the pair is what precedes the first ";"');
  assert.equal(name('_ga=1; x=_fbp'), '_ga', 'attributes are not cookies');
  assert.equal(name(String(null)), '');
});

test('parseCookieWrite: a deletion is a Max-Age ≤ 0 (the last valid one wins) or else an Expires in the past', () => {
  const now = Date.parse('2026-11-30T12:00:00Z');
  const del = (s) => parseCookieWrite(s, now).deletes;
  for (const s of ['x=; Max-Age=0', 'x=1; max-age=0', 'x=; MAX-AGE = 0 ', 'x=; Max-Age=-1', 'x=; Max-Age=-99999999999',
    `x=; Expires=${PAST}`, `x=; expires=${PAST}; Path=/`, 'x=; Expires=2026-11-30T11:59:59Z',
    `x=; Max-Age=0; Expires=${FUTURE}`, 'x=1; Max-Age=60; Max-Age=0', 'x=1; Max-Age=0; Max-Age=junk'])
    assert.equal(del(s), true, s);
  for (const s of ['x=1', 'x=1; Path=/; Secure', 'x=; Max-Age=1', `x=; Expires=${FUTURE}`, 'x=; Expires=soon',
    'x=; Max-Age=0abc', 'x=; Max-Age=', 'x=; Max-Age', 'x=; Max-Age=0x0', `x=1; Expires=${PAST}; Max-Age=100`,
    'x=1; Max-Age=0; Max-Age=60', 'x=; Max-Age=99999999999999999999999'])
    assert.equal(del(s), false, s);
  // A control character makes browsers refuse or cut the string: never counted as a deletion.
  assert.equal(del('x=; Max-Age=0\n'), false);
  assert.equal(del(`x=; Expires=${PAST}\r`), false);
  assert.equal(del('x=;\tMax-Age=0'), true, 'a tab is whitespace, not a control character here');
});

const RULES = {
  own: ['assent', 'assent:assent'],
  services: [
    { id: 'ga', cookies: ['_ga', '_ga_*'], granted: false },
    { id: 'pixel', cookies: ['_fbp'], granted: false },
    { id: 'session', cookies: ['sid', '_ga_keep'], granted: true }, // an essential service: always granted
    { id: 'catch-all', cookies: ['*'], granted: false },
  ],
};

test('deniedBy: the first non-granted service whose glob matches; a granted service\'s glob and Assent\'s own names win', () => {
  const rules = { ...RULES, services: RULES.services.slice(0, 3) };
  assert.equal(deniedBy(rules, '_ga'), 'ga');
  assert.equal(deniedBy(rules, '_ga_ABC123'), 'ga');
  assert.equal(deniedBy(rules, '_ga_'), 'ga', '* matches the empty string');
  assert.equal(deniedBy(rules, '_fbp'), 'pixel');
  assert.equal(deniedBy(rules, '_gab'), null, 'no glob matches: not regulated');
  assert.equal(deniedBy(rules, '_GA'), null, 'globs are case-sensitive, like cookie names');
  assert.equal(deniedBy(rules, 'sid'), null, 'an essential service\'s cookie');
  assert.equal(deniedBy(rules, '_ga_keep'), null, 'declared by a granted service too: that one may set it');
  assert.equal(deniedBy(RULES, 'anything'), 'catch-all');
  assert.equal(deniedBy(RULES, 'assent'), null, 'Assent\'s own cookie, even under a catch-all glob');
  assert.equal(deniedBy(RULES, 'assent:assent'), null, 'and its localStorage mirror');
  assert.equal(deniedBy({ own: [], services: [] }, '_ga'), null);
});

/** A fresh Storage class (the guard patches its prototype) with the Web Storage API, its data in a private field. */
const storageClass = () => class Storage {
  #m = new Map();
  get length() { return this.#m.size; }
  key(i) { return [...this.#m.keys()][i] ?? null; }
  getItem(k) { return this.#m.has(String(k)) ? this.#m.get(String(k)) : null; }
  setItem(k, v) { if (arguments.length < 2) throw new TypeError('2 arguments required'); this.#m.set(String(k), String(v)); }
  removeItem(k) { this.#m.delete(String(k)); }
  clear() { this.#m.clear(); }
  keys() { return [...this.#m.keys()].sort(); }
};

let undoPage = null;
afterEach(() => { undoPage?.(); undoPage = null; });

/**
 * A page at `url` as the guard sees a browser: window.Document.prototype.cookie (a cookie jar), Storage,
 * CookieStore, localStorage, sessionStorage, location, console.warn recorded. Undone after each test.
 */
function page(url = 'http://www.shop.example.co.uk/shop/p.html') {
  const jar = cookieJar(url);
  const nativeWrites = [];
  class Document {}
  Object.defineProperty(Document.prototype, 'cookie', {
    configurable: true, enumerable: true,
    get() { return jar.get(); },
    set(s) { nativeWrites.push(String(s)); jar.set(String(s)); },
  });
  class CookieStore {
    async set(o, value) {
      const c = typeof o === 'object' ? o : { name: o, value };
      const gone = c.expires != null && c.expires <= Date.now();
      jar.set(`${c.name}=${c.value ?? ''}; Path=/${gone ? '; Max-Age=0' : ''}`);
    }
    async delete(name) { jar.set(`${name}=; Path=/; Max-Age=0`); }
  }
  const Storage = storageClass();
  const u = new URL(url);
  const warnings = [];
  const globals = {
    window: globalThis, Document, Storage, CookieStore,
    document: new Document(), localStorage: new Storage(), sessionStorage: new Storage(),
    cookieStore: new CookieStore(), location: { hostname: u.hostname, pathname: u.pathname, protocol: u.protocol },
  };
  const saved = Object.fromEntries(Object.keys(globals).map((k) => [k, Object.getOwnPropertyDescriptor(globalThis, k)]));
  for (const [k, v] of Object.entries(globals)) Object.defineProperty(globalThis, k, { value: v, configurable: true, writable: true });
  const warn = console.warn;
  console.warn = (m) => warnings.push(String(m));
  globalThis.__guardTestShared = {};
  undoPage = () => {
    console.warn = warn;
    delete globalThis.__guardTestShared;
    for (const [k, d] of Object.entries(saved)) (d ? Object.defineProperty(globalThis, k, d) : delete globalThis[k]);
  };
  const names = () => jar.cookies.map((c) => c.name).sort();
  return { jar, nativeWrites, warnings, names, ...globals };
}

const SERVICES = [
  { id: 'fake-analytics', category: 'analytics', scripts: [], cookies: ['_ga', '_ga_*'] },
  { id: 'meta-pixel', category: 'marketing', scripts: [], cookies: ['_fbp'] },
  { id: 'session', category: 'essential', scripts: [], cookies: ['sid'] },
];
/** isGranted for a decision granting `ids` (and, like the engine, every essential service). */
const granting = (...ids) => (id) => id === 'session' || ids.includes(id);

test('after the decision: a non-granted service\'s cookie write is dropped with one warning; everything else passes unchanged', async () => {
  const p = page();
  const guard = await copy();
  guard.installCookieGuard();
  guard.configureCookieGuard(SERVICES, granting(), 'assent');
  p.nativeWrites.length = 0;

  p.document.cookie = '_ga=GA1.2.x; Path=/; Max-Age=63072000; SameSite=Lax';
  p.document.cookie = ' _ga_ABC = y ; path=/';
  p.document.cookie = '_ga=again';
  p.document.cookie = '_fbp=fb.1';
  const kept = ['theme=dark; Path=/; Max-Age=60', 'sid=s1; Path=/', '_GA=case; Path=/', 'assent=1.rec; Path=/; Max-Age=60; SameSite=Lax'];
  for (const s of kept) p.document.cookie = s;
  assert.deepEqual(p.names(), ['_GA', 'assent', 'sid', 'theme']);
  assert.deepEqual(p.nativeWrites, kept, 'what passes reaches the browser byte for byte');

  assert.equal(p.warnings.length, 3, `one warning per name: ${JSON.stringify(p.warnings)}`);
  const [ga] = p.warnings;
  for (const part of ['"_ga"', '"fake-analytics"', FIX]) assert.ok(ga.toLowerCase().includes(part.toLowerCase()), `${ga} names ${part}`);
  assert.ok(p.warnings[1].includes('"_ga_ABC"') && p.warnings[2].includes('"_fbp"') && p.warnings[2].includes('"meta-pixel"'));
  assert.equal(p.document.cookie.includes('theme=dark'), true, 'reads are unchanged');
});

test('deletions always pass, a denied one made certain with Max-Age=0; so Assent\'s purge and the page\'s own work', async () => {
  const p = page();
  p.jar.add({ name: '_ga', value: 'stale', domain: 'www.shop.example.co.uk', hostOnly: true });
  const guard = await copy();
  guard.installCookieGuard();
  guard.configureCookieGuard(SERVICES, granting('fake-analytics'), 'assent'); // granted: nothing purged
  assert.deepEqual(p.names(), ['_ga']);
  guard.configureCookieGuard(SERVICES, granting(), 'assent');
  assert.deepEqual(p.names(), [], 'purged when the service is not granted');

  p.jar.add({ name: '_ga', value: 'stale', domain: 'www.shop.example.co.uk', hostOnly: true });
  p.nativeWrites.length = 0;
  p.document.cookie = `_ga=bye; Path=/; Expires=${PAST}`;
  assert.deepEqual(p.names(), []);
  assert.deepEqual(p.nativeWrites, [`_ga=bye; Path=/; Expires=${PAST}; Max-Age=0`]);
  p.document.cookie = 'theme=x; Path=/';
  p.document.cookie = 'theme=; Path=/; Max-Age=0';
  assert.deepEqual(p.names(), []);
  assert.deepEqual(p.warnings, [], 'a deletion is not a dropped write');
});

test('consent changes: refreshCookieGuard follows the decision (grant → writes pass; revoke → stale names purged)', async () => {
  const p = page();
  let granted = granting();
  const guard = await copy();
  guard.installCookieGuard();
  guard.configureCookieGuard(SERVICES, (id) => granted(id), 'assent');
  p.document.cookie = '_ga=1; Path=/';
  p.localStorage.setItem('_ga', 'denied');
  assert.deepEqual(p.names(), []);

  granted = granting('fake-analytics');
  guard.refreshCookieGuard();
  p.document.cookie = '_ga=2; Path=/';
  p.document.cookie = '_ga_X=3; Path=/';
  p.localStorage.setItem('_ga', 'granted');
  assert.deepEqual(p.names(), ['_ga', '_ga_X']);
  assert.equal(p.localStorage.getItem('_ga'), 'granted');

  granted = granting();
  guard.refreshCookieGuard();
  assert.deepEqual(p.names(), []);
  assert.equal(p.localStorage.getItem('_ga'), null);
});

test('purge on configure: stale cookies (any domain and path) and storage keys of non-granted services go; the rest stays', async () => {
  const p = page();
  const host = 'www.shop.example.co.uk';
  p.jar.add({ name: '_ga', value: 'host', domain: host, hostOnly: true });
  p.jar.add({ name: '_ga', value: 'parent', domain: 'example.co.uk' });
  p.jar.add({ name: '_ga_X1', value: 'path', domain: host, hostOnly: true, path: '/shop' });
  p.jar.add({ name: '_fbp', value: 'fb', domain: 'shop.example.co.uk' });
  for (const name of ['sid', 'keep_me', 'assent']) p.jar.add({ name, value: '1', domain: host, hostOnly: true });
  for (const k of ['_ga', '_ga_x', '_fbp_not', 'sid', 'app-state', 'assent:assent']) p.localStorage.setItem(k, 'v');
  p.sessionStorage.setItem('_fbp', 'v');
  p.sessionStorage.setItem('tab', 'v');

  const guard = await copy();
  guard.installCookieGuard();
  guard.configureCookieGuard(SERVICES, granting(), 'assent');
  assert.deepEqual(p.names(), ['assent', 'keep_me', 'sid']);
  assert.deepEqual(p.localStorage.keys(), ['_fbp_not', 'app-state', 'assent:assent', 'sid']);
  assert.deepEqual(p.sessionStorage.keys(), ['tab']);
  assert.deepEqual(p.warnings, []);
});

test('storage: setItem of a non-granted service\'s key is dropped with one warning; other keys and removals pass', async () => {
  const p = page();
  const guard = await copy();
  guard.installCookieGuard();
  guard.configureCookieGuard(SERVICES, granting(), 'assent');
  p.localStorage.setItem('_ga', 'x');
  p.localStorage.setItem('_ga', 'y');
  p.sessionStorage.setItem('_ga_s', 'x');
  p.localStorage.setItem('cart', '3');
  p.localStorage.setItem('sid', 'x');
  p.localStorage.setItem('assent:assent', '1.rec');
  assert.deepEqual(p.localStorage.keys(), ['assent:assent', 'cart', 'sid']);
  assert.deepEqual(p.sessionStorage.keys(), []);
  assert.equal(p.warnings.length, 2);
  assert.ok(p.warnings[0].includes('"_ga"') && p.warnings[0].includes('"fake-analytics"'));
  p.localStorage.removeItem('cart');
  assert.deepEqual(p.localStorage.keys(), ['assent:assent', 'sid']);
  assert.throws(() => p.localStorage.setItem('one-argument'), TypeError, 'the browser\'s own errors are kept');
});

test('before the decision (guard from the prologue copy, rules from the core copy): writes wait and are decided in order', async () => {
  const p = page();
  const prologue = await copy();
  const core = await copy();
  prologue.installCookieGuard();
  const patched = Object.getOwnPropertyDescriptor(p.Document.prototype, 'cookie');
  core.installCookieGuard(); // the core's call once the prologue installed it: nothing more
  assert.equal(Object.getOwnPropertyDescriptor(p.Document.prototype, 'cookie').set, patched.set, 'patched once');

  p.jar.add({ name: 'old', value: '1', domain: 'www.shop.example.co.uk', hostOnly: true });
  p.document.cookie = '_ga=early; Path=/';
  p.document.cookie = 'theme=light; Path=/';
  p.document.cookie = 'theme=dark; Path=/';
  p.document.cookie = 'tmp=1; Path=/';
  p.document.cookie = 'tmp=; Path=/; Max-Age=0';
  p.document.cookie = 'old=; Path=/; Max-Age=0';
  p.document.cookie = '__assent_probe=x; Path=/';
  p.localStorage.setItem('_ga', 'early');
  p.localStorage.setItem('prefs', '1');
  p.localStorage.setItem('__test', '1'); // the usual "is there storage?" check
  p.localStorage.removeItem('__test');
  assert.deepEqual(p.names(), ['__assent_probe'], 'nothing written yet but the probe; the deletion happened at once');
  assert.equal(p.document.cookie, '__assent_probe=x', 'reads are unchanged: an early value reads back only once decided');
  assert.deepEqual(p.localStorage.keys(), []);

  core.configureCookieGuard(SERVICES, granting(), 'assent');
  assert.deepEqual(p.names(), ['__assent_probe', 'theme']);
  assert.equal(p.jar.cookies.find((c) => c.name === 'theme').value, 'dark', 'in the order they were made');
  assert.deepEqual(p.localStorage.keys(), ['prefs'], 'no stray __test, no _ga');
  assert.equal(p.warnings.length, 2, JSON.stringify(p.warnings));

  p.document.cookie = 'after=1; Path=/';
  assert.ok(p.names().includes('after'), 'and from then on, at once');
});

test('before the decision, a granted service\'s early write is made once decided (opt-out region)', async () => {
  const p = page();
  const prologue = await copy();
  const core = await copy();
  prologue.installCookieGuard();
  p.document.cookie = '_ga=early; Path=/';
  p.localStorage.setItem('_ga_k', 'early');
  core.configureCookieGuard(SERVICES, granting('fake-analytics'), 'assent');
  assert.deepEqual(p.names(), ['_ga']);
  assert.equal(p.localStorage.getItem('_ga_k'), 'early');
  assert.deepEqual(p.warnings, []);
});

test('cookieStore.set: a dropped write rejects like a failed one; before the decision it waits; deletions pass', async () => {
  const p = page();
  const prologue = await copy();
  const core = await copy();
  prologue.installCookieGuard();
  const early = p.cookieStore.set('_ga', 'early');
  const earlyOk = p.cookieStore.set({ name: 'theme', value: 'dark' });
  let settled = false;
  early.then(() => (settled = true), () => (settled = true));
  await new Promise((r) => setTimeout(r, 10));
  assert.equal(settled, false, 'held until the decision');
  assert.deepEqual(p.names(), []);

  core.configureCookieGuard(SERVICES, granting(), 'assent');
  await assert.rejects(early, (e) => e instanceof TypeError && e.message.includes('_ga'));
  await earlyOk;
  assert.deepEqual(p.names(), ['theme']);

  await assert.rejects(p.cookieStore.set({ name: '_ga_Z', value: 'x' }), TypeError);
  await p.cookieStore.set('sid', 's');
  assert.deepEqual(p.names(), ['sid', 'theme']);
  assert.ok(p.warnings.some((w) => w.includes('"_ga"')) && p.warnings.some((w) => w.includes('"_ga_Z"')));

  p.jar.add({ name: '_ga', value: 'stale', domain: 'www.shop.example.co.uk', hostOnly: true });
  await p.cookieStore.set({ name: '_ga', value: '', expires: Date.now() - 1000 });
  await p.cookieStore.delete('theme');
  assert.deepEqual(p.names(), ['sid']);
});

// A service's `storage` globs (policy services[].storage) name web-storage keys only: its keys go like its
// cookies' (in both storage areas, on configure and on every refresh) and page writes of them are dropped;
// they never name a cookie. An area the browser refuses is skipped.
test('storage globs: a non-granted service\'s keys are purged from both areas and their writes dropped; cookies of that name untouched', async () => {
  const p = page();
  for (const k of ['ph_a', 'ph_b', 'keep', 'ph_c', 'xph_d']) p.localStorage.setItem(k, 'v');
  p.sessionStorage.setItem('ph_s', 'v');
  p.sessionStorage.setItem('other', 'v');
  p.jar.add({ name: 'ph_cookie', value: '1', domain: 'www.shop.example.co.uk', hostOnly: true });
  const guard = await copy();
  guard.installCookieGuard();
  guard.configureCookieGuard([{ id: 'posthog', cookies: [], storage: ['ph_*'] }], () => false, 'assent');
  assert.deepEqual(p.localStorage.keys(), ['keep', 'xph_d'], 'consecutive matches all go; a key that only contains the prefix stays');
  assert.deepEqual(p.sessionStorage.keys(), ['other']);
  assert.deepEqual(p.names(), ['ph_cookie'], 'storage globs do not name cookies');
  p.localStorage.setItem('ph_new', 'x');
  assert.equal(p.localStorage.getItem('ph_new'), null, 'a write of the key is dropped');
  assert.equal(deniedBy({ own: [], services: [{ id: 'posthog', cookies: [], storage: ['ph_*'], granted: false }] }, 'ph_a', true), 'posthog');
  assert.equal(deniedBy({ own: [], services: [{ id: 'posthog', cookies: [], storage: ['ph_*'], granted: false }] }, 'ph_a'), null);
});
