// The browser-enforced layer (config/csp.md): a German opt-in page whose Content-Security-Policy comes from the
// server middleware (assent-consent/csp, lib/csp-layer-site.mjs) for this visitor's cookie. A second test shows
// why: with the same header only report-only, what Assent's JavaScript cannot see does reach the tracker. Before consent the
// browser itself refuses every way the page reaches the tracker: XHR, fetch and a WebSocket through constructors
// kept before Assent loaded (pages/csp-layer/early.js: Assent's JavaScript never sees them), CSS @import,
// @font-face, a static <img> and <iframe>, import() and a Worker's fetch. Control: after a choice that grants
// analytics and a reload (the middleware now sees the cookie), every analytics vector reaches the tracker, and
// the marketing ones are still refused.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, requireShim, settle, setup, until, waitForReady } from './lib/harness.mjs';
import { startCspLayerSite } from './lib/csp-layer-site.mjs';

let env;
let site;
let reportOnly; // the same site sending Content-Security-Policy-Report-Only: the browser reports, blocks nothing
before(async () => {
  requireShim();
  env = await setup();
  site = await startCspLayerSite(env);
  reportOnly = await startCspLayerSite(env, { reportOnly: true });
});
after(async () => { await site?.close(); await reportOnly?.close(); await env?.close(); });

const SERVICES = ['analytics', 'marketing'];
const SCRIPTED = ['xhr', 'fetch', 'websocket', 'import', 'worker'];  // vectors.js: window.__vectors keys
// Every path each service's vectors request (pages/csp-layer/: index.html, style.css, vectors.js, worker.js).
const PATHS = ['xhr', 'fetch', 'websocket', 'import.js', 'worker-fetch', 'import.css', 'font.woff2', 'img.gif', 'frame.html'];
const paths = (service) => PATHS.map((p) => `/csp-layer/${service}/${p}`);
// The browser reports refusing each of these with its URL (a refused frame is reported by its origin only).
const REPORTED = ['xhr', 'fetch', 'websocket', 'import.js', 'import.css', 'font.woff2', 'img.gif'];

// What reached the tracker since `mark` (a server-log mark taken before the document's navigation): its server
// hits (a worker's requests are not in the page's DevTools log, so hits are counted by log position, not by
// document: the one page of this test makes them all), and the document's browser requests that the browser
// did not refuse itself (a request refused by CSP is logged by DevTools with a blockedReason, never sent).
const sent = (log) => log.of(log.current()).filter((r) => r.url.startsWith(log.server.trackerOrigin + '/') && !r.blocked).map((r) => new URL(r.url).pathname);
const hitsSince = (mark) => env.server.log.all('tracker').filter((h) => h.seq > mark).map((h) => h.path);
const contacted = (log, mark, service) => [...new Set([...sent(log), ...hitsSince(mark)])].filter((p) => p.startsWith(`/csp-layer/${service}/`)).sort();

async function vectorsEnded(page) {
  const keys = SERVICES.flatMap((s) => SCRIPTED.map((v) => `${s}/${v}`));
  await until(() => page.evaluate((k) => k.every((key) => key in (window.__vectors || {})), keys), { message: `every scripted vector ended: ${keys}` });
  return page.evaluate(() => window.__vectors);
}

/** The nine directives of a header, as { name: [sources] }. */
const directives = (header) => Object.fromEntries(header.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...sources]) => [name, sources]));
const NINE = ['script-src', 'connect-src', 'img-src', 'frame-src', 'style-src', 'font-src', 'media-src', 'worker-src', 'form-action'];

