// Loads the wasm engine in Node: the glue (MINIMAL_RUNTIME) has no loader of its own and hands its imports to
// instantiateWasm; this instantiates the bytes read from disk (as the shim does with its early fetch).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const engineDir = process.env.ASSENT_ENGINE_DIR ?? join(repo, 'js-shim', 'engine');

/** The glue's module for these wasm bytes (any Assent build: older glues accept instantiateWasm too). */
export function instantiateEngine(bytes, dir = engineDir) {
  const create = createRequire(import.meta.url)(join(dir, 'assent.js'));
  return create({
    instantiateWasm(imports, receive) {
      WebAssembly.instantiate(bytes, imports).then((r) => receive(r.instance));
      return {};
    },
  });
}

// The full engine (assent-full.wasm) by default: the native build's twin, byte for byte. { visitor: true }: the
// engine pages download (assent.wasm: no policyText, no "did you mean" hints in messages). A build from before
// the split (ASSENT_ENGINE_DIR) has assent.wasm only, which was the full engine.
// The wasm embeds no texts; like the shim, add the built-in locales (the native build embeds all).
export async function loadEngine({ locales = true, visitor = false } = {}) {
  const full = join(engineDir, 'assent-full.wasm');
  const engine = await instantiateEngine(readFileSync(visitor || !existsSync(full) ? join(engineDir, 'assent.wasm') : full));
  const dir = join(repo, 'config', 'locales');
  if (locales)
    for (const f of readdirSync(dir).filter((f) => f.endsWith('.json')))
      engine.addLocale(f.slice(0, -5), readFileSync(join(dir, f), 'utf8'));
  return engine;
}

/** The `error` of an engine answer that must be a failure ({"error":{code,message,path?,…}}), else a throw. */
export function failure(raw) {
  const r = JSON.parse(raw);
  if (!r || typeof r.error !== 'object') throw new Error(`expected {"error":…}, got ${raw.slice(0, 300)}`);
  return r.error;
}
