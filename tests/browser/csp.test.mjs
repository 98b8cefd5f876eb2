// Strict CSP (header from the server): script-src 'self' 'wasm-unsafe-eval' 'nonce-…' <tracker>;
// object-src 'none'; base-uri 'none' — no 'unsafe-inline', no 'unsafe-eval'.
import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  EN, newPage, openPage, quiet, requireShim, setup, trackerRequests, ui, until, waitForHits, waitForReady,
} from './lib/harness.mjs';

let env;
before(async () => { requireShim(); env = await setup(); });
after(async () => { await env?.close(); });
beforeEach(() => env?.server.reset());

const cspConsole = (log) => log.console.filter((m) => /Content Security Policy|CSP|Refused to/i.test(m.text));

test('strict CSP: banner works, Accept all loads trackers, no CSP violation', async () => {
  const { server } = env;
  const { context, page, log } = await newPage(env);
  try {
    const resp = await page.goto(`${server.siteOrigin}/csp.html?region=DE`);
    const header = resp.headers()['content-security-policy'];
    assert.ok(header && !/'unsafe-inline'|'unsafe-eval'/.test(header), `strict CSP header sent: ${header}`);

    const decision = await waitForReady(page);
    assert.equal(decision.model, 'opt-in');
    const { banner, dialog } = ui(page);
    await banner.waitFor({ state: 'visible', timeout: 5000 });
    await quiet(page);
    assert.deepEqual(server.hitPaths(), [], 'nothing before consent');
    assert.deepEqual(trackerRequests(log, server), []);

    // The dialog works too (styles, focus handling) under the CSP.
    await banner.getByRole('button', { name: EN.preferences, exact: true }).click();
    await dialog.waitFor({ state: 'visible', timeout: 3000 });
    await dialog.getByRole('button', { name: EN.acceptAll, exact: true }).click();
    await dialog.waitFor({ state: 'hidden', timeout: 3000 });

    await waitForHits(server, ['/analytics.js', '/collect', '/pixel.js', '/px', '/dynamic.js']);
    await until(() => page.evaluate(() => window.__dynOnload === true && window.__gaLoaded === true), 'released scripts executed');
    await quiet(page, 500);

    const violations = await page.evaluate(() => window.__cspViolations);
    assert.deepEqual(violations, [], 'no securitypolicyviolation event');
    assert.deepEqual(cspConsole(log), [], 'no CSP message on the console');
    assert.deepEqual(log.pageErrors, [], 'no uncaught page error');

    // Control: the violation listener works (an inline script without the nonce is refused and reported).
    await page.evaluate(() => { const s = document.createElement('script'); s.textContent = 'window.__bad = 1'; document.head.append(s); });
    await until(() => page.evaluate(() => window.__cspViolations.length > 0), 'the control violation is recorded', 2000);
    assert.equal(await page.evaluate(() => window.__bad), undefined);
  } finally {
    await context.close();
  }
});

test('strict CSP: a released inline tagged script keeps its nonce and runs', async () => {
  const { server } = env;
  const { context, page, log } = await openPage(env, `/csp.html?region=DE`);
  try {
    await ui(page).banner.getByRole('button', { name: EN.acceptAll, exact: true }).click();
    await waitForHits(server, ['/analytics.js']);
    const ran = await until(() => page.evaluate(() => window.__inlineNonceRan === true), 'inline nonce script ran', 3000)
      .catch(() => false);
    const violations = await page.evaluate(() => window.__cspViolations);
    assert.ok(ran, `the inline tagged script (nonce="…") did not run; CSP violations: ${JSON.stringify(violations)}; ` +
      `console: ${JSON.stringify(cspConsole(log).map((m) => m.text))}`);
    assert.deepEqual(violations, []);
  } finally {
    await context.close();
  }
});
