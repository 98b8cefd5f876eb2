// The wasm engine in Node, for the server entries: the same assent.wasm the banner runs, given its bytes.
import { readFile } from 'node:fs/promises';
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
  const engine = await createAssentEngine({ wasmBinary });
  const text = typeof policy === 'string' ? policy : JSON.stringify(policy);
  const loaded = JSON.parse(engine.load(text));
  if (loaded.error) throw new AssentError('policy-invalid', `${who}: options.policy: ${loaded.error.message}`, loaded.error.path);
  return { engine, summary: loaded.policy as PolicySummary, text };
}

/** Parses an engine answer; an {"error"} becomes an AssentError. */
export function answer<T>(who: string, json: string): T {
  const value = JSON.parse(json) as T & { error?: { code: string; message: string } };
  if (value && value.error) throw new AssentError(value.error.code as never, `${who}: ${value.error.message}`);
  return value;
}
