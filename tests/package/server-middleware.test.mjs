// assent-consent/server (js-shim/dist/server.mjs) over real node:http: per request the wasm engine decides from
// the consent cookie, the CDN region header, Sec-GPC and Accept-Language, and the HTML gets the decision (a JSON
// script after <head>) and, when the banner shows, its markup (a declarative shadow root after <body>). Expected
// values come from the policy below and wasm/core/SPEC.md (DE opt-in: banner until a choice; US-CA opt-out with
// GPC: sale/sharing off). The browser side of the same path: tests/browser/server-start.test.mjs.
import assert from 'node:assert/strict';
import { createServer, request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { after, test } from 'node:test';

import { loadEngine, repo } from '../wasm/engine.mjs';

const { assentServer, assentExpress, assentNext } = await import(join(repo, 'js-shim', 'dist', 'server.mjs'));

const policy = {
  revision: 'srv-1',
  site: { name: 'Server test </script><script>alert(1)</script>' },
  storage: { cookie: 'srv_consent' },
  languages: ['en', 'de'],
  categories: [{ id: 'essential', required: true }, { id: 'analytics' }, { id: 'marketing', saleOrSharing: true }],
  services: [
    { id: 'stats', category: 'analytics', vendor: 'Stats Inc.', scripts: ['https://stats.example/*'] },
    { id: 'ads', category: 'marketing', vendor: 'Ads Inc.', scripts: ['https://ads.example/*'] },
  ],
  texts: { en: { 'banner.title': 'Cookies <img src=x onerror=alert(1)> & you' } },
};
const PAGE = '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>t</title></head><body class="x"><h1>Grüße</h1></body></html>';

const engine = await loadEngine({ locales: false });
assert.equal(JSON.parse(engine.load(JSON.stringify(policy))).ok, true);
const record = (region, action) => JSON.parse(engine.choose(JSON.stringify({ region, now: Math.floor(Date.now() / 1000) }), JSON.stringify(action))).record;
const cookie = (r) => `a=1; srv_consent=${encodeURIComponent(r)}`;

const servers = [];
after(() => { for (const s of servers) s.close(); });
/** A node:http app: the middleware, then `handler` writes the response. */
async function serve(mw, handler) {
  const server = createServer((req, res) => mw(req, res, (err) => (err ? (res.statusCode = 500, res.end(String(err.message))) : handler(req, res))));
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  servers.push(server);
  return `http://127.0.0.1:${server.address().port}/`;
}
function get(url, headers = {}) {
  return new Promise((resolve, reject) => {
    httpRequest(url, { headers }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ res, body: Buffer.concat(chunks) }));
    }).on('error', reject).end();
  });
}
const stateOf = (html) => JSON.parse(/<script type="application\/json" id="assent-state">(.*?)<\/script>/s.exec(html)[1]);

const srv = await assentServer({ policy, region: (h) => h['x-test-region'] ?? 'DE' });
const sendHtml = (req, res) => { res.setHeader('Content-Type', 'text/html; charset=utf-8'); res.setHeader('ETag', '"v1"'); res.end(PAGE); };
const html = await serve(srv.middleware, sendHtml);

test('DE, no cookie: the decision after <head>, the banner after <body>; Content-Length fits; ETag dropped; Vary', async () => {
  const { res, body } = await get(html);
  const text = body.toString('utf8');
  assert.equal(Number(res.headers['content-length']), body.length, 'Content-Length is the injected length');
  assert.equal(res.headers.etag, undefined, 'no validator of the original body');
  assert.match(res.headers.vary, /Cookie/); assert.match(res.headers.vary, /Sec-GPC/); assert.match(res.headers.vary, /Accept-Language/);
  assert.ok(text.startsWith('<!doctype html><html lang="en"><head><script type="application/json" id="assent-state">'), text.slice(0, 120));
  assert.match(text, /<body class="x"><assent-banner><template shadowrootmode="open"><style>/);
  assert.ok(text.includes('<h1>Grüße</h1>'), 'the page itself intact (UTF-8)');
  const state = stateOf(text);
  assert.equal(state.v, 1);
  assert.equal(state.decision.region, 'DE');
  assert.equal(state.decision.model, 'opt-in');
  assert.equal(state.decision.showBanner, true);
  assert.deepEqual(state.summary.services.map((s) => s.id), ['stats', 'ads']);
});

test('config text never becomes markup: the title is escaped in the banner, and nothing ends the JSON script early', async () => {
  const text = (await get(html)).body.toString('utf8');
  assert.ok(text.includes('Cookies &lt;img src=x onerror=alert(1)&gt; &amp; you'), 'escaped title');
  assert.ok(!text.includes('<img'), 'no element from config text');
  assert.equal(text.split('</script>').length - 1, 1, 'one </script>: the state script\'s own');
  assert.equal(stateOf(text).summary !== undefined, true);
});

