// `--draft-policy` on a site with no banner and no policy (tests/scan/fixture/plain/): known cookies become
// services of their platform in the category the Open Cookie Database gives (_ga: Google Analytics, analytics;
// _fbp: Facebook, marketing), and everything unknown goes to the custom "unreviewed" category, never guessed.
// The draft must pass `assent validate` and `assent lint` (the package's own CLI) with no error.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startFixture } from './lib/fixture.mjs';
import { CLI, runScan } from './lib/run-scan.mjs';

let fx;
let scan;
let draft;
before(async () => {
  fx = await startFixture();
  scan = await runScan([`${fx.plain}/`, '--pages', '3', '--region', 'DE', '--no-gpc-pass', '--timeout', '8000', '--draft-policy', 'draft.json']);
  draft = JSON.parse(readFileSync(join(scan.dir, 'draft.json'), 'utf8'));
});
after(() => fx?.close());

const serviceWith = (cookie) => draft.services.find((s) => (s.cookies ?? []).some((c) => c.name === cookie) || (s.storage ?? []).includes(cookie));

test('the draft passes validate and lint', () => {
  assert.equal(scan.code, 0, scan.stderr);
  assert.match(scan.stdout, /draft\.json \(draft policy: \d+ services; valid; lint: \d+ finding\(s\), 0 error\(s\); left out: app:state \(not a valid storage key pattern\)\)/);
  for (const command of ['validate', 'lint']) {
    const r = spawnSync(process.execPath, [CLI, command, join(scan.dir, 'draft.json')], { encoding: 'utf8' });
    assert.equal(r.status, 0, `${command}: ${r.stderr}`);
  }
});

test('known cookies: a service per platform, with its category and the lifetime the browser stored', () => {
  const ga = serviceWith('_ga');
  assert.deepEqual([ga?.name, ga?.category], ['Google Analytics', 'analytics']);
  assert.ok(ga.cookies.find((c) => c.name === '_ga').maxAgeDays >= 399);
  const fbp = serviceWith('_fbp');
  assert.deepEqual([fbp?.name, fbp?.category], ['Facebook', 'marketing']);
  assert.equal(fbp.cookies.find((c) => c.name === '_fbp').maxAgeDays, 90);
});

test('unknown cookies, storage and hosts: listed under "unreviewed", not guessed', () => {
  assert.equal(serviceWith('mystery').category, 'unreviewed');
  assert.equal(serviceWith('plain_theme').category, 'unreviewed');
  for (const origin of [fx.tp, fx.unk]) {
    const s = draft.services.find((x) => (x.scripts ?? []).includes(`${origin}/*`));
    assert.equal(s?.category, 'unreviewed', origin);
    assert.match(s.purpose, /find out who runs it/);
  }
  assert.deepEqual(draft.categories.map((c) => c.id), ['essential', 'analytics', 'marketing', 'unreviewed']);
  assert.equal(draft.texts.en['category.unreviewed.title'], 'Not yet reviewed');
});

test('the site: its host as the name, the privacy page it links to', () => {
  assert.equal(draft.site.name, 'localhost');
  assert.equal(draft.site.policyUrl, '/privacy-notice.html');
  assert.match(draft.revision, /^\d{4}-\d{2}-\d{2}$/);
});
