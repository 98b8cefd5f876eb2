// The browser suite's two origins on ephemeral ports of 127.0.0.1, both on tests/lib/static-server.mjs and one
// hit log (one sequence across both): the first-party site (site.mjs) and the fake third parties (tracker.mjs).
// startServers({ https: true }) serves both over HTTPS with a throw-away self-signed certificate.
// `node browser/lib/servers.mjs` starts them for poking at the pages by hand.
import { fileURLToPath } from 'node:url';
import { createHitLog, startServer } from '../../lib/static-server.mjs';
import { selfSignedCert } from '../../lib/tls.mjs';
import { siteRoute } from './site.mjs';
import { trackerRoute, trackerUpgrade } from './tracker.mjs';

/**
 * @param {object} [opts]
 * @param {number} [opts.analyticsDelayMs=150] delay before /analytics.js is answered (makes execution order observable)
 * @param {boolean} [opts.https=false]
 * @param {Function} [opts.pageMiddleware] `(req, res, url) => promise`: runs before each page (.html) is sent and may
 *   set response headers on `res` (e.g. a Content-Security-Policy per visitor); see site.mjs
 * @param {Record<string, () => string>} [opts.policies] extra policies served at /policies/<name> (templated)
 */
export async function startServers(opts = {}) {
  const tls = opts.https ? selfSignedCert() : null;
  const log = createHitLog();
  const origins = {};
  const tracker = await startServer({
    name: 'tracker', tls, log,
    routes: [trackerRoute({ origin: () => origins.tracker, analyticsDelayMs: opts.analyticsDelayMs ?? 150 })],
    upgrade: trackerUpgrade(),
  });
  origins.tracker = tracker.origin;
  const site = await startServer({
    name: 'site', tls, log,
    routes: [siteRoute({ tracker: () => origins.tracker, pageMiddleware: opts.pageMiddleware, policies: opts.policies })],
  });
  return {
    site,
    tracker,
    log,
    scheme: site.scheme,
    sitePort: site.port,
    trackerPort: tracker.port,
    siteOrigin: site.origin,
    trackerOrigin: tracker.origin,
    /** Tracker hits since the last reset(), in arrival order (copies: {seq, path, key, query, referer, dest, …}). */
    hits: () => tracker.hits(),
    hitPaths: () => tracker.hits().map((h) => h.path),
    /** Site hits since the last reset(). */
    siteHits: () => site.hits(),
    /** A new view for hits()/siteHits(); tests that attribute hits to documents (harness.mjs) do not need it. */
    reset: () => log.reset(),
    async close() { await Promise.all([site.close(), tracker.close()]); },
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const s = await startServers();
  console.log(`site    ${s.siteOrigin}/index.html?region=DE`);
  console.log(`tracker ${s.trackerOrigin}`);
}
