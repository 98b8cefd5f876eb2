// The cookie section in a single-page app: a `[data-assent-policy]` element rendered after init() (a client-side
// route) is filled without any call, and `consent.renderPolicy(el, lang)` renders on demand. The renderer lives
// in assent-full.wasm, which a page without a section never downloads.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, requireShim, settle, setup } from './lib/harness.mjs';

let env;
before(async () => { requireShim(); env = await setup(); });
after(async () => { await env?.close(); });

const fullWasm = (log) => log.requests.filter((r) => new URL(r.url).pathname.endsWith('/assent-full.wasm'));

test('a section added after init() is filled; renderPolicy(el, "de") renders German on demand; full wasm only once needed', async (t) => {
  const { page, log } = await openPage(t, env, '/index.html?region=DE&config=/policies/multi.json');
  await page.evaluate(() => window.Assent.ready);
  await settle(page, log);
  assert.equal(fullWasm(log).length, 0, 'no section yet: assent-full.wasm not downloaded');

  // What a router does when the privacy route mounts.
  await page.evaluate(() => {
    const route = document.createElement('main');
    route.innerHTML = '<h1>Privacy</h1><section id="later" data-assent-policy></section>';
    document.body.append(route);
  });
  await page.locator('#later h2', { hasText: 'Cookies and similar technologies' }).waitFor();
  assert.ok(await page.locator('#later table').count() > 0, 'the tables of the section');
  assert.equal(fullWasm(log).length, 1);

  // On demand, in another language, into any element; the same element is not filled twice by the observer.
  const headings = await page.evaluate(async () => {
    const el = document.createElement('div');
    document.body.append(el);
    const consent = await window.Assent.ready;
    await consent.renderPolicy(el, 'de');
    return Array.from(el.querySelectorAll('h2'), (h) => h.textContent);
  });
  assert.deepEqual(headings, ['Cookies und ähnliche Technologien']);
  assert.equal(await page.locator('#later h2').count(), 1, 'rendered once');

  const refused = await page.evaluate(async () => {
    const consent = await window.Assent.ready;
    return consent.renderPolicy('not an element').then(() => 'resolved', (e) => e.code);
  });
  assert.equal(refused, 'bad-options');
  await settle(page, log);
  assert.equal(fullWasm(log).length, 1, 'the full engine is fetched once');
});
