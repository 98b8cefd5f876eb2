// Test servers for the browser end-to-end suite (node:http only, no dependencies).
//
// startServers() starts two HTTP servers on ephemeral ports of 127.0.0.1:
//
//   site     the first-party origin. Serves
//              /assent/*        js-shim/dist/ (assent.js, assent.mjs, assent.wasm as application/wasm, …)
//              /assent-404/*    the same files, except that assent.wasm answers 404
//              /assent-abort/*  the same files, except that the connection is destroyed on assent.wasm
//              /policies/*.json tests/browser/policies/, templated
//              /<page>.html     tests/browser/pages/, templated (sub-folders allowed: /shop/revoke.html)
//              /<file>.js       tests/browser/pages/*.js (page helper scripts, templated)
//              /set-cookie?name=&value=&domain=&path=   sets a cookie server-side (Set-Cookie header)
//            Pages whose file name starts with "csp" are sent with a strict Content-Security-Policy header
//            (cspHeader()); "csp-nowasm*" pages get the same header without 'wasm-unsafe-eval'.
//   tracker  a separate origin (other port) with fake third parties. Every request is recorded in order:
//              /analytics.js  analytics: sets _ga on the site (document.cookie), pings /collect?t=pageview
//              /pixel.js      marketing: sets _fbp (no Path attribute: the page's default path), pings /px
//              /chat.js       preference: sets chat_sid, pings /chat-ping
//              /dynamic.js    inserted by a page script with createElement('script'); sets window.__dynLoaded
//              /untagged.js   an untagged <script src> in a page; sets window.__untaggedLoaded
//              /embed.html    a video iframe (marketing)
//              /collect, /px, /chat-ping   beacons (1x1 gif)
//              /leak/<service>/<form>.<js|html|css|gif>   the leak sweep's trackers (scripts push their path
//                             onto window.__leakRan)
//            Each script pushes its name onto window.__order when it executes.
//
// Templates (HTML, JS and JSON from pages/ and policies/):
//   {{TRACKER}}       the tracker origin, e.g. http://127.0.0.1:41234
//   {{SHIM_ATTRS}}    data-* attributes for the shim tag built from the query string:
//                     ?region=DE → data-region="DE", ?lang=de → data-lang="de",
//                     ?config=/policies/x.json → data-config (default /policies/main.json), ?wasm=… → data-wasm
//   {{SHIM_SRC}}      /assent/assent.js, or /assent-404/assent.js with ?shim=404, /assent-abort/… with ?shim=abort
//   {{NONCE}}         the fixed CSP nonce (CSP_NONCE)
//   {{SRI:/chat.js}}  the sha384 integrity of that tracker file
//   {{POLICY:x.json}} the (templated) text of policies/x.json, for inline policies
import { createServer } from 'node:http';
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { dirname, extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
export const repoRoot = join(here, '..', '..');
export const distDir = process.env.ASSENT_DIST_DIR ?? join(repoRoot, 'js-shim', 'dist');
export const pagesDir = join(here, 'pages');
export const policiesDir = join(here, 'policies');
export const CSP_NONCE = 'e2eN0nce4ssent';

const TYPES = {
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.ts': 'text/plain; charset=utf-8',
};

const LEAK_TYPES = { '.js': TYPES['.js'], '.html': TYPES['.html'], '.css': TYPES['.css'], '.gif': 'image/gif' };
const GIF = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');

function escAttr(s) {
  return String(s).replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}

/** Resolve `rel` inside `root`, refusing anything that escapes it. */
function safeJoin(root, rel) {
  const p = normalize(join(root, decodeURIComponent(rel)));
  if (p !== root && !p.startsWith(root + sep)) return null;
  return p;
}

function trackerScripts(origin) {
  const order = (name) => `(window.__order = window.__order || []).push(${JSON.stringify(name)});`;
  const ping = (path) => `(new Image()).src = ${JSON.stringify(origin + path)} + '&r=' + Math.random();`;
  return {
    '/analytics.js': `/* fake analytics (analytics category) */
${order('analytics')}
document.cookie = '_ga=GA1.1.' + Date.now() + '; path=/; max-age=63072000; samesite=lax';
window.__gaLoaded = true;
${ping('/collect?t=pageview')}
`,
    '/pixel.js': `/* fake marketing pixel (marketing category); cookie without Path = the page's default path */
${order('pixel')}
document.cookie = '_fbp=fb.1.' + Date.now() + '; max-age=7776000; samesite=lax';
window.__pixelLoaded = true;
${ping('/px?ev=PageView')}
`,
    '/chat.js': `/* fake chat widget (preference category) */
${order('chat')}
document.cookie = 'chat_sid=s' + Date.now() + '; path=/; max-age=86400; samesite=lax';
window.__chatLoaded = true;
${ping('/chat-ping?x=1')}
`,
    '/dynamic.js': `/* tracker inserted dynamically by a page script */
${order('dynamic')}
window.__dynLoaded = true;
`,
    '/untagged.js': `/* untagged <script src> that matches a policy pattern */
${order('untagged')}
window.__untaggedLoaded = true;
`,
  };
}

const EMBED_HTML = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Fake video</title></head>
<body style="margin:0;background:#222;color:#fff;font:14px sans-serif"><p>Fake video player</p></body></html>`;

function listen(server) {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(server.address().port));
  });
}

/**
 * Start the site and tracker servers.
 * @param {object} [opts]
 * @param {number} [opts.analyticsDelayMs=150] delay before /analytics.js is answered (makes execution order observable)
 */
export async function startServers(opts = {}) {
  const analyticsDelayMs = opts.analyticsDelayMs ?? 150;
  const trackerHits = [];
  const siteHits = [];
  let seq = 0;
  const t0 = Date.now();
  const sockets = new Set();

  const tracker = createServer((req, res) => {
    const url = new URL(req.url, 'http://x');
    trackerHits.push({
      seq: ++seq, time: Date.now() - t0, method: req.method, path: url.pathname,
      query: Object.fromEntries(url.searchParams), referer: req.headers.referer ?? null,
      dest: req.headers['sec-fetch-dest'] ?? null,
    });
    const headers = { 'Cache-Control': 'no-store', 'Access-Control-Allow-Origin': '*' };
    const scripts = trackerScripts(state.trackerOrigin);
    if (scripts[url.pathname]) {
      const send = () => {
        res.writeHead(200, { ...headers, 'Content-Type': 'text/javascript; charset=utf-8' });
        res.end(scripts[url.pathname]);
      };
      if (url.pathname === '/analytics.js' && analyticsDelayMs > 0) setTimeout(send, analyticsDelayMs);
      else send();
    } else if (url.pathname.startsWith('/leak/')) {
      // The leak sweep's trackers: any /leak/<service>/<form>.<ext>; the body fits the extension, and a script
      // records that it ran, so a test can tell "requested" from "executed".
      const ext = extname(url.pathname);
      const body = ext === '.js' ? `(window.__leakRan = window.__leakRan || []).push(${JSON.stringify(url.pathname)});`
        : ext === '.html' ? EMBED_HTML : ext === '.gif' ? GIF : '';
      res.writeHead(200, { ...headers, 'Content-Type': LEAK_TYPES[ext] ?? 'text/plain' });
      res.end(body);
    } else if (url.pathname === '/embed.html') {
      res.writeHead(200, { ...headers, 'Content-Type': 'text/html; charset=utf-8' });
      res.end(EMBED_HTML);
    } else if (['/collect', '/px', '/chat-ping'].includes(url.pathname)) {
      res.writeHead(200, { ...headers, 'Content-Type': 'image/gif' });
      res.end(GIF);
    } else {
      res.writeHead(404, { ...headers, 'Content-Type': 'text/plain' });
      res.end('not found');
    }
  });

  async function template(text, url) {
    const q = url.searchParams;
    const shim = q.get('shim');
    const shimBase = shim === '404' ? '/assent-404' : shim === 'abort' ? '/assent-abort' : '/assent';
    let attrs = ` data-config="${escAttr(q.get('config') ?? '/policies/main.json')}"`;
    if (q.has('region')) attrs += ` data-region="${escAttr(q.get('region'))}"`;
    if (q.has('lang')) attrs += ` data-lang="${escAttr(q.get('lang'))}"`;
    if (q.has('wasm')) attrs += ` data-wasm="${escAttr(q.get('wasm'))}"`;
    let out = text;
    // Inline policies first, so that their own {{TRACKER}} gets substituted below.
    const inl = [...out.matchAll(/\{\{POLICY:([\w.-]+)\}\}/g)];
    for (const m of inl) {
      const p = await readFile(join(policiesDir, m[1]), 'utf8');
      out = out.replace(m[0], p.replace(/<\//g, '<\\/'));
    }
    const scripts = trackerScripts(state.trackerOrigin);
    out = out.replace(/\{\{SRI:([\w./-]+)\}\}/g, (_, p) =>
      'sha384-' + createHash('sha384').update(scripts[p] ?? '').digest('base64'));
    return out
      .replaceAll('{{TRACKER}}', state.trackerOrigin)
      .replaceAll('{{SHIM_ATTRS}}', attrs)
      .replaceAll('{{SHIM_SRC}}', `${shimBase}/assent.js`)
      .replaceAll('{{NONCE}}', CSP_NONCE);
  }

  /** The strict CSP; `allowWasm: false` drops 'wasm-unsafe-eval' (the shim must then fail closed). */
  function cspHeader({ allowWasm = true } = {}) {
    const wasm = allowWasm ? " 'wasm-unsafe-eval'" : '';
    return `script-src 'self'${wasm} 'nonce-${CSP_NONCE}' ${state.trackerOrigin}; object-src 'none'; base-uri 'none'`;
  }

  async function sendFile(res, file, { templated = false, url, extraHeaders = {} } = {}) {
    let st;
    try { st = await stat(file); } catch { st = null; }
    if (!st || !st.isFile()) {
      res.writeHead(404, { 'Content-Type': 'text/plain', 'Cache-Control': 'no-store' });
      res.end(`not found: ${url.pathname}`);
      return;
    }
    const type = TYPES[extname(file)] ?? 'application/octet-stream';
    let body = await readFile(file);
    if (templated) body = Buffer.from(await template(body.toString('utf8'), url));
    res.writeHead(200, { 'Content-Type': type, 'Cache-Control': 'no-store', ...extraHeaders });
    res.end(body);
  }

  const site = createServer(async (req, res) => {
    const url = new URL(req.url, 'http://x');
    const path = url.pathname;
    siteHits.push({ seq: ++seq, time: Date.now() - t0, method: req.method, path, host: req.headers.host,
      query: Object.fromEntries(url.searchParams) });
    try {
      const m = path.match(/^\/(assent|assent-404|assent-abort)\/(.+)$/);
      if (m) {
        if (m[2] === 'assent.wasm' && m[1] === 'assent-404') {
          res.writeHead(404, { 'Content-Type': 'text/plain' });
          res.end('wasm deliberately missing (test)');
          return;
        }
        if (m[2] === 'assent.wasm' && m[1] === 'assent-abort') {
          req.socket.destroy();
          return;
        }
        const file = safeJoin(distDir, m[2]);
        if (!file) { res.writeHead(403); res.end(); return; }
        await sendFile(res, file, { url });
        return;
      }
      if (path.startsWith('/policies/')) {
        const file = safeJoin(policiesDir, path.slice('/policies/'.length));
        if (!file) { res.writeHead(403); res.end(); return; }
        await sendFile(res, file, { templated: true, url });
        return;
      }
      if (path === '/set-cookie') {
        const q = url.searchParams;
        let c = `${q.get('name')}=${q.get('value') ?? '1'}; Path=${q.get('path') ?? '/'}; Max-Age=86400; SameSite=Lax`;
        if (q.get('domain')) c += `; Domain=${q.get('domain')}`;
        res.writeHead(200, { 'Set-Cookie': c, 'Cache-Control': 'no-store', 'Content-Type': 'text/plain' });
        res.end(`set ${c}`);
        return;
      }
      if (path === '/favicon.ico') { res.writeHead(204); res.end(); return; }
      const rel = path === '/' ? 'index.html' : path.slice(1);
      if (/\.(html|js)$/.test(rel)) {
        const file = safeJoin(pagesDir, rel);
        if (!file) { res.writeHead(403); res.end(); return; }
        const base = rel.split('/').pop();
        const extraHeaders = base.startsWith('csp') && base.endsWith('.html')
          ? { 'Content-Security-Policy': cspHeader({ allowWasm: !base.startsWith('csp-nowasm') }) } : {};
        await sendFile(res, file, { templated: true, url, extraHeaders });
        return;
      }
      res.writeHead(404, { 'Content-Type': 'text/plain', 'Cache-Control': 'no-store' });
      res.end(`not found: ${path}`);
    } catch (err) {
      res.writeHead(500, { 'Content-Type': 'text/plain' });
      res.end(String(err?.stack ?? err));
    }
  });

  for (const s of [site, tracker]) {
    s.on('connection', (sock) => { sockets.add(sock); sock.on('close', () => sockets.delete(sock)); });
  }
  const sitePort = await listen(site);
  const trackerPort = await listen(tracker);
  const state = {
    sitePort,
    trackerPort,
    siteOrigin: `http://127.0.0.1:${sitePort}`,
    trackerOrigin: `http://127.0.0.1:${trackerPort}`,
    cspHeader,
    /** Tracker hits in arrival order (copies). */
    hits: () => trackerHits.map((h) => ({ ...h })),
    /** Paths of tracker hits in arrival order. */
    hitPaths: () => trackerHits.map((h) => h.path),
    /** Requests that reached the site origin. */
    siteHits: () => siteHits.map((h) => ({ ...h })),
    reset() { trackerHits.length = 0; siteHits.length = 0; },
    async close() {
      for (const sock of sockets) sock.destroy();
      await Promise.all([site, tracker].map((s) => new Promise((r) => s.close(() => r()))));
    },
  };
  return state;
}

// `node browser/server.mjs` starts the servers for manual poking.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const s = await startServers();
  console.log(`site    ${s.siteOrigin}/index.html?region=DE`);
  console.log(`tracker ${s.trackerOrigin}`);
  setInterval(() => {}, 1 << 30);
}
