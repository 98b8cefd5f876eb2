// The wasm engine in Node, for the server entries: the same assent.wasm the banner runs, given its bytes.
import { readFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import createAssentEngine from '../../engine/assent.js';
import { AssentError } from '../errors';
import type { PolicySummary } from '../types';

export type RawEngine = Awaited<ReturnType<typeof createAssentEngine>>;

/** Instantiates the wasm at `wasmPath`; `who` names the caller in errors ("assentCsp", "assentServer", "assent"). */
export async function instantiateNodeEngine(who: string, wasmPath: string | URL): Promise<RawEngine> {
  let wasmBinary: Uint8Array;
  try {
    wasmBinary = await readFile(wasmPath);
  } catch (e) {
    throw new AssentError('wasm-load', `${who}: options.wasmPath: cannot read ${String(wasmPath)} (${e instanceof Error ? e.message : e})`);
  }
  // The glue has no loader of its own: it hands its imports to instantiateWasm (wasm/bindings/glue_pre.js).
  return new Promise<RawEngine>((resolve, reject) => {
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
}

/** The built-in locale files beside the wasm (dist/locales/). */
export const localesBeside = (wasmPath: string | URL) => new URL('locales/', wasmPath instanceof URL ? wasmPath : pathToFileURL(wasmPath));

/**
 * Adds built-in texts from dist/locales/ (the wasm embeds none): the engine resolves texts when asked, so this
 * may follow load(). English must be there; another code without a file is skipped.
 */
export async function addNodeLocales(who: string, engine: RawEngine, wasmPath: string | URL, codes: Iterable<string>): Promise<void> {
  const folder = localesBeside(wasmPath);
  for (const code of new Set(['en', ...codes])) {
    const json = await readFile(new URL(`${code}.json`, folder)).catch(() => null);
    if (json) answer(`${who}: locales/${code}.json`, engine.addLocale(code, new TextDecoder().decode(json)));
    else if (code === 'en') throw new AssentError('locale-fetch', `${who}: ${new URL('en.json', folder).pathname} is missing; it ships beside the wasm in dist/locales/`);
  }
}

/** Loads the wasm and the policy once, with English and the built-in texts of the languages it declares. */
export async function loadNodeEngine(who: string, wasmPath: string | URL, policy: string | object): Promise<{ engine: RawEngine; summary: PolicySummary; text: string }> {
  const engine = await instantiateNodeEngine(who, wasmPath);
  const text = typeof policy === 'string' ? policy : JSON.stringify(policy);
  const loaded = JSON.parse(engine.load(text));
  if (loaded.error) throw new AssentError('policy-invalid', `${who}: options.policy: ${loaded.error.message}`, loaded.error.path);
  const languages = (loaded.policy as PolicySummary).languages;
  await addNodeLocales(who, engine, wasmPath, languages.flatMap((l) => [l.toLowerCase(), l.split('-')[0].toLowerCase()]));
  return { engine, summary: loaded.policy as PolicySummary, text };
}

/** Parses an engine answer; an {"error"} becomes an AssentError. */
export function answer<T>(who: string, json: string): T {
  const value = JSON.parse(json) as T & { error?: { code: string; message: string } };
  if (value && value.error) throw new AssentError(value.error.code as never, `${who}: ${value.error.message}`);
  return value;
}
