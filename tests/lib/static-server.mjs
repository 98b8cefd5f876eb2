// The one test HTTP server (node:http/https only): bound to 127.0.0.1 on an ephemeral port, with one MIME map,
// a path join that refuses to leave its root, route hooks for a suite's special endpoints, a request log, and
// a close() that drops kept-alive connections. Used by the browser suite, the npm-package test and the bench.
//
//   const s = await startServer({ name: 'site', routes: [(ctx) => …], mounts: { '/assent/': dir } });
//   s.origin, s.port, s.hits(), s.close()
//
// A route gets ctx = { req, res, url, path, server } and returns true (or a promise of true) when it answered.
// Mounts serve files under a URL prefix from a directory; anything else is a 404 naming the path.
import { createServer } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { readFileSync, statSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { extname, isAbsolute, join, normalize, sep } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

export const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.ts': 'text/plain; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.gif': 'image/gif',
  '.ico': 'image/x-icon',
};

/** The Content-Type for a file name (application/octet-stream when unknown). */
export const contentType = (file) => MIME[extname(file).toLowerCase()] ?? 'application/octet-stream';

/** A transparent 1×1 GIF (beacons, pixels). */
export const GIF = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');

/**
 * `rel` (a URL path, still percent-encoded) resolved inside `root`, or null when it is not a plain path below
 * root: malformed percent-encoding, a NUL or backslash, an absolute path, or any `..` segment, encoded or not.
 */
export function safeJoin(root, rel) {
  let decoded;
  try { decoded = decodeURIComponent(rel); } catch { return null; }
  if (/[\0\\]/.test(decoded) || isAbsolute(decoded)) return null;
  if (decoded.split('/').includes('..')) return null;
  const base = normalize(root);
  const p = normalize(join(base, decoded));
  return p === base || p.startsWith(base.endsWith(sep) ? base : base + sep) ? p : null;
}

/**
 * The request log of one or more servers: every request in arrival order with a sequence number shared by all
 * servers that use the same log (so "after this mark" means the same on the site and the tracker).
 */
export function createHitLog() {
  const all = [];
  let viewStart = 0;
  const t0 = Date.now();
  return {
    /** Records one request; returns the entry. */
    record(server, req, url) {
      const hit = {
        seq: all.length + 1, server, time: Date.now() - t0, method: req.method, path: url.pathname,
        key: url.pathname + url.search, query: Object.fromEntries(url.searchParams), host: req.headers.host ?? null,
        referer: req.headers.referer ?? null, dest: req.headers['sec-fetch-dest'] ?? null,
      };
      all.push(hit);
      return hit;
    },
    /** The sequence number of the last request so far (a mark: later requests have a higher one). */
    mark: () => all.length,
    /** Every request ever recorded (copies), optionally of one server only. */
    all: (server) => all.filter((h) => !server || h.server === server).map((h) => ({ ...h })),
    /** Requests since the last reset() (copies), optionally of one server only. */
    sinceReset: (server) => all.slice(viewStart).filter((h) => !server || h.server === server).map((h) => ({ ...h })),
    /** Starts a new view for sinceReset(); the history stays (document attribution needs it). */
    reset() { viewStart = all.length; },
  };
}

/** Precompressed variants (br, gzip; maximum level) of a body, memoised by key: compressing costs no time in a run. */
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

/**
 * Answers 200 with `body`. Options: type (Content-Type), headers (extra), cache (Cache-Control, default no-store),
 * compress (br/gzip by Accept-Encoding, precomputed and memoised by `key`).
 */
export function send(req, res, body, { type = 'text/plain; charset=utf-8', headers = {}, cache = 'no-store', compress = false, key = req.url } = {}) {
  const buf = Buffer.isBuffer(body) ? body : Buffer.from(String(body));
  const out = { 'Content-Type': type, 'Cache-Control': cache, ...headers };
  let payload = buf;
  if (compress && !/^image\//.test(type)) {
    out.Vary = 'Accept-Encoding';
    if (buf.length > 256) {
      const accept = String(req.headers['accept-encoding'] || '');
      const v = encoded(key, buf);
      if (/\bbr\b/.test(accept)) { payload = v.br; out['Content-Encoding'] = 'br'; }
      else if (/\bgzip\b/.test(accept)) { payload = v.gzip; out['Content-Encoding'] = 'gzip'; }
    }
  }
  out['Content-Length'] = payload.length;
  res.writeHead(200, out);
  res.end(req.method === 'HEAD' ? undefined : payload);
}

