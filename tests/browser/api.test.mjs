// JS API and events: assent:ready, Assent.ready, has(), acceptAll(), on/off, reset(), showPreferences(),
// the dataLayer (Consent Mode default before any update), and the inline policy variant.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  openPage, requireShim, settle, setup, trackerHitPaths, trackerRequests, ui, until, waitForEvents, waitForHits,
  waitForReady,
} from './lib/harness.mjs';
import { cookieMap } from './lib/records.mjs';

let env;
before(async () => { requireShim(); env = await setup(); });
after(async () => { await env?.close(); });

const DEFAULT = {
  ad_storage: 'denied', ad_user_data: 'denied', ad_personalization: 'denied', analytics_storage: 'denied',
  functionality_storage: 'denied', personalization_storage: 'denied', security_storage: 'granted', wait_for_update: 500,
};

const dataLayer = (page) => page.evaluate(() => (window.dataLayer || []).map((e) => ({
  kind: Object.prototype.toString.call(e),
  value: JSON.parse(JSON.stringify(Object.prototype.toString.call(e) === '[object Arguments]' ? Array.from(e) : e)),
})));

test('events and API: assent:ready, Assent.ready, has() before/after acceptAll(), on("change"), dataLayer order', async (t) => {
  const { context, page, log, decision: readyDetail } = await openPage(t, env, '/index.html?region=DE');
  assert.equal(readyDetail.model, 'opt-in', 'assent:ready detail is the decision');
  assert.equal(readyDetail.region, 'DE');

  // Synchronously at script start (snapshot taken by the page's next inline script).
  const atStart = await page.evaluate(() => ({ v: window.__dlAtStart, kinds: window.__dlAtStartIsArguments }));
  assert.deepEqual(atStart.v[0], ['consent', 'default', DEFAULT], 'dataLayer[0] right after the shim tag = the default');
  assert.equal(atStart.kinds[0], '[object Arguments]', 'pushed as a gtag arguments object');

  const before = await page.evaluate(async () => {
    const a = await window.Assent.ready;
    window.__apiChanges = [];
    window.__onChange = (d) => window.__apiChanges.push(JSON.parse(JSON.stringify(d ?? null)));
    a.on('change', window.__onChange);
    return {
      sameAsDecision: a.decision?.model === 'opt-in',
      analytics: a.has('analytics'), service: a.has('fake-analytics'), essential: a.has('essential'),
      fns: ['has', 'acceptAll', 'rejectAll', 'set', 'showPreferences', 'hide', 'reset', 'on', 'off'].filter((f) => typeof a[f] !== 'function'),
    };
  });
  assert.deepEqual(before, { sameAsDecision: true, analytics: false, service: false, essential: true, fns: [] });
  await settle(page, log);
  assert.deepEqual(trackerHitPaths(log), []);

  const after = await page.evaluate(async () => {
    const a = await window.Assent.ready;
    await a.acceptAll();
    return { analytics: a.has('analytics'), marketing: a.has('marketing'), service: a.has('fake-analytics') };
  });
  assert.deepEqual(after, { analytics: true, marketing: true, service: true });
  await waitForHits(log, ['/analytics.js', '/pixel.js']);
  await ui(page).banner.waitFor({ state: 'hidden' });

  const change = (await page.evaluate(() => window.__assentEvents.filter((e) => e.type === 'assent:change')));
  assert.equal(change.length, 1, 'one assent:change');
  assert.ok(change[0].detail?.decision, 'assent:change detail has the decision');
  assert.deepEqual(change[0].detail.revoked, [], 'nothing revoked by Accept all');
  await until(() => page.evaluate(() => window.__apiChanges.length === 1), 'instance on("change") listener called once');

  // off() removes the listener.
  await page.evaluate(async () => { const a = await window.Assent.ready; a.off('change', window.__onChange); await a.rejectAll(); });
  await waitForEvents(page, 'assent:change', 2);
  assert.equal(await page.evaluate(() => window.__apiChanges.length), 1, 'listener not called after off()');

  const dl = await dataLayer(page);
  const consent = dl.filter((e) => e.kind === '[object Arguments]' && e.value[0] === 'consent');
  assert.deepEqual(consent[0].value, ['consent', 'default', DEFAULT], 'first consent entry is the default');
  const firstUpdate = consent.findIndex((e) => e.value[1] === 'update');
  assert.ok(firstUpdate > 0, `an update follows the default: ${JSON.stringify(consent.map((e) => e.value[1]))}`);
  assert.equal(consent.filter((e) => e.value[1] === 'default').length, 1, 'exactly one default');
  const updates = consent.filter((e) => e.value[1] === 'update').map((e) => e.value[2]);
  const accepted = updates.find((u) => u.analytics_storage === 'granted');
  assert.ok(accepted, 'an update granting analytics_storage after acceptAll()');
  assert.deepEqual(Object.keys(accepted).filter((k) => k !== 'wait_for_update').sort(), Object.keys(DEFAULT).filter((k) => k !== 'wait_for_update').sort(),
    'an update names all 7 consent types');
  assert.equal(accepted.ad_storage, 'granted');
  assert.equal(updates.at(-1).analytics_storage, 'denied', 'the last update (after rejectAll) denies analytics_storage');
  assert.equal(updates.at(-1).security_storage, 'granted');
  const events = dl.filter((e) => e.value?.event === 'assent_update');
  assert.ok(events.length >= 2, 'an {event:"assent_update"} entry after each choice');
  assert.equal(events[0].value.assent?.categories?.analytics, true, 'assent_update carries the categories');
});

