// `assent scan` refuses what it cannot do with a message naming the option: exit 2 for usage (checked before
// any crawl, the report folders included), 1 for a file that is not a policy, a browser that is not there, or a
// start page that cannot be loaded.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
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
  [['http://127.0.0.1:9/', '--policy', 'latin1.json'], 1, /--policy: latin1\.json is not a valid policy: the file is not valid UTF-8 text/],
  [['http://127.0.0.1:9/', '--chromium', '/nonexistent/chromium'], 1, /--chromium: \/nonexistent\/chromium does not exist/],
  [['http://127.0.0.1:9/', '--json', '/nonexistent/scan.json'], 2, /--json: the folder of \/nonexistent\/scan\.json does not exist/],
  [['http://127.0.0.1:9/', '--draft-policy', 'no/such/dir/p.json'], 2, /--draft-policy: the folder of no\/such\/dir\/p\.json does not exist/],
];

for (const [args, code, message] of cases)
  test(`assent scan ${args.join(' ') || '(nothing)'} → exit ${code}`, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'assent-scan-usage-'));
    writeFileSync(join(dir, 'bad.json'), '{"site": {"name": "x"}}');
    writeFileSync(join(dir, 'latin1.json'), Buffer.from('{"revision": "1", "site": {"name": "Caf\xe9"}}', 'latin1'));
    const r = await runScan(args, { dir, limitMs: 60000 });
    assert.equal(r.code, code, r.stderr);
    assert.match(r.stderr, message);
    assert.equal(r.report, null, 'no report for a scan that did not run');
  });

test('a start page nothing answers: exit 1, saying why, with the report of what was tried', async () => {
  const closed = await new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
  const r = await runScan([`http://127.0.0.1:${closed}/`, '--pages', '1', '--region', 'DE', '--no-gpc-pass', '--timeout', '5000'], { limitMs: 60000 });
  assert.equal(r.code, 1, r.stderr);
  assert.match(r.stderr, new RegExp(`assent scan: http://127\\.0\\.0\\.1:${closed}/ could not be loaded: net::ERR_CONNECTION_REFUSED`));
  assert.deepEqual(r.report.runs.map((x) => x.status), ['error']);
});

test('--help prints the options and exits 0', async () => {
  const r = await runScan(['--help'], { limitMs: 60000 });
  assert.equal(r.code, 0);
  assert.match(r.stdout, /--fail-on LIST/);
  assert.match(r.stdout, /--draft-policy FILE/);
});
