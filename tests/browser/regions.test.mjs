// Jurisdictions in the browser: US-CA with GPC (opt-out), region from the time zone, language from the locale.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  addPage, EN, openPage, requireShim, settle, setup, TRACKER_PATHS, trackerHitPaths, trackerRequests, ui, until,
  waitForEvents, waitForHits, waitForReady,
} from './lib/harness.mjs';
import { cookieMap } from './lib/records.mjs';

let env;
before(async () => { requireShim(); env = await setup(); });
after(async () => { await env?.close(); });

const gpcOn = () => Object.defineProperty(navigator, 'globalPrivacyControl', { get: () => true, configurable: true });

test('US-CA with GPC: a one-line notice that the signal was honoured (OK, Preferences; no Opt out, no Do Not Sell link); marketing pixel never requested', async (t) => {
  const { context, page, log, decision } = await openPage(t, env, '/index.html?region=US-CA', { before: ({ page: p }) => p.addInitScript(gpcOn) });
  assert.equal(decision.model, 'opt-out');
  assert.equal(decision.gpc, true, 'the shim passed navigator.globalPrivacyControl to the engine');
  assert.equal(decision.ui.compact, true);

  // The signal already did what "Opt out" and the Do Not Sell link would: the banner says so in one line.
  const banner = page.getByRole('region', { name: EN.gpcHonoured, exact: true });
  await banner.waitFor({ state: 'visible' });
  const names = await banner.getByRole('button').evaluateAll((bs) => bs.map((b) => b.textContent.trim()));
  assert.deepEqual(names, [EN.ok, EN.preferences]);
  assert.equal(await banner.getByText(EN.doNotSell).count(), 0, 'no Do Not Sell link beside the honoured signal');
  assert.equal(await page.getByRole('region', { name: EN.title, exact: true }).count(), 0, 'not the full banner');
  // One line of text: no title, no description, nothing but the notice and the two buttons.
  assert.equal(await banner.getByRole('heading').count(), 0, 'no title');
  assert.equal((await banner.innerText()).replace(/\s+/g, ' ').trim(), `${EN.gpcHonoured} ${EN.ok} ${EN.preferences}`);

  // Analytics is on by default in opt-out (not sale/sharing): it loads. Marketing (sale/sharing) never does.
  await waitForHits(log, ['/analytics.js']);
  await settle(page, log);
  const marketing = trackerHitPaths(log).filter((p) => TRACKER_PATHS.marketing.includes(p));
  assert.deepEqual(marketing, [], 'no marketing request before a choice');

  await banner.getByRole('button', { name: EN.ok, exact: true }).click();
  await banner.waitFor({ state: 'hidden' });
  await settle(page, log);
  assert.deepEqual(trackerHitPaths(log).filter((p) => TRACKER_PATHS.marketing.includes(p)), [], 'none after OK either');
  assert.deepEqual(trackerRequests(log).filter((p) => TRACKER_PATHS.marketing.includes(p)), []);
  assert.equal((await cookieMap(context))._fbp, undefined, 'no _fbp cookie');
  const has = await page.evaluate(async () => { const a = await window.Assent.ready; return [a.has('marketing'), a.has('analytics')]; });
  assert.deepEqual(has, [false, true]);
});

/** A first visit with only the browser's time zone to go by: the region and model it resolves to, banner shown. */
async function fromTimeZone(t, timezoneId, region, model) {
  const { page, log, decision } = await openPage(t, env, '/index.html', { context: { timezoneId } });
  assert.equal(decision.region, region);
  assert.equal(decision.regionSource, 'timezone');
  assert.equal(decision.model, model);
  const { banner } = ui(page);
  await banner.waitFor({ state: 'visible' });
  return { page, log, banner };
}

test('region from the time zone: Asia/Tokyo → notice ("OK", no "Reject all")', async (t) => {
  const { log, banner } = await fromTimeZone(t, 'Asia/Tokyo', 'JP', 'notice');
  assert.ok(await banner.getByRole('button', { name: EN.ok, exact: true }).isVisible());
  assert.ok(await banner.getByRole('button', { name: EN.preferences, exact: true }).isVisible());
  assert.equal(await banner.getByRole('button', { name: EN.rejectAll, exact: true }).count(), 0, 'no "Reject all" in notice');
  assert.equal(await banner.getByRole('button', { name: EN.acceptAll, exact: true }).count(), 0, 'no "Accept all" in notice');
  // Notice: categories granted before a choice, so the tagged scripts run.
  await waitForHits(log, ['/analytics.js', '/pixel.js']);
});

test('region from the time zone: Europe/Paris → opt-in (FR), nothing loads', async (t) => {
  const { page, log, banner } = await fromTimeZone(t, 'Europe/Paris', 'FR', 'opt-in');
  assert.ok(await banner.getByRole('button', { name: EN.rejectAll, exact: true }).isVisible());
  assert.ok(await banner.getByRole('button', { name: EN.acceptAll, exact: true }).isVisible());
  await settle(page, log);
  assert.deepEqual(trackerHitPaths(log), []);
});

