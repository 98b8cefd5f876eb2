// The receipts server (`assent serve`) mounted under the site's own origin, as nginx or Caddy would do it
// (README "Proof of consent"): /assent/consent and /assent/receipts/* go to it, with the Host kept (the server
// compares it with the page's Origin) and X-Forwarded-For/-Proto added. Used by demo/serve.mjs and the tests.
import { request } from 'node:http';

/** Whether a request path belongs to the receipts server. */
export const isReceiptsPath = (path) => path === '/assent/consent' || path === '/assent/health' || path.startsWith('/assent/receipts/');

/** Forwards `req` to the receipts server at `target` ("http://127.0.0.1:8787") and pipes its answer back. */
export function proxyReceipts(req, res, target) {
  const url = new URL(req.url, target);
  const headers = { ...req.headers };
  const client = req.socket.remoteAddress ?? '';
  headers['x-forwarded-for'] = headers['x-forwarded-for'] ? `${headers['x-forwarded-for']}, ${client}` : client;
  headers['x-forwarded-proto'] = req.socket.encrypted ? 'https' : 'http';
  const upstream = request(url, { method: req.method, headers }, (answer) => {
    res.writeHead(answer.statusCode ?? 502, answer.headers);
    answer.pipe(res);
  });
  upstream.setTimeout(15000, () => upstream.destroy(new Error('timed out')));
  upstream.on('error', (e) => {
    if (res.headersSent) return res.destroy();
    res.writeHead(502, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify({ error: { code: 'unavailable', message: `the receipts server cannot be reached (${e.message})` } }));
  });
  req.pipe(upstream);
}
