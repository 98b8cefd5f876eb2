// Opt-in region (data-region="DE"): nothing before consent; keyboard Accept all; Reject all; preferences dialog.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { focused, tabTo } from '../lib/keyboard.mjs';
import {
  EN, openPage, requireShim, settle, setup, TRACKER_PATHS, trackerHitPaths, trackerHits, trackerRequests, ui, until,
  waitForHits,
} from './lib/harness.mjs';
import { cookieMap } from './lib/records.mjs';

let env;
before(async () => { requireShim(); env = await setup(); });
after(async () => { await env?.close(); });

const TAGGED = ['/analytics.js', '/pixel.js', '/chat.js'];

test('opt-in first visit: banner shown, zero tracker requests, no tracker cookies', async (t) => {
  const { context, page, log, decision } = await openPage(t, env, '/index.html?region=DE');
  assert.equal(decision.model, 'opt-in');
  assert.equal(decision.region, 'DE');
  assert.equal(decision.showBanner, true);

  const { banner } = ui(page);
  await banner.waitFor({ state: 'visible' });
  for (const name of [EN.acceptAll, EN.rejectAll, EN.preferences]) {
    assert.ok(await banner.getByRole('button', { name, exact: true }).isVisible(), `banner button "${name}" visible`);
  }

  await settle(page, log);
  assert.deepEqual(trackerHitPaths(log), [], 'the tracker server saw no request before consent');
  assert.deepEqual(trackerRequests(log), [], 'the browser issued no request to the tracker origin');
  const flags = await page.evaluate(() => ({
    ga: window.__gaLoaded, pixel: window.__pixelLoaded, chat: window.__chatLoaded, dyn: window.__dynLoaded,
    dynOnload: window.__dynOnload, order: window.__order ?? [],
  }));
  assert.deepEqual(flags, { ga: undefined, pixel: undefined, chat: undefined, dyn: undefined, dynOnload: false, order: [] });
  const cookies = await cookieMap(context);
  for (const name of ['_ga', '_fbp', 'chat_sid']) assert.equal(cookies[name], undefined, `no ${name} cookie`);
});

test('keyboard only: Tab to "Accept all", press Enter → every tracker loads, tagged ones in document order', async (t) => {
  const { context, page, log } = await openPage(t, env, '/index.html?region=DE');
  const { banner } = ui(page);
  await banner.waitFor({ state: 'visible' });
  await settle(page, log);
  assert.deepEqual(trackerHitPaths(log), []);

  await tabTo(page, EN.acceptAll);
  const f = await focused(page);
  assert.ok(f.inShadow, 'the focused "Accept all" is the banner button (inside the shadow root)');
  await page.keyboard.press('Enter');

  await banner.waitFor({ state: 'hidden' });
  await waitForHits(log, ['/analytics.js', '/collect', '/pixel.js', '/px', '/chat.js', '/chat-ping', '/dynamic.js', '/embed.html']);

  const order = trackerRequests(log).filter((p) => TAGGED.includes(p));
  assert.deepEqual(order, TAGGED, 'the browser requested the tagged scripts in document order');
  await settle(page, log);
  const serverOrder = trackerHitPaths(log).filter((p) => TAGGED.includes(p));
  assert.deepEqual([...serverOrder].sort(), [...TAGGED].sort(), 'each tagged script requested exactly once');

  await until(async () => {
    const c = await cookieMap(context);
    return c._ga && c._fbp && c.chat_sid && c.assent;
  }, 'after Accept all: _ga, _fbp, chat_sid (set by the trackers) and the assent record cookie');
  const changes = await page.evaluate(() => window.__assentEvents.filter((e) => e.type === 'assent:change').length);
  assert.equal(changes, 1, 'one assent:change event');
});

