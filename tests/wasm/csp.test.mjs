// The wasm csp() (what the server middleware asks) agrees with the native `assent csp`: the same JSON, byte for
// byte, and the same header as `--header` prints, for the same policy and visitor. The first header is written
// by hand from config/examples/saas-full.json and the CSP3 source grammar (https://js.stripe.com/* → the host;
// connect-src also names it as wss: for WebSockets).
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';

import { failure, loadEngine, repo } from './engine.mjs';

const cli = process.env.ASSENT_CLI ?? join(repo, 'build', 'assent');
const NOW = 1795000000;
const example = join(repo, 'config', 'examples', 'saas-full.json');
// Patterns CSP cannot say exactly (notes), one it cannot say at all, and a path with ';' (percent-encoded).
const widened = join(mkdtempSync(join(tmpdir(), 'assent-csp-')), 'widened.json');
writeFileSync(widened, JSON.stringify({
  revision: '1', site: { name: 'S' }, regions: { fallback: 'none' }, csp: { 'img-src': ["'self'", 'data:'], 'report-to': 'csp' },
  services: [{ id: 'cdn', category: 'analytics', vendor: 'C', scripts: ['https://cdn*.x.com/*', 'x.com*', 'https://bücher.de/*', 'https://x.com/a;b.js'] }],
}));

async function engineFor(file) {
  const engine = await loadEngine({ locales: false });
  assert.equal(JSON.parse(engine.load(readFileSync(file, 'utf8'))).ok, true);
  return engine;
}
const native = (file, args) => execFileSync(cli, ['csp', file, ...args, '--now', String(NOW)], { encoding: 'utf8' });

const saas = await engineFor(example);
const analyticsRecord = JSON.parse(saas.choose(JSON.stringify({ region: 'DE', now: NOW }), '{"type":"custom","categories":["analytics"]}')).record;

const cases = [
  { name: 'DE, first visit', file: example, context: { region: 'DE' }, args: ['--region', 'DE'] },
  { name: 'DE, a record granting analytics', file: example, context: { region: 'DE', record: analyticsRecord }, args: ['--region', 'DE', '--record', analyticsRecord] },
  { name: 'US-CA with GPC', file: example, context: { region: 'US-CA', gpc: true }, args: ['--region', 'US-CA', '--gpc'] },
  { name: 'time zone only', file: example, context: { timeZone: 'America/Los_Angeles' }, args: ['--tz', 'America/Los_Angeles'] },
  { name: 'widened and left-out patterns', file: widened, context: {}, args: [] },
];

for (const c of cases) {
  test(`wasm csp() = native assent csp: ${c.name}`, async () => {
    const engine = c.file === example ? saas : await engineFor(c.file);
    const wasm = engine.csp(JSON.stringify({ ...c.context, now: NOW }));
    const cliJson = native(c.file, c.args);
    assert.equal(wasm, JSON.stringify(JSON.parse(cliJson)), 'the same JSON, byte for byte');
    assert.equal(native(c.file, [...c.args, '--header']), `${JSON.parse(wasm).header}\n`, '--header prints the header alone');
  });
}

test('the DE header is the base sources plus the essential service (hand-written)', () => {
  const d = JSON.parse(saas.csp(JSON.stringify({ region: 'DE', now: NOW })));
  const stripe = 'https://js.stripe.com';
  assert.equal(d.header, `default-src 'self'; script-src 'self' 'wasm-unsafe-eval' ${stripe}; ` +
    `connect-src 'self' https://api.northwind.example ${stripe} wss://js.stripe.com; img-src 'self' data: ${stripe}; frame-src 'self' ${stripe}; ` +
    `style-src 'self' ${stripe}; font-src 'self' ${stripe}; media-src 'self' ${stripe}; worker-src 'self' ${stripe}; ` +
    `form-action 'self' ${stripe}; object-src ${stripe}; base-uri 'self'; report-uri /csp-reports`);
  assert.deepEqual(d.granted, ['cloudflare', 'stripe']);
  assert.deepEqual(d.notes, []);
});

test('notes name the service and the pattern; what CSP cannot name is left out, never dropped silently', async () => {
  const d = JSON.parse((await engineFor(widened)).csp(JSON.stringify({ now: NOW })));
  assert.deepEqual(d.notes.map((n) => [n.service, n.pattern]), [['cdn', 'https://cdn*.x.com/*'], ['cdn', 'x.com*'], ['cdn', 'https://bücher.de/*']]);
  assert.match(d.notes[2].message, /punycode.*left out/);
  assert.deepEqual(d.directives['img-src'], ["'self'", 'data:', 'https://*.x.com', 'http://x.com:*', 'https://x.com:*', 'https://x.com/a%3Bb.js']);
});

test('a bad context: bad-context from the wasm, the same message and exit 1 from the CLI', () => {
  const e = failure(saas.csp(JSON.stringify({ region: 'X'.repeat(40), now: NOW })));
  assert.equal(e.code, 'bad-context');
  const r = spawnSync(cli, ['csp', example, '--region', 'X'.repeat(40), '--now', String(NOW)], { encoding: 'utf8' });
  assert.equal(r.status, 1);
  assert.equal(r.stdout, '');
  assert.equal(r.stderr.trim(), `assent: ${e.message}`);
});