test('CSP layer: before consent the browser refuses every vector; after granting analytics (reload) its vectors reach the tracker', async (t) => {
  const start = env.server.log.mark();
  const { page, log, response } = await openPage(t, env, `${site.origin}/csp-layer/index.html`);
  const first = response.headers()['content-security-policy'];
  assert.equal(first, "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; connect-src 'self'; img-src 'self'; frame-src 'self'; " +
    "style-src 'self'; font-src 'self'; media-src 'self'; worker-src 'self'; form-action 'self'; object-src 'none'; base-uri 'self'",
    'no cookie, opt-in: only the base sources');

  const ended = await vectorsEnded(page);
  await settle(page, log);
  for (const service of SERVICES) assert.deepEqual(contacted(log, start, service), [], `${service}: nothing reached the tracker before consent`);
  assert.equal(ended['analytics/worker'], 'csp', `the worker's fetch was refused by the worker's own CSP: ${JSON.stringify(ended)}`);
  assert.equal(ended['marketing/worker'], 'csp');
  const violations = await page.evaluate(() => window.__cspViolations);
  const tracker = new URL(env.server.trackerOrigin);
  assert.deepEqual(violations.filter((v) => { try { return new URL(v.blockedURI).host !== tracker.host; } catch { return true; } }), [],
    'Assent itself (its scripts, wasm, styles, banner) runs under the base policy: every refusal is a tracker request');
  const refused = violations.map((v) => new URL(v.blockedURI).pathname);
  for (const service of SERVICES)
    for (const p of REPORTED)
      assert.ok(refused.includes(`/csp-layer/${service}/${p}`), `the browser refused /csp-layer/${service}/${p} (violations: ${JSON.stringify(refused)})`);

  // The visitor grants analytics; the next page load carries the cookie to the middleware.
  await page.evaluate(() => window.Assent.ready.then((a) => a.set({ categories: ['analytics'] })));
  const since = env.server.log.mark();
  const second = await page.reload();
  await waitForReady(page);
  const granted = directives(second.headers()['content-security-policy']);
  const analytics = `${env.server.trackerOrigin}/csp-layer/analytics/`;
  for (const name of NINE) {
    assert.ok(granted[name].includes(analytics), `${name} allows the analytics service: ${granted[name]}`);
    assert.ok(!granted[name].some((s) => s.includes('/marketing/')), `${name} still refuses marketing`);
  }
  assert.ok(granted['connect-src'].includes(analytics.replace(/^http:/, 'ws:')), 'connect-src names it for WebSockets too');

  await until(() => paths('analytics').every((p) => hitsSince(since).includes(p)), 'control: every analytics vector reaches the tracker')
    .catch((e) => { throw new Error(`${e.message}; tracker hits: ${JSON.stringify(hitsSince(since))}`); });
  const again = await vectorsEnded(page);
  await settle(page, log);
  assert.deepEqual(contacted(log, since, 'analytics'), paths('analytics').sort());
  assert.deepEqual(contacted(log, since, 'marketing'), [], 'marketing: still nothing');
  assert.equal(again['analytics/worker'], 'ok');
  assert.equal(again['marketing/worker'], 'csp');
});

// Beyond any script's reach: constructors kept before Assent loaded, CSS, module loading, a worker.
const UNREACHABLE = ['xhr', 'fetch', 'websocket', 'import.js', 'worker-fetch', 'import.css', 'font.woff2'];

test('CSP layer control: report-only, the same page\'s unreachable vectors do reach the tracker (the JavaScript layer alone cannot stop them)', async (t) => {
  const start = env.server.log.mark();
  const { page, log, response } = await openPage(t, env, `${reportOnly.origin}/csp-layer/index.html`);
  assert.equal(response.headers()['content-security-policy'], undefined);
  assert.match(response.headers()['content-security-policy-report-only'], /^default-src 'self'; script-src 'self' 'wasm-unsafe-eval';/);
  await vectorsEnded(page);
  await settle(page, log);
  for (const service of SERVICES)
    for (const p of UNREACHABLE)
      assert.ok(contacted(log, start, service).includes(`/csp-layer/${service}/${p}`), `${service}/${p} reached the tracker: ${contacted(log, start, service)}`);
});
