// The package's types: `npm pack` ships one self-contained .d.ts per entry (index.d.ts for the browser API,
// csp.d.ts for the server middleware `assent-consent/csp`), with only the public API; a consumer type-checks
// against them (strict), and wrong uses fail to compile. The engine's error codes all
// appear in AssentErrorCode (the engine is C++: the type system cannot see its codes, so this test reads them).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, test } from 'node:test';

import { repo } from '../wasm/engine.mjs';

const shim = join(repo, 'js-shim');
const tsc = join(shim, 'node_modules', '.bin', 'tsc');
const TSC_FLAGS = ['--noEmit', '--strict', '--skipLibCheck', 'false', '--module', 'esnext', '--moduleResolution', 'bundler', '--target', 'es2022', '--lib', 'es2022,dom'];

/** The files `npm pack` would ship (its prepack refuses a missing or stale dist/: that is reported as such). */
function packFiles() {
  const r = spawnSync('npm', ['pack', '--dry-run', '--json'], { cwd: shim, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`npm pack --dry-run failed in js-shim (build it first: cd js-shim && node build.mjs):\n${r.stderr}`);
  return JSON.parse(r.stdout)[0].files.map((f) => f.path);
}
let packed = [];
before(() => { packed = packFiles(); });

/** An app folder whose node_modules/assent-consent holds the packed package.json and .d.ts files. */
function app(files) {
  const dir = mkdtempSync(join(tmpdir(), 'assent-types-'));
  const pkg = join(dir, 'node_modules', 'assent-consent');
  for (const f of packed.filter((p) => p === 'package.json' || p.endsWith('.d.ts'))) {
    mkdirSync(join(pkg, f, '..'), { recursive: true });
    cpSync(join(shim, f), join(pkg, f));
  }
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

/** tsc over `names` in `dir`: { status, out } (diagnostics as "file(line,col): error TSxxxx: …"). */
function typecheck(dir, names) {
  const r = spawnSync(tsc, [...TSC_FLAGS, '--pretty', 'false', ...names], { cwd: dir, encoding: 'utf8' });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

test('the package ships one .d.ts per entry, dist/index.d.ts, dist/csp.d.ts and dist/server.d.ts, and they import nothing', () => {
  assert.deepEqual(packed.filter((p) => p.endsWith('.ts')).sort(), ['dist/csp.d.ts', 'dist/index.d.ts', 'dist/server.d.ts'], `packed: ${packed.join(', ')}`);
  for (const f of ['index.d.ts', 'csp.d.ts', 'server.d.ts'])
    assert.doesNotMatch(readFileSync(join(shim, 'dist', f), 'utf8'), /\bimport\b|\bfrom\s+['"]|\/\/\/\s*<reference/, `${f} is self-contained: no imports or references`);
  const dts = readFileSync(join(shim, 'dist', 'index.d.ts'), 'utf8');
  // The server entry carries only its own API, not the browser's.
  assert.doesNotMatch(readFileSync(join(shim, 'dist', 'csp.d.ts'), 'utf8'), /\b(Decision|InitOptions|Window)\b/);
  // The server-assisted entry returns the engine's Decision, but nothing of the browser API.
  assert.doesNotMatch(readFileSync(join(shim, 'dist', 'server.d.ts'), 'utf8'), /\b(InitOptions|AssentInstance|Window)\b/);
  // Internal engine shapes stay out of the public API.
  for (const internal of ['PolicySummary', 'ChoiceResult', 'Controller', 'boot'])
    assert.doesNotMatch(dts, new RegExp(`\\b${internal}\\b`), `${internal} is not public`);
});

test('every error code the engine answers with is in AssentErrorCode', () => {
  const codes = new Set();
  const walk = (dir) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.(cpp|hpp)$/.test(e.name)) {
        const src = readFileSync(p, 'utf8');
        for (const m of src.matchAll(/error_json\(\s*"([a-z-]+)"/g)) codes.add(m[1]);
        for (const m of src.matchAll(/\{"code",\s*"([a-z-]+)"\}/g)) codes.add(m[1]);
      }
    }
  };
  // The engine (core and bindings) only: wasm/server's codes are the receipts server's HTTP answers, which
  // the shim meets as a status (README "Proof of consent"), never as an AssentError.
  walk(join(repo, 'wasm', 'core'));
  walk(join(repo, 'wasm', 'bindings'));
  assert.ok(codes.has('policy-invalid') && codes.has('bad-action'), `engine codes found: ${[...codes]}`);
  const dts = readFileSync(join(shim, 'dist', 'index.d.ts'), 'utf8');
  const union = dts.match(/type AssentErrorCode =([^;]+);/);
  assert.ok(union, 'dist/index.d.ts declares AssentErrorCode');
  const declared = new Set([...union[1].matchAll(/"([a-z-]+)"/g)].map((m) => m[1]));
  assert.deepEqual([...codes].filter((c) => !declared.has(c)), [], 'engine codes missing from AssentErrorCode');
});

const GOOD = `import Assent, { AssentError, init, type AssentErrorCode, type AssentInstance, type Decision } from 'assent-consent';
const consent: AssentInstance = await init({ config: { revision: '1', site: { name: 'S' } }, region: 'DE' });
const same: AssentInstance = await Assent.init({ config: '/policy.json' });
consent.on('ready', (d: Decision) => d.model);
consent.on('change', ({ decision, revoked }) => [decision.showBanner, revoked.length]);
const onError = (e: { code: AssentErrorCode; message: string; path?: string }) => e.code === 'storage-write';
consent.on('error', onError);
consent.off('error', onError);
try {
  await same.set({ categories: ['analytics'] });
} catch (err) {
  if (err instanceof AssentError && (err.code === 'bad-action' || err.code === 'policy-invalid')) console.log(err.path);
}
`;

// The server entry, with request/response shapes like node:http's (the consumer has no @types/node here).
const GOOD_CSP = `import { assentCsp, type AssentCspOptions, type CspMiddleware } from 'assent-consent/csp';
const options: AssentCspOptions = { policy: '{}', region: (req) => String(req.headers['cf-ipcountry'] ?? 'DE'), reportOnly: true };
const mw: CspMiddleware = await assentCsp(options);
const headers: Record<string, string | string[]> = {};
mw({ headers: { cookie: 'assent=x' } }, { getHeader: (n: string) => headers[n], setHeader: (n: string, v: number | string | readonly string[]) => { headers[n] = String(v); } }, (err?: unknown) => void err);
`;

// Each wrong use, and the diagnostic it must produce on its line.
const BAD = {
  'event.ts': [`import { init } from 'assent-consent';\nconst c = await init({ config: {} });\nc.on('nope', () => 0);\n`, 3, /TS2769/],
  'code.ts': [`import { AssentError } from 'assent-consent';\ndeclare const e: AssentError;\nexport const x = e.code === 'not-a-code';\n`, 3, /TS2367/],
  'internal.ts': [`import type { PolicySummary } from 'assent-consent';\nexport type P = PolicySummary;\n`, 1, /TS2305|TS2614/],
  'options.ts': [`import { init } from 'assent-consent';\nvoid init({ region: 'DE' });\n`, 2, /TS2345/],
  'csp-options.ts': [`import { assentCsp } from 'assent-consent/csp';\nvoid assentCsp({ policy: {}, region: 'DE' });\n`, 2, /TS2322/],
};

test('a consumer type-checks against the packed .d.ts (strict); wrong uses fail to compile where they are wrong', () => {
  const good = typecheck(app({ 'good.ts': GOOD, 'good-csp.ts': GOOD_CSP, 'package.json': '{"type":"module"}' }), ['good.ts', 'good-csp.ts']);
  assert.equal(good.status, 0, `good.ts must compile:\n${good.out}`);

  const dir = app({ ...Object.fromEntries(Object.entries(BAD).map(([n, [src]]) => [n, src])), 'package.json': '{"type":"module"}' });
  const bad = typecheck(dir, Object.keys(BAD));
  assert.notEqual(bad.status, 0, 'the wrong uses compile, but must not');
  for (const [name, [, line, code]] of Object.entries(BAD)) {
    const here = bad.out.split('\n').filter((l) => l.startsWith(`${name}(${line},`));
    assert.ok(here.some((l) => code.test(l)), `${name}: expected ${code} on line ${line}; tsc said:\n${bad.out}`);
  }
});
