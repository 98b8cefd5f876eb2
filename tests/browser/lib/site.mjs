// The first-party site of the browser suite (routes for tests/lib/static-server.mjs):
//   /assent/*        js-shim/dist/ (assent.js, assent.mjs, assent.wasm as application/wasm, …)
//   /assent-404/*    the same files, except that assent.wasm answers 404
//   /assent-abort/*  the same files, except that the connection is destroyed on assent.wasm
//   /policies/*.json tests/browser/policies/, templated
//   /<page>.html     tests/browser/pages/, templated (sub-folders allowed: /shop/revoke.html)
//   /<file>.js       tests/browser/pages/*.js (page helper scripts, templated)
//   /set-cookie?name=&value=&domain=&path=&delay=   sets a cookie server-side (Set-Cookie header), answering delay ms late
// Pages whose file name starts with "csp" are sent with a strict Content-Security-Policy (cspHeader()); with
// ?csp=nowasm the same without 'wasm-unsafe-eval'. tt.html enforces Trusted Types (ttHeader()):
// `require-trusted-types-for 'script'; trusted-types assent page` (?tt=default also allows `default`,
// ?tt=noassent does not allow `assent`). /many.html expands {{MANY}} into ?scripts=&inline=&frames=&imgs= tagged
// elements pointing at the tracker's /leak/many/… (the thousands-of-elements test).
// Options (startServers): `pageMiddleware(req, res, url)` runs before every page is sent and may set headers on
// `res` (the leak sweep's CSP scenario sets a per-visitor Content-Security-Policy); `policies` serves extra
// policies from memory at /policies/<name> (name → () => text, templated like the files).
//
// Templates (HTML, JS and JSON from pages/ and policies/):
//   {{TRACKER}}       the tracker origin, e.g. http://127.0.0.1:41234
//   {{SHIM_ATTRS}}    data-* attributes for the shim tag from the query string: ?region=DE → data-region="DE",
//                     ?lang=de → data-lang, ?config=/policies/x.json → data-config (default /policies/main.json),
//                     ?wasm=… → data-wasm
//   {{SHIM_SRC}}      /assent/assent.js, or /assent-404/assent.js with ?shim=404, /assent-abort/… with ?shim=abort,
//                     /assent-slow/… with ?shim=slow (assent.wasm's headers at once, its body held while
//                     wasmBodyHeld() says so: the engine cannot come up, yet the wasm is known to be there)
//   {{NONCE}}         the fixed CSP nonce (CSP_NONCE)
//   {{SRI:/chat.js}}  the sha384 integrity of that tracker file
//   {{POLICY:x.json}} the (templated) text of policies/x.json, for inline policies
//   {{MANY}}          the generated tagged elements of many.html (see above)
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MIME, fail, safeJoin, send, sendFile } from '../../lib/static-server.mjs';
import { trackerScripts } from './tracker.mjs';

export const browserDir = fileURLToPath(new URL('../', import.meta.url));
export const repoRoot = join(browserDir, '..', '..');
export const distDir = process.env.ASSENT_DIST_DIR ?? join(repoRoot, 'js-shim', 'dist');
export const pagesDir = join(browserDir, 'pages');
export const policiesDir = join(browserDir, 'policies');
export const CSP_NONCE = 'e2eN0nce4ssent';

const escAttr = (s) => String(s).replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/** The strict CSP; `allowWasm: false` drops 'wasm-unsafe-eval' (the shim must then fail closed). */
export function cspHeader(trackerOrigin, { allowWasm = true } = {}) {
  const wasm = allowWasm ? " 'wasm-unsafe-eval'" : '';
  return `script-src 'self'${wasm} 'nonce-${CSP_NONCE}' ${trackerOrigin}; object-src 'none'; base-uri 'none'`;
}

/** Trusted Types enforcement for tt.html; `page` is the policy the page's own scripts use. */
export function ttHeader(variant) {
  const names = variant === 'noassent' ? 'page' : variant === 'default' ? 'assent page default' : 'assent page';
  return `require-trusted-types-for 'script'; trusted-types ${names}`;
}

/** Tagged elements for many.html: external + inline scripts, iframes and images, all tagged, all trackers. */
function manyElements(q, tracker) {
  const n = (k) => Math.min(Math.max(parseInt(q.get(k) ?? '0', 10) || 0, 0), 20000);
  const out = [];
  for (let i = 0; i < n('scripts'); i++) {
    out.push(`<script type="text/plain" data-category="${i % 2 ? 'marketing' : 'analytics'}" src="${tracker}/leak/many/s${i}.js"></script>`);
  }
  for (let i = 0; i < n('inline'); i++) {
    out.push(`<script type="text/plain" data-category="analytics">window.__inlineRan = (window.__inlineRan || 0) + 1;</script>`);
  }
  for (let i = 0; i < n('frames'); i++) {
    out.push(`<iframe data-category="marketing" data-src="${tracker}/leak/many/f${i}.html" title="frame ${i}" width="40" height="30"></iframe>`);
  }
  for (let i = 0; i < n('imgs'); i++) {
    out.push(`<img data-category="marketing" data-src="${tracker}/leak/many/i${i}.gif" alt="" width="1" height="1">`);
  }
  return out.join('\n');
}

