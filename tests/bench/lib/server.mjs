// Bench servers (node:http only). Two origins on 127.0.0.1, ephemeral ports:
//   site     /<lib>.html            the shared page (pages/page.html) with that library's head/body snippets
//            /<mount>/…             each library's files (LIBRARIES[*].mounts), /cfg/<lib>/… its config
//            /engine/…              js-shim/engine (glue + wasm) and /bench/… tests/bench/engine (engine bench page)
//   tracker  /analytics.js, /marketing.js: record performance.now() on execution in window.__trk
// Static files are served like a production CDN would: compressed by Accept-Encoding (br, else gzip, both
// precomputed at maximum level, so compression costs no time during a run), Cache-Control max-age one day.
// The page HTML is no-store. Every request is logged (site and tracker) with its time.
import { createServer } from 'node:http';
import { readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { BASELINE, LIBRARIES, benchDir, repoRoot } from './libraries.mjs';

const TYPES = {
  '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8', '.wasm': 'application/wasm', '.html': 'text/html; charset=utf-8',
};

function trackerScript(name) {
  return `/* fake ${name} tracker: records when it executes */
(window.__trk = window.__trk || {})[${JSON.stringify(name)}] = performance.now();
document.cookie = ${JSON.stringify(name === 'analytics' ? '_ga=GA1.1.1' : '_fbp=fb.1.1')} + '; path=/; max-age=86400; samesite=lax';
`;
}

function listen(server) {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(server.address().port));
  });
}

function safeJoin(root, rel) {
  const p = normalize(join(root, decodeURIComponent(rel)));
  return p === root || p.startsWith(root + sep) ? p : null;
}

/** Precompressed variants of a body, memoised by key. */
const variants = new Map();
function encoded(key, body) {
  let v = variants.get(key);
  if (!v || !v.raw.equals(body)) {
    v = {
      raw: body,
      gzip: gzipSync(body, { level: 9 }),
      br: brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } }),
    };
    variants.set(key, v);
  }
  return v;
}

function send(req, res, body, type, { cache = 'public, max-age=86400', key = req.url, extra = {} } = {}) {
  const accept = String(req.headers['accept-encoding'] || '');
  const compressible = !/^image\//.test(type);
  const headers = { 'Content-Type': type, 'Cache-Control': cache, Vary: 'Accept-Encoding', ...extra };
  let out = body;
  if (compressible && body.length > 256) {
    const v = encoded(key, body);
    if (/\bbr\b/.test(accept)) { out = v.br; headers['Content-Encoding'] = 'br'; }
    else if (/\bgzip\b/.test(accept)) { out = v.gzip; headers['Content-Encoding'] = 'gzip'; }
  }
  headers['Content-Length'] = out.length;
  res.writeHead(200, headers);
  res.end(req.method === 'HEAD' ? undefined : out);
}

function notFound(res, what) {
  res.writeHead(404, { 'Content-Type': 'text/plain', 'Cache-Control': 'no-store' });
  res.end(`not found: ${what}`);
}

/** Serves a file from disk (read per request: the shim may be rebuilt while the server runs). */
function sendFile(req, res, file, opts) {
  let st;
  try { st = statSync(file); } catch { st = null; }
  if (!st || !st.isFile()) return notFound(res, req.url);
  send(req, res, readFileSync(file), TYPES[extname(file)] ?? 'application/octet-stream', { key: `${file}:${st.mtimeMs}`, ...opts });
}

