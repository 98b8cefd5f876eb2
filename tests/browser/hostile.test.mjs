// Hostile input in the browser (issue 8 "Hardening"): broken, huge, binary and future-dated consent cookies;
// every start-up failure after a valid choice (nothing lost); thousands of tagged elements; a page inserting
// trackers in a tight loop. Each: a clear error or a safe outcome, asserted on the network log and cookies.
// How fast the releases are is the benchmark's business (tests/bench/), not this file's.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  clickBanner, EN, openPage, requireShim, settle, setup, trackerHitPaths, trackerHits, trackerRequests, ui, until,
  waitForError, waitForHits, waitForReady,
} from './lib/harness.mjs';
import { consentRecord, fnv1aHex, seedLocalStorage } from './lib/records.mjs';
import { policiesDir } from './lib/site.mjs';

let env;
before(async () => { requireShim(); env = await setup(); });
after(async () => { await env?.close(); });

const TRACKED = ['/analytics.js', '/pixel.js', '/chat.js', '/dynamic.js'];

/** A consent record for policies/main.json built to the format of wasm/core/record.hpp (Accept all, opt-in). */
function record(timestamp) {
  const { revision } = JSON.parse(readFileSync(join(policiesDir, 'main.json'), 'utf8'));
  const body = `1.${fnv1aHex(revision)}.${timestamp}.i.a.preference~analytics~marketing..0123456789abcdef`;
  return `${body}.${fnv1aHex(body)}`;
}
const nowSeconds = () => Math.floor(Date.now() / 1000);

/** Cookie-safe garbage (RFC 6265 cookie-octets) of `n` characters, deterministic. */
function garbage(n) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789!#$%&\'()*+-./:<=>?@[]^_`{|}~';
  let x = 12345;
  let out = '';
  for (let i = 0; i < n; i++) { x = (x * 1103515245 + 12345) & 0x7fffffff; out += alphabet[x % alphabet.length]; }
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// 1. Broken consent cookies on a first visit
// ---------------------------------------------------------------------------------------------------------

const NEIGHBOURS = [
  { name: 'keep_me', value: 'site-pref-1' },
  { name: 'big_neighbour', value: garbage(3500) }, // with the 4 KB record: a Cookie header over 7 KB
];

const BROKEN = [
  { name: '4 KB of garbage', value: garbage(4000) },
  { name: 'percent-encoded binary (invalid UTF-8: decodeURIComponent throws)', value: '%FF%FE%00%01%C3%28%E2%82%AE%ZZ' },
  { name: 'percent-encoded record-looking junk', value: encodeURIComponent('1.\u0000\u0001.\uFFFD.i.a.%%.') },
  { name: 'raw 8-bit characters', value: '\u00ff\u00fe\u00e9\u6f22\u5b57\u00a0end' },
  { name: 'a record dated 100 years in the future (valid checksum)', value: () => record(nowSeconds() + 100 * 365 * 86400) },
  // The engine tolerates a day of clock skew (limits.hpp kClockSkewSeconds); two days is beyond it.
  { name: 'a record dated 2 days in the future (valid checksum)', value: () => record(nowSeconds() + 2 * 86400) },
];

