// Regression test for a security bug: Assent only ever releases what the browser itself would have run.
// A <script src> from DOMParser, parseHTMLUnsafe, setHTMLUnsafe, innerHTML or a template-innerHTML clone is
// inert HTML (the browser marks it started and never fetches it). Assent used to re-create such a script on
// release and run it — seen while the policy loads, for a URL that belongs to no service. The controls
// (createElement + src, createContextualFragment) are run by the browser, so Assent must release them.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { EN, openPage, requireShim, settle, setup, trackerRequests, ui, until } from './lib/harness.mjs';

let env;
before(async () => { requireShim(); env = await setup(); });
after(async () => { await env?.close(); });

const ran = (page) => page.evaluate(() => (window.__leakRan || []).map((p) => p.replace(/^\/leak\//, '')));
const INERT = /inert-(domparser|parsehtmlunsafe|sethtmlunsafe|innerhtml|template)-/;
const controls = (service) => ['early', 'late'].flatMap((p) => [`${service}/inert-control-create-${p}.js`, `${service}/inert-control-fragment-${p}.js`]);

test('inert markup stays inert: never run, never requested, before and after consent; the controls run', async (t) => {
  const { page, log } = await openPage(t, env, '/inert.html?config=/policies/leak.json&region=DE');
  // "none" matches no service: its controls run once the policy is known, its inert scripts never.
  let done = [];
  const have = (service) => async () => { done = await ran(page); return controls(service).every((c) => done.includes(c)); };
  await until(have('none'), {
    message: 'the controls of a URL that belongs to no service run',
    progress: async () => (await ran(page)).length,
  });
  await settle(page, log);
  done = await ran(page);
  assert.deepEqual(done.filter((p) => p.startsWith('none/')).sort(), controls('none').sort(), 'only the controls of "none" ran');
  assert.deepEqual(done.filter((p) => p.startsWith('analytics/')), [], 'nothing of the analytics service before consent');

  await ui(page).banner.getByRole('button', { name: EN.acceptAll, exact: true }).click();
  await until(have('analytics'), {
    message: 'the analytics controls run after Accept all',
    progress: async () => (await ran(page)).length,
  });
  await settle(page, log);
  done = await ran(page);
  assert.deepEqual(done.filter((p) => INERT.test(p)), [], 'no inert script ran');
  assert.deepEqual(trackerRequests(log).filter((p) => INERT.test(p)), [], 'no inert script was even requested');
  assert.deepEqual(done.slice().sort(), [...controls('none'), ...controls('analytics')].sort(), 'each control ran once');
});
