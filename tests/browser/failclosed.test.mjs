// Fail closed: when the wasm or the policy cannot load, no tagged or matched tracker runs, `assent:error`
// fires with { code, message }, and one console error names "Assent", the cause and the fix.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  consoleErrorsMentioning, events, openPage, requireShim, settle, setup, trackerHitPaths, trackerRequests, waitForError,
} from './lib/harness.mjs';

let env;
before(async () => { requireShim(); env = await setup(); });
after(async () => { await env?.close(); });

const CASES = [
  { name: 'wasm request aborted (page.route abort)', url: '/index.html?region=DE', route: '**/assent.wasm', cause: /wasm|webassembly/i },
  { name: 'wasm answers 404', url: '/index.html?region=DE&shim=404', cause: /wasm|webassembly/i },
  { name: 'wasm connection dropped by the server', url: '/index.html?region=DE&shim=abort', cause: /wasm|webassembly/i },
  { name: 'CSP without \'wasm-unsafe-eval\'', url: '/csp.html?csp=nowasm&region=DE', cause: /wasm-unsafe-eval|content security policy|csp/i },
  { name: 'invalid policy (unknown category)', url: '/index.html?region=DE&config=/policies/invalid.json', cause: /analitics|\/services\/0\/category/ },
  { name: 'policy answers 404', url: '/index.html?region=DE&config=/policies/missing.json', cause: /404|not found|policy|config/i },
];

for (const c of CASES) {
  test(`fail closed: ${c.name} → no tracker requests, assent:error, console error names Assent and the cause`, async (t) => {
    const { page, log } = await openPage(t, env, c.url, {
      ready: false, before: ({ page: p }) => c.route && p.route(c.route, (r) => r.abort('failed')),
    });
    const err = await waitForError(page);
    assert.equal(typeof err?.code, 'string', `detail.code is a string: ${JSON.stringify(err)}`);
    assert.ok(err.code.length > 0);
    assert.equal(typeof err.message, 'string');

    await settle(page, log);
    assert.equal((await events(page, 'assent:ready')).length, 0, 'assent:ready does not fire');
    assert.deepEqual(trackerHitPaths(log), [], 'the tracker server saw no request');
    assert.deepEqual(trackerRequests(log), [], 'the browser issued no request to the tracker origin');
    const flags = await page.evaluate(() => [window.__gaLoaded, window.__pixelLoaded, window.__chatLoaded, window.__dynLoaded, window.__dynOnload]);
    assert.deepEqual(flags, [undefined, undefined, undefined, undefined, false], 'no tracker code ran');

    const named = consoleErrorsMentioning(log, 'Assent');
    assert.ok(named.length > 0, `a console error mentions "Assent"; console errors: ${JSON.stringify(log.console.filter((m) => m.type === 'error'))}`);
    assert.ok(named.some((m) => c.cause.test(m.text)), `the Assent console error names the cause (${c.cause}): ${JSON.stringify(named.map((m) => m.text))}`);
  });
}

// The console message itself: cause AND fix, said once.
const FAIL_MESSAGES = [
  { name: "CSP without 'wasm-unsafe-eval'", url: '/csp.html?csp=nowasm&region=DE', cause: /Content-Security-Policy|CSP/, fix: /'wasm-unsafe-eval'/ },
  { name: 'wasm 404', url: '/index.html?region=DE&shim=404', cause: /assent\.wasm.*404/, fix: /Serve assent\.wasm|data-wasm|wasmUrl/ },
  { name: 'wasm connection dropped', url: '/index.html?region=DE&shim=abort', cause: /assent\.wasm/, fix: /served next to assent\.js|data-wasm/ },
  { name: 'policy 404', url: '/index.html?region=DE&config=/policies/missing.json', cause: /missing\.json.*404/, fix: /data-config/ },
  { name: 'invalid policy', url: '/index.html?region=DE&config=/policies/invalid.json', cause: /\/services\/0\/category/, fix: /did you mean "analytics"/ },
];

for (const c of FAIL_MESSAGES) {
  test(`fail-closed message (${c.name}): one console error naming the cause and the fix, "Assent:" said once`, async (t) => {
    const { page, log } = await openPage(t, env, c.url, { ready: false });
    await waitForError(page);
    await settle(page, log); // a second message would have been logged by now
    const mine = consoleErrorsMentioning(log, 'Assent');
    assert.equal(mine.length, 1, `exactly one Assent console error: ${JSON.stringify(mine.map((m) => m.text))}`);
    const text = mine[0].text;
    assert.match(text, /^Assent: /, 'starts with "Assent: "');
    assert.doesNotMatch(text, /^Assent: Assent:/, `the prefix is not doubled: ${text.slice(0, 80)}`);
    assert.match(text, c.cause, `names the cause: ${text}`);
    assert.match(text, c.fix, `names the fix: ${text}`);
    assert.match(text, /keeps every non-essential script and embed blocked/, 'says that it fails closed');
  });
}
