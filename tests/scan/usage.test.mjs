// `assent scan` refuses what it cannot do with a message naming the option: exit 2 for usage, 1 for a file
// that is not a policy or a browser that is not there. None of these starts a browser.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runScan } from './lib/run-scan.mjs';

const cases = [
  [[], 2, /assent scan: URL is required/],
  [['example.com'], 2, /"example\.com" is not an absolute URL/],
  [['ftp://example.com/'], 2, /only http and https URLs can be scanned/],
  [['http://127.0.0.1:9/', '--pages', '0'], 2, /--pages: "0" is not a whole number from 1 to 500/],
  [['http://127.0.0.1:9/', '--region', 'Germany'], 2, /--region: "GERMANY" is not an ISO 3166 region/],
  [['http://127.0.0.1:9/', '--fail-on', 'leaks'], 2, /--fail-on: "leaks" is not one of leak, undeclared, stale/],
  [['http://127.0.0.1:9/', '--timeout', '10'], 2, /--timeout: "10" is not a whole number from 1000 to 600000/],
  [['http://127.0.0.1:9/', '--bogus'], 2, /unknown option --bogus/],
  [['http://127.0.0.1:9/', '--policy', 'p.json', '--draft-policy', 'd.json'], 2, /cannot be combined with --policy/],
  [['http://127.0.0.1:9/', '--policy', 'missing.json'], 1, /--policy: cannot read missing\.json/],
  [['http://127.0.0.1:9/', '--policy', 'bad.json'], 1, /--policy: bad\.json is not a valid policy: the policy has 1 error:\n  \/revision: is required/],
  [['http://127.0.0.1:9/', '--chromium', '/nonexistent/chromium'], 1, /--chromium: \/nonexistent\/chromium does not exist/],
];

for (const [args, code, message] of cases)
  test(`assent scan ${args.join(' ') || '(nothing)'} → exit ${code}`, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'assent-scan-usage-'));
    writeFileSync(join(dir, 'bad.json'), '{"site": {"name": "x"}}');
    const r = await runScan(args, { dir, limitMs: 60000 });
    assert.equal(r.code, code, r.stderr);
    assert.match(r.stderr, message);
    assert.equal(r.report, null, 'no report for a scan that did not run');
  });

test('--help prints the options and exits 0', async () => {
  const r = await runScan(['--help'], { limitMs: 60000 });
  assert.equal(r.code, 0);
  assert.match(r.stdout, /--fail-on LIST/);
  assert.match(r.stdout, /--draft-policy FILE/);
});
