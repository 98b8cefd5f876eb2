// js-shim/src/storage.ts: reading and writing the consent record (a first-party cookie, mirrored to
// localStorage). Expected values come from the README (storage.cookie, storage.domain; a broken or oversized
// record reads as "no choice yet"), RFC 6265 (the Cookie header, cookie-octets) and wasm/core/limits.hpp
// (kRecordChars = 4096).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cookieJar, fakeStorage, install } from './lib/browser-fakes.mjs';
import { importTs } from './lib/load-ts.mjs';

const { recordFromCookies, recordFromMirror, RecordStore } = await importTs('js-shim/src/storage.ts');
const RECORD = '1.2b3c4d5e.1767225600.i.a.preference~analytics..0123456789abcdef.89abcdef';

test('recordFromCookies: the value of exactly the named cookie, percent-decoded; undefined when absent', () => {
  assert.equal(recordFromCookies('', 'assent'), undefined);
  assert.equal(recordFromCookies('a=1; b=2', 'assent'), undefined);
  assert.equal(recordFromCookies(`a=1; assent=${RECORD}; b=2`, 'assent'), RECORD);
  assert.equal(recordFromCookies(`assent=${encodeURIComponent('1.x~y z')}`, 'assent'), '1.x~y z', 'percent-encoded (cookie-octets exclude space)');
  assert.equal(recordFromCookies('xassent=evil; assent_old=old; assent=mine', 'assent'), 'mine', 'a name that only contains "assent" is another cookie');
  assert.equal(recordFromCookies('assent_old=old', 'assent'), undefined);
  assert.equal(recordFromCookies('my_consent=v', 'my_consent'), 'v', 'the name comes from the policy');
  // Two cookies of that name (say, on / and on /shop): the Cookie header lists the longer path first, the more
  // specific one (RFC 6265 §5.4), and that is the one read.
  assert.equal(recordFromCookies('assent=specific; assent=general', 'assent'), 'specific');
  assert.equal(recordFromCookies('assent=', 'assent'), '', 'an empty cookie is an (invalid) record, not "no cookie"');
});

test('recordFromCookies: a cookie that is not our encoding is null (no choice), never an exception', () => {
  for (const bad of ['%E0%A4%A', '%FF%FE', '%', '%zz', '1.%C3%28.x']) {
    assert.equal(recordFromCookies(`assent=${bad}`, 'assent'), null, bad);
  }
});

test('recordFromMirror: a mirror is a candidate only if it fits in a record (≤ 4096 characters)', () => {
  assert.equal(recordFromMirror(null), null);
  assert.equal(recordFromMirror(''), null);
  assert.equal(recordFromMirror(RECORD), RECORD);
  assert.equal(recordFromMirror('x'.repeat(4096)), 'x'.repeat(4096));
  assert.equal(recordFromMirror('x'.repeat(4097)), null);
  assert.equal(recordFromMirror('x'.repeat(1 << 20)), null, '1 MB of garbage is not passed on');
});

/** A document.cookie write as {name, value, attributes (lower-case keys; true for flags)}. */
function parseWrite(str) {
  const [pair, ...attrs] = str.split(';').map((x) => x.trim());
  const eq = pair.indexOf('=');
  return {
    name: pair.slice(0, eq), value: pair.slice(eq + 1),
    attributes: Object.fromEntries(attrs.map((a) => { const [k, v] = a.split('='); return [k.toLowerCase(), v ?? true]; })),
  };
}

/** A RecordStore on a fake page. */
function store(url, storage = { cookie: 'assent' }, { localStorage = fakeStorage(), jar = cookieJar(url) } = {}) {
  const undo = install({ url, jar, storage: localStorage });
  return { s: new RecordStore(storage), jar, localStorage, undo };
}

test('write: the cookie is Path=/, SameSite=Lax, Max-Age as given, percent-encoded, Secure only on https; mirrored raw', () => {
  const http = store('http://shop.example/p/q.html');
  try {
    http.s.write('1.a b', 15724800);
    assert.equal(http.jar.writes.length, 1);
    assert.deepEqual(parseWrite(http.jar.writes[0]), {
      name: 'assent', value: '1.a%20b', attributes: { path: '/', 'max-age': '15724800', samesite: 'Lax' },
    });
    assert.equal(http.localStorage.map.get('assent:assent'), '1.a b');
    assert.equal(http.s.read(), '1.a b', 'reads back what it wrote');
  } finally {
    http.undo();
  }
  const https = store('https://www.northwind.example/', { cookie: 'consent', domain: '.northwind.example' });
  try {
    https.s.write(RECORD, 60);
    assert.deepEqual(https.jar.writes.map(parseWrite), [{
      name: 'consent', value: encodeURIComponent(RECORD),
      attributes: { path: '/', 'max-age': '60', samesite: 'Lax', domain: '.northwind.example', secure: true },
    }]);
    assert.equal(https.localStorage.map.get('assent:consent'), RECORD, 'the mirror key follows the cookie name');
  } finally {
    https.undo();
  }
});

test('read: the cookie wins; without a cookie the mirror; a broken cookie means no choice even with a mirror', () => {
  const url = 'http://shop.example/';
  const jar = cookieJar(url);
  const { s, localStorage, undo } = store(url, { cookie: 'assent' }, { jar });
  try {
    assert.equal(s.read(), null, 'nothing stored: a first visit');
    localStorage.setItem('assent:assent', 'from-mirror');
    assert.equal(s.read(), 'from-mirror', 'another tab or a cleared cookie: the mirror');
    jar.add({ name: 'assent', value: 'from-cookie', domain: 'shop.example', hostOnly: true });
    assert.equal(s.read(), 'from-cookie', 'the cookie is the source of truth');
    jar.cookies = [];
    jar.add({ name: 'assent', value: '%E0%A4%A', domain: 'shop.example', hostOnly: true });
    assert.equal(s.read(), null, 'a broken cookie is read as no choice, not replaced by the mirror');
  } finally {
    undo();
  }
});

test('read/write/clear with localStorage blocked: the cookie alone works, nothing throws', () => {
  const { s, jar, undo } = store('http://shop.example/', { cookie: 'assent' }, { localStorage: fakeStorage({ blocked: true }) });
  try {
    assert.equal(s.read(), null);
    s.write('1.rec', 100);
    assert.equal(s.read(), '1.rec');
    s.clear();
    assert.deepEqual(jar.cookies, [], 'clear() deletes the cookie (Max-Age=0)');
    assert.equal(s.read(), null);
  } finally {
    undo();
  }
});

test('clear: cookie and mirror both go', () => {
  const { s, jar, localStorage, undo } = store('https://shop.example/', { cookie: 'assent' });
  try {
    s.write('1.rec', 100);
    s.clear();
    assert.deepEqual(parseWrite(jar.writes.at(-1)), {
      name: 'assent', value: '', attributes: { path: '/', 'max-age': '0', samesite: 'Lax', secure: true },
    });
    assert.deepEqual(jar.cookies, []);
    assert.equal(localStorage.map.has('assent:assent'), false);
    assert.equal(s.read(), null);
  } finally {
    undo();
  }
});
