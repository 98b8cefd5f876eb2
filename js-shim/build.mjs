// Builds the shim: dist/assent.js (IIFE for a <script> tag), dist/assent.mjs (ESM for bundlers),
// dist/assent.wasm and dist/assent-full.wasm (copied from the engine build: the visitor engine, and the full one
// that pages with [data-assent-policy] and the server middleware load; both use the one glue in assent-core.js), dist/index.d.ts (the public API, one self-contained
// file) and the server middleware dist/csp.mjs + dist/csp.d.ts (Node, `assent-consent/csp`); prints the
// gzip/brotli sizes.
//   node build.mjs                 build
//   node build.mjs --check-fresh   fail if dist/ is older than its inputs (used by `npm pack`)
import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';
import { generateDtsBundle } from 'dts-bundle-generator';
import { build } from 'esbuild';

const here = dirname(fileURLToPath(import.meta.url));
const dist = join(here, 'dist');
const engineDir = join(here, 'engine');

function newest(dir) {
  let t = 0;
  for (const f of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, f.name);
    t = Math.max(t, f.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

if (process.argv.includes('--check-fresh')) {
  const outputs = ['assent.js', 'assent-core.js', 'assent.mjs', 'assent.wasm', 'assent-full.wasm', 'index.d.ts', 'csp.mjs', 'csp.d.ts', 'server.mjs', 'server.d.ts', 'cli.mjs', 'policy.schema.json', 'scan-report.schema.json', 'open-cookie-database/open-cookie-database.csv', 'locales/en.json'].map((f) => join(dist, f));
  const missing = outputs.filter((f) => !existsSync(f));
  if (missing.length) throw new Error(`not built: ${missing.join(', ')} — run npm run build`);
  const oldest = Math.min(...outputs.map((f) => statSync(f).mtimeMs));
  if (newest(join(here, 'src')) > oldest || newest(engineDir) > oldest) throw new Error('dist/ is stale — run npm run build');
  process.exit(0);
}

for (const f of ['assent.js', 'assent.wasm', 'assent-full.js', 'assent-full.wasm']) {
  if (!existsSync(join(engineDir, f)))
    throw new Error(`js-shim/engine/${f} is missing: build the wasm engine first (tests/run-all.sh or README "For contributors")`);
}
// One glue for both wasms: it names the wasm's imports and exports, which must be the same in both builds.
if (!readFileSync(join(engineDir, 'assent.js')).equals(readFileSync(join(engineDir, 'assent-full.js'))))
  throw new Error('js-shim/engine/assent.js and assent-full.js differ: the full wasm needs its own glue (wasm/bindings/CMakeLists.txt)');
mkdirSync(dist, { recursive: true });

// Built-in locales beside the wasm (minified); the wasm embeds none (js-shim/src/locales.ts).
const localesSrc = join(here, '..', 'config', 'locales');
const localeCodes = readdirSync(localesSrc).filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -5)).sort();
mkdirSync(join(dist, 'locales'), { recursive: true });
for (const code of localeCodes)
  writeFileSync(join(dist, 'locales', `${code}.json`), JSON.stringify(JSON.parse(readFileSync(join(localesSrc, `${code}.json`), 'utf8'))));

const common = {
  // English in the npm bundle only (npm-locales.ts), as its always-present fallback; the script tag fetches it.
  define: { __ASSENT_LOCALES__: JSON.stringify(localeCodes), __ASSENT_CORE_BUNDLE__: 'false', __ASSENT_EN_TEXT__: JSON.stringify(readFileSync(join(dist, 'locales', 'en.json'), 'utf8')) },
  bundle: true,
  minify: true,
  target: 'es2020', // Chrome/Edge 80+, Firefox 80+, Safari 14+
  legalComments: 'none',
  logLevel: 'warning',
};
await build({ ...common, entryPoints: [join(here, 'src/auto.ts')], format: 'iife', outfile: join(dist, 'assent.js'), platform: 'browser' });
await build({ ...common, define: { ...common.define, __ASSENT_CORE_BUNDLE__: 'true' }, entryPoints: [join(here, 'src/core-entry.ts')], format: 'iife', outfile: join(dist, 'assent-core.js'), platform: 'browser' });
await build({ ...common, entryPoints: [join(here, 'src/index.ts')], format: 'esm', outfile: join(dist, 'assent.mjs'), platform: 'neutral', mainFields: ['module', 'main'] });
// The middleware runs in Node and reads dist/assent-full.wasm itself (the glue is given the bytes: tests/wasm/engine.mjs).
await build({ ...common, entryPoints: [join(here, 'src/server/csp.ts')], format: 'esm', outfile: join(dist, 'csp.mjs'), platform: 'node', target: 'node18' });
await build({ ...common, entryPoints: [join(here, 'src/server/index.ts')], format: 'esm', outfile: join(dist, 'server.mjs'), platform: 'node', target: 'node18' });
// `npx assent validate|lint|policy|decide`: the native CLI's commands on assent-full.wasm in Node (src/cli/), and
// `assent scan`, which loads the optional playwright-core only when it runs.
await build({ ...common, entryPoints: [join(here, 'src/cli/main.ts')], format: 'esm', outfile: join(dist, 'cli.mjs'), platform: 'node', target: 'node18', banner: { js: '#!/usr/bin/env node' }, external: ['playwright-core'] });
chmodSync(join(dist, 'cli.mjs'), 0o755);
// The policy's JSON Schema, so a policy's "$schema" can point into node_modules/assent-consent/dist/.
copyFileSync(join(here, '..', 'config', 'policy.schema.json'), join(dist, 'policy.schema.json'));
copyFileSync(join(here, '..', 'config', 'scan-report.schema.json'), join(dist, 'scan-report.schema.json'));
// What `assent scan` knows of cookies and hosts, with the database's licence and NOTICE (Apache-2.0 §4).
mkdirSync(join(dist, 'open-cookie-database'), { recursive: true });
for (const f of ['open-cookie-database.csv', 'LICENSE', 'NOTICE'])
  copyFileSync(join(here, '..', 'config', 'data', 'open-cookie-database', f), join(dist, 'open-cookie-database', f));
