// Golden vectors against the wasm engine in Node; each raw result must also equal the native engine's
// (written by the Catch2 runner to <build>/tests/vector-results), byte for byte.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

import { loadEngine, repo } from './engine.mjs';
import { mismatch, withWords } from './match.mjs';

const vectorsDir = join(repo, 'tests', 'vectors');
const nativeDir = process.env.ASSENT_NATIVE_RESULTS ?? join(repo, 'build', 'tests', 'vector-results');
const files = readdirSync(vectorsDir).filter((f) => f.endsWith('.json')).sort();
const policyText = (name) => readFileSync(join(vectorsDir, 'policies', name), 'utf8');
const full = await loadEngine();
const visitor = await loadEngine({ visitor: true });
let engine = full;

function load(name) {
  const result = JSON.parse(engine.load(policyText(name)));
  assert.equal(result.ok, true, `${name} must load: ${JSON.stringify(result.errors)}`);
}

function run(v) {
  const context = { ...(v.context ?? {}) };
  if (v.setup) {
    load(v.setup.policy ?? v.policy);
    const r = JSON.parse(engine.choose(JSON.stringify(v.setup.context), JSON.stringify(v.setup.action)));
    assert.equal(typeof r.record, 'string', `setup must produce a record: ${JSON.stringify(r)}`);
    context.record = r.record;
  }
  load(v.policy);
  return v.action
    ? engine.choose(JSON.stringify(context), JSON.stringify(v.action))
    : engine.decide(JSON.stringify(context));
}

test('there are at least 40 vectors', () => assert.ok(files.length >= 40, `${files.length} vectors`));

test('native results exist (run the Catch2 vectors first)', () =>
  assert.ok(existsSync(nativeDir), `missing ${nativeDir}: run ctest before the Node tests`));

for (const file of files) {
  const v = JSON.parse(readFileSync(join(vectorsDir, file), 'utf8'));
  test(`${file}: ${v.name}`, () => {
    const output = run(v);
    const result = JSON.parse(output);
    // Expectations on texts and service words are met by words(decision.language), as the banner gets them.
    const decision = v.action ? result.decision : result;
    if (decision?.language) {
      assert.equal('texts' in decision, false, 'a decision carries no texts');
      for (const s of decision.services) assert.deepEqual(Object.keys(s).sort(), ['category', 'granted', 'id']);
      const withText = withWords(decision, JSON.parse(engine.words(decision.language)));
      if (v.action) result.decision = withText;
      else Object.assign(result, withText);
    }
    const m = mismatch(v.expect, result, '', Boolean(v.action));
    assert.equal(m, '', m);
    const nativeFile = join(nativeDir, file);
    if (existsSync(nativeDir)) assert.equal(output, readFileSync(nativeFile, 'utf8'), 'wasm and native outputs differ');
  });
}

// The visitor engine (assent.wasm) leaves out only policyText and message hints: every decision and choice is
// byte-identical to the full engine's (and so to the native engine's).
for (const file of files) {
  const v = JSON.parse(readFileSync(join(vectorsDir, file), 'utf8'));
  test(`visitor engine, ${file}: same bytes as the full engine`, () => {
    engine = full;
    const expected = run(v);
    engine = visitor;
    try {
      assert.equal(run(v), expected);
    } finally {
      engine = full;
    }
  });
}
