#!/usr/bin/env node
// Serves the whole Assent demo with Node's built-ins only, on three origins of 127.0.0.1:
//
//   site          PORT_BASE      (8080)  demo/site/ (static HTML) and the shim at /assent/ (js-shim/dist/)
//   spa           PORT_BASE + 1  (8081)  demo/spa/dist/ (the Vite + React build)
//   third parties PORT_BASE + 10 (8090)  demo/third-party/: fake analytics, pixel, chat, tracker, video;
//                                        GET / answers its hit log and page-view count as JSON
//   receipts      PORT_BASE + 2  (8082)  `build/assent serve` (README "Proof of consent"), mounted on the site's
//                                        own origin at /assent/consent and /assent/receipts/* (demo/lib/receipts-proxy.mjs);
//                                        key and SQLite database in build/demo-receipts/
//
// The third parties live on their own origin, as real ones do, so the site's policy must name their URLs. Ports
// can change (PORT_BASE, or ephemeral ports in the tests), so text files are templated when served: `{{TP}}`
// becomes the third-party origin, in HTML, JS and JSON alike (assent.json keeps `{{TP}}/analytics.js*` in git).
//
// Demo hints on site pages: ?region=US-CA&lang=de add data-region / data-lang to the Assent script tag, and
// ?gpc=1 adds /js/gpc-on.js right after it (navigator.globalPrivacyControl = true). No inline script is needed,
// so every page is sent with a strict Content-Security-Policy (only 'self', the third-party origin, and
// 'wasm-unsafe-eval' for the engine).
//
// `node demo/serve.mjs` runs it; tests import startDemo() and pass port 0 for ephemeral ports.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { dirname, extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

import { isReceiptsPath, proxyReceipts } from './lib/receipts-proxy.mjs';
import { assentBinary, startReceiptsServer } from './lib/receipts-server.mjs';

const here = dirname(fileURLToPath(import.meta.url));
export const DIRS = {
  site: join(here, 'site'),
  shim: join(here, '..', 'js-shim', 'dist'),
  spa: join(here, 'spa', 'dist'),
  thirdParty: join(here, 'third-party'),
};

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.wasm': 'application/wasm',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
};
const TEMPLATED = new Set(['.html', '.js', '.json']);
const GIF = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');

/** The Assent tag exactly as the pages carry it; hints are added to it when the page is served. */
const ASSENT_TAG = '<script src="/assent/assent.js" data-config="/assent.json"></script>';
const HINT = { region: /^[A-Za-z]{2}(-[A-Za-z0-9]{1,3})?$/, lang: /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/ };

function withHints(html, query) {
  let attrs = '';
  for (const [name, attr] of [['region', 'data-region'], ['lang', 'data-lang']]) {
    const v = query.get(name);
    if (v && v !== 'auto' && HINT[name].test(v)) attrs += ` ${attr}="${v}"`;
  }
  const gpc = query.get('gpc') === '1' ? '\n  <script src="/js/gpc-on.js"></script>' : '';
  return html.replace(ASSENT_TAG, ASSENT_TAG.replace('></script>', `${attrs}></script>`) + gpc);
}

