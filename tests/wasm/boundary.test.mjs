// The wasm boundary is total: bad input comes back as an error value, never as a thrown exception or a trap,
// and every entry point that can fail answers in one shape: {"error":{"code","message","path"?}}.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

import { failure, loadEngine, repo } from './engine.mjs';

const engine = await loadEngine();
const policy = readFileSync(join(repo, 'config', 'examples', 'saas-full.json'), 'utf8');

test('decide before load is an error value', async () => {
  const fresh = await loadEngine();
  const r = JSON.parse(fresh.decide('{}'));
  assert.equal(r.error.code, 'not-loaded');
});

test('an invalid policy is one policy-invalid error: first pointer, every problem listed, previous policy unloaded', () => {
  assert.equal(JSON.parse(engine.load(policy)).ok, true);
  const e = failure(engine.load('{"revision": 5, "site": {"name": "S"}, "ui": {"layout": "sidebar"}}'));
  assert.equal(e.code, 'policy-invalid');
  assert.equal(e.path, '/revision', 'path is the first problem');
  assert.deepEqual(e.errors.map((x) => x.path), ['/revision', '/ui/layout'], 'the full list, for tooling');
  for (const x of e.errors) assert.ok(e.message.includes(`${x.path}: ${x.message}`), `message lists ${x.path}: ${e.message}`);
  assert.equal(failure(engine.decide('{}')).code, 'not-loaded');
});

test('every entry point that can fail answers {error:{code,message}} and nothing else', async () => {
  const fresh = await loadEngine({ locales: false });
  const answers = {
    'decide before load': fresh.decide('{}'),
    'choose before load': fresh.choose('{}', '{"type":"accept-all"}'),
    'policyText before load': fresh.policyText('en'),
    'csp before load': fresh.csp('{}'),
    'load of broken JSON': fresh.load('{'),
    'load of a wrong type': fresh.load('{"revision":"1","site":{"name":"S"},"storage":{"maxAgeDays":"x"}}'),
    'addLocale of broken JSON': fresh.addLocale('de', '{'),
  };
  assert.equal(JSON.parse(fresh.load(policy)).ok, true);
  answers['decide with a bad context'] = fresh.decide('[]');
  answers['choose with a bad action'] = fresh.choose('{}', '{"type":"maybe"}');
  answers['csp with a bad context'] = fresh.csp('{"gpc":1}');
  const codes = {};
  for (const [what, raw] of Object.entries(answers)) {
    const r = JSON.parse(raw);
    assert.deepEqual(Object.keys(r), ['error'], `${what}: only an error key: ${raw.slice(0, 200)}`);
    assert.equal(typeof r.error.message, 'string', what);
    assert.ok(r.error.message.length > 0, what);
    codes[what] = r.error.code;
  }
  assert.deepEqual(codes, {
    'decide before load': 'not-loaded',
    'choose before load': 'not-loaded',
    'policyText before load': 'not-loaded',
    'csp before load': 'not-loaded',
    'load of broken JSON': 'policy-invalid',
    'load of a wrong type': 'policy-invalid',
    'addLocale of broken JSON': 'bad-locale',
    'decide with a bad context': 'bad-context',
    'choose with a bad action': 'bad-action',
    'csp with a bad context': 'bad-context',
  });
  // A pointer when the problem has a place; none for a document that is not JSON at all.
  assert.equal(failure(answers['load of a wrong type']).path, '/storage/maxAgeDays');
  assert.equal('path' in failure(answers['load of broken JSON']), false);
});

