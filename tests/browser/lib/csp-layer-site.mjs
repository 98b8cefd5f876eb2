// The CSP layer's own site (csp-layer.test.mjs): one more origin beside the suite's site and tracker, logging
// into the same hit log, whose every response goes through the server middleware (assent-consent/csp, built
// into js-shim/dist/csp.mjs), so the browser enforces the Content-Security-Policy the engine computed from this
// visitor's consent cookie. Region: fixed (a German site). Routes:
//   /assent/*                 js-shim/dist/ (the shim, its wasm)
//   /csp-layer/policy.json    policies/csp-layer.json
//   /csp-layer/<file>         pages/csp-layer/<file> (index.html, style.css, vectors.js, worker.js)
// Every text file has {{TRACKER}} replaced by the tracker origin.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { safeJoin, sendFile, startServer } from '../../lib/static-server.mjs';
import { distDir, pagesDir, policiesDir } from './site.mjs';

/** Starts the site for `env` (harness setup()); resolves to the server ({ origin, port, close() }). */
export async function startCspLayerSite(env, { region = 'DE', reportOnly = false } = {}) {
  const { assentCsp } = await import(join(distDir, 'csp.mjs'));
  const tracker = env.server.trackerOrigin;
  const fill = (text) => text.replaceAll('{{TRACKER}}', tracker);
  const policy = fill(await readFile(join(policiesDir, 'csp-layer.json'), 'utf8'));
  const csp = await assentCsp({ policy, wasmPath: join(distDir, 'assent.wasm'), region: () => region, reportOnly });
  const route = async ({ req, res, path }) => {
    await new Promise((resolve, reject) => csp(req, res, (err) => (err ? reject(err) : resolve())));
    const file = path === '/csp-layer/policy.json' ? join(policiesDir, 'csp-layer.json')
      : path.startsWith('/assent/') ? safeJoin(distDir, path.slice('/assent/'.length))
        : path.startsWith('/csp-layer/') ? safeJoin(join(pagesDir, 'csp-layer'), path.slice('/csp-layer/'.length)) : null;
    if (!file) return false;
    const text = /\.(html|css|js|json)$/.test(file) && !file.startsWith(distDir);
    await sendFile(req, res, file, text ? { transform: fill } : {});
    return true;
  };
  return startServer({ name: 'csp-layer-site', log: env.server.log, routes: [route] });
}
