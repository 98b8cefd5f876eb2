// Many fresh consent records at once, made by the wasm engine in this process (js-shim/engine/assent.{js,wasm},
// the visitor build), for the fault tests and the load bench: thousands of `assent choose` runs would take
// longer than what they test. Each record has its own consent id, as after a visitor's Accept all.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { root } from '../../../demo/lib/receipts-server.mjs';

/** Resolves to a function that returns a new record for `policy` (an object) on every call. */
export async function recordMaker(policy, { region = 'DE' } = {}) {
  const dir = join(root, 'js-shim/engine');
  const bytes = readFileSync(join(dir, 'assent.wasm'));
  const create = createRequire(import.meta.url)(join(dir, 'assent.js'));
  const m = await create({ instantiateWasm: (imports, receive) => (WebAssembly.instantiate(bytes, imports).then((r) => receive(r.instance)), {}) });
  const loaded = JSON.parse(m.load(JSON.stringify(policy)));
  if (!loaded.ok) throw new Error(`the policy does not load: ${JSON.stringify(loaded)}`);
  let n = 0;
  return () => {
    const nonce = (++n).toString(16).padStart(16, '0') + Math.floor(Math.random() * 2 ** 48).toString(16).padStart(16, '0');
    const ctx = JSON.stringify({ region, now: Math.floor(Date.now() / 1000), nonce });
    return JSON.parse(m.choose(ctx, '{"type":"accept-all"}')).record;
  };
}
