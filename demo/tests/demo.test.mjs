// Browser tests of the demo: the static site (script tag), the SPA (npm tarball) and the fake third parties,
// served by demo/serve.mjs on ephemeral ports and driven with playwright-core + Debian's Chromium (tests/lib).
// Needs a built demo (demo/run.sh --no-serve) and tests/node_modules (npm ci in tests/).
// Run: cd tests && node --test --test-concurrency=1 ../demo/tests/
import assert from 'node:assert/strict';
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { runAxe } from '../../tests/lib/axe.mjs';
import { launch } from '../../tests/lib/chromium.mjs';
import { focused, tabTo } from '../../tests/lib/keyboard.mjs';
import { openPage as openLibPage, problems } from '../../tests/lib/page.mjs';
import { hitsOf, settle } from '../../tests/lib/request-log.mjs';
import { until } from '../../tests/lib/wait.mjs';
import { DIRS, startDemo } from '../serve.mjs';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const PAGES = ['/', '/pricing.html', '/blog/hello.html', '/privacy.html'];

let demo;
let browser;

before(async () => {
  assert.ok(existsSync(`${DIRS.shim}/assent.js`), 'js-shim/dist is not built: run demo/run.sh --no-serve first');
  assert.ok(existsSync(`${DIRS.spa}/index.html`), 'demo/spa/dist is not built: run demo/run.sh --no-serve first');
  demo = await startDemo({ sitePort: 0, spaPort: 0, tpPort: 0, receiptsPort: 0, receiptsDir: mkdtempSync(join(tmpdir(), 'assent-demo-receipts-')) });
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await demo?.close();
});

// The third-party server's hit log, numbered across resets, for matching its hits to the documents that caused
// them (tests/lib/request-log.mjs). It keeps the last 1000 hits only, plenty for this file.
let tpOffset = 0;
const tpHits = () => {
  const hits = demo.tp.hits();
  assert.ok(hits.length < 1000, 'the demo\'s third-party hit log is full (it keeps 1000): numbering would break');
  return hits.map((h, i) => ({ ...h, seq: tpOffset + i + 1, key: h.path + h.query }));
};
/** Starts the page-view counter (and the hit log) afresh; the numbering goes on. */
const tpReset = () => { tpOffset += demo.tp.hits().length; demo.tp.reset(); };
const marks = { tp: () => tpOffset + demo.tp.hits().length };

/** A fresh profile and a page (closed when test `t` ends) with its log: requests by document, errors. */
const open = (t, url, context = {}, before) => openLibPage(t, browser, url, { context, marks, before });
/** Resolves once the page's finite CSS animations and transitions (the banner's entrance) have finished. */
const animationsDone = (page) => page.evaluate(() => Promise.all([document.fonts.ready, ...document.getAnimations()
  .filter((a) => a.effect?.getComputedTiming().endTime !== Infinity).map((a) => a.finished.catch(() => {}))]));

/** Third-party paths the page's current document requested (the browser's log, exact). */
const tpRequests = (log) => log.of().filter((r) => r.url.startsWith(`${demo.thirdParty}/`)).map((r) => new URL(r.url).pathname);
/** … of those, the ones the third-party server answered (so it saw them). */
const tpAnswered = (log) => log.of().filter((r) => r.responded && r.url.startsWith(`${demo.thirdParty}/`)).map((r) => new URL(r.url).pathname);
/** Paths the third-party server received because of the page's current document (its log, matched). */
const hitPaths = (log) => hitsOf(log, { hits: tpHits(), markName: 'tp', port: new URL(demo.thirdParty).port }).map((h) => h.path);
const uniq = (list) => [...new Set(list)].sort();

/** Site pages: Assent.ready resolved; returns the decision. */
const ready = (page) => page.evaluate(() => window.Assent.ready.then((a) => JSON.parse(JSON.stringify(a.decision))));
const banner = (page) => page.getByRole('region', { name: /^Cookies (at|bei) Wren AI$|^We value your privacy$/ });
const dialog = (page) => page.getByRole('dialog');
const badges = (page) => page.locator('#tp-badges li').evaluateAll((els) => els.map((e) => e.dataset.badge).sort());
const panelText = (page, key) => page.locator(`[data-demo="${key}"]`).innerText();

