// Cookies and storage are regulated, not only purged (README "Cookies and storage"), in Chromium on the main
// test page: while fake-analytics (cookies `_ga`, `_ga_*`) is not granted, page code's writes of `_ga` through
// document.cookie, cookieStore.set and localStorage.setItem are dropped with one console warning, stale ones are
// removed on every load, and a granted service (Accept all, or US-CA's opt-out default) writes as before.
// Cookies are read from the browser context, never from the page.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { clickBanner, EN, events, openPage, requireShim, setup, TEST_DOMAIN, ui, until, waitForEvents, waitForHits, waitForReady } from './lib/harness.mjs';
import { cookieMap, seedLocalStorage } from './lib/records.mjs';

let env;
before(async () => { requireShim(); env = await setup(); });
after(async () => { await env?.close(); });

const FIX = 'grant the service, or declare the cookie under an essential service if it is strictly necessary';

/**
 * Page code writing what the fake trackers write (tests/browser/lib/tracker.mjs: analytics.js's `_ga`, pixel.js's
 * `_fbp`), a localStorage key of fake-analytics, and a cookie and a key that no service declares.
 */
function trackerWrites(page, value) {
  return page.evaluate((v) => {
    document.cookie = `_ga=${v}; path=/; max-age=63072000; samesite=lax`;
    document.cookie = `_fbp=${v}; max-age=7776000; samesite=lax`;
    document.cookie = `site_pref=${v}; path=/`;
    localStorage.setItem('_ga', v);
    localStorage.setItem('site_state', v);
  }, value);
}

/** `cookieStore.set('_ga', value)`: 'ok' or the rejection as "Name: message". */
const cookieStoreSet = (page, value) => page.evaluate((v) => cookieStore.set('_ga', v).then(() => 'ok', (e) => `${e.name}: ${e.message}`), value);

/** Cookie name → values (one per domain/path), and localStorage, as the browser holds them. */
async function stored(context, page) {
  const cookies = Object.fromEntries(Object.entries(await cookieMap(context)).map(([k, v]) => [k, v.map((c) => c.value)]));
  return { cookies, local: await page.evaluate(() => ({ ...localStorage })) };
}

const warningsAbout = (log, name) => log.console.filter((m) => m.type === 'warning' && m.text.includes(`"${name}"`)).map((m) => m.text);

test('DE, Reject all: page code cannot write _ga (document.cookie, cookieStore, localStorage); one warning names cookie, service, fix', async (t) => {
  const { context, page, log, decision } = await openPage(t, env, '/index.html?region=DE');
  assert.equal(decision.model, 'opt-in');
  await clickBanner(page, EN.rejectAll);
  await waitForEvents(page, 'assent:change');

  await trackerWrites(page, 'rejected');
  await trackerWrites(page, 'rejected-again');
  const s = await stored(context, page);
  assert.equal(s.cookies._ga, undefined, `no _ga: ${JSON.stringify(s.cookies)}`);
  assert.equal(s.cookies._fbp, undefined, 'no _fbp (meta-pixel, marketing)');
  assert.equal(s.local._ga, undefined, 'no localStorage _ga');
  assert.deepEqual(s.cookies.site_pref, ['rejected-again'], 'a cookie no service declares is written as usual');
  assert.equal(s.local.site_state, 'rejected-again');
  assert.ok(s.cookies.assent, 'Assent\'s own cookie is there');
  assert.match(await cookieStoreSet(page, 'via-cookie-store'), /^TypeError: .*_ga/, 'cookieStore.set rejects like a failed write');
  assert.equal((await cookieMap(context))._ga, undefined);

  const warnings = warningsAbout(log, '_ga');
  assert.equal(warnings.length, 2, `one per name and kind (the cookie, the storage key): ${JSON.stringify(warnings)}`);
  for (const w of warnings) {
    assert.ok(w.includes('"fake-analytics"'), `names the service: ${w}`);
    assert.ok(w.toLowerCase().includes(FIX), `names the fix: ${w}`);
  }
  assert.equal(warningsAbout(log, '_fbp').length, 1);
  assert.deepEqual(log.pageErrors, []);
});