/** Fills the placeholders of a page, page script or policy for the request URL `url`. */
async function template(text, url, tracker) {
  const q = url.searchParams;
  const shim = q.get('shim');
  const shimBase = shim === '404' ? '/assent-404' : shim === 'abort' ? '/assent-abort' : shim === 'slow' ? '/assent-slow' : '/assent';
  let attrs = ` data-config="${escAttr(q.get('config') ?? '/policies/main.json')}"`;
  if (q.has('region')) attrs += ` data-region="${escAttr(q.get('region'))}"`;
  if (q.has('lang')) attrs += ` data-lang="${escAttr(q.get('lang'))}"`;
  if (q.has('wasm')) attrs += ` data-wasm="${escAttr(q.get('wasm'))}"`;
  let out = text;
  // Inline policies first, so that their own {{TRACKER}} gets substituted below.
  for (const m of [...out.matchAll(/\{\{POLICY:([\w.-]+)\}\}/g)]) {
    const p = await readFile(join(policiesDir, m[1]), 'utf8');
    out = out.replace(m[0], p.replace(/<\//g, '<\\/'));
  }
  const scripts = trackerScripts(tracker);
  out = out.replace(/\{\{SRI:([\w./-]+)\}\}/g, (_, p) => 'sha384-' + createHash('sha384').update(scripts[p] ?? '').digest('base64'));
  if (out.includes('{{MANY}}')) out = out.replace('{{MANY}}', () => manyElements(q, tracker));
  return out
    .replaceAll('{{TRACKER}}', tracker)
    .replaceAll('{{SHIM_ATTRS}}', attrs)
    .replaceAll('{{SHIM_SRC}}', `${shimBase}/assent.js`)
    .replaceAll('{{NONCE}}', CSP_NONCE);
}

// ?shim=slow: while held, assent.wasm's response starts (status, headers, the first bytes) and its rest waits.
let heldWasm = null; // null: not held; else the responses waiting for release
/** Holds (true) or releases (false) the body of /assent-slow/assent.wasm, for every page of the suite's site. */
export function holdWasmBody(hold) {
  if (hold) heldWasm ??= [];
  else { const waiting = heldWasm || []; heldWasm = null; for (const finish of waiting) finish(); }
}
async function sendHeldWasm(res) {
  const body = await readFile(join(distDir, 'assent.wasm'));
  res.writeHead(200, { 'Content-Type': 'application/wasm', 'Content-Length': body.length, 'Cache-Control': 'no-store' });
  res.write(body.subarray(0, 8));
  const finish = () => res.end(body.subarray(8));
  if (heldWasm) heldWasm.push(finish);
  else finish();
  return true;
}

/** The site's route (for startServer). `tracker()` is the tracker origin once known. */
export function siteRoute({ tracker, pageMiddleware = null, policies = {} }) {
  return async ({ req, res, url, path }) => {
    const transform = (text) => template(text, url, tracker());
    const m = path.match(/^\/(assent|assent-404|assent-abort|assent-slow)\/(.+)$/);
    if (m) {
      if (m[2] === 'assent.wasm' && m[1] === 'assent-404') return fail(res, 404, 'assent.wasm (deliberately missing, test)');
      if (m[2] === 'assent.wasm' && m[1] === 'assent-abort') { req.socket.destroy(); return true; }
      if (m[2] === 'assent.wasm' && m[1] === 'assent-slow') return sendHeldWasm(res);
      const file = safeJoin(distDir, m[2]);
      if (!file) return fail(res, 403, path);
      await sendFile(req, res, file);
      return true;
    }
    if (path.startsWith('/policies/') && Object.hasOwn(policies, path.slice('/policies/'.length))) {
      const text = await transform(policies[path.slice('/policies/'.length)]());
      send(req, res, text, { type: MIME['.json'] });
      return true;
    }
    if (path.startsWith('/policies/')) {
      const file = safeJoin(policiesDir, path.slice('/policies/'.length));
      if (!file) return fail(res, 403, path);
      await sendFile(req, res, file, { transform });
      return true;
    }
    if (path === '/set-cookie') {
      const q = url.searchParams;
      // ?delay=ms holds the answer (≤ 5 s): the page before it stays alive meanwhile (harness.test.mjs).
      const delay = Math.min(Number(q.get('delay')) || 0, 5000);
      if (delay > 0) await new Promise((r) => setTimeout(r, delay));
      let c = `${q.get('name')}=${q.get('value') ?? '1'}; Path=${q.get('path') ?? '/'}; Max-Age=86400; SameSite=Lax`;
      if (q.get('domain')) c += `; Domain=${q.get('domain')}`;
      res.writeHead(200, { 'Set-Cookie': c, 'Cache-Control': 'no-store', 'Content-Type': 'text/plain' });
      res.end(`set ${c}`);
      return true;
    }
    const rel = path === '/' ? 'index.html' : path.slice(1);
    if (!/\.(html|js)$/.test(rel)) return false;
    const file = safeJoin(pagesDir, rel);
    if (!file) return fail(res, 403, path);
    const base = rel.split('/').pop();
    const headers = base.startsWith('csp') && base.endsWith('.html')
      ? { 'Content-Security-Policy': cspHeader(tracker(), { allowWasm: url.searchParams.get('csp') !== 'nowasm' }) }
      : base === 'tt.html' ? { 'Content-Security-Policy': ttHeader(url.searchParams.get('tt')) } : {};
    if (pageMiddleware && rel.endsWith('.html')) await pageMiddleware(req, res, url);
    await sendFile(req, res, file, { transform, headers });
    return true;
  };
}