test('every demo page loads under its CSP with no console errors, a banner and a Cookie settings link', async (t) => {
  for (const path of PAGES) {
    for (const region of ['DE', 'US-CA']) {
      const { context, page, log } = await open(t, `${demo.site}${path}?region=${region}`);
      const d = await ready(page);
      assert.equal(d.region, region);
      await banner(page).waitFor();
      assert.equal(await page.locator('footer [data-assent-open]').getAttribute('href'), `/privacy.html?region=${region}#cookies`,
        'the footer has the Cookie settings link, and the panel keeps the demo region on internal links');
      if (path === '/privacy.html') { // Assent renders the cookie policy from assent.json into [data-assent-policy]
        await page.locator('[data-assent-policy] table').waitFor();
        assert.equal(await page.locator('[data-assent-policy] tbody tr').count(), 6, "one row per service, and Assent's own consent cookie");
      }
      await settle(page, log); // US-CA: the trackers ran; whatever they do is logged by now
      assert.deepEqual(problems(log), [], `${path}?region=${region}`);
      await context.close();
    }
  }
  assert.equal(await (await fetch(`${demo.site}/`)).headers.get('content-security-policy')?.includes("script-src 'self'"), true);
  const { page, log } = await open(t, `${demo.spa}/?region=DE`);
  await banner(page).waitFor();
  await settle(page, log);
  assert.deepEqual(problems(log), [], 'SPA');
});

test('the region switcher reloads with the hint, and the panel shows the engine\'s model', async (t) => {
  const { context, page } = await open(t, `${demo.site}/pricing.html`);
  await ready(page);
  const expect = {
    DE: { model: 'opt-in', buttons: ['Accept all', 'Reject all', 'Preferences'] },
    'US-CA': { model: 'opt-out', buttons: ['OK', 'Opt out', 'Preferences'] },
    JP: { model: 'notice', buttons: ['OK', 'Preferences'] },
  };
  for (const [region, want] of Object.entries(expect)) {
    await Promise.all([page.waitForURL(`**/pricing.html?region=${region}`), page.getByLabel('Visitor region').selectOption(region)]);
    await ready(page);
    assert.equal(await panelText(page, 'model'), want.model, region);
    assert.equal(await panelText(page, 'region'), `${region} (from the page)`);
    const names = await banner(page).getByRole('button').evaluateAll((bs) => bs.map((b) => b.textContent.trim()));
    assert.deepEqual(names.filter((n) => !n.startsWith('Do Not Sell')), want.buttons, `${region} banner buttons`);
  }
  // Language and GPC: lang=de gives the German banner; GPC in California denies marketing (reason gpc).
  await Promise.all([page.waitForURL('**/pricing.html?region=JP&lang=de'), page.getByLabel('Language').selectOption('de')]);
  await ready(page);
  await page.getByRole('region', { name: 'Cookies bei Wren AI' }).waitFor();
  assert.equal(await panelText(page, 'language'), 'de');
  await page.goto(`${demo.site}/pricing.html?region=US-CA`);
  await Promise.all([page.waitForURL('**/pricing.html?region=US-CA&gpc=1'), page.getByLabel('Send Global Privacy Control').check()]);
  const d = await ready(page);
  assert.equal(d.gpc, true);
  assert.equal(await page.locator('tr[data-category="marketing"]').innerText(), 'marketing\tdenied\tgpc');
  // The signal already opted out: a one-line notice says so, with OK and Preferences only.
  const honoured = page.getByRole('region', { name: 'Your opt-out preference signal was honoured.' });
  await honoured.waitFor();
  assert.deepEqual(await honoured.getByRole('button').evaluateAll((bs) => bs.map((b) => b.textContent.trim())), ['OK', 'Preferences']);
  await context.close();

  // "Auto" leaves the region to the browser's time zone.
  const berlin = await open(t, `${demo.site}/`, { timezoneId: 'Europe/Berlin' });
  await ready(berlin.page);
  assert.equal(await panelText(berlin.page, 'region'), 'DE (from the time zone)');
  assert.equal(await panelText(berlin.page, 'model'), 'opt-in');
});

