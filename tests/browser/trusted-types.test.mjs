// Trusted Types pages (pages/tt.html, header from the server): with `trusted-types assent page` the banner works
// and Accept all releases external, inline and dynamic scripts and iframes with zero violations; with the page's
// own `default` policy too, Assent never goes through it; without `assent` allowed, Assent fails closed and says
// what to add.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  clickBanner, consoleErrorsMentioning, EN, openPage, requireShim, settle, setup, trackerHitPaths, trackerRequests,
  trustedTypesConsole, ui, until, waitForError, waitForHits, waitForReady,
} from './lib/harness.mjs';

let env;
before(async () => { requireShim(); env = await setup(); });
after(async () => { await env?.close(); });

async function trustedTypesRun(t, url, { expectDefaultUnused = false } = {}) {
  const { page, log, response } = await openPage(t, env, url, { ready: false });
  const header = response.headers()['content-security-policy'] ?? '';
  assert.match(header, /require-trusted-types-for 'script'; trusted-types assent/, `TT header sent: ${header}`);
  const diag = async () => JSON.stringify({
    violations: await page.evaluate(() => window.__cspViolations).catch(() => null),
    tt: trustedTypesConsole(log).map((m) => m.text), errors: log.console.filter((m) => m.type === 'error').map((m) => m.text),
    pageErrors: log.pageErrors, events: await page.evaluate(() => window.__assentEvents).catch(() => null),
  });
  const withDiag = async (e) => { throw new Error(`${e.message}\n${await diag()}`); };
  await waitForReady(page).catch(withDiag);
  await ui(page).banner.waitFor({ state: 'visible' });
  await settle(page, log);
  assert.deepEqual(trackerRequests(log), [], 'nothing before consent');
  assert.deepEqual(trackerHitPaths(log), []);

  await clickBanner(page, EN.acceptAll);
  await waitForHits(log, ['/analytics.js', '/collect', '/pixel.js', '/px', '/embed.html', '/dynamic.js']).catch(withDiag);
  await until(() => page.evaluate(() => window.__gaLoaded && window.__inlineTaggedRan && window.__pixelLoaded && window.__dynOnload),
    'released external, inline and dynamic scripts executed').catch(withDiag);
  await until(() => page.frames().some((f) => f.url().endsWith('/embed.html')), 'the tagged iframe loaded');
  await until(() => page.frames().some((f) => f.url().endsWith('/embed.html?via=innerHTML')), 'the iframe the page wrote with innerHTML loaded');
  await settle(page, log);
  assert.deepEqual(await page.evaluate(() => window.__cspViolations), [], 'no Trusted Types violation');
  assert.deepEqual(trustedTypesConsole(log), [], 'no Trusted Types message on the console');
  assert.deepEqual(log.pageErrors, []);
  if (expectDefaultUnused) {
    assert.deepEqual(await page.evaluate(() => window.__ttDefault), [],
      "Assent never relies on the page's default policy (it uses its own policy \"assent\")");
  }
  // Control: the detector sees a plain string reaching a sink on this page (a violation; with the page's
  // default policy, a call of that policy).
  await page.evaluate(() => { try { document.createElement('script').src = '/x.js'; } catch { /* TypeError when enforced */ } });
  if (expectDefaultUnused) {
    await until(() => page.evaluate(() => window.__ttDefault.some((c) => c[2].endsWith('/x.js'))), 'the control string went through the default policy');
  } else {
    await until(() => page.evaluate(() => window.__cspViolations.length > 0), 'the control violation is recorded');
  }
}

test('Trusted Types enforced (trusted-types assent page): banner, Accept all releases external + inline scripts, the iframe and the page\'s dynamic script; zero violations', async (t) => {
  await trustedTypesRun(t, '/tt.html?region=DE');
});

test('Trusted Types with the page\'s own default policy allowed too: same, and Assent never goes through the default policy', async (t) => {
  await trustedTypesRun(t, '/tt.html?tt=default&region=DE', { expectDefaultUnused: true });
});

test('Trusted Types without "assent" in trusted-types: fails closed, assent:error, console error says to add assent to trusted-types, no uncaught error', async (t) => {
  const { page, log } = await openPage(t, env, '/tt.html?tt=noassent&region=DE', { ready: false });
  // Failing closed is an orderly outcome: reported like every other start-up failure, no uncaught exception.
  const err = await waitForError(page);
  assert.equal(typeof err?.code, 'string', `assent:error detail: ${JSON.stringify(err)}`);
  await settle(page, log);
  // Whether or not the banner came up, nothing may run, and the console must say what to fix.
  await page.evaluate(() => window.Assent?.acceptAll?.()).catch(() => undefined);
  await settle(page, log);
  assert.deepEqual(trackerHitPaths(log), [], 'the tracker server saw no request');
  assert.deepEqual(trackerRequests(log), []);
  const flags = await page.evaluate(() => [window.__gaLoaded, window.__inlineTaggedRan, window.__pixelLoaded, window.__dynOnload]);
  assert.deepEqual(flags, [undefined, undefined, undefined, false], 'no tracker code ran');
  const named = consoleErrorsMentioning(log, 'Assent').filter((m) => /trusted-types/i.test(m.text) && /assent/.test(m.text));
  assert.ok(named.length > 0, `a console error from Assent names the trusted-types directive and "assent": ${JSON.stringify(log.console.filter((m) => m.type === 'error').map((m) => m.text))}`);
  assert.deepEqual(log.pageErrors, [], 'no uncaught page error');
});