test('a record accepting all: no banner markup; the decision grants both services', async () => {
  const text = (await get(html, { Cookie: cookie(record('DE', { type: 'accept-all' })) })).body.toString('utf8');
  assert.doesNotMatch(text, /<assent-banner>/);
  const d = stateOf(text).decision;
  assert.equal(d.showBanner, false);
  assert.deepEqual(d.services.map((s) => [s.id, s.granted]), [['stats', true], ['ads', true]]);
});

test('US-CA with Sec-GPC: opt-out, marketing (sale/sharing) denied; Accept-Language picks the language', async () => {
  const d = stateOf((await get(html, { 'X-Test-Region': 'US-CA', 'Sec-GPC': '1', 'Accept-Language': 'fr;q=0.5, de-AT, en;q=0.8' })).body.toString('utf8')).decision;
  assert.equal(d.model, 'opt-out');
  assert.equal(d.gpc, true);
  assert.equal(d.categories.find((c) => c.id === 'marketing').granted, false);
  assert.equal(d.categories.find((c) => c.id === 'analytics').granted, true);
  assert.equal(d.language, 'de');
});

test('the region from CDN headers by default (CloudFront country + region), or a configured header first', async () => {
  const byCdn = await serve((await assentServer({ policy })).middleware, sendHtml);
  assert.equal(stateOf((await get(byCdn, { 'CloudFront-Viewer-Country': 'US', 'CloudFront-Viewer-Country-Region': 'CA' })).body.toString()).decision.region, 'US-CA');
  assert.equal(stateOf((await get(byCdn, {})).body.toString()).decision.regionSource, 'fallback', 'no header: the policy fallback');
  const byOwn = await serve((await assentServer({ policy, regionHeader: 'X-Country' })).middleware, sendHtml);
  assert.equal(stateOf((await get(byOwn, { 'X-Country': 'FR', 'CF-IPCountry': 'US' })).body.toString()).decision.region, 'FR');
});

test('writeHead + several writes (a UTF-8 character split across two chunks) are joined, then injected', async () => {
  const bytes = Buffer.from(PAGE);
  const at = bytes.indexOf(Buffer.from('ü')) + 1; // inside the two-byte ü
  const url = await serve(srv.middleware, (req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html', 'Content-Length': bytes.length });
    res.write(bytes.subarray(0, at));
    res.write(bytes.subarray(at));
    res.end();
  });
  const { res, body } = await get(url);
  assert.equal(Number(res.headers['content-length']), body.length);
  assert.ok(body.toString('utf8').includes('<h1>Grüße</h1>'));
  assert.match(body.toString('utf8'), /<assent-banner>/);
});

test('not HTML, or already compressed: passed through untouched', async () => {
  const json = await serve(srv.middleware, (req, res) => { res.writeHead(200, { 'Content-Type': 'application/json' }); res.write('{"a":'); res.end('1}'); });
  assert.equal((await get(json)).body.toString(), '{"a":1}');
  const gz = gzipSync(PAGE);
  const zipped = await serve(srv.middleware, (req, res) => { res.writeHead(200, { 'Content-Type': 'text/html', 'Content-Encoding': 'gzip' }); res.end(gz); });
  assert.deepEqual((await get(zipped)).body, gz);
});

test('csp: true also sends the engine\'s Content-Security-Policy for this visitor', async () => {
  const url = await serve((await assentServer({ policy, region: () => 'DE', csp: true })).middleware, sendHtml);
  const { res } = await get(url, { Cookie: cookie(record('DE', { type: 'custom', categories: ['analytics'] })) });
  assert.match(res.headers['content-security-policy'], /script-src [^;]*https:\/\/stats\.example/);
  assert.doesNotMatch(res.headers['content-security-policy'], /ads\.example/);
});

test('Next.js: render() takes a Web Headers object; Express: the same middleware', async () => {
  const next = await assentNext({ policy });
  const r = next.render(new Headers({ 'x-vercel-ip-country': 'DE', cookie: cookie(record('DE', { type: 'reject-all' })) }));
  assert.equal(r.decision.region, 'DE');
  assert.equal(r.decision.showBanner, false);
  assert.equal(r.body, '');
  assert.equal(JSON.parse(r.state).decision.region, 'DE', 'the JSON alone, for a <script> React writes');
  assert.equal(typeof (await assentExpress({ policy })), 'function');
});

test('bad options: an AssentError naming the option', async () => {
  for (const [options, re] of [
    [{ policy, colour: 1 }, /unknown option "colour"/],
    [{ policy, csp: 'yes' }, /options\.csp/],
    [{ policy, regionHeader: 'x country' }, /options\.regionHeader/],
    [{ policy: 42 }, /options\.policy/],
    [{ policy: { revision: '' } }, /options\.policy/],
  ]) await assert.rejects(assentServer(options), (e) => e.name === 'AssentError' && re.test(e.message), JSON.stringify(options));
});