test('keyboard only: banner → Preferences → switch analytics on → Save; footer link reopens, Escape returns focus', async (t) => {
  const { page, log } = await open(t, `${demo.site}/?region=DE`);
  await ready(page);
  await banner(page).waitFor();
  await tabTo(page, 'Preferences', { role: 'button' });
  await page.keyboard.press('Enter');
  await dialog(page).waitFor();
  assert.equal((await focused(page)).inDialog, true, 'focus moves into the dialog');
  const analytics = await tabTo(page, 'Analytics', { role: 'switch' });
  assert.equal(analytics.checked, 'false');
  await page.keyboard.press('Space');
  assert.equal((await focused(page)).checked, 'true');
  for (let i = 0; i < 25; i++) { // the focus trap keeps Tab inside the dialog
    await page.keyboard.press('Tab');
    assert.equal((await focused(page)).inDialog, true, `Tab #${i + 1} left the dialog`);
  }
  await tabTo(page, 'Save choices', { role: 'button' });
  await page.keyboard.press('Enter');
  await dialog(page).waitFor({ state: 'detached' });
  await banner(page).waitFor({ state: 'hidden' });
  await until(async () => (await badges(page)).includes('analytics'), 'the analytics badge');
  assert.equal(await panelText(page, 'model'), 'opt-in');
  assert.equal(await page.locator('tr[data-category="analytics"]').innerText(), 'analytics\tgranted\tchoice');

  await page.locator('footer').getByRole('link', { name: 'Cookie settings' }).focus();
  await page.keyboard.press('Enter');
  await dialog(page).waitFor();
  await page.keyboard.press('Escape');
  await dialog(page).waitFor({ state: 'detached' });
  assert.equal((await focused(page)).name, 'Cookie settings', 'focus returns to the footer link');
  assert.equal(new URL(page.url()).pathname, '/', 'the link opened the dialog instead of navigating');
  await settle(page, log);
  assert.deepEqual(problems(log), []);
});

test('badges appear only for what was granted, and the third-party servers saw only that', async (t) => {
  tpReset(); // page views count from 1
  const { context, page, log } = await open(t, `${demo.site}/blog/hello.html?region=DE`);
  await ready(page);
  await settle(page, log);
  assert.deepEqual(await badges(page), [], 'no badge before consent');
  assert.deepEqual(tpRequests(log), [], 'no third-party request before consent');
  assert.deepEqual(hitPaths(log), [], 'and the third-party server got none from this page');
  await page.getByRole('button', { name: 'Load VideoTube embeds from VideoTube Inc. (fake)' }).waitFor();

  // Analytics only.
  await banner(page).getByRole('button', { name: 'Preferences' }).click();
  await dialog(page).getByRole('switch', { name: 'Analytics' }).click();
  await dialog(page).getByRole('button', { name: 'Save choices' }).click();
  await page.locator('[data-badge="analytics"]', { hasText: 'page view #1' }).waitFor();
  await settle(page, log);
  assert.deepEqual(await badges(page), ['analytics']);
  assert.deepEqual(uniq(tpRequests(log)), ['/analytics.js', '/collect'], 'analytics only');
  assert.deepEqual(hitPaths(log).filter((p) => !['/analytics.js', '/collect'].includes(p)), [], 'the server got nothing else from this page');
  const names = (await context.cookies()).map((c) => c.name).sort();
  assert.deepEqual(names, ['_ga', '_ga_DEMO', 'assent']);

  // Next page view: counted by the analytics server.
  await page.goto(`${demo.site}/pricing.html?region=DE`);
  await page.locator('[data-badge="analytics"]', { hasText: 'page view #2' }).waitFor();
  assert.equal(demo.tp.pageViews(), 2, 'counted by the analytics server since this test began');

  // Accept all on the blog: every third party runs, the video loads, the dynamic tracker's onload fires.
  await page.goto(`${demo.site}/blog/hello.html?region=DE`);
  await ready(page);
  await page.locator('footer').getByRole('link', { name: 'Cookie settings' }).click();
  await dialog(page).getByRole('button', { name: 'Accept all' }).click();
  await until(async () => (await badges(page)).length === 4, 'four badges');
  assert.deepEqual(await badges(page), ['analytics', 'chat', 'dynamic', 'pixel']);
  await page.frameLocator('iframe.video').getByRole('heading', { name: 'Wren in 90 seconds' }).waitFor();
  await page.locator('html[data-tracker-loaded]').waitFor({ state: 'attached' });
  await page.getByRole('button', { name: 'Chat with us' }).waitFor();
  await settle(page, log);
  for (const p of ['/pixel.js', '/px', '/chat.js', '/tracker.js', '/video/embed.html']) assert.ok(tpAnswered(log).includes(p), `the third-party server answered ${p}`);
  await until(async () => /_fbp/.test(await panelText(page, 'cookies')), 'the panel to list _fbp');

  // "Clear my consent" forgets the record and the cookies: after the reload, the banner is back and nothing runs.
  await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: 'Clear my consent' }).click()]);
  await ready(page);
  await banner(page).waitFor();
  assert.equal(await panelText(page, 'cookies'), 'No cookies');
  await settle(page, log);
  assert.deepEqual(await badges(page), []);
  assert.deepEqual(tpRequests(log), [], 'the reloaded page requests no third party');
  assert.deepEqual(hitPaths(log), []);
  await context.close();

  // California with GPC: analytics and chat run by default, marketing (pixel, tracker, video) does not.
  const ca = await open(t, `${demo.site}/blog/hello.html?region=US-CA&gpc=1`);
  await ready(ca.page);
  await until(async () => (await badges(ca.page)).length === 2, 'two badges');
  await settle(ca.page, ca.log);
  assert.deepEqual(await badges(ca.page), ['analytics', 'chat']);
  const CA = ['/analytics.js', '/chat.js', '/collect'];
  assert.deepEqual(uniq(tpRequests(ca.log)), CA);
  assert.deepEqual(hitPaths(ca.log).filter((p) => !CA.includes(p)), [], 'the server got no marketing request from this page');
});