/** @param {{ files?: Record<string, string> }} [opts] files: extra URL path → file on disk */
export async function startServers(opts = {}) {
  const log = [];
  const t0 = Date.now();
  const state = { site: null, tracker: null };
  const page = readFileSync(join(benchDir, 'pages', 'page.html'), 'utf8');
  const libs = { ...LIBRARIES, baseline: BASELINE };

  const tracker = createServer((req, res) => {
    const url = new URL(req.url, 'http://x');
    log.push({ origin: 'tracker', path: url.pathname, t: Date.now() - t0 });
    const name = { '/analytics.js': 'analytics', '/marketing.js': 'marketing' }[url.pathname];
    if (!name) return notFound(res, url.pathname);
    send(req, res, Buffer.from(trackerScript(name)), TYPES['.js'], { extra: { 'Access-Control-Allow-Origin': '*' } });
  });

  const mounts = [];
  for (const lib of Object.values(libs)) for (const [prefix, dir] of Object.entries(lib.mounts)) mounts.push([prefix, dir]);
  mounts.push(['/engine/', join(repoRoot, 'js-shim', 'engine')]);
  mounts.push(['/bench/', join(benchDir, 'engine')]);
  const configs = {};
  for (const lib of Object.values(libs)) Object.assign(configs, lib.config);

  const site = createServer((req, res) => {
    const url = new URL(req.url, 'http://x');
    const p = url.pathname;
    log.push({ origin: 'site', path: p, t: Date.now() - t0 });
    const m = /^\/(\w+)\.html$/.exec(p);
    if (m && libs[m[1]]) {
      const lib = libs[m[1]];
      const T = state.trackerOrigin;
      const html = page
        .replace('{{HEAD}}', lib.head(T))
        .replace('{{BODY_END}}', lib.bodyEnd(T))
        .replaceAll('{{LIB}}', lib.name);
      return send(req, res, Buffer.from(html), TYPES['.html'], { cache: 'no-store' });
    }
    if (p === '/engine-bench.html') {
      // Cross-origin isolated, so that performance.now() has 5 µs resolution instead of 100 µs.
      return sendFile(req, res, join(benchDir, 'engine', 'engine-bench.html'), {
        cache: 'no-store',
        extra: { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' },
      });
    }
    if (opts.files && opts.files[p]) return sendFile(req, res, opts.files[p], { cache: 'no-store' });
    if (configs[p]) {
      // Configs may name the tracker origin ({{TRACKER}}), like the browser tests' policies.
      const text = readFileSync(configs[p], 'utf8').replaceAll('{{TRACKER}}', state.trackerOrigin);
      return send(req, res, Buffer.from(text), TYPES[extname(p)] ?? 'text/plain', { key: `cfg:${p}:${text.length}` });
    }
    for (const [prefix, dir] of mounts) {
      if (p.startsWith(prefix)) {
        const file = safeJoin(dir, p.slice(prefix.length));
        if (!file) return notFound(res, p);
        return sendFile(req, res, file, { extra: { 'Cross-Origin-Resource-Policy': 'same-origin' } });
      }
    }
    if (p === '/favicon.ico') {
      res.writeHead(204, { 'Cache-Control': 'public, max-age=86400' });
      return res.end();
    }
    notFound(res, p);
  });

  const sockets = new Set();
  for (const s of [site, tracker]) s.on('connection', (c) => { sockets.add(c); c.on('close', () => sockets.delete(c)); });
  const [sitePort, trackerPort] = await Promise.all([listen(site), listen(tracker)]);
  state.siteOrigin = `http://127.0.0.1:${sitePort}`;
  state.trackerOrigin = `http://127.0.0.1:${trackerPort}`;
  /** Compresses these site files now, so that no timed request waits for the compressor. */
  const prewarm = (paths) => {
    for (const p of paths) {
      for (const [prefix, dir] of mounts) {
        if (!p.startsWith(prefix)) continue;
        const file = safeJoin(dir, p.slice(prefix.length));
        try { const st = statSync(file); encoded(`${file}:${st.mtimeMs}`, readFileSync(file)); } catch { /* missing: served as 404 */ }
      }
    }
  };
  return {
    prewarm,
    siteOrigin: state.siteOrigin,
    trackerOrigin: state.trackerOrigin,
    log,
    async close() {
      for (const c of sockets) c.destroy();
      await Promise.all([site, tracker].map((s) => new Promise((r) => s.close(() => r()))));
    },
  };
}

// `node lib/server.mjs` serves the pages for poking at them by hand.
if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split(sep).pop())) {
  const s = await startServers();
  console.log(`site ${s.siteOrigin}  tracker ${s.trackerOrigin}`);
  for (const id of [...Object.keys(LIBRARIES), 'baseline']) console.log(`  ${s.siteOrigin}/${id}.html`);
}
