// The npm package's CLI (`npx assent`, js-shim/dist/cli.mjs: assent-full.wasm in Node) against the native one
// (build/assent): for every policy of the golden vectors, the lint fixtures and the examples, and for broken
// ones, `validate`, `lint` (plain and --strict), `policy` in each built-in language and format, and `decide` in
// several contexts must print the same stdout and stderr and exit with the same status. Usage errors exit 2
// in both. A site owner without a C++ toolchain gets the native CLI's answers.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';

import { repo } from '../wasm/engine.mjs';

const native = join(repo, 'build', 'assent');
const npmCli = join(repo, 'js-shim', 'dist', 'cli.mjs');
const scratch = mkdtempSync(join(tmpdir(), 'assent-cli-'));

const inDir = (dir) => readdirSync(join(repo, dir)).filter((f) => f.endsWith('.json')).map((f) => join(repo, dir, f));
const broken = {
  'not-json.json': '{ "revision": "1", ',
  'typo.json': JSON.stringify({ revision: '1', site: { name: 'S' }, categories: [{ id: 'analytics', requird: true }] }),
  'not-object.json': '[1, 2]',
  'empty.json': '',
};
for (const [name, text] of Object.entries(broken)) writeFileSync(join(scratch, name), text);
const policies = [...inDir('tests/vectors/policies'), ...inDir('tests/lint'), ...inDir('config/examples'), ...Object.keys(broken).map((n) => join(scratch, n))];
const LANGS = readdirSync(join(repo, 'config', 'locales')).map((f) => f.slice(0, -5));

function both(args) {
  const run = (cmd, pre) => spawnSync(cmd, [...pre, ...args], { encoding: 'utf8', cwd: repo });
  return { native: run(native, []), npm: run(process.execPath, [npmCli]) };
}

function same(args) {
  const r = both(args);
  const what = `assent ${args.map((a) => a.replace(repo + '/', '')).join(' ')}`;
  assert.equal(r.npm.status, r.native.status, `${what}: exit status (npm stderr: ${r.npm.stderr.slice(0, 300)})`);
  assert.equal(r.npm.stdout, r.native.stdout, `${what}: stdout`);
  assert.equal(r.npm.stderr, r.native.stderr, `${what}: stderr`);
  return r.native;
}

test('both CLIs are built', () => {
  assert.ok(existsSync(native), `${native} is missing: build the native CLI`);
  assert.ok(existsSync(npmCli), `${npmCli} is missing: cd js-shim && node build.mjs`);
});

test(`validate and lint: same output and status on ${policies.length} policies (valid, invalid, not JSON)`, () => {
  const statuses = new Set();
  for (const p of policies) {
    statuses.add(same(['validate', p]).status);
    same(['lint', p]);
    same(['lint', '--strict', p]);
  }
  assert.deepEqual([...statuses].sort(), [0, 1], 'the set has valid and invalid policies');
});

test('policy: same section in every built-in language and format', () => {
  for (const p of [...inDir('config/examples'), join(repo, 'tests/vectors/policies/texts.json')])
    for (const lang of LANGS)
      for (const format of ['md', 'html', 'json']) same(['policy', p, '--lang', lang, '--format', format]);
  same(['policy', join(repo, 'config/examples/saas-full.json')]); // defaults: first language, md
});

test('decide: same decision in several contexts', () => {
  const contexts = [
    ['--region', 'DE', '--lang', 'de-AT,en'],
    ['--region', 'US-CA', '--gpc'],
    ['--tz', 'Europe/Paris'],
    ['--region', 'GB', '--dnt', '--lang', 'fr'],
    ['--region', 'JP'],
    ['--region', 'DE', '--record', 'not-a-record'],
  ];
  for (const p of inDir('tests/vectors/policies'))
    for (const c of contexts)
      for (const now of c[1] === 'DE' ? ['1795000000', '2026-11-24', '2026-11-24T10:00+02:00'] : ['2026-11-24T10:00:00Z']) same(['decide', p, ...c, '--now', now]);
});

test('a file that is not UTF-8 is refused by both (exit 1), never accepted', () => {
  const file = join(scratch, 'latin1.json');
  writeFileSync(file, Buffer.from('{"revision":"1","site":{"name":"S\xff"}}', 'latin1'));
  const r = both(['validate', file]);
  assert.equal(r.native.status, 1);
  assert.equal(r.npm.status, 1);
  assert.equal(JSON.parse(r.npm.stdout).ok, false);
  assert.match(r.npm.stderr, /latin1\.json: \(policy\): the file is not valid UTF-8 text\n1 error\n/);
});

test('usage errors exit 2 in both', () => {
  const good = join(repo, 'config/examples/minimal.json');
  for (const args of [['frobnicate', good], ['validate', join(scratch, 'missing.json')], ['validate'], ['decide', good, '--now', 'yesterday'], ['policy', good, '--format', 'pdf'], ['lint', good, '--strikt']]) {
    const r = both(args);
    assert.equal(r.native.status, 2, `native ${args.join(' ')}`);
    assert.equal(r.npm.status, 2, `npm ${args.join(' ')}: ${r.npm.stderr}`);
    assert.equal(r.npm.stdout, '');
    assert.match(r.npm.stderr, /^assent( \w+)?: .+\n\(run `assent( \w+)? --help` for usage\)\n$/);
  }
});