test('a choice on the static site: the consent cookie comes from the receipts server, the panel verifies the receipt', async (t) => {
  const { context, page } = await open(t, `${demo.site}/?region=DE`);
  await ready(page);
  const posted = page.waitForResponse((r) => r.url() === `${demo.site}/assent/consent` && r.request().method() === 'POST');
  await banner(page).getByRole('button', { name: 'Accept all', exact: true }).click();
  const res = await posted;
  assert.equal(res.status(), 201);
  const { id } = await res.json();
  // The cookie the browser keeps is the one in the server's response (same name, value and lifetime).
  const setCookie = await res.headerValue('set-cookie');
  const [pair] = setCookie.split(';');
  const cookie = (await context.cookies()).find((c) => c.name === 'assent');
  assert.equal(`${cookie.name}=${cookie.value}`, pair);
  assert.ok(Math.abs(cookie.expires - Date.now() / 1000 - Number(/Max-Age=(\d+)/.exec(setCookie)[1])) < 60, setCookie);
  // The panel checks the receipt with the server's public key, in the page, as a visitor could.
  await until(async () => (await panelText(page, 'receipt-id').catch(() => '')) === id, 'the panel shows the receipt');
  await until(async () => (await panelText(page, 'verify')).startsWith('valid (key '), 'the panel verified the signature');
  assert.equal(await panelText(page, 'record'), "the consent cookie's");
  await context.close();
});

test('the SPA, built from the npm tarball: banner, <Consented> placeholder → content, state kept across routes', async (t) => {
  const lock = JSON.parse(readFileSync(`${repo}demo/spa/package-lock.json`, 'utf8'));
  assert.equal(lock.packages['node_modules/assent-consent'].resolved, 'file:vendor/assent-consent.tgz');
  assert.ok(!lstatSync(`${repo}demo/spa/node_modules/assent-consent`).isSymbolicLink(), 'installed from the tarball, not linked');

  let wasm;
  const { page, log } = await open(t, `${demo.spa}/?region=DE`, {}, ({ page: p }) => {
    wasm = p.waitForResponse((r) => /\/assets\/assent-[\w-]+\.wasm$/.test(r.url()));
  });
  await banner(page).waitFor();
  assert.equal((await wasm).headers()['content-type'], 'application/wasm');
  const placeholder = page.locator('[data-consented="marketing"]');
  await placeholder.waitFor();
  await settle(page, log);
  assert.deepEqual(tpRequests(log), [], 'the video is not loaded before consent');
  assert.deepEqual(hitPaths(log), []);

  await banner(page).getByRole('button', { name: 'Accept all' }).click();
  const video = page.frameLocator('iframe[title="Wren in 90 seconds (VideoTube)"]');
  await video.getByRole('heading', { name: 'Wren in 90 seconds' }).waitFor();
  assert.equal(await placeholder.count(), 0);
  await page.evaluate(() => { window.__noReload = true; });

  await page.getByRole('link', { name: 'Features' }).click();
  await page.getByRole('heading', { name: 'Features', level: 1 }).waitFor();
  await page.getByRole('link', { name: 'Privacy' }).click();
  await page.getByRole('cell', { name: 'allowed', exact: true }).first().waitFor();
  assert.equal(await page.locator('tr', { hasText: 'Marketing' }).locator('td').first().innerText(), 'allowed');
  await page.getByRole('link', { name: 'Home' }).click();
  await video.getByRole('heading', { name: 'Wren in 90 seconds' }).waitFor();
  assert.equal(await page.evaluate(() => window.__noReload), true, 'routes changed without a reload');
  assert.equal(await banner(page).count(), 0, 'no banner after the choice');

  // The settings button (showPreferences) and the placeholder again after rejecting.
  await page.locator('footer').getByRole('button', { name: 'Cookie settings' }).click();
  await dialog(page).getByRole('button', { name: 'Reject all' }).click();
  await placeholder.waitFor();
  await settle(page, log);
  assert.deepEqual(problems(log), []);

  // The SPA is built from the README's npm snippet alone (init({ config })): Vite emitted the package's locale
  // files itself. A German visitor landing on a deep link (a path the server does not have: its SPA fallback
  // answers with index.html) gets the German banner from /assets/de-<hash>.json, and no English file.
  let locale;
  const de = await open(t, `${demo.spa}/blog/some-post?region=DE&lang=de#/features`, {}, ({ page: p }) => {
    locale = p.waitForResponse((r) => /\/assets\/de-[\w-]+\.json$/.test(r.url()));
  });
  await de.page.getByRole('region', { name: 'Ihre Privatsphäre ist uns wichtig' }).waitFor();
  await de.page.getByRole('button', { name: 'Alle akzeptieren' }).waitFor();
  assert.match((await locale).headers()['content-type'], /json/);
  await de.page.getByRole('heading', { name: 'Features', level: 1 }).waitFor();
  await settle(de.page, de.log);
  assert.deepEqual(problems(de.log), []);
  assert.deepEqual(de.log.console.filter((m) => m.type === 'warning' && /Assent/.test(m.text)), []);
});

