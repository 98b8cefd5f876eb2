// Assent's own requests stay on the page's origin: load, banner, preferences, save, reload — in English and
// for a German visitor (who needs locales/de.json) — and every request of both documents goes to the page's origin.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EN, foreignRequests, openPage, requireShim, settle, setup, trackerHitPaths, ui, waitForReady } from './lib/harness.mjs';
import { distDir } from './lib/site.mjs';

let env;
before(async () => { requireShim(); env = await setup(); });
after(async () => { await env?.close(); });

async function ownOriginLifecycle(t, { locale, texts, localeFile }) {
  const { server } = env;
  const { page, log } = await openPage(t, env, '/own-origin.html?region=DE', { context: locale ? { locale } : {} });
  const { banner, dialog } = ui(page, texts);
  await banner.waitFor({ state: 'visible' });
  await page.locator('[data-assent-policy] h2').first().waitFor();
  await banner.getByRole('button', { name: texts.preferences, exact: true }).click();
  await dialog.waitFor({ state: 'visible' });
  await dialog.locator('[role="switch"][data-category="analytics"]').click();
  await dialog.getByRole('button', { name: texts.save, exact: true }).click();
  await dialog.waitFor({ state: 'hidden' });
  const first = log.current();
  await page.reload();
  const d = await waitForReady(page);
  assert.equal(d.showBanner, false, 'the choice is applied after the reload');
  await settle(page, log);

  const requested = log.requests.map((r) => new URL(r.url).pathname);
  for (const p of ['/own-origin.html', '/assent/assent.js', '/assent/assent-core.js', '/assent/assent.wasm', '/policies/main.json']) {
    assert.ok(requested.includes(p), `${p} requested (the lifecycle ran): ${JSON.stringify(requested)}`);
  }
  if (localeFile) assert.ok(requested.includes(localeFile), `${localeFile} fetched: ${JSON.stringify(requested)}`);
  assert.deepEqual(foreignRequests(log, server.siteOrigin).map((r) => r.url), [], `every request goes to ${server.siteOrigin}`);
  assert.deepEqual([...trackerHitPaths(log, { doc: first }), ...trackerHitPaths(log)], [], 'the tracker origin saw nothing');
}

test('own origin only: load, banner, preferences, save, reload → every request of the page is to its own origin', async (t) => {
  await ownOriginLifecycle(t, { texts: EN });
});

test('own origin only, German visitor (navigator.language de-DE → locales/de.json)', async (t) => {
  const de = JSON.parse(readFileSync(join(distDir, 'locales', 'de.json'), 'utf8'));
  const texts = { title: de['banner.title'], preferences: de['banner.preferences'], prefsTitle: de['prefs.title'], save: de['prefs.save'] };
  await ownOriginLifecycle(t, { locale: 'de-DE', texts, localeFile: '/assent/locales/de.json' });
});
