// Starts the wasm engine: the .wasm download begins in the prologue, in parallel with the policy fetch,
// and is compiled with instantiateStreaming through the glue's instantiateWasm hook. The same glue serves the
// full engine (assent-full.wasm, with the cookie-section renderer): a second module instance, loaded on demand.
import createAssentEngine from '../engine/assent.js';
import { ownFetch } from './blocking';
import { AssentError } from './errors';
import type { AssentErrorCode, ChoiceResult, Decision, PolicySummary } from './types';
import type { PolicyDocument } from './ui/policy-section';
import { wasmResponse } from './wasm-fetch';
import { wordsMerger, type Words } from './words';

export interface Engine {
  load(policyText: string): PolicySummary;
  decide(context: object): Decision;
  choose(context: object, action: object): ChoiceResult;
  /** The language decide() would pick for this context (no decision computed). */
  language(context: object): string;
  policyText(language: string): PolicyDocument;
  addLocale(language: string, json: string): void;
  /** The Content-Security-Policy that allows exactly the services this context's decision grants. */
  csp(context: object): { header: string; granted: string[] };
}

async function instantiate(response: Promise<Response>, imports: WebAssembly.Imports): Promise<WebAssembly.Instance> {
  const res = await response;
  if (!res.ok) throw new AssentError('wasm-fetch', `Assent: ${res.url} answered HTTP ${res.status}. Serve assent.wasm next to assent.js, or set data-wasm / wasmUrl.`);
  if (WebAssembly.instantiateStreaming && (res.headers.get('content-type') || '').startsWith('application/wasm')) {
    return (await WebAssembly.instantiateStreaming(res, imports)).instance;
  }
  // A server without the application/wasm type: compile from bytes instead of failing.
  return (await WebAssembly.instantiate(await res.arrayBuffer(), imports)).instance;
}

function explain(e: unknown, url: string): AssentError {
  if (e instanceof AssentError) return e;
  const text = String(e instanceof Error ? e.message : e);
  if (/Content.Security.Policy|CSP|unsafe-eval|wasm-eval/i.test(text) || (e instanceof Error && e.name === 'CompileError' && /disallowed|refused/i.test(text)))
    return new AssentError('wasm-csp', `Assent: WebAssembly is blocked by this page's Content-Security-Policy. Add 'wasm-unsafe-eval' to script-src. (${text})`);
  return new AssentError('wasm-load', `Assent: the engine at ${url} could not load (${text}). Check that assent.wasm is served next to assent.js.`);
}

let engine: Promise<Engine> | null = null;
let fullEngine: Promise<Engine> | null = null;

/** One engine per page, memoised (the wasm module holds one policy). */
export function startEngine(url: string): Promise<Engine> {
  if (!engine) engine = moduleFor(url, wasmResponse(url));
  return engine;
}

/** The full engine (assent-full.wasm: the visitor engine plus policyText), memoised, fetched on first call.
 *  A separate module instance: the caller loads the policy (and locales) into it. */
export function startFullEngine(url: string): Promise<Engine> {
  if (!fullEngine) fullEngine = moduleFor(url, ownFetch(url, { credentials: 'same-origin' }));
  return fullEngine;
}

function moduleFor(url: string, response: Promise<Response>): Promise<Engine> {
  return new Promise<Engine>((resolve, reject) => {
    createAssentEngine({
      instantiateWasm(imports, receive) {
        instantiate(response, imports).then(receive, (e) => reject(explain(e, url)));
        return {};
      },
    }).then((m) => resolve(wrap(m)), (e) => reject(explain(e, url)));
  });
}

/** Every entry point that can fail answers {"error":{code,message,path?}}: thrown here as an AssentError. */
function parse<T>(json: string): T {
  const value = JSON.parse(json) as T & { error?: { code: AssentErrorCode; message: string; path?: string } };
  if (value && value.error) throw new AssentError(value.error.code, `Assent: ${value.error.message}`, value.error.path);
  return value;
}

function wrap(m: Awaited<ReturnType<typeof createAssentEngine>>): Engine {
  // Words are per language: a new policy or an added locale changes them.
  const words = wordsMerger((language) => parse<Words>(m.words(language)));
  return {
    load: (text) => (words.reset(), parse<{ policy: PolicySummary }>(m.load(text)).policy),
    decide: (context) => words.merge(parse<Decision>(m.decide(JSON.stringify(context)))),
    choose: (context, action) => {
      const r = parse<ChoiceResult>(m.choose(JSON.stringify(context), JSON.stringify(action)));
      return { ...r, decision: words.merge(r.decision) };
    },
    language: (context) => parse<{ language: string }>(m.language(JSON.stringify(context))).language,
    policyText: (language) => parse<PolicyDocument>(m.policyText(language)),
    addLocale: (language, json) => (words.reset(), void parse<object>(m.addLocale(language, json))),
    csp: (context) => parse<{ header: string; granted: string[] }>(m.csp(JSON.stringify(context))),
  };
}