test('API: showPreferences() opens the dialog; reset() forgets the record and shows the banner again', async (t) => {
  const { context, page, log } = await openPage(t, env, '/index.html?region=DE');
  const { banner, dialog } = ui(page);
  await page.evaluate(async () => (await window.Assent.ready).acceptAll());
  await banner.waitFor({ state: 'hidden' });
  assert.ok((await cookieMap(context)).assent, 'record stored');

  await page.evaluate(async () => (await window.Assent.ready).showPreferences());
  await dialog.waitFor({ state: 'visible' });
  const sw = await dialog.getByRole('switch', { name: 'Analytics', exact: true }).getAttribute('aria-checked');
  assert.equal(sw, 'true', 'the dialog shows the stored choice');
  await page.evaluate(async () => (await window.Assent.ready).hide());
  await dialog.waitFor({ state: 'hidden' });

  await page.evaluate(async () => (await window.Assent.ready).reset());
  await banner.waitFor({ state: 'visible' });
  assert.equal((await cookieMap(context)).assent, undefined, 'record cookie removed');
  assert.equal(await page.evaluate(() => localStorage.getItem('assent:assent')), null, 'localStorage mirror removed');
  // After a reload the visitor is asked again.
  await page.reload();
  const d = await waitForReady(page);
  assert.equal(d.showBanner, true);
  await banner.waitFor({ state: 'visible' });
  await settle(page, log);
  assert.deepEqual(trackerHitPaths(log), [], 'nothing loads after reset + reload');
  assert.deepEqual(trackerRequests(log), [], 'the reloaded page requests no tracker');
});

test('inline policy (<script type="application/json" id="assent-policy">) instead of data-config', async (t) => {
  const { context, page, log, decision: d } = await openPage(t, env, '/inline.html');
  assert.equal(d.model, 'opt-in');
  assert.ok(d.services.some((s) => s.id === 'fake-analytics'), 'services from the inline policy');
  await ui(page).banner.waitFor({ state: 'visible' });
  await settle(page, log);
  assert.deepEqual(trackerHitPaths(log), []);
  await page.evaluate(async () => (await window.Assent.ready).acceptAll());
  await waitForHits(log, ['/analytics.js']);
});
