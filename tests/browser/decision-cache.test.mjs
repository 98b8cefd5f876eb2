// Returning visitors don't wait for the wasm (js-shim/src/decision-cache.ts, early.ts): after a visit whose
// engine decision was cached, the next page's granted scripts run while the wasm's body is still held back by
// the server (?shim=slow: its headers came, so Assent's parts are there, but the engine cannot start). Then each input the decision depends on is changed in turn — the policy text, the record,
// the region hint, GPC, the languages, the clock past the engine's validUntil — and the cache must not be used:
// nothing is released before the engine's own decision, which then applies (wasm/core/SPEC.md §Decision).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { EN, addPage, openPage, requireShim, settle, setup, ui, until, waitForError, waitForEvents, waitForReady } from './lib/harness.mjs';
import { holdWasmBody } from './lib/site.mjs';

let env;
before(async () => { requireShim(); env = await setup(); });
after(async () => { await env?.close(); });

const PAGE = '/index.html?region=DE&shim=slow';

/** A context whose visitor accepted analytics only, and a second visit whose engine decision was cached. */
async function returningVisitor(t) {
  const { page, context } = await openPage(t, env, PAGE);
  await ui(page).banner.getByRole('button', { name: EN.preferences, exact: true }).click();
  await ui(page).dialog.getByRole('switch', { name: /analytics/i }).click();
  await ui(page).dialog.getByRole('button', { name: EN.save, exact: true }).click();
  await waitForEvents(page, 'assent:change');
  await page.reload();
  const decision = await waitForReady(page); // this visit's engine decision is the one cached
  assert.ok(decision.validUntil > decision.record.timestamp, `the engine gives a horizon: ${decision.validUntil}`);
  await page.close();
  return { context, validUntil: decision.validUntil };
}

/**
 * Opens `url` in a new page of `context` with the wasm's body (so the engine) held until the document is parsed
 * and the policy, which the early start compares, has arrived. `ranEarly`: analytics ran meanwhile; `requestedEarly`:
 * analytics.js was requested before the engine's decision (assent:ready).
 */
async function visitHeld(t, context, url = PAGE, { beforeGoto, expectEarly = false } = {}) {
  holdWasmBody(true);
  t.after(() => holdWasmBody(false));
  const { page, log } = await addPage(context, env);
  await beforeGoto?.(page);
  const mark = env.server.log.mark();
  const policy = page.waitForResponse((r) => r.url().includes('/policies/main.json'));
  await page.goto(`${env.server.siteOrigin}${url}`, { waitUntil: 'domcontentloaded' });
  await (await policy).finished();
  if (expectEarly) await until(() => page.evaluate(() => window.__gaLoaded === true), 'analytics ran while the core was held');
  const ranEarly = await page.evaluate(() => window.__gaLoaded === true);
  const coreRan = await page.evaluate(() => (window.__assentEvents || []).length > 0);
  holdWasmBody(false);
  const decision = await waitForReady(page);
  const requestedEarly = await page.evaluate(() => {
    const ready = window.__assentEvents.find((e) => e.type === 'assent:ready').t;
    return performance.getEntriesByType('resource').some((e) => e.name.includes('/analytics.js') && e.startTime < ready);
  });
  await settle(page, log);
  // Every tracker hit since the navigation, whatever document made it (a reload must not hide an early one).
  const hits = env.server.log.all('tracker').filter((h) => h.seq > mark).map((h) => h.path);
  return { page, log, ranEarly, requestedEarly, coreRan, decision, hits };
}

test('same inputs: analytics runs before the core arrives (cached engine decision); marketing never', async (t) => {
  const { context } = await returningVisitor(t);
  const { hits, ranEarly, coreRan, decision } = await visitHeld(t, context, PAGE, { expectEarly: true });
  assert.equal(ranEarly, true, 'analytics ran before the engine');
  assert.equal(coreRan, false, 'the engine had not decided (no assent:* event)');
  assert.equal(decision.categories.find((c) => c.id === 'analytics').granted, true, 'the engine agrees');
  assert.ok(!hits.includes('/pixel.js'), `marketing never: ${hits}`);
});

// Each changed input: nothing may run before the engine's own decision. (What the engine then decides is its
// business: analytics comes back where it still grants it, and stays off where it does not.)
const CHANGES = [
  ['the policy text', { route: (ctx) => ctx.route('**/policies/main.json', async (r) => {
    const res = await r.fetch();
    await r.fulfill({ response: res, body: (await res.text()).replace('"Assent E2E Shop"', '"Assent E2E Shop "') });
  }) }, true],
  ['the record (another cookie value)', { cookie: 'not-a-record' }, false],
  ['the region hint', { url: '/index.html?region=FR&shim=slow' }, true],
  ['GPC', { init: () => Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true }) }, true],
  ['the languages', { init: () => Object.defineProperty(Navigator.prototype, 'languages', { get: () => ['de-DE', 'de'] }) }, true],
  ['the clock, past the engine\'s validUntil', { clock: true }, false],
];

for (const [name, change, grantedAfter] of CHANGES) {
  test(`changed ${name}: nothing released before the engine decides; then the engine's answer applies`, async (t) => {
    const { context, validUntil } = await returningVisitor(t);
    if (change.route) await change.route(context);
    if (change.init) await context.addInitScript(change.init);
    if (change.cookie) await context.addCookies([{ name: 'assent', value: change.cookie, url: env.server.siteOrigin }]);
    const beforeGoto = change.clock ? (page) => page.clock.setFixedTime(new Date((validUntil + 60) * 1000)) : undefined;
    const { page, hits, ranEarly, requestedEarly, decision } = await visitHeld(t, context, change.url, { beforeGoto });
    assert.equal(ranEarly, false, 'analytics did not run before the engine decided');
    // (A fixed clock also fixes performance.now(): there, the engine denies, and "never requested" says more.)
    if (grantedAfter) assert.equal(requestedEarly, false, 'analytics.js was not even requested before the engine decided');
    else assert.ok(!hits.includes('/analytics.js'), `analytics.js never requested: ${hits}`);
    assert.equal(decision.categories.find((c) => c.id === 'analytics').granted, grantedAfter, 'the engine\'s own answer');
    if (grantedAfter) await until(() => page.evaluate(() => window.__gaLoaded === true), 'the engine grants it: analytics runs');
    else assert.equal(await page.evaluate(() => window.__gaLoaded === true), false, 'the engine denies it: analytics never ran');
  });
}

test('fail closed: a cached decision is not acted on when Assent\'s engine cannot load (wasm 404, core 404)', async (t) => {
  for (const part of ['assent.wasm', 'assent-core.js']) {
    const { context } = await returningVisitor(t);
    await context.route(`**/assent-slow/${part}`, (r) => r.fulfill({ status: 404, contentType: 'text/plain', body: 'gone (test)' }));
    const { page } = await addPage(context, env);
    const mark = env.server.log.mark();
    await page.goto(`${env.server.siteOrigin}${PAGE}`);
    await waitForError(page);
    await page.waitForLoadState('load');
    const hits = env.server.log.all('tracker').filter((h) => h.seq > mark).map((h) => h.path);
    assert.deepEqual(hits, [], `${part} 404: nothing released`);
    assert.equal(await page.evaluate(() => window.__gaLoaded === true), false);
  }
});
