// Stored choice: second visit, revoke (cookie deletion incl. parent domain and parent path), cross-tab sync.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  addPage, EN, openPage, requireShim, settle, setup, TEST_DOMAIN, trackerHitPaths, trackerRequests, ui, until,
  waitForEvents, waitForHits, waitForReady,
} from './lib/harness.mjs';
import { cookieMap } from './lib/records.mjs';

let env;
before(async () => { requireShim(); env = await setup(); });
after(async () => { await env?.close(); });

test('second visit with a stored choice: no banner, granted scripts run without interaction', async (t) => {
  const { context, page, log } = await openPage(t, env, '/index.html?region=DE');
  await ui(page).banner.getByRole('button', { name: EN.acceptAll, exact: true }).click();
  await waitForHits(log, ['/analytics.js', '/pixel.js', '/chat.js', '/dynamic.js']);

  const record = (await context.cookies()).find((c) => c.name === 'assent');
  assert.ok(record, 'record cookie "assent" stored');
  assert.equal(record.path, '/');
  assert.equal(record.sameSite, 'Lax');
  assert.equal(record.httpOnly, false);
  const days = (record.expires - Date.now() / 1000) / 86400;
  assert.ok(days > 180 && days < 183, `Max-Age ≈ 182 days (maxAgeDays default); got ${days.toFixed(2)} days`);
  assert.match(record.value, /^1\.[0-9a-f]{8}\.\d+\.i\.a\./, `record format 1.<rev>.<ts>.i.a…: ${record.value}`);
  const mirrored = await page.evaluate(() => localStorage.getItem('assent:assent'));
  assert.equal(mirrored, record.value, "mirrored in localStorage['assent:assent']");

  await page.reload(); // the new document's requests and hits are counted from here, not the old one's
  const decision = await waitForReady(page);
  assert.equal(decision.showBanner, false);
  assert.equal(decision.reason, 'valid-record');
  await waitForHits(log, ['/analytics.js', '/collect', '/pixel.js', '/px', '/chat.js', '/dynamic.js', '/embed.html']);
  await until(() => page.evaluate(() => window.__gaLoaded && window.__pixelLoaded && window.__chatLoaded && window.__dynOnload),
    'granted scripts executed on the second visit');
  assert.equal(await ui(page).banner.isVisible(), false, 'no banner on the second visit');
  await settle(page, log);
  assert.equal(await ui(page).banner.isVisible(), false, 'and it does not appear later');
});

test('revoke: Accept all, reopen via data-assent-open, Reject all → _ga/_fbp cookies deleted (host, parent domain, page path)', async (t) => {
  const { server } = env;
  const host = `www.${TEST_DOMAIN}`;
  const origin = `http://${host}:${server.sitePort}`;
  const { context, page, log } = await openPage(t, env, null);
  // One unrelated cookie that must survive.
  await context.addCookies([{ name: 'keep_me', value: '1', domain: `.${TEST_DOMAIN}`, path: '/' }]);
  await page.goto(`${origin}/shop/revoke.html?region=DE`);
  await waitForReady(page);
  const { banner, dialog } = ui(page);
  await banner.getByRole('button', { name: EN.acceptAll, exact: true }).click();
  await waitForEvents(page, 'assent:change');
  // Cookies the trackers could have set on the parent domain once granted (set before consent, Assent removes
  // them on load: cookie-guard.test.mjs).
  await context.addCookies([
    { name: '_ga', value: 'GA1.2.parent', domain: `.${TEST_DOMAIN}`, path: '/' },
    { name: '_ga_E2ETEST', value: 'GS1.1.parent', domain: `.${TEST_DOMAIN}`, path: '/' },
  ]);
  await waitForHits(log, ['/analytics.js', '/pixel.js']);
  // analytics.js sets _ga on the host with Path=/; pixel.js sets _fbp without Path → Path=/shop.
  const before = await until(async () => {
    const c = await cookieMap(context);
    return c._ga?.length === 2 && c._fbp && c;
  }, '_ga on host + parent domain, and _fbp, should exist after Accept all');
  assert.deepEqual(before._fbp.map((c) => `${c.domain}${c.path}`), [`${host}/shop`]);
  assert.deepEqual(before._ga.map((c) => c.domain).sort(), [`.${TEST_DOMAIN}`, host].sort());

  await page.getByRole('button', { name: 'Cookie settings', exact: true }).click();
  await dialog.waitFor({ state: 'visible' });
  await dialog.getByRole('button', { name: EN.rejectAll, exact: true }).click();
  await dialog.waitFor({ state: 'hidden' });

  const change = (await waitForEvents(page, 'assent:change', 2)).at(-1).detail;
  assert.deepEqual([...(change.revoked ?? [])].sort(), ['analytics', 'marketing', 'preference'].sort(),
    `revoked categories: ${JSON.stringify(change.revoked)}`);

  const trackerCookies = async () => (await context.cookies()).filter((c) => /^_ga|^_fbp$|^chat_sid$/.test(c.name))
    .map((c) => `${c.name}@${c.domain}${c.path}`);
  await until(async () => (await trackerCookies()).length === 0, {
    message: 'tracker cookies deleted after revoke (host, parent domain, /shop path)', progress: trackerCookies,
  }).catch(async (e) => { throw new Error(`${e.message}; left: ${JSON.stringify(await trackerCookies())}`); });
  const after = await cookieMap(context);
  assert.ok(after.keep_me, 'an unrelated cookie is not touched');
  assert.ok(after.assent, 'the consent record stays');

  // Reload: the new document requests nothing (a late request of the old one is not counted against it).
  await page.reload();
  await waitForReady(page);
  await settle(page, log);
  assert.deepEqual(trackerHitPaths(log), []);
  assert.deepEqual(trackerRequests(log), []);
});

test('another open tab follows a choice without reload (storage event)', async (t) => {
  const { context, page: a } = await openPage(t, env, '/index.html?region=DE');
  const { page: b, log: logB } = await addPage(context, env);
  await b.goto(`${env.server.siteOrigin}/index.html?region=DE`);
  await waitForReady(b);
  await ui(b).banner.waitFor({ state: 'visible' });
  await settle(b, logB);
  assert.deepEqual(trackerRequests(logB), []);

  await ui(a).banner.getByRole('button', { name: EN.acceptAll, exact: true }).click();
  await ui(b).banner.waitFor({ state: 'hidden' });
  await until(() => trackerRequests(logB).includes('/analytics.js'), 'tab B requests analytics.js after the choice made in tab A');
  assert.equal(await b.evaluate(async () => (await window.Assent.ready).has('analytics')), true);
});
