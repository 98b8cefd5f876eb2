// The wasm engine in Node, for the server entries: the same assent.wasm the banner runs, given its bytes.
import { readFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import createAssentEngine from '../../engine/assent.js';
import { AssentError } from '../errors';
import type { PolicySummary } from '../types';

export type RawEngine = Awaited<ReturnType<typeof createAssentEngine>>;

/** Loads the wasm and the policy once; `who` names the entry in errors ("assentCsp", "assentServer"). */
export async function loadNodeEngine(who: string, wasmPath: string | URL, policy: string | object): Promise<{ engine: RawEngine; summary: PolicySummary; text: string }> {
  let wasmBinary: Uint8Array;
  try {
    wasmBinary = await readFile(wasmPath);
  } catch (e) {
    throw new AssentError('wasm-load', `${who}: options.wasmPath: cannot read ${String(wasmPath)} (${e instanceof Error ? e.message : e})`);
  }
  // The glue has no loader of its own: it hands its imports to instantiateWasm (wasm/bindings/glue_pre.js).
  const engine = await new Promise<RawEngine>((resolve, reject) => {
    createAssentEngine({
      instantiateWasm(imports, receive) {
        WebAssembly.instantiate(wasmBinary as BufferSource, imports).then(
          (r) => receive(r.instance),
          (e) => reject(new AssentError('wasm-load', `${who}: options.wasmPath: ${String(wasmPath)} is not the Assent engine (${e instanceof Error ? e.message : e})`)),
        );
        return {};
      },
    }).then(resolve, reject);
  });
  const text = typeof policy === 'string' ? policy : JSON.stringify(policy);
  const loaded = JSON.parse(engine.load(text));
  if (loaded.error) throw new AssentError('policy-invalid', `${who}: options.policy: ${loaded.error.message}`, loaded.error.path);
  // The wasm embeds no texts: add English and the built-in texts of the languages the policy declares
  // (dist/locales/, beside the wasm), as the browser fetches them. The engine resolves texts when asked, so
  // adding them after load() is fine.
  const files = new Set(['en', ...(loaded.policy as PolicySummary).languages.flatMap((l) => [l.toLowerCase(), l.split('-')[0].toLowerCase()])]);
  const folder = new URL('locales/', wasmPath instanceof URL ? wasmPath : pathToFileURL(wasmPath));
  for (const code of files) {
    const json = await readFile(new URL(`${code}.json`, folder)).catch(() => null);
    if (json) answer(`${who}: locales/${code}.json`, engine.addLocale(code, new TextDecoder().decode(json)));
    else if (code === 'en') throw new AssentError('locale-fetch', `${who}: ${new URL('en.json', folder).pathname} is missing; it ships beside the wasm in dist/locales/`);
  }
  return { engine, summary: loaded.policy as PolicySummary, text };
}

/** Parses an engine answer; an {"error"} becomes an AssentError. */
export function answer<T>(who: string, json: string): T {
  const value = JSON.parse(json) as T & { error?: { code: string; message: string } };
  if (value && value.error) throw new AssentError(value.error.code as never, `${who}: ${value.error.message}`);
  return value;
}