for (const c of BROKEN) {
  test(`broken consent cookie: ${c.name} → banner as on a first visit, no tracker request, no page error, other cookies untouched`, async (t) => {
    const origin = env.server.siteOrigin;
    const value = typeof c.value === 'function' ? c.value() : c.value;
    const { context, page, log, decision } = await openPage(t, env, '/index.html?region=DE', {
      before: async ({ context: ctx }) => {
        await ctx.addCookies([{ name: 'assent', value, url: origin }, ...NEIGHBOURS.map((n) => ({ ...n, url: origin }))]);
        const stored = (await ctx.cookies()).find((x) => x.name === 'assent');
        assert.ok(stored, `precondition: the browser stored the hostile cookie (${value.length} chars)`);
      },
    });
    assert.equal(decision.showBanner, true, `banner shown: ${JSON.stringify({ reason: decision.reason })}`);
    assert.notEqual(decision.reason, 'valid-record');
    await ui(page).banner.waitFor({ state: 'visible' });
    await settle(page, log);
    assert.deepEqual(trackerHitPaths(log), [], 'the tracker server saw nothing');
    assert.deepEqual(trackerRequests(log), []);
    assert.deepEqual(log.pageErrors, [], 'no uncaught page error');
    const cookies = await context.cookies();
    for (const n of NEIGHBOURS) {
      assert.equal(cookies.find((x) => x.name === n.name)?.value, n.value, `${n.name} untouched`);
    }
    // And the visitor can still choose: the broken record is replaced by a valid one.
    await clickBanner(page, EN.acceptAll);
    await waitForHits(log, ['/analytics.js']);
    const after = await consentRecord(context, page);
    assert.match(after.cookie?.value ?? '', /^1\.[0-9a-f]{8}\.\d+\.i\.a\./, `a valid record replaces it: ${after.cookie?.value?.slice(0, 80)}`);
  });
}

test('control: the hand-built record dated now is accepted (no banner, trackers load), so the future-dated ones fail on the date alone', async (t) => {
  const { log, decision } = await openPage(t, env, '/index.html?region=DE', {
    before: ({ context }) => context.addCookies([{ name: 'assent', value: record(nowSeconds() - 60), url: env.server.siteOrigin }]),
  });
  assert.equal(decision.showBanner, false, `reason: ${decision.reason}`);
  assert.equal(decision.reason, 'valid-record');
  await waitForHits(log, ['/analytics.js', '/pixel.js', '/chat.js']);
});

test('broken localStorage mirror and no cookie: 1 MB of garbage → banner as on a first visit, no tracker request, no page error', async (t) => {
  const { page, log, decision } = await openPage(t, env, '/index.html?region=DE', {
    before: ({ page: p }) => seedLocalStorage(p, env.server.siteOrigin, { 'assent:assent': garbage(1 << 20) }),
  });
  assert.equal(decision.showBanner, true, `reason: ${decision.reason}`);
  await settle(page, log);
  assert.deepEqual(trackerHitPaths(log), []);
  assert.deepEqual(trackerRequests(log), []);
  assert.deepEqual(log.pageErrors, []);
});

// ---------------------------------------------------------------------------------------------------------
// 2. Nothing lost: a valid stored choice survives every start-up failure
// ---------------------------------------------------------------------------------------------------------

const FAILURES = [
  { name: 'wasm 404', url: '/index.html?region=DE&shim=404', fails: true },
  { name: 'policy 404', url: '/index.html?region=DE&config=/policies/missing.json', fails: true },
  { name: 'invalid policy', url: '/index.html?region=DE&config=/policies/invalid.json', fails: true },
  { name: 'assent-core.js 404', url: '/index.html?region=DE', route: (u) => u.pathname.endsWith('/assent-core.js'), fails: true },
  { name: 'wasm connection dropped', url: '/index.html?region=DE&shim=abort', fails: true },
  { name: 'corrupted localStorage mirror (cookie intact)', url: '/index.html?region=DE', mirror: `1.${'f'.repeat(8)}.garbage.${garbage(200)}`, fails: false },
];