/** Answers `status` with a plain-text body that names the path; returns true (the request is answered). */
export function fail(res, status, what) {
  const reason = { 400: 'bad request', 403: 'forbidden', 404: 'not found', 500: 'server error' }[status] ?? 'error';
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(`${reason}: ${what}`);
  return true;
}

/**
 * Serves a file from disk, read per request (a suite may rebuild it while the server runs). `transform(text)`
 * rewrites text files (templates). 404 when missing; other options as for send().
 */
export async function sendFile(req, res, file, { transform, ...opts } = {}) {
  let st = null;
  try { st = await stat(file); } catch { /* missing */ }
  if (!st || !st.isFile()) return fail(res, 404, new URL(req.url, 'http://x').pathname);
  let body = await readFile(file);
  if (transform) body = Buffer.from(await transform(body.toString('utf8')));
  return send(req, res, body, { type: contentType(file), key: `${file}:${st.mtimeMs}:${body.length}`, ...opts });
}

/** Compresses a file now, synchronously (as sendFile with `compress` would), so that no timed request waits for it. */
export function precompress(file) {
  const st = statSync(file);
  const body = readFileSync(file);
  encoded(`${file}:${st.mtimeMs}:${body.length}`, body);
}

function listen(server) {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(server.address().port));
  });
}

/**
 * Starts one server.
 * @param {object} o
 * @param {string} [o.name]     recorded with each hit ("site", "tracker", …)
 * @param {Array<Function>} [o.routes]   hooks tried in order; one returns true when it answered
 * @param {Record<string,string>} [o.mounts] URL prefix ('/assent/') → directory
 * @param {object} [o.mountOptions] options for sendFile() on mounted files (cache, compress, headers)
 * @param {{key: Buffer, cert: Buffer}} [o.tls] serve https with this certificate
 * @param {ReturnType<typeof createHitLog>} [o.log] the hit log (a new one by default)
 * @param {Function} [o.upgrade] handles HTTP upgrade requests (WebSocket): gets { req, socket, head, url, path,
 *   server, hit } after the hit is logged; without it, no 'upgrade' listener is installed
 */
export async function startServer({ name = 'server', routes = [], mounts = {}, mountOptions = {}, tls = null, log = createHitLog(), upgrade = null } = {}) {
  const sockets = new Set();
  const self = { name, log };
  const handler = async (req, res) => {
    let url;
    try { url = new URL(req.url, 'http://x'); } catch { return fail(res, 400, 'bad request target'); }
    const ctx = { req, res, url, path: url.pathname, server: self, hit: log.record(name, req, url) };
    try {
      for (const route of routes) if (await route(ctx)) return;
      if (ctx.path === '/favicon.ico') { res.writeHead(204, { 'Cache-Control': 'no-store' }); res.end(); return; } // no 404 on the console
      for (const [prefix, dir] of Object.entries(mounts)) {
        if (!ctx.path.startsWith(prefix)) continue;
        const file = safeJoin(dir, ctx.path.slice(prefix.length));
        return file ? await sendFile(req, res, file, mountOptions) : fail(res, 403, ctx.path);
      }
      fail(res, 404, ctx.path);
    } catch (err) {
      if (!res.headersSent) fail(res, 500, String(err?.stack ?? err));
      else res.destroy();
    }
  };
  const server = tls ? createHttpsServer(tls, handler) : createServer(handler);
  server.on('connection', (s) => { sockets.add(s); s.on('close', () => sockets.delete(s)); });
  if (upgrade) {
    server.on('upgrade', (req, socket, head) => {
      let url;
      try { url = new URL(req.url, 'http://x'); } catch { socket.destroy(); return; }
      try { upgrade({ req, socket, head, url, path: url.pathname, server: self, hit: log.record(name, req, url) }); } catch { socket.destroy(); }
    });
  }
  const port = await listen(server);
  return Object.assign(self, {
    port,
    scheme: tls ? 'https' : 'http',
    origin: `${tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    /** This server's requests since the log's last reset() (copies). */
    hits: () => log.sinceReset(name),
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise((r) => server.close(() => r()));
    },
  });
}
