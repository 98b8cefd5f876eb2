// Strict mode (data-csp="strict", config/csp.md): the engine's CSP goes into the page as a <meta>, so even a
// request no script can intercept (dynamic import()) reaches only granted services. First visit: in force once
// the engine decided; a choice that grants more reloads the page; a returning visitor has it before any other
// script runs (the prologue's cached copy). Controls: the granted service's imports do reach the tracker.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, requireShim, settle, setup, trackerHitPaths, until, waitForReady } from './lib/harness.mjs';

let env;
before(async () => { requireShim(); env = await setup(); });
after(async () => { await env?.close(); });

// What reached the tracker: the server's hits, and browser requests the browser did not block itself (a request
// refused by CSP is logged by DevTools with a blockedReason and never leaves the browser).
const sent = (log) => log.of(log.current()).filter((r) => r.url.startsWith(log.server.trackerOrigin + '/') && !r.blocked).map((r) => new URL(r.url).pathname);
const contacted = (log) => new Set([...sent(log), ...trackerHitPaths(log)].filter((p) => p.includes('/strict-import-')));

test('strict CSP: import() of a service without consent is refused by the browser; granted ones load; choice that grants more reloads', async (t) => {
  const { page, log } = await openPage(t, env, '/strict.html?config=/policies/strict.json&region=DE');
  await settle(page, log);
  const csp = await page.evaluate(() => Array.from(document.querySelectorAll('meta[http-equiv="Content-Security-Policy"]'), (m) => m.content));
  assert.equal(csp.length, 1, `one CSP meta in force: ${JSON.stringify(csp)}`);
  assert.match(csp[0], /script-src [^;]*'self'/);
  assert.ok(!csp[0].includes('/leak/'), 'no service allowed before consent');
  assert.deepEqual([...contacted(log)], [], 'no import reached the tracker before consent');

  // Granting analytics widens the policy: the page reloads.
  const reloaded = page.waitForNavigation();
  await page.evaluate(() => window.Assent.ready.then((a) => a.set({ categories: ['analytics'] })));
  await reloaded;
  await waitForReady(page);
  await until(() => contacted(log).has('/leak/analytics/strict-import-early.js') && contacted(log).has('/leak/analytics/strict-import-late.js'), {
    message: 'control: analytics imports (early, by the cached policy, and late) reach the tracker after the reload',
  });
  await settle(page, log);
  const now = await page.evaluate(() => Array.from(document.querySelectorAll('meta[http-equiv="Content-Security-Policy"]'), (m) => m.content));
  assert.ok(now.length >= 1 && now[0].includes('/leak/analytics/'), `the cached policy allows analytics: ${JSON.stringify(now)}`);
  assert.deepEqual([...contacted(log)].filter((p) => p.includes('/marketing/')), [], 'marketing imports refused by the browser');
  const violations = log.console.filter((m) => /Content Security Policy/.test(m.text) && m.text.includes('/leak/marketing/'));
  assert.ok(violations.length >= 1, 'the browser reports refusing the marketing import');

  // Revoking tightens in place (no reload needed): a stricter policy is added.
  await page.evaluate(() => window.Assent.ready.then((a) => a.rejectAll()));
  const after = await page.evaluate(() => Array.from(document.querySelectorAll('meta[http-equiv="Content-Security-Policy"]'), (m) => m.content));
  assert.equal(after.length, now.length + 1, 'a stricter policy was added');
  await page.evaluate(() => window.imports('revoked'));
  await settle(page, log);
  assert.deepEqual([...contacted(log)].filter((p) => p.includes('revoked')), [], 'after Reject all, no import reaches the tracker');
});
