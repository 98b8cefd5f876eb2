// The instance's events and failures (README "JavaScript API and events", "Error codes"): on('ready') after
// ready is called once, asynchronously; a choice the engine refuses rejects with an AssentError and fires
// 'error'; a choice that cannot be stored still applies but fires 'error'; init failures reject with a code.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { events, openPage, requireShim, setup, waitForError, waitForEvents } from './lib/harness.mjs';

let env;
before(async () => { requireShim(); env = await setup(); });
after(async () => { await env?.close(); });

test("on('ready') on a ready instance: called once, not synchronously, with the decision; off() before it cancels", async (t) => {
  const { page } = await openPage(t, env, '/index.html?region=DE');
  const r = await page.evaluate(async () => {
    const a = await window.Assent.ready;
    const calls = [];
    a.on('ready', (d) => calls.push(d.model));
    const synchronously = calls.length;
    const cancelled = [];
    const never = (d) => cancelled.push(d);
    a.on('ready', never);
    a.off('ready', never);
    await new Promise((resolve) => setTimeout(resolve, 0)); // a later task: every microtask has run
    return { synchronously, calls, cancelled: cancelled.length };
  });
  assert.deepEqual(r, { synchronously: 0, calls: ['opt-in'], cancelled: 0 });
});

test("set() with an unknown id: rejects with AssentError bad-action, fires 'error' and assent:error, changes nothing", async (t) => {
  const { page, log } = await openPage(t, env, '/index.html?region=DE');
  const r = await page.evaluate(async () => {
    const a = await window.Assent.ready;
    const heard = [];
    a.on('error', (e) => heard.push(e));
    let rejected = null;
    try {
      await a.set({ categories: ['no-such-category'] });
    } catch (e) {
      rejected = { name: e.name, code: e.code, message: e.message };
    }
    return { rejected, heard, analytics: a.has('analytics'), cookie: document.cookie };
  });
  assert.equal(r.rejected?.name, 'AssentError', JSON.stringify(r));
  assert.equal(r.rejected.code, 'bad-action');
  assert.match(r.rejected.message, /no-such-category/, 'the message names the unknown id');
  assert.deepEqual(r.heard.map((e) => e.code), ['bad-action'], "on('error') heard it once");
  assert.equal(r.heard[0].message, r.rejected.message);
  assert.deepEqual((await events(page, 'assent:error')).map((e) => e.detail.code), ['bad-action']);
  assert.equal(r.analytics, false, 'nothing granted');
  assert.doesNotMatch(r.cookie, /(^|; )assent=/, 'no record stored');
  assert.deepEqual(await events(page, 'assent:change'), [], 'no change');
  assert.deepEqual(log.pageErrors, []);
});

test("a choice that can be stored neither as a cookie nor in localStorage applies to the page and fires 'error' storage-write", async (t) => {
  const blockStorage = () => {
    const cookie = Object.getOwnPropertyDescriptor(Document.prototype, 'cookie');
    Object.defineProperty(Document.prototype, 'cookie', {
      configurable: true,
      get() { return cookie.get.call(this); },
      set(v) { if (!String(v).startsWith('assent=')) cookie.set.call(this, v); }, // the record is refused
    });
    Storage.prototype.setItem = () => { throw new DOMException('blocked by the test', 'QuotaExceededError'); };
  };
  const { page, log } = await openPage(t, env, '/index.html?region=DE', { before: ({ context }) => context.addInitScript(blockStorage) });
  // Through the banner, so nobody holds the promise: the failure must still be heard, not be an unhandled rejection.
  await page.getByRole('region', { name: 'We value your privacy', exact: true }).getByRole('button', { name: 'Accept all', exact: true }).click();
  const [error] = await waitForEvents(page, 'assent:error');
  assert.equal(error.detail.code, 'storage-write');
  assert.match(error.detail.message, /"assent"/, 'the message names the cookie');
  await waitForEvents(page, 'assent:change');
  assert.equal(await page.evaluate(async () => (await window.Assent.ready).has('analytics')), true, 'the choice applies to this page');
  assert.deepEqual(log.pageErrors, []);
});

test('init failure: Assent.ready rejects with an AssentError carrying code and the JSON Pointer of the first problem', async (t) => {
  const { page } = await openPage(t, env, '/index.html?region=DE&config=/policies/invalid.json', { ready: false });
  const detail = await waitForError(page);
  const rejected = await page.evaluate(() => window.Assent.ready.then(() => null, (e) => ({ name: e.name, code: e.code, path: e.path })));
  assert.deepEqual(rejected, { name: 'AssentError', code: 'policy-invalid', path: '/services/0/category' });
  assert.equal(detail.code, 'policy-invalid');
  assert.equal(detail.path, '/services/0/category');
});
