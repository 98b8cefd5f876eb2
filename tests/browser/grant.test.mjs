// "Grant one more, keep the rest" is the engine's rule (action `grant`, and `keepServices` for the dialog's
// Save): consent.grant(), the embed placeholder, and a Save after a placeholder must all keep what the
// visitor granted before, without the shim recomputing anything.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { EN, events, openPage, requireShim, settle, setup, TRACKER_PATHS, trackerHitPaths, ui, waitForHits, waitForReady } from './lib/harness.mjs';

let env;
before(async () => { requireShim(); env = await setup(); });
after(async () => { await env?.close(); });

const hasAll = (page) => page.evaluate(async () => {
  const a = await window.Assent.ready;
  return Object.fromEntries(['videotube', 'marketing', 'meta-pixel', 'analytics', 'preference'].map((id) => [id, a.has(id)]));
});

test('"Load content" then the dialog\'s Save with no change: the embed stays granted, also after a reload', async (t) => {
  const { page, log } = await openPage(t, env, '/index.html?region=DE');
  await page.getByRole('button', { name: 'Load VideoTube embeds from VideoTube Inc.', exact: true }).click();
  await waitForHits(log, ['/embed.html']);

  await page.evaluate(async () => (await window.Assent.ready).showPreferences());
  const { dialog } = ui(page);
  await dialog.waitFor({ state: 'visible' });
  assert.equal(await dialog.getByRole('switch', { name: 'Marketing', exact: true }).getAttribute('aria-checked'), 'false',
    'the service was granted on its own, its category is off');
  await dialog.getByRole('button', { name: EN.save, exact: true }).click();
  await dialog.waitFor({ state: 'hidden' });
  assert.deepEqual(await hasAll(page), { videotube: true, marketing: false, 'meta-pixel': false, analytics: false, preference: false });

  await page.reload();
  await waitForReady(page);
  await waitForHits(log, ['/embed.html']);
  await settle(page, log);
  assert.deepEqual(trackerHitPaths(log).filter((p) => p !== '/embed.html'), [], 'only the embed loads after the reload');
  assert.equal((await hasAll(page)).videotube, true, 'kept in the stored record');
});

test('consent.grant() adds a category and keeps the embed granted before; nothing else loads', async (t) => {
  const { page, log } = await openPage(t, env, '/index.html?region=DE');
  await page.getByRole('button', { name: 'Load VideoTube embeds from VideoTube Inc.', exact: true }).click();
  await waitForHits(log, ['/embed.html']);
  const changes = await page.evaluate(async () => {
    const a = await window.Assent.ready;
    const seen = [];
    a.on('change', ({ revoked }) => seen.push(revoked));
    await a.grant({ categories: ['analytics'] });
    return seen;
  });
  assert.deepEqual(changes, [[]], 'one change, nothing revoked');
  assert.deepEqual(await hasAll(page), { videotube: true, marketing: false, 'meta-pixel': false, analytics: true, preference: false });
  await waitForHits(log, ['/analytics.js']);
  await settle(page, log);
  const stray = trackerHitPaths(log).filter((p) => !TRACKER_PATHS.analytics.includes(p) && p !== '/embed.html');
  assert.deepEqual(stray, [], 'only analytics and the embed were requested');
});

test('consent.grant() with an unknown service rejects with bad-action and its JSON Pointer; nothing is stored', async (t) => {
  const { page } = await openPage(t, env, '/index.html?region=DE');
  const r = await page.evaluate(async () => {
    const a = await window.Assent.ready;
    try {
      await a.grant({ services: ['videotube', 'no-such-service'] });
      return { resolved: true };
    } catch (e) {
      return { name: e.name, code: e.code, path: e.path, message: e.message, videotube: a.has('videotube'), cookie: document.cookie };
    }
  });
  assert.equal(r.code, 'bad-action', JSON.stringify(r));
  assert.equal(r.path, '/services/1');
  assert.match(r.message, /unknown service "no-such-service"/);
  assert.equal(r.videotube, false, 'the known id in the same call is not granted either');
  assert.doesNotMatch(r.cookie, /(^|; )assent=/, 'no record stored');
  assert.deepEqual(await events(page, 'assent:change'), [], 'no change');
});