copyFileSync(join(engineDir, 'assent.wasm'), join(dist, 'assent.wasm'));
copyFileSync(join(engineDir, 'assent-full.wasm'), join(dist, 'assent-full.wasm'));

// Types: tsc checks everything (strict) and emits every module's declarations to a scratch folder; from
// them dts-bundle-generator rolls up only what src/index.ts exports (and what that refers to), so the
// package ships one .d.ts and no internal module's declarations.
const scratch = mkdtempSync(join(tmpdir(), 'assent-dts-'));
try {
  execFileSync(join(here, 'node_modules/.bin/tsc'), ['-p', join(here, 'tsconfig.json'), '--emitDeclarationOnly', '--outDir', scratch], { stdio: 'inherit' });
  const config = join(scratch, 'tsconfig.json'); // the tool resolves the .d.ts graph with a config beside it
  writeFileSync(config, JSON.stringify({ compilerOptions: { strict: true, module: 'ESNext', moduleResolution: 'Bundler', target: 'ES2020', lib: ['ES2020', 'DOM'] }, files: ['index.d.ts', 'server/csp.d.ts', 'server/index.d.ts'] }));
  const [dts, cspDts, serverDts] = generateDtsBundle([
    { filePath: join(scratch, 'index.d.ts'), noCheck: true, output: { noBanner: true, inlineDeclareGlobals: true } },
    // The server entry has no globals; inlining the browser API's `declare global` would drag all of it in.
    { filePath: join(scratch, 'server', 'csp.d.ts'), noCheck: true, output: { noBanner: true, inlineDeclareGlobals: false } },
    { filePath: join(scratch, 'server', 'index.d.ts'), noCheck: true, output: { noBanner: true, inlineDeclareGlobals: false } },
  ], { preferredConfigPath: config });
  writeFileSync(join(dist, 'index.d.ts'), `// assent-consent: the public API (generated by js-shim/build.mjs from src/index.ts).\n${dts}`);
  writeFileSync(join(dist, 'csp.d.ts'), `// assent-consent/csp: the server middleware (generated by js-shim/build.mjs from src/server/csp.ts).\n${cspDts}`);
  writeFileSync(join(dist, 'server.d.ts'), `// assent-consent/server: the server-assisted start (generated by js-shim/build.mjs from src/server/index.ts).\n${serverDts}`);
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
rmSync(join(dist, 'types'), { recursive: true, force: true }); // per-module declarations of older builds

const rows = ['assent.js', 'assent-core.js', 'assent.wasm', 'assent-full.wasm', 'assent.mjs', 'csp.mjs', 'server.mjs', 'locales/en.json', 'locales/de.json'].map((f) => {
  const buf = readFileSync(join(dist, f));
  const gz = gzipSync(buf, { level: 9 }).length;
  const br = brotliCompressSync(buf, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  return { file: f, raw: buf.length, gzip: gz, brotli: br };
});
// A visitor's download: the two bundles, the wasm and one locale file (English here; de.json is the same size).
const visit = rows.filter((r) => ['assent.js', 'assent-core.js', 'assent.wasm', 'locales/en.json'].includes(r.file));
const sum = (k) => visit.reduce((a, r) => a + r[k], 0);
console.log('\nfile               raw   gzip -9   brotli');
for (const r of rows) console.log(`${r.file.padEnd(16)} ${String(r.raw).padStart(7)} ${String(r.gzip).padStart(9)} ${String(r.brotli).padStart(8)}${r.file === 'assent-full.wasm' ? '   (pages with [data-assent-policy] only; not in the sum)' : ''}`);
console.log(`script tag       ${String(sum('raw')).padStart(7)} ${String(sum('gzip')).padStart(9)} ${String(sum('brotli')).padStart(8)}   (assent.js + assent-core.js + assent.wasm + the visitor's locale file, here en.json; CSS is inside assent-core.js; goal ≤ 30720 gzip)`);
