// Withdrawal: reset() (the API) takes back consent exactly as "Reject all" does: the denied services' cookies
// are deleted, Consent Mode gets an update with the denied state, and the change event names what was revoked.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, requireShim, setup, ui } from './lib/harness.mjs';
import { cookieMap } from './lib/records.mjs';

let env;
before(async () => { requireShim(); env = await setup(); });
after(async () => { await env?.close(); });

const DENIED = {
  ad_storage: 'denied', ad_user_data: 'denied', ad_personalization: 'denied', analytics_storage: 'denied',
  functionality_storage: 'denied', personalization_storage: 'denied', security_storage: 'granted',
};

/** Accept all, let the trackers' cookies exist, then withdraw with `how`; what the page saw. */
async function withdraw(t, how) {
  const { context, page } = await openPage(t, env, '/index.html?region=DE');
  await page.evaluate(async () => (await window.Assent.ready).acceptAll());
  await ui(page).banner.waitFor({ state: 'hidden' });
  await page.evaluate(() => {
    for (const c of ['_ga=GA1.1.1', '_ga_X1=GS1.1', '_fbp=fb.1.2', 'site_session=s1']) document.cookie = `${c}; path=/; max-age=3600`;
    window.__changes = [];
    window.addEventListener('assent:change', (e) => window.__changes.push(e.detail.revoked));
    window.__dlMark = window.dataLayer.length;
  });
  await page.evaluate(async (fn) => (await window.Assent.ready)[fn](), how);
  const cookies = Object.keys(await cookieMap(context)).filter((n) => n !== 'assent').sort();
  const seen = await page.evaluate(() => ({
    revoked: window.__changes,
    updates: window.dataLayer.slice(window.__dlMark).map((e) => Array.from(e)).filter((a) => a[0] === 'consent' && a[1] === 'update').map((a) => a[2]),
  }));
  return { cookies, ...seen };
}

test('reset() deletes the denied services\' cookies, pushes the denied Consent Mode state and reports revoked, like Reject all', async (t) => {
  const reject = await withdraw(t, 'rejectAll');
  const reset = await withdraw(t, 'reset');
  assert.deepEqual(reject.cookies, ['site_session'], 'Reject all leaves only the site\'s own cookie');
  assert.deepEqual(reset.cookies, reject.cookies, 'reset() deletes the same cookies');
  assert.deepEqual(reject.updates, [DENIED]);
  assert.deepEqual(reset.updates, [DENIED], 'reset() pushes one Consent Mode update with the denied state');
  assert.deepEqual(reject.revoked, [['preference', 'analytics', 'marketing']]);
  assert.deepEqual(reset.revoked, reject.revoked, 'reset()\'s change event names the revoked categories');
});