test('released scripts keep document order and attributes (inline after its external script; integrity, crossorigin, referrerpolicy, async)', async (t) => {
  const { server } = env;
  const { page, log } = await openPage(t, env, '/index.html?region=DE');
  await ui(page).banner.getByRole('button', { name: EN.acceptAll, exact: true }).click();
  await waitForHits(log, ['/analytics.js', '/pixel.js', '/chat.js']);
  await until(() => page.evaluate(() => (window.__order || []).length >= 4), 'four tagged scripts executed');
  const r = await page.evaluate(() => ({
    order: window.__order,
    inlineSawGa: window.__inlineSawGa,
    chatRan: window.__chatLoaded === true,
    scripts: [...document.querySelectorAll('script[src]')]
      .filter((s) => !s.type || /javascript/.test(s.type))
      .map((s) => ({
        path: new URL(s.src).pathname, async: s.async, integrity: s.getAttribute('integrity'),
        crossorigin: s.getAttribute('crossorigin'), referrerpolicy: s.getAttribute('referrerpolicy'),
      })),
  }));
  // analytics.js is answered 150 ms late on purpose; the inline analytics snippet after it must still run after it.
  assert.ok(r.order.indexOf('analytics') >= 0 && r.order.indexOf('inline-analytics') > r.order.indexOf('analytics'),
    `inline tagged script ran after the external one before it in the document; order: ${JSON.stringify(r.order)}`);
  assert.equal(r.inlineSawGa, true, 'the inline snippet saw window.__gaLoaded set by analytics.js');
  assert.ok(r.chatRan, 'chat.js (integrity + crossorigin) executed: the SRI check passed');
  const chat = r.scripts.find((s) => s.path === '/chat.js');
  assert.ok(chat, `a live <script src=…/chat.js> exists; scripts: ${JSON.stringify(r.scripts)}`);
  assert.match(chat.integrity ?? '', /^sha384-/, 'integrity kept');
  assert.equal(chat.crossorigin, 'anonymous', 'crossorigin kept');
  assert.equal(chat.referrerpolicy, 'no-referrer', 'referrerpolicy kept');
  assert.equal(r.scripts.find((s) => s.path === '/pixel.js')?.async, true, 'async kept on pixel.js');
  // Network evidence for referrerpolicy: chat.js arrived without a Referer, analytics.js with one.
  const hits = trackerHits(log);
  assert.equal(hits.find((h) => h.path === '/chat.js').referer, null, 'chat.js requested with no Referer');
  assert.ok(hits.find((h) => h.path === '/analytics.js').referer?.startsWith(server.siteOrigin));
});

test('Reject all: nothing loads, no _ga cookie, record stored', async (t) => {
  const { context, page, log } = await openPage(t, env, '/index.html?region=DE');
  const { banner } = ui(page);
  await banner.getByRole('button', { name: EN.rejectAll, exact: true }).click();
  await banner.waitFor({ state: 'hidden' });
  await settle(page, log);
  assert.deepEqual(trackerHitPaths(log), [], 'no tracker hit after Reject all');
  assert.deepEqual(trackerRequests(log), []);
  const cookies = await cookieMap(context);
  assert.equal(cookies._ga, undefined, 'no _ga cookie');
  assert.equal(cookies._fbp, undefined, 'no _fbp cookie');
  assert.ok(cookies.assent, 'the consent record cookie is stored');
  const has = await page.evaluate(async () => {
    const a = await window.Assent.ready;
    return { analytics: a.has('analytics'), marketing: a.has('marketing'), essential: a.has('essential') };
  });
  assert.deepEqual(has, { analytics: false, marketing: false, essential: true });
});

