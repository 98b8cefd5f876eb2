// The scan fixture: a shop protected by Assent (tests/scan/fixture/site/, served as http://localhost:PORT so
// that its cookies are its own; served a second time with the banner rendered by assent-consent/server), two fake third parties on 127.0.0.1 (one the policy declares, one it does not),
// and a plain site with no banner and no policy (for --draft-policy; its /robust/ pages misbehave in every way
// a crawl must survive). Text files are templated when served:
// {{SITE}}, {{TP}} (declared third party) and {{UNK}} (undeclared host). Every POST is counted: a scan must
// never submit a form.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readFileSync } from 'node:fs';
import { GIF, fail, send, sendFile, startServer } from '../../lib/static-server.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const FIXTURE = join(here, '..', 'fixture');
const SHIM = join(here, '..', '..', '..', 'js-shim', 'dist');
const { assentServer } = await import(join(SHIM, 'server.mjs'));

export async function startFixture() {
  const posts = [];
  const origins = {};
  const template = (text) => text.replaceAll('{{SITE}}', origins.site).replaceAll('{{TP}}', origins.tp).replaceAll('{{UNK}}', origins.unk);
  const pages = (dir) => async ({ req, res, path }) => {
    if (req.method === 'POST') return posts.push(path), fail(res, 405, path);
    if (path.startsWith('/assent/') || !/\.(html|json|xml)$|\/$/.test(path)) return false;
    const file = join(dir, path.endsWith('/') ? path + 'index.html' : path);
    if (!file.startsWith(dir)) return fail(res, 403, path);
    return sendFile(req, res, file, { transform: template });
  };

  const robust = async ({ req, res, path, url }) => {
    if (path === '/robust/slow.html') {
      // Answers after 20 s (the tests give the scan 3 s); the timer is dropped when the socket closes.
      const timer = setTimeout(() => send(req, res, '<!doctype html><title>slow</title><h1>late</h1>', { type: 'text/html; charset=utf-8' }), 20000);
      res.on('close', () => clearTimeout(timer));
      return true;
    }
    if (path === '/robust/error.html') return res.writeHead(500, { 'Content-Type': 'text/html' }), res.end('<!doctype html><title>500</title><h1>Server error</h1>'), true;
    if (path === '/robust/moved') return res.writeHead(302, { Location: '/robust/alert.html' }), res.end(), true;
    if (path === '/robust/away') return res.writeHead(302, { Location: `${origins.tp}/offsite.html` }), res.end(), true;
    if (path === '/robust/poll') return res.writeHead(204), res.end(), true;
    if (path === '/sitemap.xml') {
      // A sitemap without end: 64 KB chunks until the client gives up (the scan reads at most 10 MB).
      res.writeHead(200, { 'Content-Type': 'application/xml' });
      const chunk = Buffer.from(`<url><loc>${origins.plain}/robust/only-in-the-endless-sitemap.html</loc></url>\n`.repeat(800));
      let sent = 0;
      const more = () => {
        while (sent < 50e6 && !res.destroyed && res.write(chunk)) sent += chunk.length;
        if (sent >= 50e6) res.end();
      };
      res.on('drain', more);
      res.write('<?xml version="1.0"?><urlset>');
      more();
      return true;
    }
    if (path === '/robust/loop') {
      const n = Number(url.searchParams.get('n')) || 1;
      return send(req, res, `<!doctype html><title>loop ${n}</title><a href="/robust/loop?n=${n + 1}">next</a>`, { type: 'text/html; charset=utf-8' }), true;
    }
    return false;
  };
  // The essential session cookie on every page of the shop; the leaky page also sets _ga from the server.
  const cookies = ({ res, path }) => {
    if (path === '/' || path.endsWith('.html')) {
      const set = ['sid=s3cr3t; Path=/; HttpOnly; SameSite=Lax'];
      if (path === '/leaky.html') set.push('_ga=GA1.1.999.1; Path=/; Max-Age=63072000');
      res.setHeader('Set-Cookie', set);
    }
    return false;
  };
  const site = await startServer({ name: 'site', routes: [cookies, pages(join(FIXTURE, 'site'))], mounts: { '/assent/': SHIM } });
  // The same shop with the banner rendered by the server (assent-consent/server), which reads the region from CDN headers.
  let assisted = null;
  const serverRendered = async ({ req, res, path }) => {
    if (!(path === '/' || path.endsWith('.html'))) return false;
    assisted ??= await assentServer({ policy: template(readFileSync(join(FIXTURE, 'site', 'policy.json'), 'utf8')), wasmPath: join(SHIM, 'assent.wasm') });
    await new Promise((resolve, reject) => assisted.middleware(req, res, (e) => (e ? reject(e) : resolve())));
    return false;
  };
  const ssr = await startServer({ name: 'ssr', routes: [serverRendered, cookies, pages(join(FIXTURE, 'site'))], mounts: { '/assent/': SHIM } });
  const plain = await startServer({ name: 'plain', routes: [robust, pages(join(FIXTURE, 'plain'))] });
  const thirdParty = ({ req, res, path }) => {
    if (path === '/pixel.gif') return send(req, res, GIF, { type: 'image/gif', headers: { 'Set-Cookie': 'ad_id=42; Path=/; Max-Age=7776000; SameSite=Lax' } }), true;
    if (path === '/collect') return res.writeHead(204), res.end(), true;
    return false;
  };
  const tp = await startServer({ name: 'tp', routes: [thirdParty, pages(join(FIXTURE, 'third-party'))], mounts: { '/': join(FIXTURE, 'third-party') }, mountOptions: { transform: template } });
  const unk = await startServer({ name: 'unk', routes: [({ req, res, path }) => path === '/beacon.gif' && (send(req, res, GIF, { type: 'image/gif' }), true)] });
  Object.assign(origins, { ssr: `http://localhost:${ssr.port}`, site: `http://localhost:${site.port}`, plain: `http://localhost:${plain.port}`, tp: tp.origin, unk: unk.origin });
  return {
    ...origins,
    posts,
    hits: () => [...site.hits(), ...plain.hits(), ...tp.hits(), ...unk.hits()],
    async close() {
      await Promise.all([site, ssr, plain, tp, unk].map((s) => s.close()));
    },
  };
}
