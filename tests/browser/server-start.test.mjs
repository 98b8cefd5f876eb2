// The server-assisted start (assent-consent/server, js-shim/dist/server.mjs) on the suite's main page: the
// middleware decides per request with the same wasm engine (consent cookie, CDN region header, Sec-GPC) and
// puts the decision and the banner (a declarative shadow root) into the HTML. Expected: the banner is painted
// with JavaScript disabled; with it, the shim adopts the server's decision (one banner, no second decision),
// loads the engine only after the page's load event or on a click, queues a click made before the core came,
// and a returning visitor's granted scripts run before the core has arrived — never anything the engine denies.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { EN, openPage, requireShim, settle, setup, trackerHitPaths, ui, until, waitForEvents, waitForReady } from './lib/harness.mjs';
import { distDir, policiesDir } from './lib/site.mjs';

let env;
let assent = null;
before(async () => {
  requireShim();
  const { assentServer } = await import(join(distDir, 'server.mjs'));
  env = await setup({
    // Pages asked for with ?ssr go through the middleware (the policy templated as the site serves it).
    pageMiddleware: async (req, res, url) => {
      if (!url.searchParams.has('ssr')) return;
      assent ??= await assentServer({
        policy: (await readFile(join(policiesDir, 'main.json'), 'utf8')).replaceAll('{{TRACKER}}', env.server.trackerOrigin),
        wasmPath: join(distDir, 'assent.wasm'),
      });
      await new Promise((resolve, reject) => assent.middleware(req, res, (e) => (e ? reject(e) : resolve())));
    },
  });
});
after(async () => { await env?.close(); });

const DE = { extraHTTPHeaders: { 'cf-ipcountry': 'DE' } };
const PAGE = '/index.html?ssr';

/** Holds assent-core.js until the returned function is called (the engine cannot load before it). */
async function holdCore(context) {
  let release;
  const gate = new Promise((r) => (release = r));
  await context.route('**/assent/assent-core.js', async (route) => { await gate; await route.continue(); });
  return () => release();
}

const bannerCount = (page) => page.evaluate(() => document.querySelectorAll('assent-banner').length);

test('JavaScript disabled: the server-rendered banner is painted, with its buttons, and nothing reaches a tracker', async (t) => {
  const { page, log, response } = await openPage(t, env, PAGE, { context: { ...DE, javaScriptEnabled: false }, ready: false });
  const html = await response.text();
  assert.match(html, /<assent-banner><template shadowrootmode="open">/, 'the banner is in the HTML');
  assert.match(html, /<script type="application\/json" id="assent-state">/, 'the decision is in the HTML');
  const { banner } = ui(page);
  assert.equal(await banner.isVisible(), true, 'the banner region is visible without any script');
  const box = await banner.boundingBox();
  assert.ok(box && box.width > 100 && box.height > 40, `banner has a real box: ${JSON.stringify(box)}`);
  for (const name of [EN.acceptAll, EN.rejectAll, EN.preferences])
    assert.equal(await banner.getByRole('button', { name, exact: true }).isVisible(), true, `${name} shown`);
  await page.waitForLoadState('load'); // settle() asks the page, which runs no script here
  await log.sync();
  assert.deepEqual(trackerHitPaths(log), [], 'no tracker request');
});

