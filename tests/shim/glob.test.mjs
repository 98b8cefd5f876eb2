// The shared glob cases (tests/glob/vectors.json) against the shim's synchronous mirror of the engine's
// matcher; tests/unit/glob_vectors_test.cpp runs the same globMatch cases against the engine. urlMatches
// (the scheme-less URL form) is the shim's alone.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

import { importTs, repoRoot } from './lib/load-ts.mjs';

const { globMatch, urlMatches } = await importTs('js-shim/src/glob.ts');
const cases = JSON.parse(readFileSync(join(repoRoot, 'tests', 'glob', 'vectors.json'), 'utf8'));

/** A string, or [[piece, count], …] concatenated (for long inputs). */
function expand(v, where) {
  if (typeof v === 'string') return v;
  assert.ok(Array.isArray(v) && v.every((p) => Array.isArray(p) && typeof p[0] === 'string' && Number.isInteger(p[1]) && p[1] >= 0),
    `${where}: a string or a list of [piece, count] pairs`);
  return v.map(([piece, count]) => piece.repeat(count)).join('');
}

const short = (v) => (typeof v === 'string' ? JSON.stringify(v) : JSON.stringify(v).slice(0, 40));

test('the case file has both sections', () => {
  assert.ok(cases.globMatch.length >= 30, `${cases.globMatch.length} globMatch cases`);
  assert.ok(cases.urlMatches.length >= 10, `${cases.urlMatches.length} urlMatches cases`);
});

cases.globMatch.forEach((c, i) => {
  test(`globMatch[${i}] ${short(c.pattern)} vs ${short(c.text)}: ${c.why}`, () => {
    const pattern = expand(c.pattern, `globMatch[${i}].pattern`);
    const text = expand(c.text, `globMatch[${i}].text`);
    assert.equal(globMatch(pattern, text), c.match);
  });
});

cases.urlMatches.forEach((c, i) => {
  test(`urlMatches[${i}] ${short(c.pattern)} vs ${short(c.url)}: ${c.why}`, () => {
    assert.equal(urlMatches(expand(c.pattern, `urlMatches[${i}].pattern`), expand(c.url, `urlMatches[${i}].url`)), c.match);
  });
});
