// assent-consent/csp (js-shim/dist/csp.mjs) over real node:http: each visitor's Content-Security-Policy from their
// consent cookie (records made by the engine's choose, stored as the banner stores them), region and Sec-GPC.
// Expected headers are written by hand from the policy below and wasm/core/SPEC.md §Content-Security-Policy.
import assert from 'node:assert/strict';
import { createServer, get } from 'node:http';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import { loadEngine, repo } from '../wasm/engine.mjs';

const { assentCsp } = await import(join(repo, 'js-shim', 'dist', 'csp.mjs'));

const policy = {
  revision: 'mw-1',
  site: { name: 'Middleware test' },
  storage: { cookie: 'mw_consent' },
  csp: { 'img-src': ["'self'", 'data:'] },
  services: [
    { id: 'stats', category: 'analytics', vendor: 'Stats Inc.', scripts: ['https://stats.example/*'] },
    { id: 'ads', category: 'marketing', vendor: 'Ads Inc.', scripts: ['https://*.ads.example/*'] },
  ],
};
const NINE = ['script-src', 'connect-src', 'img-src', 'frame-src', 'style-src', 'font-src', 'media-src', 'worker-src', 'form-action'];
/** The header with `extra` sources appended to each of the nine directives (in connect-src each also as wss:). */
const expected = (...extra) => ["default-src 'self'", ...NINE.map((d) => {
  const base = d === 'script-src' ? ["'self'", "'wasm-unsafe-eval'"] : d === 'img-src' ? ["'self'", 'data:'] : ["'self'"];
  const added = d === 'connect-src' ? extra.flatMap((s) => [s, s.replace(/^https:/, 'wss:')]) : extra;
  return [d, ...base, ...added].join(' ');
}), ['object-src', ...(extra.length ? extra : ["'none'"])].join(' '), "base-uri 'self'"].join('; ');
const BASE = expected();

const engine = await loadEngine({ locales: false });
assert.equal(JSON.parse(engine.load(JSON.stringify(policy))).ok, true);
/** A record as the banner would store it after `action` in `region` (now). */
function record(region, action) {
  const r = JSON.parse(engine.choose(JSON.stringify({ region, now: Math.floor(Date.now() / 1000) }), JSON.stringify(action)));
  assert.equal(typeof r.record, 'string', JSON.stringify(r));
  return r.record;
}
const cookie = (value, name = 'mw_consent') => `theme=dark; ${name}=${encodeURIComponent(value)}; other=1`;