test('first visit (DE): the shim adopts the server banner, fetches the wasm only after load, and Accept all releases', async (t) => {
  const { page, log, response, decision } = await openPage(t, env, PAGE, { context: DE });
  assert.match(await response.text(), /<assent-banner>/);
  assert.equal(decision.region, 'DE', 'the decision the server made from CF-IPCountry');
  assert.equal(decision.model, 'opt-in');
  assert.equal(decision.showBanner, true);
  assert.equal(await bannerCount(page), 1, 'the painted banner is adopted, not drawn twice');
  const timing = await page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0];
    const wasm = performance.getEntriesByType('resource').find((e) => e.name.endsWith('/assent.wasm'));
    return { loadEnd: nav.loadEventEnd, wasmStart: wasm ? wasm.startTime : null };
  });
  assert.ok(timing.wasmStart !== null && timing.wasmStart >= timing.loadEnd, `wasm fetched after the load event: ${JSON.stringify(timing)}`);
  await settle(page, log);
  assert.deepEqual(trackerHitPaths(log), [], 'nothing before consent');

  await ui(page).banner.getByRole('button', { name: EN.acceptAll, exact: true }).click();
  await until(() => page.evaluate(() => window.__gaLoaded === true), 'analytics runs after Accept all');
  assert.equal(await bannerCount(page), 1);
  assert.equal(await ui(page).banner.count(), 0, 'the banner is gone after the choice');
});

test('a click before the core has arrived is queued and applied once it has', async (t) => {
  const { page, log, context } = await openPage(t, env, null, { context: DE });
  const release = await holdCore(context);
  await page.goto(`${env.server.siteOrigin}${PAGE}`);
  await ui(page).banner.getByRole('button', { name: EN.rejectAll, exact: true }).click();
  await until(() => page.evaluate(() => document.querySelector('assent-banner').shadowRoot.querySelector('section.banner').getAttribute('aria-busy') === 'true'),
    'the banner marks the queued choice as in progress');
  assert.equal(await page.evaluate(() => (window.__assentEvents || []).length), 0, 'no core yet: no event');
  release();
  await waitForEvents(page, 'assent:change');
  const cookies = Object.fromEntries((await context.cookies()).map((c) => [c.name, c.value]));
  assert.ok(cookies.assent, 'the refusal is recorded');
  assert.equal(await ui(page).banner.count(), 0, 'banner closed');
  await settle(page, log);
  assert.deepEqual(trackerHitPaths(log), [], 'nothing granted');
});

test('returning visitor: the server grants from the cookie, so analytics runs before the core arrives; marketing (refused) never', async (t) => {
  const { page, log, context } = await openPage(t, env, PAGE, { context: DE });
  await ui(page).banner.getByRole('button', { name: EN.preferences, exact: true }).click();
  const dialog = ui(page).dialog;
  await dialog.getByRole('switch', { name: /analytics/i }).click();
  await dialog.getByRole('button', { name: EN.save, exact: true }).click();
  await waitForEvents(page, 'assent:change');

  const release = await holdCore(context);
  const again = await page.goto(`${env.server.siteOrigin}${PAGE}`);
  assert.doesNotMatch(await again.text(), /<assent-banner>/, 'no banner for a valid record');
  await until(() => page.evaluate(() => window.__gaLoaded === true), 'analytics released while assent-core.js is still held');
  assert.equal(await page.evaluate(() => (window.__assentEvents || []).length), 0, 'the core has not run');
  release();
  await waitForReady(page);
  await settle(page, log);
  const hits = trackerHitPaths(log);
  assert.ok(hits.includes('/analytics.js'));
  assert.ok(!hits.includes('/pixel.js') && !hits.includes('/px'), `marketing never: ${hits}`);
});

test('US-CA with Sec-GPC: the server honours the signal; the sale/sharing category (marketing) never loads', async (t) => {
  const headers = { 'cf-ipcountry': 'US', 'cf-region-code': 'CA', 'sec-gpc': '1' };
  const { page, log, decision } = await openPage(t, env, PAGE, { context: { extraHTTPHeaders: headers } });
  assert.equal(decision.region, 'US-CA');
  assert.equal(decision.model, 'opt-out');
  assert.equal(decision.gpc, true);
  assert.equal(decision.categories.find((c) => c.id === 'marketing').granted, false);
  await settle(page, log);
  const hits = trackerHitPaths(log);
  assert.ok(!hits.includes('/pixel.js'), `no marketing: ${hits}`);
});
