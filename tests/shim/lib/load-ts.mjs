// Imports a js-shim TypeScript module in Node for unit tests: esbuild (the shim's own devDependency) bundles
// it, with what it imports, into one ESM file in a temp folder, which is then imported. Only for modules
// that do not touch the DOM when imported; tests that need `document`/`location` set up globals first.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const esbuild = createRequire(join(repoRoot, 'js-shim', 'package.json'))('esbuild');

/**
 * `await importTs('js-shim/src/glob.ts')` → the module's exports. `define` replaces build-time globals; `stubs`
 * maps a module or folder (from the repo root, e.g. 'js-shim/src/blocking') to the source that replaces it
 * wherever the bundle imports it (for a pure module whose neighbours need a DOM).
 */
export async function importTs(pathFromRepoRoot, define = {}, { stubs = {} } = {}) {
  const stubPlugin = {
    name: 'stubs',
    setup(build) {
      build.onResolve({ filter: /^\./ }, (args) => {
        const target = resolve(args.resolveDir, args.path);
        const key = Object.keys(stubs).find((k) => [join(repoRoot, k), join(repoRoot, `${k}.ts`)].includes(target) || target.startsWith(join(repoRoot, k) + sep));
        return key ? { path: key, namespace: 'stub' } : undefined;
      });
      build.onLoad({ filter: /.*/, namespace: 'stub' }, (args) => ({ contents: stubs[args.path], loader: 'js' }));
    },
  };
  const out = await esbuild.build({
    entryPoints: [join(repoRoot, pathFromRepoRoot)],
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    write: false,
    define: { __ASSENT_CORE_BUNDLE__: 'false', __ASSENT_LOCALES__: '["en"]', ...define },
    plugins: [stubPlugin],
    logLevel: 'error',
  });
  const dir = mkdtempSync(join(tmpdir(), 'assent-ts-'));
  const file = join(dir, 'module.mjs');
  writeFileSync(file, out.outputFiles[0].text);
  try {
    return await import(pathToFileURL(file).href);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
