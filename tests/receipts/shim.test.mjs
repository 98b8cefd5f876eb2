// The banner's side of receipts, in Chromium against a real `assent serve` on a real PostgreSQL, mounted under
// the site's origin: a choice is posted and the consent cookie comes back from the server; the dialog shows the
// receipt; with the database down the post gets 503, the record stays queued in localStorage and reaches the
// server on the next page view once the database is back.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { launch } from '../lib/chromium.mjs';
import { startServer as startSite, send } from '../lib/static-server.mjs';
import { isReceiptsPath, proxyReceipts } from '../../demo/lib/receipts-proxy.mjs';
import { tempDir, keygen, writePolicy, startServer, cli, cleanup, root } from './lib/assent-server.mjs';
import { startPostgres } from './lib/postgres.mjs';

const dir = tempDir();
const { key, pub } = keygen(dir);
const POLICY = { revision: '2026-11-01', site: { name: 'Shop' }, receipts: { url: '/assent/consent' } };
const policy = writePolicy(dir, POLICY);
const PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Shop</title>
<script src="/shim/assent.js" data-config="/policy.json" data-region="DE"></script></head>
<body><main><h1>Shop</h1><a href="#assent-settings" data-assent-open>Cookie settings</a></main></body></html>`;
let pg, receipts, site, browser;

before(async () => {
  pg = await startPostgres();
  receipts = await startServer({ policy, db: pg.url, key, args: ['--trust-proxy', '--rate-limit', '0'] });
  site = await startSite({
    name: 'site',
    mounts: { '/shim/': join(root, 'js-shim/dist') },
    routes: [
      ({ req, res, path }) => (isReceiptsPath(path) ? (proxyReceipts(req, res, receipts.url), true) : false),
      ({ req, res, path }) => (path === '/' ? (send(req, res, PAGE, { type: 'text/html; charset=utf-8' }), true) : false),
      ({ req, res, path }) => (path === '/policy.json' ? (send(req, res, JSON.stringify(POLICY), { type: 'application/json' }), true) : false),
    ],
  });
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await site?.close();
  await receipts?.stop();
  await pg?.remove();
  cleanup(dir);
});

const banner = (page, name) => page.locator('assent-banner, [data-assent-host]').first().getByRole('button', { name, exact: true });
const queue = (page) => page.evaluate(() => JSON.parse(localStorage.getItem('assent:receipts:queue') || '[]'));
const exported = () => cli(['receipts', 'export', '--db', pg.url]).stdout.split('\n').filter(Boolean).map((l) => JSON.parse(l));

async function choose(page, name) {
  const posted = page.waitForResponse((r) => r.url().endsWith('/assent/consent') && r.request().method() === 'POST');
  await page.getByRole('button', { name, exact: true }).click();
  return posted;
}

test('a choice is posted; the cookie comes back from the server; the dialog shows and offers the receipt', async () => {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(`${site.origin}/`);
    const res = await choose(page, 'Accept all');
    assert.equal(res.status(), 201);
    const record = await page.evaluate(() => document.cookie.match(/(?:^|; )assent=([^;]*)/)?.[1]);
    assert.ok(record, 'consent cookie present');
    const setCookie = await res.headerValue('set-cookie');
    assert.match(setCookie, new RegExp(`^assent=${record.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}; Path=/; Max-Age=\\d+; SameSite=Lax$`));
    const { id, receipt } = await res.json();
    assert.deepEqual(await queue(page), []);
    // The receipt verifies offline with the public key alone and names this record.
    const verified = cli(['receipts', 'verify', receipt, '--public-key', pub]);
    assert.equal(verified.status, 0, verified.stderr);
    assert.equal(JSON.parse(verified.stdout).record, decodeURIComponent(record));
    const stored = exported().find((r) => r.id === id);
    assert.equal(stored.page, `${site.origin}/`);
    assert.equal(stored.network, '127.0.0.0/24');

    await page.getByRole('link', { name: 'Cookie settings' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('heading', { name: 'Your consent receipt' }).waitFor();
    assert.match(await dialog.textContent(), new RegExp(id));
    const download = page.waitForEvent('download');
    await dialog.getByRole('button', { name: 'Download receipt' }).click();
    const file = await download;
    assert.equal(file.suggestedFilename(), `consent-receipt-${id}.json`);
  } finally {
    await context.close();
  }
});

test('database down: 503, the record stays queued and the dialog says so; next page view after recovery: stored', async () => {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(`${site.origin}/`);
    await pg.stop();
    const res = await choose(page, 'Reject all');
    assert.equal(res.status(), 503);
    const record = decodeURIComponent(await page.evaluate(() => document.cookie.match(/(?:^|; )assent=([^;]*)/)?.[1]));
    assert.deepEqual(await queue(page), [record]);
    await page.getByRole('link', { name: 'Cookie settings' }).click();
    await page.getByRole('dialog').getByText('has not reached the site yet').waitFor();

    await pg.start();
    const resent = page.waitForResponse((r) => r.url().endsWith('/assent/consent') && r.request().method() === 'POST');
    await page.reload();
    assert.equal((await resent).status(), 201);
    await page.waitForFunction(() => localStorage.getItem('assent:receipts:queue') === '[]');
    assert.ok(exported().some((r) => r.record === record), 'the queued record reached the database');
  } finally {
    await context.close();
  }
});

test('a refused record (422) is reported as receipt-refused and not queued again', async () => {
  const context = await browser.newContext();
  try {
    await context.addInitScript(() => {
      window.__errors = [];
      addEventListener('assent:error', (e) => window.__errors.push(e.detail));
    });
    const page = await context.newPage();
    await page.goto(`${site.origin}/`);
    // An earlier page left a record the server cannot accept (made under another revision).
    const other = writePolicy(tempDir(), { ...POLICY, revision: '2025-01-01' });
    const stale = JSON.parse(cli(['choose', other, '--accept-all', '--region', 'DE']).stdout).record;
    await page.evaluate((r) => localStorage.setItem('assent:receipts:queue', JSON.stringify([r])), stale);
    const refused = page.waitForResponse((r) => r.url().endsWith('/assent/consent'));
    await page.reload();
    assert.equal((await refused).status(), 422);
    await page.waitForFunction(() => localStorage.getItem('assent:receipts:queue') === '[]');
    const errors = await page.evaluate(() => window.__errors);
    assert.ok(errors.some((e) => e.code === 'receipt-refused' && /another revision/.test(e.message)), JSON.stringify(errors));
  } finally {
    await context.close();
  }
});