const servers = [];
/** A node:http server whose handler runs `mw(req, res, next)` first, like any Connect app. */
async function serve(mw, { before: pre } = {}) {
  const server = createServer((req, res) => {
    pre?.(res);
    mw(req, res, (err) => {
      res.writeHead(err ? 500 : 200, { 'Content-Type': 'text/plain' });
      res.end(err ? String(err.message) : 'ok');
    });
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  servers.push(server);
  return `http://127.0.0.1:${server.address().port}/`;
}
function request(url, headers = {}) {
  return new Promise((resolve, reject) => {
    get(url, { headers }, (res) => {
      res.resume();
      res.on('end', () => resolve(res));
    }).on('error', reject);
  });
}
const csp = async (url, headers) => (await request(url, headers)).headers['content-security-policy'];

let de; // region from the option
let cdn; // region from a CDN header (the default)
before(async () => {
  de = await serve(await assentCsp({ policy, region: (req) => req.headers['x-test-region'] ?? 'DE' }));
  cdn = await serve(await assentCsp({ policy: JSON.stringify(policy) }));
});
after(() => { for (const s of servers) s.close(); });

test('DE (opt-in), no cookie: only the base sources', async () => {
  assert.equal(await csp(de), BASE);
});

test('a record granting analytics: the analytics service in every directive, marketing absent', async () => {
  const header = await csp(de, { Cookie: cookie(record('DE', { type: 'custom', categories: ['analytics'] })) });
  assert.equal(header, expected('https://stats.example'));
  assert.doesNotMatch(header, /ads\.example/);
});

test('accept all: both services', async () => {
  assert.equal(await csp(de, { Cookie: cookie(record('DE', { type: 'accept-all' })) }), expected('https://stats.example', 'https://*.ads.example'));
});

test('US-CA (opt-out) with Sec-GPC: 1: marketing (sale/sharing) absent; without GPC present', async () => {
  assert.equal(await csp(de, { 'X-Test-Region': 'US-CA', 'Sec-GPC': '1' }), expected('https://stats.example'));
  assert.equal(await csp(de, { 'X-Test-Region': 'US-CA' }), expected('https://stats.example', 'https://*.ads.example'));
});

test('a tampered or foreign record is no choice: base only', async () => {
  const r = record('DE', { type: 'accept-all' });
  const tampered = r.slice(0, -1) + (r.at(-1) === '0' ? '1' : '0'); // the checksum's last digit
  assert.equal(await csp(de, { Cookie: cookie(tampered) }), BASE);
  assert.equal(await csp(de, { Cookie: cookie(r, 'assent') }), BASE, 'the cookie name comes from the policy (storage.cookie)');
  assert.equal(await csp(de, { Cookie: 'mw_consent=%E0%A4%A' }), BASE, 'broken percent-encoding');
  assert.equal(await csp(de, { Cookie: cookie(`${r}${'x'.repeat(5000)}`) }), BASE, 'an oversized cookie');
});

test('the region from a CDN header when no region option is given (CF-IPCountry + cf-region-code)', async () => {
  assert.equal(await csp(cdn, { 'CF-IPCountry': 'US', 'cf-region-code': 'CA', 'Sec-GPC': '1' }), expected('https://stats.example'));
  assert.equal(await csp(cdn, { 'CloudFront-Viewer-Country': 'DE' }), BASE);
  assert.equal(await csp(cdn, {}), BASE, 'no region: the policy fallback (opt-in)');
  assert.equal(await csp(cdn, { 'CF-IPCountry': 'T1' }), BASE, 'a non-code (Tor) is no region');
});

test('reportOnly: Content-Security-Policy-Report-Only, and no enforcing header', async () => {
  const url = await serve(await assentCsp({ policy, region: () => 'DE', reportOnly: true }));
  const res = await request(url);
  assert.equal(res.headers['content-security-policy-report-only'], BASE);
  assert.equal(res.headers['content-security-policy'], undefined);
});

test('a CSP the app set already is kept (both apply); Vary names Cookie and Sec-GPC', async () => {
  const url = await serve(await assentCsp({ policy, region: () => 'DE' }), {
    before: (res) => { res.setHeader('Content-Security-Policy', "frame-ancestors 'none'"); res.setHeader('Vary', 'Accept-Encoding'); },
  });
  const res = await request(url);
  const sent = [];
  for (let i = 0; i < res.rawHeaders.length; i += 2) if (res.rawHeaders[i].toLowerCase() === 'content-security-policy') sent.push(res.rawHeaders[i + 1]);
  assert.deepEqual(sent, ["frame-ancestors 'none'", BASE]);
  assert.equal(res.headers.vary, 'Accept-Encoding, Cookie, Sec-GPC');
});

test('bad options throw an AssentError naming the option', async () => {
  const cases = [
    [undefined, /options object/],
    [{ policy: 5 }, /options\.policy/],
    [{ policy, regoin: () => 'DE' }, /unknown option "regoin"/],
    [{ policy, region: 'DE' }, /options\.region/],
    [{ policy, reportOnly: 'yes' }, /options\.reportOnly/],
    [{ policy, wasmPath: 42 }, /options\.wasmPath/],
    [{ policy, wasmPath: join(repo, 'no-such.wasm') }, /options\.wasmPath: cannot read/],
    [{ policy: { revision: '1' } }, /options\.policy: [\s\S]*\/site/],
    [{ policy: '{' }, /options\.policy/],
    [{ policy: { ...policy, csp: { 'script-src': ["'self'; report-uri https://evil.example"] } } }, /options\.policy: [\s\S]*\/csp\/script-src\/0/],
  ];
  for (const [options, message] of cases) {
    await assert.rejects(assentCsp(options), (e) => e.name === 'AssentError' && message.test(e.message), `${JSON.stringify(options)?.slice(0, 80)} → ${message}`);
  }
});