test('hostile contexts, actions and records come back as values', () => {
  assert.equal(JSON.parse(engine.load(policy)).ok, true);
  const contexts = ['', '{', 'null', '[]', '{"gpc":"yes"}', '{"now":-1}', '{"now":1e300}', '{"languages":"de"}',
    '{"unknown":1}', '{"region":"' + 'A'.repeat(100) + '"}', '[' .repeat(100), '{"record":"' + 'x'.repeat(5000) + '"}'];
  for (const c of contexts) {
    const r = JSON.parse(engine.decide(c));
    assert.equal(r.error?.code, 'bad-context', `context ${c.slice(0, 40)}`);
  }
  for (const a of ['{}', '{"type":"maybe"}', '{"type":"custom","categories":"analytics"}', '{"type":"custom","categories":["nope"]}']) {
    const r = JSON.parse(engine.choose('{"now":1795000000}', a));
    assert.equal(r.error?.code, 'bad-action', `action ${a}`);
  }
  for (const record of ['garbage', '1.........', '1.a.b.c.d.e.f.g.h', '\u0000\u00ff', '1.' + '~'.repeat(3000)]) {
    const r = JSON.parse(engine.decide(JSON.stringify({ region: 'DE', now: 1795000000, record })));
    assert.equal(r.record.valid, false);
    assert.equal(r.showBanner, true);
  }
});

test('a policy at the size limit loads; one byte over is refused with a clear message', () => {
  const pad = (n) => JSON.stringify({ revision: '1', site: { name: 'S', contact: 'x' }, ui: {} }).replace('"x"', '"' + 'x'.repeat(n) + '"');
  const over = pad(256 * 1024);
  const e = failure(engine.load(over));
  assert.equal(e.code, 'policy-invalid');
  assert.match(e.message, /262144/);
  assert.match(e.errors[0].message, /262144/);
});

// The wasm build replaces libc's strtod and snprintf with small versions (wasm/bindings/libc_small.cpp):
// prove they behave where the engine uses them.
test('control characters in texts are escaped as \\u00XX (the engine writer)', () => {
  const p = { revision: '1', site: { name: 'S' }, texts: { en: { 'banner.title': 'a\u0007b\u001fc' } } };
  assert.equal(JSON.parse(engine.load(JSON.stringify(p))).ok, true);
  const raw = engine.words(JSON.parse(engine.decide('{"now": 1795000000}')).language);
  assert.match(raw, /"banner\.title":"a\\u0007b\\u001fc"/);
  assert.equal(JSON.parse(raw).texts['banner.title'], 'a\u0007b\u001fc');
});

test('fractional and exponent numbers parse (small strtod)', () => {
  const bad = failure(engine.load('{"revision":"1","site":{"name":"S"},"storage":{"maxAgeDays":1.55e1}}'));
  assert.equal(bad.path, '/storage/maxAgeDays');
  assert.match(bad.errors[0].message, /whole number/);
  // 1.5e1 is 15 exactly: a whole number, as JSON Schema counts them.
  assert.equal(JSON.parse(engine.load('{"revision":"1","site":{"name":"S"},"storage":{"maxAgeDays":1.5e1}}')).ok, true);
  assert.equal(JSON.parse(engine.load('{"revision":"1","site":{"name":"S"}}')).ok, true);
  for (const [now, expected] of [['1795000000.75', 1795000000], ['1.795e9', 1795000000], ['17950000005e-1', 1795000000]]) {
    const r = JSON.parse(engine.choose(`{"now": ${now}, "region": "DE"}`, '{"type":"accept-all"}'));
    assert.equal(r.decision.record.timestamp, expected, `now ${now}`);
  }
});