test('preferences dialog: ARIA roles/states, focus trapped, Escape closes and returns focus to the opener', async (t) => {
  const { page, log } = await openPage(t, env, '/index.html?region=DE');
  const { banner, dialog } = ui(page);
  // Keyboard only: Tab to the banner's "Preferences" and press Enter.
  await tabTo(page, EN.preferences);
  await page.keyboard.press('Enter');
  await dialog.waitFor({ state: 'visible' });
  assert.equal(await dialog.getAttribute('aria-modal'), 'true');
  assert.ok(await dialog.getByRole('heading', { name: EN.prefsTitle, exact: true }).isVisible(), 'heading "Cookie preferences"');

  const sw = (name) => dialog.getByRole('switch', { name, exact: true });
  assert.equal(await sw('Essential').getAttribute('aria-checked'), 'true');
  assert.equal(await sw('Essential').getAttribute('aria-disabled'), 'true');
  for (const name of ['Preferences', 'Analytics', 'Marketing']) {
    assert.equal(await sw(name).getAttribute('aria-checked'), 'false', `${name} off before a choice in opt-in`);
  }
  for (const name of [EN.save, EN.acceptAll, EN.rejectAll, EN.close]) {
    assert.ok(await dialog.getByRole('button', { name, exact: true }).isVisible(), `dialog button "${name}"`);
  }

  // Focus is inside the dialog and stays there (Tab and Shift+Tab).
  await until(async () => (await focused(page))?.inDialog, 'focus moves into the dialog');
  for (let i = 0; i < 14; i++) {
    await page.keyboard.press(i % 5 === 4 ? 'Shift+Tab' : 'Tab');
    const f = await focused(page);
    assert.ok(f?.inDialog, `focus left the dialog after ${i + 1} Tab presses: ${JSON.stringify(f)}`);
  }

  // Escape closes; focus returns to the element that opened it.
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'hidden' });
  assert.ok(await banner.isVisible(), 'banner still shown: no choice was made');
  const back = await until(async () => { const f = await focused(page); return f && !f.isBody && f; },
    'focus should return to the "Preferences" button, not to <body>');
  assert.ok(back.name === EN.preferences && back.inShadow,
    `after Escape focus is on ${JSON.stringify(back)}; expected the banner's "Preferences" button that opened the dialog`);

  // Same with the page's data-assent-open button as the opener (light DOM).
  await page.getByRole('button', { name: 'Cookie settings', exact: true }).focus();
  await page.keyboard.press('Enter');
  await dialog.waitFor({ state: 'visible' });
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'hidden' });
  const back2 = await focused(page);
  assert.ok(back2?.dataAssentOpen, `focus returned to the data-assent-open button: ${JSON.stringify(back2)}`);

  await settle(page, log);
  assert.deepEqual(trackerHitPaths(log), [], 'opening/closing the dialog loads nothing');
});

test('preferences dialog: switch on Analytics only (Space), Save → only analytics hits and cookies', async (t) => {
  const { context, page, log } = await openPage(t, env, '/index.html?region=DE');
  const { banner, dialog } = ui(page);
  await banner.getByRole('button', { name: EN.preferences, exact: true }).click();
  await dialog.waitFor({ state: 'visible' });
  const sw = (name) => dialog.getByRole('switch', { name, exact: true });
  await sw('Analytics').focus();
  await page.keyboard.press('Space');
  assert.equal(await sw('Analytics').getAttribute('aria-checked'), 'true', 'Space toggles the switch');
  assert.equal(await sw('Marketing').getAttribute('aria-checked'), 'false');
  assert.equal(await sw('Preferences').getAttribute('aria-checked'), 'false');
  await dialog.getByRole('button', { name: EN.save, exact: true }).click();
  await dialog.waitFor({ state: 'hidden' });
  await banner.waitFor({ state: 'hidden' });

  await waitForHits(log, ['/analytics.js', '/collect', '/dynamic.js']);
  await settle(page, log);
  const stray = trackerHitPaths(log).filter((p) => !TRACKER_PATHS.analytics.includes(p));
  assert.deepEqual(stray, [], 'only analytics third parties were requested');
  const cookies = await cookieMap(context);
  assert.ok(cookies._ga, '_ga set');
  assert.equal(cookies._fbp, undefined);
  assert.equal(cookies.chat_sid, undefined);
  const has = await page.evaluate(async () => {
    const a = await window.Assent.ready;
    return ['analytics', 'marketing', 'preference', 'fake-analytics', 'meta-pixel'].map((id) => a.has(id));
  });
  assert.deepEqual(has, [true, false, false, true, false]);
});
