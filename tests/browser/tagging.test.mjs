// Tagging mistakes are loud and do not leak (README "Tagging mistakes"): one console warning per element that
// names it and the fix; categories match case-insensitively; a URL that belongs to a service waits for that
// service whatever its tag says; data-service alone and data-assent-category work.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { EN, openPage, requireShim, settle, setup, trackerHitPaths, trackerRequests, ui, until } from './lib/harness.mjs';

let env;
before(async () => { requireShim(); env = await setup(); });
after(async () => { await env?.close(); });

const A = '/leak/analytics/';
const contacted = (log) => new Set([...trackerRequests(log), ...trackerHitPaths(log)].filter((p) => p.startsWith(A)).map((p) => p.slice(A.length)));
const warnings = (log) => log.console.filter((m) => m.type === 'warning' && m.text.startsWith('Assent: <')).map((m) => m.text);

test('tagging mistakes: warned once per element with the fix; nothing of analytics before consent; the fixable ones run after Accept all', async (t) => {
  const { page, log } = await openPage(t, env, '/tagging.html?config=/policies/leak.json&region=DE');
  await settle(page, log);
  // no-type.js: the browser's preload scanner may request it (README); it must not run.
  const early = [...contacted(log)].filter((p) => p !== 'no-type.js');
  assert.deepEqual(early, [], 'no analytics URL contacted before consent, whatever the tag');
  assert.deepEqual(await page.evaluate(() => window.__leakRan || []), [], 'nothing ran before consent');

  const w = warnings(log);
  const about = (needle, fix) => {
    const hits = w.filter((m) => m.includes(needle));
    assert.equal(hits.length, 1, `one warning for ${needle}; got ${JSON.stringify(w)}`);
    assert.match(hits[0], fix);
  };
  about('no-type.js', /type="text\/plain"/);
  about('data-src.js', /goes in src/);
  about('wrong-case.js', /write the category as "analytics"/);
  about('unknown-category.js', /"analytcs" is no category of the policy/);
  about('tagged-essential.js', /belongs to the service "leak-analytics"/);

  await ui(page).banner.getByRole('button', { name: EN.acceptAll, exact: true }).click();
  const shouldRun = ['no-type.js', 'wrong-case.js', 'service-only.js', 'tagged-essential.js', 'namespaced.js'].map((f) => A + f);
  await until(() => page.evaluate((want) => want.every((p) => (window.__leakRan || []).includes(p)), shouldRun), {
    message: `after Accept all, these run: ${shouldRun.join(', ')}`,
  });
  await settle(page, log);
  const ran = await page.evaluate(() => window.__leakRan);
  assert.ok(!ran.includes(A + 'unknown-category.js'), 'an unknown category never runs');
  assert.ok(!ran.includes(A + 'data-src.js'), 'a script with data-src never runs (as warned)');
  for (const img of ['unrelated-data-category.gif', 'upper-case.gif'])
    assert.ok(contacted(log).has(img), `control: ${img} is requested once analytics is granted`);
  assert.equal(warnings(log).length, w.length, 'no warning repeated after the choice');
});
