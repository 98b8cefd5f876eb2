// Loads the wasm engine in Node the way design.md says works with emscripten 3.1.6: the glue is given the
// bytes (wasmBinary) because its own fetch of a file path fails under Node 20's global fetch.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const engineDir = process.env.ASSENT_ENGINE_DIR ?? join(repo, 'js-shim', 'engine');

export async function loadEngine() {
  const create = createRequire(import.meta.url)(join(engineDir, 'assent.js'));
  return create({ wasmBinary: readFileSync(join(engineDir, 'assent.wasm')) });
}
