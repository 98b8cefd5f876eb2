// The demo site (demo/), scanned as a site owner would in CI: `assent scan --fail-on leak` over its pages, in
// DE and US-CA, with and without GPC, before a choice and after Accept all / Reject all. A regression guard for
// Assent's own blocking: 0 leaks, and in DE not one request to another host before the click. The scan must
// also have seen the trackers run once they were accepted, or "0 leaks" would prove nothing. The reports are
// kept in build/scan/ (demo-report.json, demo-report.html).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDemo } from '../../demo/serve.mjs';
import { root, runScan, validateReport } from './lib/run-scan.mjs';

let demo;
let scan;
before(async () => {
  demo = await startDemo({ sitePort: 0, spaPort: 0, tpPort: 0, receiptsPort: 0, receiptsDir: mkdtempSync(join(tmpdir(), 'assent-scan-receipts-')) });
  scan = await runScan([`${demo.site}/`, '--pages', '6', '--timeout', '10000', '--fail-on', 'leak']);
  const kept = join(root, 'build', 'scan');
  mkdirSync(kept, { recursive: true });
  copyFileSync(join(scan.dir, 'assent-scan.json'), join(kept, 'demo-report.json'));
  copyFileSync(join(scan.dir, 'assent-scan.html'), join(kept, 'demo-report.html'));
});
after(() => demo?.close());

test('the demo scans clean: exit 0, no leak, a valid report', () => {
  assert.equal(scan.code, 0, scan.stdout + scan.stderr);
  assert.deepEqual(scan.report.leaks, []);
  assert.ok(validateReport(scan.report), JSON.stringify(validateReport.errors?.slice(0, 3)));
  assert.equal(scan.report.assent.present, true);
  assert.equal(scan.report.policy?.error, null);
  assert.ok(scan.report.pages.length >= 4, scan.report.pages.map((p) => p.url).join(' '));
  assert.ok(scan.report.runs.every((r) => r.status !== 'error'), scan.report.runs.filter((r) => r.status === 'error').map((r) => `${r.page}: ${r.notes}`).join('\n'));
});

test('in DE, nothing is requested from another host before the click', () => {
  const early = scan.report.runs
    .filter((r) => r.region === 'DE' && r.status === 'ok')
    .flatMap((r) => r.hosts.flatMap((h) => h.requests.filter((q) => r.clickAt === null || q.t < r.clickAt).map((q) => `${r.pass} ${r.page}: ${q.url}`)));
  assert.deepEqual(early, []);
});

test('after Accept all in DE the trackers did run, so the scan saw what it audits', () => {
  const accepted = scan.report.runs.find((r) => r.region === 'DE' && !r.gpc && r.pass === 'accept' && new URL(r.page).pathname === '/');
  const services = new Set(accepted.hosts.flatMap((h) => h.requests.filter((q) => q.t >= accepted.clickAt).map((q) => q.service)));
  for (const s of ['demo-analytics', 'demo-pixel', 'demo-chat']) assert.ok(services.has(s), `${s} after the click: ${[...services]}`);
  assert.deepEqual(accepted.consentReadBeforeDefault, []);
});
