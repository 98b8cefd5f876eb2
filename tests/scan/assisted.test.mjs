// A site whose banner the server renders (assent-consent/server) decides from its CDN's region header, not from
// the script tag: the scan sends the headers a CDN would (CF-IPCountry and the others the middleware reads) on
// the site's own requests, so each region's visitor gets that region's banner and decision. Written from the
// policy and the law: in DE (opt-in) nothing runs before the click and the banner offers Accept all / Reject
// all; in US-CA (opt-out) the tagged analytics runs at once and the banner offers the opt-out.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startFixture } from './lib/fixture.mjs';
import { runScan, validateReport } from './lib/run-scan.mjs';

let fx;
let scan;
before(async () => {
  fx = await startFixture();
  scan = await runScan([`${fx.ssr}/tagged.html`, '--pages', '1', '--region', 'DE,US-CA', '--no-gpc-pass', '--timeout', '8000']);
});
after(() => fx?.close());

const run = (region, pass) => scan.report.runs.find((r) => r.region === region && r.pass === pass);

test('every run of the server-rendered page is audited, with no leak', () => {
  assert.equal(scan.code, 0, scan.stderr);
  assert.ok(validateReport(scan.report));
  assert.deepEqual(scan.report.runs.map((r) => [r.region, r.pass, r.status, r.notes.join(' ')]), [
    ['DE', 'before', 'ok', ''], ['DE', 'accept', 'ok', ''], ['DE', 'reject', 'ok', ''],
    ['US-CA', 'before', 'ok', ''], ['US-CA', 'accept', 'ok', ''], ['US-CA', 'reject', 'ok', ''],
  ]);
  assert.deepEqual(scan.report.leaks, []);
});

test("each region's banner, as the server rendered it for that region", () => {
  assert.deepEqual(['accept', 'reject'].map((p) => run('DE', p).clicked), ['accept-all', 'reject-all']);
  assert.deepEqual(['accept', 'reject'].map((p) => run('US-CA', p).clicked), ['acknowledge', 'opt-out']);
});

test('in DE nothing runs before the click; in US-CA the tagged analytics runs at once', () => {
  assert.deepEqual(run('DE', 'before').hosts, []);
  const urls = run('US-CA', 'before').hosts.flatMap((h) => h.requests.map((q) => q.url));
  assert.ok(urls.includes(`${fx.tp}/analytics.js`), urls.join(' '));
  assert.ok(urls.includes(`${fx.tp}/pixel.js`), 'marketing runs too until the opt-out (no GPC)');
});
