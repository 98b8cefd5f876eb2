// js-shim/src/cookies.ts: deleting the cookies of denied services wherever they may live. Expected values come
// from RFC 6265 (domain-match §5.1.3, path-match and default-path §5.1.4, public suffixes §5.3) as implemented
// independently in lib/browser-fakes.mjs, never from the shim itself.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cookieJar, domainMatch, install, pathMatch } from './lib/browser-fakes.mjs';
import { importTs } from './lib/load-ts.mjs';

// A fresh module per use: registrableDomain() remembers its first answer for the page's lifetime.
const load = () => importTs('js-shim/src/cookies.ts');

/** Every cookie path that path-matches `page` (RFC 6265 §5.1.4): the paths a cookie the page can see may have. */
const visiblePaths = (page) => [...Array(page.length).keys()].map((i) => page.slice(0, i + 1)).filter((p) => pathMatch(page, p));

test('pathVariants covers every cookie path visible on the page (RFC 6265 path-match), all absolute', async () => {
  const { pathVariants } = await load();
  for (const page of ['/', '/index.html', '/shop/revoke.html', '/a/b/c/', '/shop']) {
    const got = pathVariants(page);
    for (const p of visiblePaths(page)) assert.ok(got.includes(p), `${page}: a cookie with Path=${p} is visible there, so it must be deleted there too; got ${JSON.stringify(got)}`);
    assert.ok(got.every((p) => p.startsWith('/')), `${page}: ${JSON.stringify(got)}`);
  }
  // The default path of a cookie set without Path on /shop/revoke.html is /shop (§5.1.4).
  assert.ok(pathVariants('/shop/revoke.html').includes('/shop'));
});

test('domainVariants: host-only, the host and each parent down to the registrable domain, never above it', async () => {
  const { domainVariants } = await load();
  const host = 'www.shop.example.co.uk';
  const got = domainVariants(host, 'example.co.uk');
  assert.ok(got.includes(null), 'a host-only cookie (no Domain attribute)');
  for (const d of ['www.shop.example.co.uk', 'shop.example.co.uk', 'example.co.uk']) {
    assert.ok(domainMatch(host, d), `precondition: ${d} domain-matches ${host}`);
    assert.ok(got.includes(d) || got.includes(`.${d}`), `Domain=${d} is covered: ${JSON.stringify(got)}`);
  }
  for (const above of ['co.uk', '.co.uk', 'uk', '.uk']) assert.ok(!got.includes(above), `never the public suffix ${above}`);
  // An IP address has no parent domains (§5.1.3): only host-only and the address itself.
  assert.deepEqual(domainVariants('127.0.0.1', '127.0.0.1').filter((d) => d && d.replace(/^\./, '') !== '127.0.0.1'), []);
  assert.deepEqual(domainVariants('localhost', 'localhost').filter((d) => d && d.replace(/^\./, '') !== 'localhost'), []);
});

test('matchingNames: the names of document.cookie that match the globs, once each; values with "=" do not confuse it', async () => {
  const { matchingNames } = await load();
  const cookies = '_ga=GA1.2.3=4; _ga_ABC123=GS1.1; assent=1.abc; _gid=x;  _ga=GA1.1.other; chat_sid=s1';
  assert.deepEqual(matchingNames(cookies, ['_ga', '_ga_*']), ['_ga', '_ga_ABC123']);
  assert.deepEqual(matchingNames(cookies, ['chat_*']), ['chat_sid']);
  assert.deepEqual(matchingNames(cookies, ['_fbp']), []);
  assert.deepEqual(matchingNames('', ['*']), []);
  assert.ok(!matchingNames(cookies, ['_ga*']).includes('assent'));
});

test('registrableDomain: the shortest parent that accepts a cookie, found by probing; the probe cookie is gone afterwards', async () => {
  const url = 'http://www.shop.example.co.uk/shop/revoke.html';
  const jar = cookieJar(url);
  const undo = install({ url, jar });
  try {
    const { registrableDomain } = await load();
    assert.equal(registrableDomain('www.shop.example.co.uk'), 'example.co.uk', 'co.uk is a public suffix: refused');
    assert.deepEqual(jar.cookies, [], 'no probe cookie left behind');
  } finally {
    undo();
  }
});

test('registrableDomain: an IP address or a single label is its own registrable domain, and nothing is probed', async () => {
  for (const [url, host] of [['http://127.0.0.1:8080/', '127.0.0.1'], ['http://localhost/', 'localhost']]) {
    const jar = cookieJar(url);
    const undo = install({ url, jar });
    try {
      const { registrableDomain } = await load();
      assert.equal(registrableDomain(host), host);
      assert.deepEqual(jar.writes, [], `${host}: no cookie written`);
    } finally {
      undo();
    }
  }
});

test('deleteCookies: the named cookies go on the host, on parent domains and on parent paths; others stay', async () => {
  const url = 'http://www.shop.example.co.uk/shop/revoke.html';
  const jar = cookieJar(url);
  jar.add({ name: '_ga', value: 'host', domain: 'www.shop.example.co.uk', hostOnly: true });
  jar.add({ name: '_ga', value: 'parent', domain: 'example.co.uk' });
  jar.add({ name: '_ga_X1', value: 'mid', domain: 'shop.example.co.uk' });
  jar.add({ name: '_fbp', value: 'shop-path', domain: 'www.shop.example.co.uk', hostOnly: true, path: '/shop' });
  jar.add({ name: 'keep_me', value: '1', domain: 'example.co.uk' });
  jar.add({ name: 'assent', value: 'rec', domain: 'www.shop.example.co.uk', hostOnly: true });
  const undo = install({ url, jar });
  try {
    const { deleteCookies } = await load();
    assert.deepEqual(deleteCookies([]), [], 'no globs: nothing to do');
    const removed = deleteCookies(['_ga', '_ga_*', '_fbp']);
    assert.deepEqual([...removed].sort(), ['_fbp', '_ga', '_ga_X1']);
    assert.deepEqual(jar.cookies.map((c) => c.name).sort(), ['assent', 'keep_me'], `left: ${JSON.stringify(jar.cookies)}`);
    const deletions = jar.writes.filter((w) => /^(_ga|_ga_X1|_fbp)=/.test(w));
    assert.ok(deletions.length > 0 && deletions.every((w) => /Max-Age=0/.test(w)), 'deleted by Max-Age=0');
    assert.ok(deletions.every((w) => !/Domain=\.?(co\.)?uk(;|$)/i.test(w)), 'no deletion aimed at a public suffix');
  } finally {
    undo();
  }
});
