// Tracker-leak sweep: every region model × GPC off/on × first/returning visit × every way a page reaches a third
// party (tagged script, tagged inline script, tagged iframe and image, document.write, createElement + src,
// setAttribute, a parsed fragment, insertAdjacentHTML/innerHTML, an image pixel, <link rel=preload>, a stylesheet,
// fetch() and navigator.sendBeacon()),
// for three services, one per non-essential category. From the network log (the browser's and the tracker
// server's): a service that is not granted is never contacted, by any form; a granted one is, by every form
// (so the sweep cannot pass by blocking everything).
//
// Which services are granted is written here from the law table (config/jurisdictions.md §0, §5;
// wasm/core/SPEC.md §Models), not read from the engine:
//   opt-in: nothing non-essential before a choice; opt-out, notice, none: granted by default, except that a GPC
//   signal denies sale/sharing categories (marketing here); a returning visitor gets exactly what they chose.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, requireShim, settle, setup, trackerHitPaths, trackerRequests, until, waitForReady } from './lib/harness.mjs';

const SERVICES = ['analytics', 'marketing', 'preference'];
const MODELS = [
  { model: 'opt-in', region: 'DE', grantsByDefault: false },
  { model: 'opt-out', region: 'US-CA', grantsByDefault: true },
  { model: 'notice', region: 'JP', grantsByDefault: true },
  { model: 'none', region: 'AQ', grantsByDefault: true }, // AQ → none by the policy's override
];
const SALE_OR_SHARING = new Set(['marketing']);
const RETURNING_CHOICE = ['analytics']; // what the visitor picked on the first visit

// The forms in pages/leak.html and pages/leak-forms.js, as the file each one requests.
const DYNAMIC = {
  'create-script': 'js', 'setattr-script': 'js', 'fragment-script': 'js', 'create-iframe': 'html',
  'html-iframe': 'html', 'html-img': 'gif', pixel: 'gif', preload: 'js', stylesheet: 'css', fetch: 'gif', beacon: 'gif',
};
const FORMS = [
  'tag-script.js', 'tag-inline.gif', 'tag-iframe.html', 'tag-img.gif', 'write-script.js', 'write-img.gif',
  ...['early', 'late'].flatMap((phase) => Object.entries(DYNAMIC).map(([f, ext]) => `${f}-${phase}.${ext}`)),
];
const pathsOf = (service) => FORMS.map((f) => `/leak/${service}/${f}`);

function expectedGranted({ grantsByDefault, gpc, returning }) {
  if (returning) return new Set(RETURNING_CHOICE);
  if (!grantsByDefault) return new Set();
  return new Set(SERVICES.filter((s) => !(gpc && SALE_OR_SHARING.has(s))));
}

let env;
const summary = [];
before(async () => { requireShim(); env = await setup(); });
after(async () => {
  await env?.close();
  if (summary.length) {
    const checks = summary.reduce((n, s) => n + s.checks, 0);
    console.log(`leak sweep: ${summary.length} scenarios, ${FORMS.length} forms × ${SERVICES.length} services each, ` +
      `${checks} (service, form) checks; tracker requests where consent was not given: ` +
      `${summary.reduce((n, s) => n + s.leaks, 0)}`);
    for (const s of summary) console.log(`  ${s.name.padEnd(34)} granted: ${s.granted.padEnd(31)} leaks: ${s.leaks}`);
  }
});

/** Leak-sweep tracker paths of the current document: requested by the browser or received by the server. */
function contacted(log) {
  const leakPaths = (paths) => paths.filter((p) => p.startsWith('/leak/'));
  return new Set([...leakPaths(trackerHitPaths(log)), ...leakPaths(trackerRequests(log))]);
}

async function check(name, page, log, granted) {
  const want = [...granted].flatMap(pathsOf);
  // Granted services: every form reaches its tracker (waits for the released ones).
  await until(() => want.every((p) => contacted(log).has(p)), {
    message: `${name}: every form of the granted services (${[...granted].join(', ') || 'none'}) reaches the tracker`,
    progress: () => contacted(log).size,
  }).catch((e) => {
    throw new assert.AssertionError({ message: `${e.message}; missing ${JSON.stringify(want.filter((p) => !contacted(log).has(p)))}` });
  });
  await settle(page, log); // the late forms ran and the network is quiet: anything held stayed held
  const leaks = [...contacted(log)].filter((p) => !granted.has(p.split('/')[2]));
  summary.push({ name, granted: [...granted].join(',') || '-', leaks: leaks.length, checks: FORMS.length * SERVICES.length });
  assert.deepEqual(leaks, [], `${name}: no request to a service without consent`);
}

for (const m of MODELS) {
  for (const gpc of [false, true]) {
    const label = `${m.model} (${m.region}), GPC ${gpc ? 'on' : 'off'}`;
    test(`leak sweep: ${label}, first visit then returning visit`, async (t) => {
      const gpcOn = () => Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true, configurable: true });
      const { page, log, decision: ready } = await openPage(t, env, `/leak.html?config=/policies/leak.json&region=${m.region}`, {
        before: ({ context }) => gpc && context.addInitScript(gpcOn),
      });
      assert.equal(ready.model, m.model, `precondition: region ${m.region} resolves to ${m.model}`);
      await check(`${label}, first`, page, log, expectedGranted({ ...m, gpc, returning: false }));

      await page.evaluate((cats) => window.Assent.ready.then((a) => a.set({ categories: cats })), RETURNING_CHOICE);
      await settle(page, log);
      await page.reload(); // from here on, only the new document's requests and hits count
      const again = await waitForReady(page);
      assert.equal(again.showBanner, false, 'precondition: the returning visitor has a stored choice');
      await check(`${label}, returning`, page, log, expectedGranted({ ...m, gpc, returning: true }));
      assert.deepEqual(log.pageErrors, [], 'no page errors');
    });
  }
}