test('DE, Accept all: the tagged tracker and the same writes set _ga; after a revoke the stale _ga goes and new writes are dropped', async (t) => {
  const { context, page, log } = await openPage(t, env, '/index.html?region=DE');
  await clickBanner(page, EN.acceptAll);
  await waitForHits(log, ['/analytics.js', '/pixel.js']);
  await until(async () => (await cookieMap(context))._ga?.[0].value.startsWith('GA1.1.'), 'analytics.js (tagged analytics) sets _ga after Accept all');
  await until(() => page.evaluate(() => window.__pixelLoaded === true), 'pixel.js ran (it sets _fbp)');

  await trackerWrites(page, 'accepted');
  assert.equal(await cookieStoreSet(page, 'accepted'), 'ok');
  let s = await stored(context, page);
  assert.deepEqual(s.cookies._ga, ['accepted'], JSON.stringify(s.cookies));
  assert.deepEqual(s.cookies._fbp, ['accepted']);
  assert.equal(s.local._ga, 'accepted');
  assert.deepEqual(warningsAbout(log, '_ga'), []);

  // Revoke without reload: the tracker is still running in the page.
  await page.getByRole('button', { name: 'Cookie settings', exact: true }).click();
  const { dialog } = ui(page);
  await dialog.getByRole('button', { name: EN.rejectAll, exact: true }).click();
  await waitForEvents(page, 'assent:change', 2);
  s = await stored(context, page);
  assert.equal(s.cookies._ga, undefined, `stale _ga removed: ${JSON.stringify(s.cookies)}`);
  assert.equal(s.cookies._fbp, undefined);
  assert.equal(s.local._ga, undefined, 'stale localStorage _ga removed');
  assert.deepEqual(s.cookies.site_pref, ['accepted'], 'an undeclared cookie is kept');
  assert.equal(s.local.site_state, 'accepted');

  await trackerWrites(page, 'after-revoke');
  assert.match(await cookieStoreSet(page, 'after-revoke'), /^TypeError/);
  s = await stored(context, page);
  assert.equal(s.cookies._ga, undefined);
  assert.equal(s.local._ga, undefined);
  assert.equal(warningsAbout(log, '_ga').length, 2);
});

test('returning visitor who rejected: a stale _ga (host and parent domain) and a stale key are removed on load, without a choice', async (t) => {
  const host = `www.${TEST_DOMAIN}`;
  const origin = `http://${host}:${env.server.sitePort}`;
  const { context, page } = await openPage(t, env, `${origin}/index.html?region=DE`);
  await clickBanner(page, EN.rejectAll);
  await waitForEvents(page, 'assent:change');

  // What a tracker left before (another visit, another tool), added behind the page's back.
  await context.addCookies([
    { name: '_ga', value: 'GA1.2.host', url: `${origin}/` },
    { name: '_ga', value: 'GA1.2.parent', domain: `.${TEST_DOMAIN}`, path: '/' },
    { name: '_ga_OLD1', value: 'GS1.1.parent', domain: `.${TEST_DOMAIN}`, path: '/' },
    { name: 'keep_me', value: '1', domain: `.${TEST_DOMAIN}`, path: '/' },
  ]);
  await seedLocalStorage(page, origin, { _ga: 'stale', _ga_session: 'stale', site_state: 'keep' });
  assert.equal((await cookieMap(context))._ga.length, 2, 'precondition: two stale _ga cookies');

  await page.goto(`${origin}/index.html?region=DE`);
  const decision = await waitForReady(page);
  assert.equal(decision.showBanner, false);
  assert.equal(decision.reason, 'valid-record');
  const left = async () => { const c = await cookieMap(context); return [c._ga, c._ga_OLD1].flat().filter(Boolean); };
  await until(async () => (await left()).length === 0, { message: 'stale _ga cookies removed on load', progress: left })
    .catch(async (e) => { throw new Error(`${e.message}; left: ${JSON.stringify(await left())}`); });
  const s = await stored(context, page);
  assert.equal(s.local._ga, undefined);
  assert.equal(s.local._ga_session, undefined);
  assert.equal(s.local.site_state, 'keep');
  assert.deepEqual(s.cookies.keep_me, ['1']);
  assert.ok(s.cookies.assent, 'the stored choice stays');
  assert.deepEqual(await events(page, 'assent:change'), [], 'no choice was made on this visit');
});

test('US-CA (opt-out): analytics is granted by default, so its writes pass; with GPC the marketing pixel\'s are dropped', async (t) => {
  const gpcOn = () => Object.defineProperty(navigator, 'globalPrivacyControl', { get: () => true, configurable: true });
  const { context, page, log, decision } = await openPage(t, env, '/index.html?region=US-CA', { before: ({ page: p }) => p.addInitScript(gpcOn) });
  assert.equal(decision.model, 'opt-out');
  assert.equal(decision.services.find((s) => s.id === 'fake-analytics').granted, true);
  assert.equal(decision.services.find((s) => s.id === 'meta-pixel').granted, false, 'GPC: sale/sharing denied');
  await until(() => page.evaluate(() => window.__gaLoaded === true), 'analytics.js ran (granted by default)');

  await trackerWrites(page, 'us-ca');
  assert.equal(await cookieStoreSet(page, 'us-ca'), 'ok');
  const s = await stored(context, page);
  assert.deepEqual(s.cookies._ga, ['us-ca'], JSON.stringify(s.cookies));
  assert.equal(s.local._ga, 'us-ca');
  assert.equal(s.cookies._fbp, undefined, 'meta-pixel is not granted under GPC');
  assert.deepEqual(warningsAbout(log, '_ga'), []);
  assert.equal(warningsAbout(log, '_fbp').length, 1);
});
