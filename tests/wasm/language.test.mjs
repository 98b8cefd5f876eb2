// language(contextJson): the wasm entry point the shim calls to fetch a locale before the first decision.
// It must pick what decide() picks: every decide() vector that expects a language is replayed through it.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

import { loadEngine, repo } from './engine.mjs';

const vectorsDir = join(repo, 'tests', 'vectors');
const engine = await loadEngine();
const vectors = readdirSync(vectorsDir)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => [f, JSON.parse(readFileSync(join(vectorsDir, f), 'utf8'))])
  .filter(([, v]) => !v.action && !v.setup && typeof v.expect?.language === 'string');

test('at least the 14 lang-* vectors are replayed', () => assert.ok(vectors.length >= 14, `${vectors.length} vectors`));

for (const [file, v] of vectors) {
  test(`${file}: language() gives ${v.expect.language}`, () => {
    assert.equal(JSON.parse(engine.load(readFileSync(join(vectorsDir, 'policies', v.policy), 'utf8'))).ok, true);
    assert.deepEqual(JSON.parse(engine.language(JSON.stringify(v.context ?? {}))), { language: v.expect.language });
  });
}

test('language() before load is not-loaded; a bad context is bad-context', async () => {
  const fresh = await loadEngine({ locales: false });
  assert.equal(JSON.parse(fresh.language('{}')).error.code, 'not-loaded');
  assert.equal(JSON.parse(engine.language('{"languages":"de"}')).error.code, 'bad-context');
  assert.equal(JSON.parse(engine.language('[')).error.code, 'bad-context');
});
