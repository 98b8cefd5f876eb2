// `npm pack` gives a package that installs in an empty folder and works in a bundled app: types resolve,
// the ESM import bundles, and the bundle + the package's wasm run the engine in Chromium; and its server entry
// (`assent-consent/csp`) imports in Node and sets the header over node:http.
import assert from 'node:assert/strict';
import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { promisify } from 'node:util';

import { CHROMIUM, launch } from '../lib/chromium.mjs';
import { openPage, problems } from '../lib/page.mjs';
import { sendFile, startServer } from '../lib/static-server.mjs';
import { HANG_MS } from '../lib/wait.mjs';
import { repo } from '../wasm/engine.mjs';

const shim = join(repo, 'js-shim');
const work = mkdtempSync(join(tmpdir(), 'assent-pack-'));

test('npm pack → install → typecheck → bundle → runs in Chromium', async (t) => {
  const out = execFileSync('npm', ['pack', '--pack-destination', work, '--json'], { cwd: shim, encoding: 'utf8' });
  const [{ filename, files }] = JSON.parse(out);
  const names = files.map((f) => f.path);
  for (const f of ['dist/assent.js', 'dist/assent.mjs', 'dist/assent.wasm', 'dist/index.d.ts', 'dist/csp.mjs', 'dist/csp.d.ts', 'package.json'])
    assert.ok(names.includes(f), `tarball lacks ${f}: ${names.join(', ')}`);

  const app = join(work, 'app');
  execFileSync('mkdir', ['-p', app]);
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'app', private: true, type: 'module' }));
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--offline', join(work, filename)], { cwd: app, stdio: 'pipe' });
  // Validation without a C++ toolchain: `npx assent` from the installed package, on a good and a broken policy.
  writeFileSync(join(app, 'good.json'), JSON.stringify({ $schema: './node_modules/assent-consent/dist/policy.schema.json', revision: '1', site: { name: 'Packed' } }));
  writeFileSync(join(app, 'broken.json'), JSON.stringify({ revision: '1', site: { name: 'Packed' }, categories: [{ id: 'analytics', requird: true }] }));
  const npx = (...args) => spawnSync('npx', ['--offline', '--no-install', 'assent', ...args], { cwd: app, encoding: 'utf8' });
  const good = npx('validate', 'good.json');
  assert.equal(good.status, 0, good.stderr);
  assert.equal(JSON.parse(good.stdout).ok, true);
  assert.match(good.stderr, /good\.json: valid \(4 categories, 0 services\)/);
  const broken = npx('validate', 'broken.json');
  assert.equal(broken.status, 1, broken.stderr);
  assert.equal(JSON.parse(broken.stdout).ok, false);
  assert.match(broken.stderr, /broken\.json: \/categories\/0\/requird: unknown key "requird"; did you mean "required"\?/);
  assert.equal(npx('frobnicate', 'good.json').status, 2);
  // The policy's "$schema" resolves from node_modules, and through the package's exports.
  assert.ok(existsSync(join(app, 'node_modules/assent-consent/dist/policy.schema.json')));
  assert.equal(execFileSync('node', ['-e', "console.log(JSON.parse(require('fs').readFileSync(require.resolve('assent-consent/policy.schema.json'),'utf8')).$schema)"], { cwd: app, encoding: 'utf8' }).trim(),
    JSON.parse(readFileSync(join(repo, 'config/policy.schema.json'), 'utf8')).$schema);
  // The middleware from the installed package, its wasm found next to it, answering a real request.
  writeFileSync(join(app, 'server.mjs'), `import { createServer, get } from 'node:http';
import { assentCsp } from 'assent-consent/csp';
const mw = await assentCsp({ policy: { revision: '1', site: { name: 'Packed' } }, region: () => 'DE' });
const server = createServer((req, res) => mw(req, res, () => res.end('ok'))).listen(0, '127.0.0.1', () =>
  get('http://127.0.0.1:' + server.address().port + '/', (res) => { res.resume(); console.log(res.headers['content-security-policy']); server.close(); }));\n`);
  assert.equal(execFileSync('node', ['server.mjs'], { cwd: app, encoding: 'utf8' }).trim(),
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; connect-src 'self'; img-src 'self'; frame-src 'self'; style-src 'self'; " +
    "font-src 'self'; media-src 'self'; worker-src 'self'; form-action 'self'; object-src 'none'; base-uri 'self'");

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

  const outDir = join(app, 'out');
  const server = await startServer({
    name: 'app', mounts: { '/': outDir },
    routes: [async ({ req, res, path }) => path === '/' && (await sendFile(req, res, join(outDir, 'index.html')), true)],
  });
  const browser = await launch();
  t.after(async () => { await browser.close(); await server.close(); });
  const { page, log } = await openPage(t, browser, `${server.origin}/`);
  await page.waitForFunction(() => window.packed, null, { timeout: HANG_MS });
  assert.deepEqual(await page.evaluate(() => window.packed), { model: 'opt-in', analytics: false });
  assert.equal(await page.getByRole('button', { name: 'Accept all' }).count(), 1);
  const wasm = server.hits().find((h) => h.path === '/assent.wasm');
  assert.ok(wasm, 'the bundle fetched the package\'s wasm');
  assert.deepEqual(problems(log), [], 'no console error, page error or failed request');

  // `npx assent scan` from the installed package: playwright-core came as its optional dependency, the Open Cookie
  // Database (with its licence and NOTICE) and the report's schema ship in dist/. The bundled app above is served
  // by a page that sets _ga, so the packaged database has something to name.
  for (const f of ['open-cookie-database.csv', 'LICENSE', 'NOTICE']) assert.ok(names.includes(`dist/open-cookie-database/${f}`), `tarball lacks dist/open-cookie-database/${f}`);
  assert.ok(names.includes('dist/scan-report.schema.json'));
  assert.ok(existsSync(join(app, 'node_modules/playwright-core/package.json')), 'the optional dependency playwright-core is installed');
  writeFileSync(join(outDir, 'ga.html'), `<!doctype html><html lang="en"><head><title>ga</title></head><body><script>document.cookie = '_ga=GA1.1.1.1; path=/; max-age=86400';</script></body></html>`);
  // Asynchronously: the server answering the scan runs in this process.
  const scan = await promisify(execFile)('npx', ['--offline', '--no-install', 'assent', 'scan', `${server.origin}/ga.html`, '--pages', '1', '--region', 'DE', '--no-gpc-pass', '--timeout', '8000', '--chromium', CHROMIUM], { cwd: app, encoding: 'utf8', timeout: 120000 });
  assert.match(scan.stdout, /leaks: 0/);
  const report = JSON.parse(readFileSync(join(app, 'assent-scan.json'), 'utf8'));
  const ga = report.runs[0].cookies.find((c) => c.name === '_ga');
  assert.equal(ga?.known?.platform, 'Google Analytics', JSON.stringify(report.runs[0]).slice(0, 800));
  assert.ok(existsSync(join(app, 'assent-scan.html')));
  assert.ok(existsSync(execFileSync('node', ['-e', "console.log(require.resolve('assent-consent/scan-report.schema.json'))"], { cwd: app, encoding: 'utf8' }).trim()));
});
