// Fail closed: when the wasm or the policy cannot load, no tagged or matched tracker runs, `assent:error`
// fires with { code, message }, and console.error names the cause (message contains "Assent").
import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { consoleErrorsMentioning, newPage, quiet, requireShim, setup, trackerRequests } from './lib/harness.mjs';

let env;
before(async () => { requireShim(); env = await setup(); });
after(async () => { await env?.close(); });
beforeEach(() => env?.server.reset());

const CASES = [
  { name: 'wasm request aborted (page.route abort)', url: '/index.html?region=DE', route: '**/assent.wasm', cause: /wasm|webassembly/i },
  { name: 'wasm answers 404', url: '/index.html?region=DE&shim=404', cause: /wasm|webassembly/i },
  { name: 'wasm connection dropped by the server', url: '/index.html?region=DE&shim=abort', cause: /wasm|webassembly/i },
  { name: 'CSP without \'wasm-unsafe-eval\'', url: '/csp.html?csp=nowasm&region=DE', cause: /wasm-unsafe-eval|content security policy|csp/i },
  { name: 'invalid policy (unknown category)', url: '/index.html?region=DE&config=/policies/invalid.json', cause: /analitics|\/services\/0\/category/ },
  { name: 'policy answers 404', url: '/index.html?region=DE&config=/policies/missing.json', cause: /404|not found|policy|config/i },
];

for (const c of CASES) {
  test(`fail closed: ${c.name} → no tracker requests, assent:error, console error names Assent and the cause`, async () => {
    const { server } = env;
    const { context, page, log } = await newPage(env);
    try {
      if (c.route) await page.route(c.route, (r) => r.abort('failed'));
      await page.goto(`${server.siteOrigin}${c.url}`);
      await page.waitForFunction(() => window.__assentEvents.some((e) => e.type === 'assent:error'), null, { timeout: 10_000 })
        .catch(async () => {
          throw new Error(`no assent:error within 10 s; events: ${JSON.stringify(await page.evaluate(() => window.__assentEvents))}; ` +
            `console: ${JSON.stringify(log.console)}`);
        });
      const err = (await page.evaluate(() => window.__assentEvents.find((e) => e.type === 'assent:error'))).detail;
      assert.equal(typeof err?.code, 'string', `detail.code is a string: ${JSON.stringify(err)}`);
      assert.ok(err.code.length > 0);
      assert.equal(typeof err.message, 'string');
      assert.equal((await page.evaluate(() => window.__assentEvents.filter((e) => e.type === 'assent:ready'))).length, 0,
        'assent:ready does not fire');

      await quiet(page);
      assert.deepEqual(server.hitPaths(), [], 'the tracker server saw no request');
      assert.deepEqual(trackerRequests(log, server), [], 'the browser issued no request to the tracker origin');
      const flags = await page.evaluate(() => [window.__gaLoaded, window.__pixelLoaded, window.__chatLoaded, window.__dynLoaded, window.__dynOnload]);
      assert.deepEqual(flags, [undefined, undefined, undefined, undefined, false], 'no tracker code ran');

      const named = consoleErrorsMentioning(log, 'Assent');
      assert.ok(named.length > 0, `a console error mentions "Assent"; console errors: ${JSON.stringify(log.console.filter((m) => m.type === 'error'))}`);
      assert.ok(named.some((m) => c.cause.test(m.text)), `the Assent console error names the cause (${c.cause}): ${JSON.stringify(named.map((m) => m.text))}`);
    } finally {
      await context.close();
    }
  });
}
