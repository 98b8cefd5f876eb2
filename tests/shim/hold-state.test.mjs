// js-shim/src/blocking/hold-state.ts: which URLs an attribute fetches, and when a URL belongs to a service.
// Expected values come from the URL Standard (host parsing lowercases and punycodes; credentials are not part of
// the host) and from the HTML attribute grammars (srcset candidates, srcdoc documents), not from the shim.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { importTs } from './lib/load-ts.mjs';

function installPage() {
  globalThis.window ??= globalThis;
  globalThis.location = new URL('https://site.example/page');
  globalThis.document = { baseURI: 'https://site.example/page' };
  globalThis.Element = class { setAttribute() {} setAttributeNS() {} removeAttribute() {} };
  globalThis.fetch ??= () => Promise.reject(new Error('no network in unit tests'));
}

async function load(patterns, granted = []) {
  installPage();
  const m = await importTs('js-shim/src/blocking/hold-state.ts');
  m.state.patterns = patterns && patterns.map(([service, pattern]) => ({ service, pattern }));
  m.state.isGranted = (s) => granted.includes(s);
  return m;
}

test('a URL is matched after normalisation: case, userinfo, trailing dot, default port, IDN', async () => {
  const { mustHold, serviceOf } = await load([['ga', 'https://tracker.example/*'], ['idn', 'https://xn--bcher-kva.example/*']]);
  for (const url of [
    'https://tracker.example/a.js',
    'HTTPS://TRACKER.EXAMPLE/a.js',
    'https://user:secret@tracker.example/a.js',
    'https://tracker.example./a.js',
    'https://tracker.example.:443/a.js',
    '//tracker.example/a.js',
  ]) {
    assert.equal(serviceOf(url), 'ga', url);
    assert.equal(mustHold(url), true, url);
  }
  assert.equal(serviceOf('https://bücher.example/x'), 'idn', 'an IDN host matches its punycode pattern');
  assert.equal(mustHold('https://tracker.example.evil/a.js'), false, 'another host is not the service');
  assert.equal(mustHold('https://site.example/own.js'), false);
});

test('granted services and non-network URLs pass; before the policy, every other host is held', async () => {
  let m = await load([['ga', 'https://tracker.example/*']], ['ga']);
  assert.equal(m.mustHold('https://tracker.example/a.js'), false, 'granted');
  assert.equal(m.mustHold('data:image/gif;base64,R0lGOD'), false);
  m = await load(null);
  assert.equal(m.mustHold('https://anything.example/x'), true, 'policy unknown: held');
  assert.equal(m.mustHold('wss://chat.example/socket'), true);
  assert.equal(m.mustHold('/same-origin.js'), false);
  assert.equal(m.mustHold('wss://site.example/socket'), false, 'same host');
});

test('urlsIn: srcset candidates, CSS url() and @import, srcdoc and data: documents', async () => {
  const { urlsIn, mustHoldValue } = await load([['ga', 'https://tracker.example/*']]);
  assert.deepEqual(urlsIn('srcset', 'a.png 1x, https://tracker.example/b.png 2x'), ['a.png', 'https://tracker.example/b.png']);
  assert.deepEqual(urlsIn('imagesrcset', 'https://tracker.example/w.png 640w'), ['https://tracker.example/w.png']);
  assert.ok(urlsIn('style', 'background:url("https://tracker.example/bg.png")').includes('https://tracker.example/bg.png'));
  assert.ok(urlsIn('style', "@import 'https://tracker.example/f.css';").includes('https://tracker.example/f.css'));
  assert.equal(mustHoldValue('srcdoc', '<p>hi</p><img src="https://tracker.example/p.gif">'), true);
  assert.equal(mustHoldValue('srcdoc', '<p>hi</p><img src="/own.gif">'), false);
  assert.equal(mustHoldValue('src', 'data:text/html,%3Cimg%20src%3D%22https%3A%2F%2Ftracker.example%2Fp.gif%22%3E'), true, 'a data: document');
  assert.equal(mustHoldValue('src', `data:text/html;base64,${Buffer.from('<script src="https://tracker.example/t.js"></script>').toString('base64')}`), true);
  assert.equal(mustHoldValue('srcset', 'a.png 1x, b.png 2x'), false);
});
