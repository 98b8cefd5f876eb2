// A crawl over pages that misbehave (tests/scan/fixture/plain/robust/): one that answers after 20 s, one that
// throws, a 404, a 500, a redirect on the origin and one off it, one that polls forever, one that opens dialogs,
// one whose script never yields, links without end, and a sitemap.xml without end (read up to 10 MB, then
// dropped). Each is bounded by --timeout and reported; the scan finishes, stays on the origin, submits nothing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startFixture } from './lib/fixture.mjs';
import { runScan, validateReport } from './lib/run-scan.mjs';

let fx;
let scan;
before(async () => {
  fx = await startFixture();
  scan = await runScan([`${fx.plain}/robust/index.html`, '--pages', '14', '--region', 'DE', '--no-gpc-pass', '--timeout', '3000', '--fail-on', 'leak']);
});
after(() => fx?.close());

const page = (p) => scan.report.pages.find((x) => new URL(x.url).pathname + new URL(x.url).search === p);
const runOf = (p) => scan.report.runs.find((r) => new URL(r.page).pathname + new URL(r.page).search === p);

test('the scan ends with exit 0 and a valid report: no policy, so only the first pass', () => {
  assert.equal(scan.code, 0, scan.stderr);
  assert.ok(validateReport(scan.report), JSON.stringify(validateReport.errors?.slice(0, 3)));
  assert.equal(scan.report.policy, null);
  assert.equal(scan.report.assent.present, false);
  assert.ok(scan.report.runs.every((r) => r.pass === 'before'));
});

test('--pages bounds the endless links', () => {
  assert.equal(scan.report.pages.length, 14);
  assert.ok(page('/robust/loop?n=1') && page('/robust/loop?n=4'));
  assert.equal(page('/robust/only-in-the-endless-sitemap.html'), undefined, 'the endless sitemap was dropped, not half-read');
});

test('each misbehaving page is reported as what it did', () => {
  assert.match(page('/robust/slow.html').notes.join(' '), /did not finish loading within 3000 ms/);
  assert.equal(page('/robust/missing.html').httpStatus, 404);
  assert.ok(page('/robust/missing.html').notes.includes('HTTP 404'));
  assert.equal(page('/robust/error.html').httpStatus, 500);
  assert.match(page('/robust/away').notes.join(' '), /left the scanned origin for http:\/\/127\.0\.0\.1:\d+\/offsite\.html: not audited/);
  assert.equal(runOf('/robust/away').status, 'error');
  assert.deepEqual([runOf('/robust/moved').status, new URL(runOf('/robust/moved').finalUrl).pathname], ['ok', '/robust/alert.html']);
  assert.deepEqual(runOf('/robust/throws.html').pageErrors, ['fixture: this page throws']);
  assert.match(page('/robust/never-idle.html').notes.join(' '), /never went quiet/);
  assert.equal(runOf('/robust/alert.html').status, 'ok', 'dialogs are dismissed, not waited on');
  const busy = runOf('/robust/busy.html');
  assert.match(busy.notes.join(' '), /the page stopped answering for 3000 ms/);
  assert.ok(busy.cookies.some((c) => c.name === 'busy_seen'), 'its cookies are still read (from the browser, not the page)');
});

test('the off-origin page is not audited, and no form or POST left the browser', () => {
  assert.ok(!scan.report.runs.some((r) => r.hosts.some((h) => h.requests.some((q) => q.url.endsWith('/offsite.html') && r.status === 'ok'))));
  assert.deepEqual(fx.posts, []);
});
