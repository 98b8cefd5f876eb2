// A site whose Assent tag names a policy that cannot be fetched: the scan still runs the first pass, says what
// is wrong with the policy (its URL and the HTTP status) in the report and on stderr, and exits 1: a site in this
// state shows no banner, and its audit cannot be trusted to pass.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startFixture } from './lib/fixture.mjs';
import { runScan, validateReport } from './lib/run-scan.mjs';

let fx;
let scan;
before(async () => {
  fx = await startFixture();
  scan = await runScan([`${fx.plain}/broken/index.html`, '--pages', '1', '--region', 'DE', '--no-gpc-pass', '--timeout', '5000']);
});
after(() => fx?.close());

test('exit 1, the policy named with what went wrong, and a valid report of the first pass', () => {
  assert.equal(scan.code, 1, scan.stderr);
  assert.match(scan.stderr, new RegExp(`the site's policy ${fx.plain}/no-such-policy\\.json could not be fetched: HTTP 404`));
  assert.ok(validateReport(scan.report), JSON.stringify(validateReport.errors?.slice(0, 3)));
  assert.deepEqual(scan.report.policy, { source: 'data-config', location: `${fx.plain}/no-such-policy.json`, revision: null, error: 'could not be fetched: HTTP 404' });
  assert.equal(scan.report.assent.present, true);
  assert.deepEqual(scan.report.runs.map((r) => r.pass), ['before']);
});
