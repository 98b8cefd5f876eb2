// Jurisdictions in the browser: US-CA with GPC (opt-out), region from the time zone, language from the locale.
import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  cookieMap, EN, newPage, openPage, quiet, requireShim, setup, TRACKER_PATHS, trackerRequests, ui, until,
  waitForHits, waitForReady,
} from './lib/harness.mjs';

let env;
before(async () => { requireShim(); env = await setup(); });
after(async () => { await env?.close(); });
beforeEach(() => env?.server.reset());

const gpcOn = () => Object.defineProperty(navigator, 'globalPrivacyControl', { get: () => true, configurable: true });

test('US-CA with GPC: opt-out notice with GPC text and Do Not Sell link; marketing pixel never requested', async () => {
  const { server } = env;
  const { context, page, log } = await newPage(env);
  try {
    await page.addInitScript(gpcOn);
    await page.goto(`${server.siteOrigin}/index.html?region=US-CA`);
    const decision = await waitForReady(page);
    assert.equal(decision.model, 'opt-out');
    assert.equal(decision.gpc, true, 'the shim passed navigator.globalPrivacyControl to the engine');

    const { banner } = ui(page);
    await banner.waitFor({ state: 'visible', timeout: 5000 });
    for (const name of [EN.ok, EN.optOut, EN.preferences]) {
      assert.ok(await banner.getByRole('button', { name, exact: true }).isVisible(), `banner button "${name}"`);
    }
    assert.equal(await banner.getByRole('button', { name: EN.rejectAll, exact: true }).count(), 0);
    const dnss = banner.getByRole('link', { name: EN.doNotSell, exact: true })
      .or(banner.getByRole('button', { name: EN.doNotSell, exact: true }));
    assert.ok(await dnss.isVisible(), '"Do Not Sell or Share My Personal Information" link visible');
    assert.ok(await banner.getByText(EN.gpcNotice).isVisible(), 'GPC notice text visible');

    // Analytics is on by default in opt-out (not sale/sharing): it loads. Marketing (sale/sharing) never does.
    await waitForHits(server, ['/analytics.js']);
    await quiet(page);
    const marketing = server.hitPaths().filter((p) => TRACKER_PATHS.marketing.includes(p));
    assert.deepEqual(marketing, [], 'no marketing request before a choice');

    await banner.getByRole('button', { name: EN.ok, exact: true }).click();
    await banner.waitFor({ state: 'hidden', timeout: 3000 });
    await quiet(page);
    assert.deepEqual(server.hitPaths().filter((p) => TRACKER_PATHS.marketing.includes(p)), [], 'none after OK either');
    assert.deepEqual(trackerRequests(log, server).filter((p) => TRACKER_PATHS.marketing.includes(p)), []);
    assert.equal((await cookieMap(context))._fbp, undefined, 'no _fbp cookie');
    const has = await page.evaluate(async () => { const a = await window.Assent.ready; return [a.has('marketing'), a.has('analytics')]; });
    assert.deepEqual(has, [false, true]);
  } finally {
    await context.close();
  }
});

test('region from the time zone: Asia/Tokyo → notice ("OK", no "Reject all")', async () => {
  const { server } = env;
  const { context, page } = await newPage(env, { timezoneId: 'Asia/Tokyo' });
  try {
    await page.goto(`${server.siteOrigin}/index.html`);
    const decision = await waitForReady(page);
    assert.equal(decision.region, 'JP');
    assert.equal(decision.regionSource, 'timezone');
    assert.equal(decision.model, 'notice');
    const { banner } = ui(page);
    await banner.waitFor({ state: 'visible', timeout: 5000 });
    assert.ok(await banner.getByRole('button', { name: EN.ok, exact: true }).isVisible());
    assert.ok(await banner.getByRole('button', { name: EN.preferences, exact: true }).isVisible());
    assert.equal(await banner.getByRole('button', { name: EN.rejectAll, exact: true }).count(), 0, 'no "Reject all" in notice');
    assert.equal(await banner.getByRole('button', { name: EN.acceptAll, exact: true }).count(), 0, 'no "Accept all" in notice');
    // Notice: categories granted before a choice, so the tagged scripts run.
    await waitForHits(server, ['/analytics.js', '/pixel.js']);
  } finally {
    await context.close();
  }
});

