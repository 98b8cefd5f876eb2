// Bench servers, on tests/lib/static-server.mjs. Two origins on 127.0.0.1, ephemeral ports:
//   site     /<lib>.html            the shared page (pages/page.html) with that library's head/body snippets
//            /<mount>/…             each library's files (LIBRARIES[*].mounts), /cfg/<lib>/… its config
//            /engine/…              js-shim/engine (glue + wasm) and /bench/… tests/bench/engine (engine bench page)
//   tracker  /analytics.js, /marketing.js: record performance.now() on execution in window.__trk
// Static files are served like a production CDN would: compressed by Accept-Encoding (br, else gzip, both
// precomputed at maximum level, so compression costs no time during a run), Cache-Control max-age one day.
// The page HTML is no-store. Every request is logged (site and tracker, one hit log) with its time.
import { readFileSync } from 'node:fs';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { contentType, createHitLog, fail, MIME, precompress, safeJoin, send, sendFile, startServer } from '../../lib/static-server.mjs';
import { BASELINE, LIBRARIES, benchDir, repoRoot } from './libraries.mjs';

const CACHED = 'public, max-age=86400';

function trackerScript(name) {
  return `/* fake ${name} tracker: records when it executes */
(window.__trk = window.__trk || {})[${JSON.stringify(name)}] = performance.now();
document.cookie = ${JSON.stringify(name === 'analytics' ? '_ga=GA1.1.1' : '_fbp=fb.1.1')} + '; path=/; max-age=86400; samesite=lax';
`;
}

/** @param {{ files?: Record<string, string> }} [opts] files: extra URL path → file on disk */
export async function startServers(opts = {}) {
  const log = createHitLog();
  const page = readFileSync(join(benchDir, 'pages', 'page.html'), 'utf8');
  const libs = { ...LIBRARIES, baseline: BASELINE };
  const mounts = {};
  for (const lib of Object.values(libs)) for (const [prefix, dir] of Object.entries(lib.mounts)) mounts[prefix] ??= dir;
  mounts['/engine/'] = join(repoRoot, 'js-shim', 'engine');
  mounts['/bench/'] = join(benchDir, 'engine');
  const configs = {};
  for (const lib of Object.values(libs)) Object.assign(configs, lib.config);
  const compressed = { compress: true, cache: CACHED };

  const tracker = await startServer({
    name: 'tracker', log,
    routes: [({ req, res, path }) => {
      const name = { '/analytics.js': 'analytics', '/marketing.js': 'marketing' }[path];
      if (!name) return fail(res, 404, path);
      send(req, res, trackerScript(name), { ...compressed, type: MIME['.js'], headers: { 'Access-Control-Allow-Origin': '*' } });
      return true;
    }],
  });

  const site = await startServer({
    name: 'site', log,
    mounts,
    mountOptions: { ...compressed, headers: { 'Cross-Origin-Resource-Policy': 'same-origin' } },
    routes: [
      async ({ req, res, path }) => {
        const m = /^\/(\w+)\.html$/.exec(path);
        if (m && libs[m[1]]) {
          const lib = libs[m[1]];
          const T = tracker.origin;
          let html = page.replace('{{HEAD}}', lib.head(T)).replace('{{BODY_END}}', lib.bodyEnd(T)).replaceAll('{{LIB}}', lib.name);
          if (lib.render) {
            const policy = readFileSync(Object.values(lib.config)[0], 'utf8').replaceAll('{{TRACKER}}', T);
            const plain = html;
            html = await lib.render(html, req.headers, policy);
            // What the server added to the page (decision, banner markup, its CSS) counts as the library's weight.
            const size = (t, f) => f(Buffer.from(t)).length;
            const gz = (b) => gzipSync(b, { level: 9 });
            const br = (b) => brotliCompressSync(b, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } });
            lib.htmlAdded = { raw: html.length - plain.length, gzip: size(html, gz) - size(plain, gz), brotli: size(html, br) - size(plain, br) };
          }
          send(req, res, html, { compress: true, cache: 'no-store', type: MIME['.html'] });
          return true;
        }
        if (path === '/engine-bench.html') {
          // Cross-origin isolated, so that performance.now() has 5 µs resolution instead of 100 µs.
          await sendFile(req, res, join(benchDir, 'engine', 'engine-bench.html'), {
            compress: true, cache: 'no-store',
            headers: { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' },
          });
          return true;
        }
        if (opts.files?.[path]) { await sendFile(req, res, opts.files[path], { compress: true, cache: 'no-store' }); return true; }
        if (configs[path]) {
          // Configs may name the tracker origin ({{TRACKER}}), like the browser tests' policies.
          const text = readFileSync(configs[path], 'utf8').replaceAll('{{TRACKER}}', tracker.origin);
          send(req, res, text, { ...compressed, type: MIME[extname(path)] ?? contentType(path), key: `cfg:${path}:${text.length}` });
          return true;
        }
        if (path === '/favicon.ico') { res.writeHead(204, { 'Cache-Control': CACHED }); res.end(); return true; }
        return false;
      },
    ],
  });

  /** Compresses these site files now, so that no timed request waits for the compressor. */
  const prewarm = (paths) => {
    for (const p of paths) {
      const prefix = Object.keys(mounts).find((x) => p.startsWith(x));
      const file = prefix && safeJoin(mounts[prefix], p.slice(prefix.length));
      try { if (file) precompress(file); } catch { /* missing: served as 404 */ }
    }
  };
  return {
    prewarm,
    siteOrigin: site.origin,
    trackerOrigin: tracker.origin,
    log,
    async close() { await Promise.all([site.close(), tracker.close()]); },
  };
}

// `node lib/server.mjs` serves the pages for poking at them by hand.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const s = await startServers();
  console.log(`site ${s.siteOrigin}  tracker ${s.trackerOrigin}`);
  for (const id of [...Object.keys(LIBRARIES), 'baseline']) console.log(`  ${s.siteOrigin}/${id}.html`);
}