test('language from the browser locale: de-DE → German banner ("Alle akzeptieren")', async (t) => {
  const { context, page, log, decision } = await openPage(t, env, '/index.html', { context: { locale: 'de-DE', timezoneId: 'Europe/Berlin' } });
  assert.equal(decision.language, 'de');
  assert.equal(decision.region, 'DE');
  const banner = page.getByRole('region', { name: 'Ihre Privatsphäre ist uns wichtig', exact: true });
  await banner.waitFor({ state: 'visible' });
  for (const name of ['Alle akzeptieren', 'Alle ablehnen', 'Einstellungen']) {
    assert.ok(await banner.getByRole('button', { name, exact: true }).isVisible(), `German button "${name}"`);
  }
  await banner.getByRole('button', { name: 'Einstellungen', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Cookie-Einstellungen', exact: true });
  await dialog.waitFor({ state: 'visible' });
  assert.ok(await dialog.getByRole('switch', { name: 'Statistik', exact: true }).isVisible(), 'German category title');
});

test('data-lang overrides navigator.languages (en-US browser, data-lang="de")', async (t) => {
  const { context, page, log, decision } = await openPage(t, env, '/index.html?region=DE&lang=de', { context: { locale: 'en-US' } });
  assert.equal(decision.language, 'de');
  await page.getByRole('button', { name: 'Alle akzeptieren', exact: true }).waitFor({ state: 'visible' });
});

test('US-CA without GPC: marketing on by default; "Opt out" revokes it, deletes _fbp, record kept ≥ 365 days', async (t) => {
  const { context, page, log, decision } = await openPage(t, env, '/index.html?region=US-CA');
  assert.equal(decision.model, 'opt-out');
  assert.equal(decision.gpc, false);
  await waitForHits(log, ['/analytics.js', '/pixel.js']);
  await until(async () => (await cookieMap(context))._fbp, '_fbp set by the pixel (marketing on by default in opt-out)');

  const { banner } = ui(page);
  await banner.getByRole('button', { name: EN.optOut, exact: true }).click();
  await banner.waitFor({ state: 'hidden' });
  const change = (await waitForEvents(page, 'assent:change')).at(-1).detail;
  assert.ok(change.revoked?.includes('marketing'), `marketing revoked: ${JSON.stringify(change.revoked)}`);
  assert.ok(!change.revoked?.includes('analytics'), 'analytics is not sale/sharing: kept');
  await until(async () => !(await cookieMap(context))._fbp, '_fbp deleted after Opt out');

  const record = (await context.cookies()).find((c) => c.name === 'assent');
  const days = (record.expires - Date.now() / 1000) / 86400;
  assert.ok(days >= 364.9 && days <= 395.1, `after an opt-out in US-CA the record lasts ≥ 365 days (CCPA); got ${days.toFixed(1)} days`);

  await page.reload();
  await waitForReady(page);
  await waitForHits(log, ['/analytics.js']);
  await settle(page, log);
  assert.deepEqual(trackerRequests(log).filter((p) => TRACKER_PATHS.marketing.includes(p)), [], 'the reloaded page requests no marketing');
  assert.deepEqual(trackerHitPaths(log).filter((p) => TRACKER_PATHS.marketing.includes(p)), []);
});

test('US-CA: GPC turned on after an earlier Accept all (made without GPC) → marketing denied again', async (t) => {
  const { context, page, log } = await openPage(t, env, '/index.html?region=US-CA');
  await page.evaluate(async () => (await window.Assent.ready).acceptAll());
  await waitForHits(log, ['/pixel.js']);
  await page.close();

  const { page: p2, log: log2 } = await addPage(context, env);
  await p2.addInitScript(gpcOn);
  await p2.goto(`${env.server.siteOrigin}/index.html?region=US-CA`);
  const d = await waitForReady(p2);
  assert.equal(d.gpc, true);
  assert.equal(d.categories.find((c) => c.id === 'marketing')?.granted, false, 'engine denies marketing (gpc)');
  await waitForHits(log2, ['/analytics.js']);
  await settle(p2, log2);
  assert.deepEqual(trackerHitPaths(log2).filter((p) => TRACKER_PATHS.marketing.includes(p)), [], 'no marketing request with GPC on');
  assert.deepEqual(trackerRequests(log2).filter((p) => TRACKER_PATHS.marketing.includes(p)), []);
  assert.equal(await p2.evaluate(async () => (await window.Assent.ready).has('marketing')), false);
});

test('right-to-left: an Arabic visitor gets the policy\'s Arabic texts laid out RTL (dir="rtl" on the banner)', async (t) => {
  const { context, page, log, decision } = await openPage(t, env, '/index.html?region=DE&config=/policies/rtl.json', { context: { locale: 'ar-EG' } });
  assert.equal(decision.language, 'ar');
  const accept = page.getByRole('button', { name: 'قبول الكل', exact: true });
  await accept.waitFor({ state: 'visible' });
  const dir = await page.evaluate(() => {
    const root = document.querySelector('assent-banner').shadowRoot.querySelector('.root');
    return { dir: root.getAttribute('dir'), lang: root.getAttribute('lang'), direction: getComputedStyle(root).direction };
  });
  assert.deepEqual(dir, { dir: 'rtl', lang: 'ar', direction: 'rtl' });
  // The policy's own Arabic texts replace the English ones key by key.
  assert.equal(await page.getByRole('button', { name: 'رفض الكل', exact: true }).count(), 1);
  assert.equal(await page.getByRole('button', { name: 'Reject all', exact: true }).count(), 0);
});

// The wasm carries no texts: each visitor downloads exactly the locale file of their language, English included,
// and a German visitor no English one (every built-in locale is complete).
test('locales: an English visitor to an 8-language site downloads exactly en.json; a German one exactly de.json', async (t) => {
  const localeRequests = (log) => log.requests.map((r) => new URL(r.url).pathname).filter((p) => p.includes('/locales/'));
  for (const [locale, expected, button] of [['en-US', ['/assent/locales/en.json'], 'Accept all'], ['de-DE', ['/assent/locales/de.json'], 'Alle akzeptieren']]) {
    const { page, log } = await openPage(t, env, '/index.html?region=DE&config=/policies/multi.json', { context: { locale } });
    await page.getByRole('button', { name: button, exact: true }).waitFor({ state: 'visible' });
    await settle(page, log);
    assert.deepEqual(localeRequests(log), expected, `${locale}: locale files fetched`);
  }
});