for (const f of FAILURES) {
  test(`nothing lost: valid choice, then ${f.name} → cookie and localStorage byte-identical, choice applies once fixed`, async (t) => {
    const { context, page, log } = await openPage(t, env, '/index.html?region=DE');
    await clickBanner(page, EN.acceptAll);
    await waitForHits(log, TRACKED);
    const chosen = await until(async () => { const r = await consentRecord(context, page); return r.cookie && r.local && r; }, 'record stored');
    assert.equal(chosen.local, chosen.cookie.value, 'precondition: cookie and mirror agree');

    // The failure.
    if (f.route) await page.route(f.route, (r) => r.fulfill({ status: 404, contentType: 'text/plain', body: 'gone (test)' }));
    if (f.mirror) await page.evaluate((m) => localStorage.setItem('assent:assent', m), f.mirror);
    // The granted page may still have requests on the way; they are its own, never the next document's.
    await page.goto(`${env.server.siteOrigin}${f.url}`);
    if (f.fails) {
      await waitForError(page);
      await settle(page, log);
      assert.deepEqual(trackerRequests(log), [], 'fail closed even with a stored Accept all');
      assert.deepEqual(trackerHitPaths(log), [], 'and the tracker server got nothing from this page');
      const during = await consentRecord(context, page);
      assert.equal(during.cookie?.value, chosen.cookie.value, 'cookie value byte-identical after the failure');
      assert.equal(during.cookie?.expires, chosen.cookie.expires, 'cookie not rewritten (same expiry)');
      assert.equal(during.local, chosen.local, 'localStorage mirror byte-identical after the failure');
    } else {
      const d = await waitForReady(page);
      assert.equal(d.showBanner, false, `the valid cookie wins over the corrupted mirror: ${d.reason}`);
      await waitForHits(log, ['/analytics.js']);
      const during = await consentRecord(context, page);
      assert.equal(during.cookie?.value, chosen.cookie.value, 'cookie value byte-identical');
      assert.ok(during.local === f.mirror || during.local === chosen.local,
        `the mirror is either left alone or repaired from the cookie: ${String(during.local).slice(0, 60)}`);
    }
    assert.deepEqual(log.pageErrors, [], 'no uncaught page error');

    // The failure is gone: the stored choice still applies.
    if (f.route) await page.unroute(f.route);
    await page.goto(`${env.server.siteOrigin}/index.html?region=DE`);
    const d = await waitForReady(page);
    assert.equal(d.showBanner, false, `no banner once fixed: ${d.reason}`);
    assert.equal(d.reason, 'valid-record');
    await waitForHits(log, TRACKED);
    assert.equal(await ui(page).banner.isVisible(), false);
    const afterFix = await consentRecord(context, page);
    assert.equal(afterFix.cookie?.value, chosen.cookie.value, 'cookie value byte-identical once fixed');
    if (f.fails) assert.equal(afterFix.local, chosen.local, 'localStorage mirror byte-identical once fixed');
  });
}

// ---------------------------------------------------------------------------------------------------------
// 3. Thousands of tagged elements
// ---------------------------------------------------------------------------------------------------------

const MANY = { scripts: 1500, inline: 500, frames: 250, imgs: 250 };

test(`thousands of tagged elements (${MANY.scripts} external + ${MANY.inline} inline scripts, ${MANY.frames} iframes, ${MANY.imgs} images): nothing before consent, all released after Accept all, each once, in order`, async (t) => {
  const q = new URLSearchParams({ region: 'DE', ...Object.fromEntries(Object.entries(MANY).map(([k, v]) => [k, String(v)])) });
  const { page, log, decision } = await openPage(t, env, `/many.html?${q}`);
  assert.equal(decision.showBanner, true);
  await ui(page).banner.waitFor({ state: 'visible' });
  const tagged = await page.evaluate(() => document.querySelectorAll('[data-category]').length);
  assert.equal(tagged, MANY.scripts + MANY.inline + MANY.frames + MANY.imgs, 'precondition: every tagged element is in the page');
  await settle(page, log);
  assert.deepEqual(trackerHitPaths(log), [], 'no tracker request before consent (server)');
  assert.deepEqual(trackerRequests(log), [], 'no tracker request before consent (browser)');

  await clickBanner(page, EN.acceptAll);
  const expected = MANY.scripts + MANY.frames + MANY.imgs;
  const many = () => trackerHitPaths(log).filter((p) => p.startsWith('/leak/many/'));
  // Bulk work: the wait only gives up when the count stops moving (a hang), never because it is slow.
  await until(() => many().length >= expected, { message: `all ${expected} tagged URLs requested after Accept all`, progress: () => many().length });
  const ran = () => page.evaluate(() => [window.__leakRan?.length ?? 0, window.__inlineRan ?? 0]);
  await until(async () => { const [ext, inl] = await ran(); return ext >= MANY.scripts && inl === MANY.inline; },
    { message: 'every released script executed', progress: ran });
  await settle(page, log);

  const paths = many();
  assert.equal(new Set(paths).size, expected, 'each tagged URL requested once');
  assert.equal(paths.length, expected, 'no duplicate request');
  assert.deepEqual(await ran(), [MANY.scripts, MANY.inline], 'each released script ran once');
  const order = await page.evaluate(() => window.__leakRan.map((p) => Number(p.match(/s(\d+)\.js/)[1])));
  assert.deepEqual(order, [...order].sort((a, b) => a - b), 'external scripts run in document order');
  assert.deepEqual(log.pageErrors, []);
});