test('no texts are compiled into the wasm, not even English: they come from addLocale; unknown keys are dropped; text keys still validate', async () => {
  const bare = await loadEngine({ locales: false });
  const p = JSON.stringify({ revision: '1', site: { name: 'S' }, languages: ['de', 'en'] });
  assert.equal(JSON.parse(bare.load(p)).ok, true);
  const before = JSON.parse(bare.decide('{"now":1795000000,"languages":["de"]}'));
  assert.equal(before.language, 'de');
  assert.equal(JSON.parse(bare.words('de')).texts['banner.acceptAll'], undefined, 'no built-in texts at all');
  const read = (code) => JSON.parse(readFileSync(join(repo, 'config', 'locales', `${code}.json`), 'utf8'));
  const locale = read('de');
  assert.deepEqual(JSON.parse(bare.addLocale('de', JSON.stringify({ ...locale, 'evil.key': '<x>' }))), { ok: true });
  assert.equal(JSON.parse(bare.addLocale('de', '{broken')).error.code, 'bad-locale');
  const after = JSON.parse(bare.words(JSON.parse(bare.decide('{"now":1795000000,"languages":["de"]}')).language));
  assert.equal(after.language, 'de');
  assert.equal(after.texts['banner.acceptAll'], locale['banner.acceptAll']);
  assert.equal(after.texts['evil.key'], undefined);
  assert.deepEqual(JSON.parse(bare.addLocale('en', JSON.stringify(read('en')))), { ok: true });
  assert.equal(JSON.parse(bare.words('en')).texts['banner.acceptAll'], read('en')['banner.acceptAll']);
  // The key list is compiled in even though the texts are not: a policy's unknown text key is still refused.
  const typo = JSON.parse(bare.load(JSON.stringify({ revision: '1', site: { name: 'S' }, texts: { en: { 'banner.acceptAl': 'x' } } })));
  assert.equal(typo.error.code, 'policy-invalid');
  assert.equal(typo.error.path, '/texts/en/banner.acceptAl');
});

// The largest policy the limits allow (512 services: tests/bench's generator) needs more than the initial 1 MB
// of wasm memory: the build must keep ALLOW_MEMORY_GROWTH (without it, load aborts with OOM).
test('the 512-service policy loads, decides, chooses and answers csp (memory grows past the initial 1 MB)', () => {
  const large = execFileSync(process.execPath, [join(repo, 'tests', 'bench', 'engine', 'gen-large-policy.mjs')], { encoding: 'utf8' });
  assert.equal(JSON.parse(engine.load(large)).ok, true);
  const context = '{"now":1795000000,"region":"DE"}';
  assert.equal(JSON.parse(engine.decide(context)).services.length, 512);
  assert.equal(typeof JSON.parse(engine.choose(context, '{"type":"accept-all"}')).record, 'string');
  assert.match(JSON.parse(engine.csp(context)).header, /script-src/);
});

// The visitor engine (assent.wasm, what pages download) has no cookie-section renderer and no "did you mean"
// hints; the full engine (assent-full.wasm: pages with [data-assent-policy], the server) has both. Same checks,
// same pointers, same codes.
test('visitor engine: no policyText, the same validation errors without the hints', async () => {
  const visitor = await loadEngine({ visitor: true, locales: false });
  const full = await loadEngine({ locales: false });
  assert.equal(typeof visitor.policyText, 'undefined');
  assert.equal(typeof full.policyText, 'function');
  const typo = JSON.stringify({ revison: '1', site: { name: 'S' }, categories: [{ id: 'analytics' }], services: [{ id: 's', category: 'analytcs' }] });
  const v = failure(visitor.load(typo));
  const f = failure(full.load(typo));
  assert.equal(v.code, f.code);
  assert.equal(v.path, f.path);
  assert.deepEqual(v.errors.map((e) => e.path), f.errors.map((e) => e.path));
  const messages = (e) => e.errors.map((x) => x.message).join('\n');
  assert.match(messages(f), /did you mean "revision"/);
  assert.match(messages(f), /did you mean "analytics"/);
  assert.doesNotMatch(messages(v), /did you mean/);
  assert.deepEqual(v.errors.map((e) => e.message), f.errors.map((e) => e.message.replace(/; did you mean "[^"]*"\?/g, '')));
  assert.equal(JSON.parse(visitor.load(policy)).ok, true);
  assert.equal(visitor.decide('{"now":1795000000,"region":"DE"}'), (full.load(policy), full.decide('{"now":1795000000,"region":"DE"}')));
});
