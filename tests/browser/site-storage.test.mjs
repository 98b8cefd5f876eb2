// A withdrawn service's localStorage, sessionStorage and IndexedDB data go like its cookies (the policy's
// "storage" globs), and the cookie section's settings link opens the dialog instead of navigating.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { EN, openPage, requireShim, setup, ui, until, waitForEvents } from './lib/harness.mjs';

// main.json, with web storage declared for the analytics service.
const mainPolicy = readFileSync(fileURLToPath(new URL('./policies/main.json', import.meta.url)), 'utf8');
const storagePolicy = () => {
  const text = mainPolicy.replace('"id": "fake-analytics",', '"id": "fake-analytics",\n      "storage": ["fa_*", "fa-db-*"],');
  assert.notEqual(text, mainPolicy, 'main.json still has the fake-analytics service');
  return text;
};

let env;
before(async () => { requireShim(); env = await setup({ policies: { 'site-storage.json': storagePolicy } }); });
after(async () => { await env?.close(); });

test('withdrawing consent clears the service\'s localStorage and sessionStorage keys and IndexedDB databases', async (t) => {
  const { page } = await openPage(t, env, '/site-storage.html?region=DE&config=/policies/site-storage.json');
  const { banner, dialog } = ui(page);
  await banner.getByRole('button', { name: EN.acceptAll, exact: true }).click();
  await waitForEvents(page, 'assent:change');
  // What the granted service (and an unrelated script) would have stored.
  await page.evaluate(async () => {
    localStorage.setItem('fa_visitor', '1');
    localStorage.setItem('fa_session_count', '3');
    sessionStorage.setItem('fa_tab', 'x');
    localStorage.setItem('keep_me', 'site data');
    await new Promise((resolve, reject) => {
      const open = indexedDB.open('fa-db-events');
      open.onsuccess = () => { open.result.close(); resolve(); };
      open.onerror = () => reject(open.error);
    });
  });

  const link = page.getByRole('link', { name: 'Cookie settings', exact: true });
  await link.click();
  await dialog.waitFor({ state: 'visible' });
  assert.equal(await page.evaluate(() => location.hash), '', 'the settings link opened the dialog, not the anchor');
  await dialog.getByRole('button', { name: EN.rejectAll, exact: true }).click();
  await waitForEvents(page, 'assent:change', 2);

  const left = () => page.evaluate(async () => ({
    local: Object.keys(localStorage).filter((k) => k.startsWith('fa_')),
    session: Object.keys(sessionStorage).filter((k) => k.startsWith('fa_')),
    databases: (await indexedDB.databases()).map((d) => d.name).filter((n) => n.startsWith('fa-db-')),
  }));
  await until(async () => {
    const l = await left();
    return l.local.length + l.session.length + l.databases.length === 0;
  }, { message: 'the withdrawn service\'s storage is cleared', progress: left });
  assert.equal(await page.evaluate(() => localStorage.getItem('keep_me')), 'site data', 'other keys stay');
});
