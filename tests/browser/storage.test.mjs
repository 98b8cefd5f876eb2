// Stored choice: second visit, revoke (cookie deletion incl. parent domain and parent path), cross-tab sync.
import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  attachPageLogs, cookieMap, EN, newPage, openPage, quiet, requireShim, setup, TEST_DOMAIN, trackerRequests, ui,
  until, waitForHits, waitForReady,
} from './lib/harness.mjs';

let env;
before(async () => { requireShim(); env = await setup(); });
after(async () => { await env?.close(); });
beforeEach(() => env?.server.reset());

test('second visit with a stored choice: no banner, granted scripts run without interaction', async () => {
  const { server } = env;
  const { context, page } = await openPage(env, `/index.html?region=DE`);
  try {
    await ui(page).banner.getByRole('button', { name: EN.acceptAll, exact: true }).click();
    await waitForHits(server, ['/analytics.js', '/pixel.js', '/chat.js', '/dynamic.js']);

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

    server.reset();
    await page.reload();
    const decision = await waitForReady(page);
    assert.equal(decision.showBanner, false);
    assert.equal(decision.reason, 'valid-record');
    await waitForHits(server, ['/analytics.js', '/collect', '/pixel.js', '/px', '/chat.js', '/dynamic.js', '/embed.html']);
    await until(() => page.evaluate(() => window.__gaLoaded && window.__pixelLoaded && window.__chatLoaded && window.__dynOnload),
      'granted scripts executed on the second visit');
    assert.equal(await ui(page).banner.isVisible(), false, 'no banner on the second visit');
    await quiet(page, 500);
    assert.equal(await ui(page).banner.isVisible(), false, 'and it does not appear later');
  } finally {
    await context.close();
  }
});

test('revoke: Accept all, reopen via data-assent-open, Reject all → _ga/_fbp cookies deleted (host, parent domain, page path)', async () => {
  const { server } = env;
  const host = `www.${TEST_DOMAIN}`;
  const origin = `http://${host}:${server.sitePort}`;
  const { context, page, log } = await newPage(env);
  try {
    // Pre-set cookies the trackers could have set on the parent domain, plus one unrelated cookie that must survive.
    await context.addCookies([
      { name: '_ga', value: 'GA1.2.parent', domain: `.${TEST_DOMAIN}`, path: '/' },
      { name: '_ga_E2ETEST', value: 'GS1.1.parent', domain: `.${TEST_DOMAIN}`, path: '/' },
      { name: 'keep_me', value: '1', domain: `.${TEST_DOMAIN}`, path: '/' },
    ]);
    await page.goto(`${origin}/shop/revoke.html?region=DE`);
    await waitForReady(page);
    const { banner, dialog } = ui(page);
    await banner.getByRole('button', { name: EN.acceptAll, exact: true }).click();
    await waitForHits(server, ['/analytics.js', '/pixel.js']);
    // analytics.js sets _ga on the host with Path=/; pixel.js sets _fbp without Path → Path=/shop.
    const before = await until(async () => {
      const c = await cookieMap(context);
      return c._ga?.length === 2 && c._fbp && c;
    }, '_ga on host + parent domain, and _fbp, should exist after Accept all');
    assert.deepEqual(before._fbp.map((c) => `${c.domain}${c.path}`), [`${host}/shop`]);
    assert.deepEqual(before._ga.map((c) => c.domain).sort(), [`.${TEST_DOMAIN}`, host].sort());

    await page.getByRole('button', { name: 'Cookie settings', exact: true }).click();
    await dialog.waitFor({ state: 'visible', timeout: 3000 });
    await dialog.getByRole('button', { name: EN.rejectAll, exact: true }).click();
    await dialog.waitFor({ state: 'hidden', timeout: 3000 });

    const change = await until(() => page.evaluate(() =>
      window.__assentEvents.filter((e) => e.type === 'assent:change').at(-1)?.detail), 'assent:change after Reject all');
    assert.deepEqual([...(change.revoked ?? [])].sort(), ['analytics', 'marketing', 'preference'].sort(),
      `revoked categories: ${JSON.stringify(change.revoked)}`);

    const left = await until(async () => {
      const c = await cookieMap(context);
      const trackers = Object.keys(c).filter((n) => /^_ga|^_fbp$|^chat_sid$/.test(n));
      return trackers.length === 0 ? { ok: true } : null;
    }, 'tracker cookies should be deleted', 2000).catch(async () => ({ ok: false, cookies: await context.cookies() }));
    assert.ok(left.ok, `cookies left after revoke: ${JSON.stringify(left.cookies?.filter((c) => c.name !== 'assent' && c.name !== 'keep_me').map((c) => `${c.name}@${c.domain}${c.path}`))}`);
    const after = await cookieMap(context);
    assert.ok(after.keep_me, 'an unrelated cookie is not touched');
    assert.ok(after.assent, 'the consent record stays');

    // Reload: nothing is requested again.
    server.reset();
    const before2 = log.requests.length;
    await page.reload();
    await waitForReady(page);
    await quiet(page);
    assert.deepEqual(server.hitPaths(), []);
    assert.deepEqual(trackerRequests({ requests: log.requests.slice(before2) }, server), []);
  } finally {
    await context.close();
  }
});

test('another open tab follows a choice without reload (storage event)', async () => {
  const { server } = env;
  const { context, page: a } = await newPage(env);
  try {
    const b = await context.newPage();
    const logB = { requests: [], console: [], pageErrors: [], dialogs: [] };
    attachPageLogs(b, logB);
    b.on('request', (r) => logB.requests.push({ url: r.url() }));
    await a.goto(`${server.siteOrigin}/index.html?region=DE`);
    await b.goto(`${server.siteOrigin}/index.html?region=DE`);
    await Promise.all([waitForReady(a), waitForReady(b)]);
    await ui(b).banner.waitFor({ state: 'visible' });
    await quiet(b, 300);
    assert.deepEqual(trackerRequests(logB, server), []);

    await ui(a).banner.getByRole('button', { name: EN.acceptAll, exact: true }).click();
    await ui(b).banner.waitFor({ state: 'hidden', timeout: 5000 });
    await until(() => trackerRequests(logB, server).includes('/analytics.js'),
      'tab B requests analytics.js after the choice made in tab A', 5000);
    assert.equal(await b.evaluate(async () => (await window.Assent.ready).has('analytics')), true);
  } finally {
    await context.close();
  }
});