// ---------------------------------------------------------------------------------------------------------
// 4. A page inserting trackers in a tight loop
// ---------------------------------------------------------------------------------------------------------

const dynHits = (log, tag) => trackerHits(log).filter((h) => h.path === '/dynamic.js' && (!tag || h.query.tag === tag));
const bothLoopsRan = (page) => until(() => page.evaluate(() => window.__loop.runs.length === 2), 'both loops ran (before and after assent:ready)');

test('tight loop: 5,000 createElement(script)+src+append before and after ready → 0 requests before consent, loop finishes, all load after Accept all', async (t) => {
  const { page, log } = await openPage(t, env, '/loop.html?region=DE');
  await bothLoopsRan(page);
  await settle(page, log);
  const loop = await page.evaluate(() => ({ runs: window.__loop.runs, errors: window.__loop.errors, loaded: window.__loop.loaded }));
  assert.deepEqual(loop.errors, [], 'no exception inside the loop');
  assert.deepEqual(loop.runs.map((r) => [r.tag, r.n]), [['before', 2500], ['after', 2500]]);
  assert.deepEqual(trackerHitPaths(log), [], 'no tracker request before consent (server)');
  assert.deepEqual(trackerRequests(log), [], 'no tracker request before consent (browser)');
  assert.equal(loop.loaded, 0);
  assert.deepEqual(log.pageErrors, []);

  await clickBanner(page, EN.acceptAll);
  await until(() => dynHits(log).length >= 5000, { message: 'all 5,000 held scripts requested after Accept all', progress: () => dynHits(log).length })
    .catch((e) => { throw new Error(`${e.message}; before: ${dynHits(log, 'before').length}, after: ${dynHits(log, 'after').length}`); });
  const loaded = () => page.evaluate(() => window.__loop.loaded);
  await until(async () => (await loaded()) >= 5000, { message: 'their onload handlers fired', progress: loaded });
  // The page keeps inserting after the choice: those load directly.
  await page.evaluate(() => window.__loop.insert(500, 'post'));
  await until(() => dynHits(log, 'post').length === 500, { message: '500 inserted after Accept all load', progress: () => dynHits(log, 'post').length });
  await settle(page, log);
  assert.equal(new Set(dynHits(log).map((h) => `${h.query.tag}:${h.query.i}`)).size, 5500, 'each requested once');
  assert.equal(dynHits(log).length, 5500, 'no duplicate request');
  assert.deepEqual(log.pageErrors, []);
});

test('tight loop: after Reject all none of the 5,000 is requested, nor 500 more inserted afterwards', async (t) => {
  const { page, log } = await openPage(t, env, '/loop.html?region=DE');
  await bothLoopsRan(page);
  await clickBanner(page, EN.rejectAll);
  await page.evaluate(() => window.__loop.insert(500, 'post'));
  await settle(page, log);
  assert.deepEqual(trackerHitPaths(log), []);
  assert.deepEqual(trackerRequests(log), []);
  assert.equal(await page.evaluate(() => window.__loop.loaded), 0);
  assert.deepEqual(await page.evaluate(() => window.__loop.errors), []);
  assert.deepEqual(log.pageErrors, []);
});
