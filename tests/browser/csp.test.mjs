// Strict CSP (header from the server): script-src 'self' 'wasm-unsafe-eval' 'nonce-…' <tracker>;
// object-src 'none'; base-uri 'none' — no 'unsafe-inline', no 'unsafe-eval'.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  EN, openPage, requireShim, settle, setup, trackerHitPaths, trackerRequests, ui, until, waitForHits, waitForReady,
} from './lib/harness.mjs';

let env;
before(async () => { requireShim(); env = await setup(); });
after(async () => { await env?.close(); });

const cspConsole = (log) => log.console.filter((m) => /Content Security Policy|CSP|Refused to/i.test(m.text));

test('strict CSP: banner works, Accept all loads trackers, no CSP violation', async (t) => {
  const { context, page, log, response: resp } = await openPage(t, env, '/csp.html?region=DE', { ready: false });
  const header = resp.headers()['content-security-policy'];
  assert.ok(header && !/'unsafe-inline'|'unsafe-eval'/.test(header), `strict CSP header sent: ${header}`);

  const decision = await waitForReady(page);
  assert.equal(decision.model, 'opt-in');
  const { banner, dialog } = ui(page);
  await banner.waitFor({ state: 'visible' });
  await settle(page, log);
  assert.deepEqual(trackerHitPaths(log), [], 'nothing before consent');
  assert.deepEqual(trackerRequests(log), []);

  // The dialog works too (styles, focus handling) under the CSP.
  await banner.getByRole('button', { name: EN.preferences, exact: true }).click();
  await dialog.waitFor({ state: 'visible' });
  await dialog.getByRole('button', { name: EN.acceptAll, exact: true }).click();
  await dialog.waitFor({ state: 'hidden' });

  await waitForHits(log, ['/analytics.js', '/collect', '/pixel.js', '/px', '/dynamic.js']);
  await until(() => page.evaluate(() => window.__dynOnload === true && window.__gaLoaded === true), 'released scripts executed');
  await settle(page, log);

  const violations = await page.evaluate(() => window.__cspViolations);
  assert.deepEqual(violations, [], 'no securitypolicyviolation event');
  assert.deepEqual(cspConsole(log), [], 'no CSP message on the console');
  assert.deepEqual(log.pageErrors, [], 'no uncaught page error');

  // Control: the violation listener works (an inline script without the nonce is refused and reported).
  await page.evaluate(() => { const s = document.createElement('script'); s.textContent = 'window.__bad = 1'; document.head.append(s); });
  await until(() => page.evaluate(() => window.__cspViolations.length > 0), 'the control violation is recorded');
  assert.equal(await page.evaluate(() => window.__bad), undefined);
});

test('strict CSP: a released inline tagged script keeps its nonce and runs', async (t) => {
  const { context, page, log } = await openPage(t, env, '/csp.html?region=DE');
  await ui(page).banner.getByRole('button', { name: EN.acceptAll, exact: true }).click();
  await waitForHits(log, ['/analytics.js']);
  // The inline script follows analytics.js in the document: once that ran and the page settled, it ran too.
  await until(() => page.evaluate(() => window.__gaLoaded === true), 'analytics.js (before the inline script) executed');
  await settle(page, log);
  const ran = await page.evaluate(() => window.__inlineNonceRan === true);
  const violations = await page.evaluate(() => window.__cspViolations);
  assert.ok(ran, `the inline tagged script (nonce="…") did not run; CSP violations: ${JSON.stringify(violations)}; ` +
    `console: ${JSON.stringify(cspConsole(log).map((m) => m.text))}`);
  assert.deepEqual(violations, []);
});