test('the SPA when its host answers the German locale file with index.html: English banner, a warning, init() resolves', async (t) => {
  const { page, log } = await open(t, `${demo.spa}/?region=DE&lang=de`, {}, async ({ page: p }) => {
    // What an SPA host does for a file it does not have: its index.html, 200, text/html.
    await p.route(/\/assets\/de-[\w-]+\.json$/, (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: '<!doctype html><div id="root"></div>' }));
  });
  await banner(page).getByRole('button', { name: 'Accept all' }).waitFor();
  await page.getByRole('link', { name: 'Privacy' }).click();
  await page.getByRole('cell', { name: 'not allowed', exact: true }).first().waitFor(); // init() resolved: the decision table
  assert.equal(await page.getByRole('alert').count(), 0, 'no "Assent could not start"');
  await settle(page, log);
  assert.deepEqual(problems(log), [], 'no error (a rejected init() logs one): the app keeps working');
  const warnings = log.console.filter((m) => m.type === 'warning' && /Assent/.test(m.text)).map((m) => m.text);
  assert.equal(warnings.length, 1, warnings.join('\n'));
  assert.match(warnings[0], /de-[\w-]+\.json answered with text\/html.*fall back to English/);
});

test('axe: no violations on any demo page with the banner open', async (t) => {
  const urls = [...PAGES.map((p) => `${demo.site}${p}?region=DE`), `${demo.site}/?region=US-CA&gpc=1`, `${demo.spa}/?region=DE`];
  for (const url of urls) {
    const { context, page, log } = await open(t, url);
    // US-CA with GPC: the compact notice (the signal was honoured) instead of the full banner.
    await banner(page).or(page.getByRole('region', { name: 'Your opt-out preference signal was honoured.' })).waitFor();
    await settle(page, log);
    await animationsDone(page); // fonts, styles and the banner's entrance are in place
    assert.deepEqual(await runAxe(page), [], url);
    await context.close();
  }
});

// The README's screenshot: the landing page with the banner open, as a first-time visitor in Germany sees it.
// Always written to tests/artifacts/; ASSENT_UPDATE_SCREENSHOT=1 also refreshes the committed demo/screenshot.png.
test('screenshot of the demo landing page with the banner', async (t) => {
  const { page } = await open(t, `${demo.site}/index.html?region=DE`);
  await ready(page);
  await banner(page).waitFor({ state: 'visible' });
  await page.evaluate(() => document.fonts.ready);
  await page.locator('summary', { hasText: 'Demo controls' }).click(); // collapse the panel: show the site
  const out = fileURLToPath(new URL('../../tests/artifacts/demo-landing.png', import.meta.url));
  mkdirSync(dirname(out), { recursive: true });
  const png = await page.screenshot({ path: out, animations: 'disabled' });
  assert.ok(png.length > 10000, 'a real image');
  if (process.env.ASSENT_UPDATE_SCREENSHOT === '1') writeFileSync(fileURLToPath(new URL('../screenshot.png', import.meta.url)), png);
});