test('region from the time zone: Europe/Paris → opt-in (FR), nothing loads', async () => {
  const { server } = env;
  const { context, page } = await newPage(env, { timezoneId: 'Europe/Paris' });
  try {
    await page.goto(`${server.siteOrigin}/index.html`);
    const decision = await waitForReady(page);
    assert.equal(decision.region, 'FR');
    assert.equal(decision.regionSource, 'timezone');
    assert.equal(decision.model, 'opt-in');
    const { banner } = ui(page);
    await banner.waitFor({ state: 'visible', timeout: 5000 });
    assert.ok(await banner.getByRole('button', { name: EN.rejectAll, exact: true }).isVisible());
    assert.ok(await banner.getByRole('button', { name: EN.acceptAll, exact: true }).isVisible());
    await quiet(page);
    assert.deepEqual(server.hitPaths(), []);
  } finally {
    await context.close();
  }
});

test('language from the browser locale: de-DE → German banner ("Alle akzeptieren")', async () => {
  const { server } = env;
  const { context, page } = await newPage(env, { locale: 'de-DE', timezoneId: 'Europe/Berlin' });
  try {
    await page.goto(`${server.siteOrigin}/index.html`);
    const decision = await waitForReady(page);
    assert.equal(decision.language, 'de');
    assert.equal(decision.region, 'DE');
    const banner = page.getByRole('region', { name: 'Ihre Privatsphäre ist uns wichtig', exact: true });
    await banner.waitFor({ state: 'visible', timeout: 5000 });
    for (const name of ['Alle akzeptieren', 'Alle ablehnen', 'Einstellungen']) {
      assert.ok(await banner.getByRole('button', { name, exact: true }).isVisible(), `German button "${name}"`);
    }
    await banner.getByRole('button', { name: 'Einstellungen', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Cookie-Einstellungen', exact: true });
    await dialog.waitFor({ state: 'visible', timeout: 3000 });
    assert.ok(await dialog.getByRole('switch', { name: 'Statistik', exact: true }).isVisible(), 'German category title');
  } finally {
    await context.close();
  }
});

test('data-lang overrides navigator.languages (en-US browser, data-lang="de")', async () => {
  const { server } = env;
  const { context, page } = await newPage(env, { locale: 'en-US' });
  try {
    await page.goto(`${server.siteOrigin}/index.html?region=DE&lang=de`);
    const decision = await waitForReady(page);
    assert.equal(decision.language, 'de');
    await page.getByRole('button', { name: 'Alle akzeptieren', exact: true }).waitFor({ state: 'visible', timeout: 5000 });
  } finally {
    await context.close();
  }
});

test('US-CA without GPC: marketing on by default; "Opt out" revokes it, deletes _fbp, record kept ≥ 365 days', async () => {
  const { server } = env;
  const { context, page, log } = await newPage(env);
  try {
    await page.goto(`${server.siteOrigin}/index.html?region=US-CA`);
    const decision = await waitForReady(page);
    assert.equal(decision.model, 'opt-out');
    assert.equal(decision.gpc, false);
    await waitForHits(server, ['/analytics.js', '/pixel.js']);
    await until(async () => (await cookieMap(context))._fbp, '_fbp set by the pixel (marketing on by default in opt-out)');

    const { banner } = ui(page);
    await banner.getByRole('button', { name: EN.optOut, exact: true }).click();
    await banner.waitFor({ state: 'hidden', timeout: 3000 });
    const change = await until(() => page.evaluate(() =>
      window.__assentEvents.filter((e) => e.type === 'assent:change').at(-1)?.detail), 'assent:change after Opt out');
    assert.ok(change.revoked?.includes('marketing'), `marketing revoked: ${JSON.stringify(change.revoked)}`);
    assert.ok(!change.revoked?.includes('analytics'), 'analytics is not sale/sharing: kept');
    await until(async () => !(await cookieMap(context))._fbp, '_fbp deleted after Opt out', 2000);

    const record = (await context.cookies()).find((c) => c.name === 'assent');
    const days = (record.expires - Date.now() / 1000) / 86400;
    assert.ok(days >= 364.9 && days <= 395.1, `after an opt-out in US-CA the record lasts ≥ 365 days (CCPA); got ${days.toFixed(1)} days`);

    server.reset();
    const n = log.requests.length;
    await page.reload();
    await waitForReady(page);
    await waitForHits(server, ['/analytics.js']);
    await quiet(page);
    assert.deepEqual(trackerRequests({ requests: log.requests.slice(n) }, server).filter((p) => TRACKER_PATHS.marketing.includes(p)), []);
  } finally {
    await context.close();
  }
});

test('US-CA: GPC turned on after an earlier Accept all (made without GPC) → marketing denied again', async () => {
  const { server } = env;
  const { context, page } = await openPage(env, `/index.html?region=US-CA`);
  try {
    await page.evaluate(async () => (await window.Assent.ready).acceptAll());
    await waitForHits(server, ['/pixel.js']);
    await page.close();

    server.reset();
    const p2 = await context.newPage();
    await p2.addInitScript(gpcOn);
    await p2.goto(`${server.siteOrigin}/index.html?region=US-CA`);
    const d = await waitForReady(p2);
    assert.equal(d.gpc, true);
    assert.equal(d.categories.find((c) => c.id === 'marketing')?.granted, false, 'engine denies marketing (gpc)');
    await waitForHits(server, ['/analytics.js']);
    await quiet(p2);
    assert.deepEqual(server.hitPaths().filter((p) => TRACKER_PATHS.marketing.includes(p)), [], 'no marketing request with GPC on');
    assert.equal(await p2.evaluate(async () => (await window.Assent.ready).has('marketing')), false);
  } finally {
    await context.close();
  }
});

test('right-to-left: an Arabic visitor gets the policy\'s Arabic texts laid out RTL (dir="rtl" on the banner)', async () => {
  const { server } = env;
  const { context, page } = await newPage(env, { locale: 'ar-EG' });
  try {
    await page.goto(`${server.siteOrigin}/index.html?region=DE&config=/policies/rtl.json`);
    const decision = await waitForReady(page);
    assert.equal(decision.language, 'ar');
    const accept = page.getByRole('button', { name: 'قبول الكل', exact: true });
    await accept.waitFor({ state: 'visible', timeout: 5000 });
    const dir = await page.evaluate(() => {
      const root = document.querySelector('assent-banner').shadowRoot.querySelector('.root');
      return { dir: root.getAttribute('dir'), lang: root.getAttribute('lang'), direction: getComputedStyle(root).direction };
    });
    assert.deepEqual(dir, { dir: 'rtl', lang: 'ar', direction: 'rtl' });
    // The policy's own Arabic texts replace the English ones key by key.
    assert.equal(await page.getByRole('button', { name: 'رفض الكل', exact: true }).count(), 1);
    assert.equal(await page.getByRole('button', { name: 'Reject all', exact: true }).count(), 0);
  } finally {
    await context.close();
  }
});

test('locales: an English visitor to an 8-language site downloads no locale file; a German one exactly de.json', async () => {
  const { server } = env;
  const localeRequests = (log) => log.requests.map((r) => new URL(r.url).pathname).filter((p) => p.includes('/locales/'));
  for (const [locale, expected, button] of [['en-US', [], 'Accept all'], ['de-DE', ['/assent/locales/de.json'], 'Alle akzeptieren']]) {
    const { context, page, log } = await openPage(env, `/index.html?region=DE&config=/policies/multi.json`, { context: { locale } });
    try {
      await page.getByRole('button', { name: button, exact: true }).waitFor({ state: 'visible', timeout: 5000 });
      assert.deepEqual(localeRequests(log), expected, `${locale}: locale files fetched`);
    } finally {
      await context.close();
    }
  }
});