function csp(tp) {
  return [
    "default-src 'self'",
    `script-src 'self' 'wasm-unsafe-eval' ${tp}`,
    `connect-src 'self' ${tp}`,
    `img-src 'self' data: ${tp}`,
    `frame-src ${tp}`,
    "style-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** Resolve a URL path inside `root`; null when it would escape it. */
function inside(root, urlPath) {
  let rel;
  try { rel = decodeURIComponent(urlPath); } catch { return null; }
  const p = normalize(join(root, rel));
  return p === root || p.startsWith(root + sep) ? p : null;
}

async function fileAt(root, urlPath) {
  let p = inside(root, urlPath);
  if (!p) return null;
  const st = await stat(p).catch(() => null);
  if (st?.isDirectory()) p = join(p, 'index.html');
  else if (!st) return null;
  return (await stat(p).catch(() => null))?.isFile() ? p : null;
}

function send(res, status, type, body, headers = {}) {
  res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store', ...headers });
  res.end(body);
}

/**
 * A static file server over `root`; text files are templated, `edit` may rewrite HTML, `policy` adds the CSP.
 * `spa`: any path without a file gets index.html (200), as SPA hosts answer client-side routes, and as they
 * answer a file an app expected but the build did not emit.
 */
function staticHandler(root, tp, { edit = (html) => html, policy = false, wrapJs = null, spa = false } = {}) {
  return async (req, res, url) => {
    const file = (await fileAt(root, url.pathname)) ?? (spa ? await fileAt(root, '/') : null);
    if (!file) return send(res, 404, 'text/plain; charset=utf-8', `not found: ${url.pathname}\n`);
    const ext = extname(file);
    let body = await readFile(file);
    const headers = {};
    if (TEMPLATED.has(ext)) {
      let text = body.toString('utf8').replaceAll('{{TP}}', tp);
      if (ext === '.js' && wrapJs) text = `(function () {\n${wrapJs}\n${text}\n})();\n`;
      if (ext === '.html') {
        text = edit(text, url.searchParams);
        if (policy) headers['Content-Security-Policy'] = csp(tp);
      }
      body = text;
    }
    send(res, 200, TYPES[ext] ?? 'application/octet-stream', body, headers);
  };
}

function serve(handler) {
  return createServer((req, res) => {
    const url = new URL(req.url, 'http://demo');
    Promise.resolve(handler(req, res, url)).catch((err) => send(res, 500, 'text/plain', `${err?.stack ?? err}\n`));
  });
}

function listen(server, port, host) {
  return new Promise((resolve, reject) => {
    server.once('error', (err) => reject(err.code === 'EADDRINUSE'
      ? new Error(`port ${port} is in use: stop what uses it, or pick other ports with PORT_BASE=9000`) : err));
    server.listen(port, host, () => resolve(server.address().port));
  });
}

const THIRD_PARTY_SHARED = await readFile(join(here, 'lib', 'third-party-shared.js'), 'utf8');

/** The fake third parties' server: their scripts and video page, a page-view counter and a hit log. */
function thirdPartyServer(getOrigin) {
  const hits = [];
  let pageViews = 0;
  const server = serve(async (req, res, url) => {
    hits.push({ method: req.method, path: url.pathname, query: url.search, from: req.headers.origin ?? req.headers.referer ?? null });
    if (hits.length > 1000) hits.shift();
    const cors = { 'Access-Control-Allow-Origin': '*' };
    if (url.pathname === '/') return send(res, 200, TYPES['.json'], JSON.stringify({ pageViews, hits }, null, 2), cors);
    if (url.pathname === '/collect') return send(res, 200, TYPES['.json'], JSON.stringify({ pageViews: ++pageViews }), cors);
    if (url.pathname === '/px') return send(res, 200, 'image/gif', GIF, cors);
    return staticHandler(DIRS.thirdParty, getOrigin(), { wrapJs: THIRD_PARTY_SHARED })(req, res, url);
  });
  return {
    server,
    hits: () => hits.map((h) => ({ ...h })),
    pageViews: () => pageViews,
    reset() { hits.length = 0; pageViews = 0; },
  };
}

/**
 * Start the three servers. Ports default to 8080/8081/8090; pass 0 for ephemeral ones.
 * @returns {Promise<{site: string, spa: string, thirdParty: string, tp: {hits: Function, pageViews: Function, reset: Function}, close: Function}>}
 */
export async function startDemo({ sitePort = 8080, spaPort = 8081, tpPort = 8090, receiptsPort = 8082, receiptsDir = join(here, '..', 'build', 'demo-receipts'), host = '127.0.0.1' } = {}) {
  const origin = (port) => `http://${host}:${port}`;
  let tpOrigin = '';
  const tp = thirdPartyServer(() => tpOrigin);
  const servers = [tp.server];
  const sockets = new Set();
  let receipts = null;
  try {
    tpOrigin = origin(await listen(tp.server, tpPort, host));
    receipts = await startReceipts(receiptsDir, tpOrigin, `${host}:${receiptsPort}`);

    const siteFiles = staticHandler(DIRS.site, tpOrigin, { edit: withHints, policy: true });
    const shimFiles = staticHandler(DIRS.shim, tpOrigin);
    const site = serve((req, res, url) => {
      if (isReceiptsPath(url.pathname)) return proxyReceipts(req, res, receipts.url);
      return url.pathname.startsWith('/assent/')
        ? shimFiles(req, res, new URL(url.pathname.slice('/assent'.length) + url.search, url))
        : siteFiles(req, res, url);
    });
    servers.push(site);
    const siteOrigin = origin(await listen(site, sitePort, host));

    const spaFiles = staticHandler(DIRS.spa, tpOrigin, { policy: true, spa: true });
    const spa = serve(async (req, res, url) => ((await stat(DIRS.spa).catch(() => null))
      ? spaFiles(req, res, url)
      : send(res, 503, 'text/plain; charset=utf-8',
        `The SPA is not built (${DIRS.spa} is missing). Run demo/run.sh --no-serve, or: cd demo/spa && npm run build\n`)));
    servers.push(spa);
    const spaOrigin = origin(await listen(spa, spaPort, host));

    for (const s of servers) s.on('connection', (c) => { sockets.add(c); c.on('close', () => sockets.delete(c)); });
    return {
      site: siteOrigin,
      spa: spaOrigin,
      thirdParty: tpOrigin,
      receipts: receipts.url,
      tp: { hits: tp.hits, pageViews: tp.pageViews, reset: tp.reset },
      async close() {
        for (const c of sockets) c.destroy();
        await Promise.all(servers.map((s) => new Promise((r) => s.close(() => r()))));
        await receipts.stop();
      },
    };
  } catch (err) {
    for (const s of servers) s.close();
    await receipts?.stop();
    throw err;
  }
}

/**
 * The receipts server for the site: the site's policy as served (templated), a key made once, SQLite. A
 * key and database in `dir` persist between runs of the demo, so receipts stay verifiable.
 */
async function startReceipts(dir, tpOrigin, listen) {
  mkdirSync(dir, { recursive: true });
  const key = join(dir, 'key.pem');
  if (!existsSync(key)) execFileSync(assentBinary, ['keygen', '--out', key], { stdio: 'ignore' });
  const policy = join(dir, 'policy.json');
  writeFileSync(policy, (await readFile(join(DIRS.site, 'assent.json'), 'utf8')).replaceAll('{{TP}}', tpOrigin));
  return startReceiptsServer({ policy, key, db: `sqlite:${join(dir, 'receipts.db')}`, listen, args: ['--trust-proxy'] });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const base = Number(process.env.PORT_BASE || 8080);
  if (!Number.isInteger(base) || base < 1 || base > 65525) {
    console.error(`PORT_BASE must be a port number (got ${process.env.PORT_BASE})`);
    process.exit(2);
  }
  try {
    const demo = await startDemo({ sitePort: base, spaPort: base + 1, tpPort: base + 10, receiptsPort: base + 2 });
    console.log(`Assent demo
  static site    ${demo.site}/            try ${demo.site}/?region=US-CA&gpc=1
  React SPA      ${demo.spa}/
  third parties  ${demo.thirdParty}/            (their hit log and page-view count, as JSON)
  receipts       ${demo.receipts}/assent/health   (assent serve; the site mounts it at /assent/consent)
Press Ctrl+C to stop.`);
    const stop = () => demo.close().then(() => process.exit(0));
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  } catch (err) {
    console.error(`demo/serve.mjs: ${err.message}`);
    process.exit(1);
  }
}
