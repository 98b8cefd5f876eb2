// js-shim/src/site-storage.ts: a withdrawn service's web storage keys go by glob, in both storage areas; other
// keys stay, and a storage area the browser refuses is skipped. (The IndexedDB half runs in a real browser:
// tests/browser/site-storage.test.mjs.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { importTs } from './lib/load-ts.mjs';

/** A minimal Web Storage (key/length/getItem/setItem/removeItem), in insertion order like browsers. */
function fakeStorage(entries) {
  const map = new Map(Object.entries(entries));
  return {
    get length() { return map.size; },
    key: (i) => [...map.keys()][i] ?? null,
    getItem: (k) => (map.has(k) ? map.get(k) : null),
    setItem: (k, v) => map.set(k, String(v)),
    removeItem: (k) => map.delete(k),
    keys: () => [...map.keys()],
  };
}

test('deleteStorage removes every matching key from localStorage and sessionStorage, and nothing else', async () => {
  const local = fakeStorage({ ph_a: '1', ph_b: '2', keep: '3', ph_c: '4', xph_d: '5' });
  const session = fakeStorage({ ph_s: '1', other: '2' });
  globalThis.window = { localStorage: local, sessionStorage: session };
  try {
    const { deleteStorage } = await importTs('js-shim/src/site-storage.ts');
    assert.deepEqual(deleteStorage([]), [], 'no globs: nothing to do');
    assert.deepEqual(deleteStorage(['ph_*']).sort(), ['ph_a', 'ph_b', 'ph_c', 'ph_s']);
    assert.deepEqual(local.keys(), ['keep', 'xph_d'], 'consecutive matches all go; a key that only contains the prefix stays');
    assert.deepEqual(session.keys(), ['other']);
  } finally {
    delete globalThis.window;
  }
});

test('a storage area that throws on access is skipped, the other still cleared', async () => {
  const session = fakeStorage({ ph_s: '1' });
  globalThis.window = { get localStorage() { throw new Error('SecurityError'); }, sessionStorage: session };
  try {
    const { deleteStorage } = await importTs('js-shim/src/site-storage.ts');
    assert.deepEqual(deleteStorage(['ph_*']), ['ph_s']);
  } finally {
    delete globalThis.window;
  }
});
