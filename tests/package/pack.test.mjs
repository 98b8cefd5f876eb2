// `npm pack` gives a package that installs in an empty folder and works in a bundled app: types resolve,
// the ESM import bundles, and the bundle + the package's wasm run the engine in Chromium.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { chromium } from 'playwright-core';

import { repo } from '../wasm/engine.mjs';

const shim = join(repo, 'js-shim');
const work = mkdtempSync(join(tmpdir(), 'assent-pack-'));

test('npm pack → install → typecheck → bundle → runs in Chromium', async () => {
  const out = execFileSync('npm', ['pack', '--pack-destination', work, '--json'], { cwd: shim, encoding: 'utf8' });
  const [{ filename, files }] = JSON.parse(out);
  const names = files.map((f) => f.path);
  for (const f of ['dist/assent.js', 'dist/assent.mjs', 'dist/assent.wasm', 'dist/index.d.ts', 'package.json'])
    assert.ok(names.includes(f), `tarball lacks ${f}: ${names.join(', ')}`);

  const app = join(work, 'app');
  execFileSync('mkdir', ['-p', app]);
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'app', private: true, type: 'module' }));
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--offline', join(work, filename)], { cwd: app, stdio: 'pipe' });
  writeFileSync(
    join(app, 'main.ts'),
    `import { init, type Decision } from 'assent-consent';
const consent = await init({ config: { revision: '1', site: { name: 'Packed' } }, region: 'DE', wasmUrl: '/assent.wasm' });
const d: Decision = consent.decision;
(window as any).packed = { model: d.model, analytics: consent.has('analytics') };\n`,
  );
  // Types resolve from the installed package (strict), with the shim's own TypeScript.
  writeFileSync(join(app, 'tsconfig.json'), JSON.stringify({ compilerOptions: { strict: true, module: 'ESNext', moduleResolution: 'Bundler', target: 'ES2022', lib: ['ES2022', 'DOM'], noEmit: true, skipLibCheck: false }, files: ['main.ts'] }));
  execFileSync(join(shim, 'node_modules/.bin/tsc'), ['-p', app], { stdio: 'pipe' });
  execFileSync(join(shim, 'node_modules/.bin/esbuild'), ['main.ts', '--bundle', '--format=esm', '--outfile=out/main.js', '--log-level=error'], { cwd: app });
  cpSync(join(app, 'node_modules/assent-consent/dist/assent.wasm'), join(app, 'out/assent.wasm'));
  writeFileSync(join(app, 'out/index.html'), '<!doctype html><html lang="en"><head><title>packed</title><script type="module" src="/main.js"></script></head><body><h1>packed</h1></body></html>');

  const server = http.createServer((req, res) => {
    const f = join(app, 'out', req.url === '/' ? 'index.html' : req.url.slice(1));
    if (!existsSync(f)) return res.writeHead(404).end();
    const type = f.endsWith('.wasm') ? 'application/wasm' : f.endsWith('.js') ? 'text/javascript' : 'text/html';
    res.writeHead(200, { 'content-type': type }).end(readFileSync(f));
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
  try {
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${server.address().port}/`);
    await page.waitForFunction(() => window.packed, null, { timeout: 10000 });
    assert.deepEqual(await page.evaluate(() => window.packed), { model: 'opt-in', analytics: false });
    assert.equal(await page.getByRole('button', { name: 'Accept all' }).count(), 1);
  } finally {
    await browser.close();
    server.close();
  }
});
