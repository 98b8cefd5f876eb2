// `assent-consent/csp`: a Node middleware (Express/Connect, or plain node:http) that sends each visitor the
// Content-Security-Policy allowing only the services they have granted, so the browser itself blocks what the
// banner's JavaScript cannot intercept. The same wasm engine as the banner answers (engine csp(), wasm/core/csp.hpp),
// from the same consent cookie; config/csp.md has the recipes. build.mjs bundles this into dist/csp.mjs.
import { readFile } from 'node:fs/promises';
import createAssentEngine from '../../engine/assent.js';
import { AssentError } from '../errors';
import { recordFromCookies } from '../storage';

/** What the middleware reads of a request: node:http's IncomingMessage and Express's Request fit. */
export interface CspRequest {
  headers: Record<string, string | string[] | undefined>;
}

/** What the middleware writes on a response: node:http's ServerResponse and Express's Response fit. */
export interface CspResponse {
  getHeader(name: string): number | string | string[] | undefined;
  setHeader(name: string, value: number | string | readonly string[]): unknown;
}

export type CspMiddleware = (req: CspRequest, res: CspResponse, next: (err?: unknown) => void) => void;

export interface AssentCspOptions {
  /** The Assent policy: its JSON text or the parsed object (the one the banner loads). */
  policy: string | object;
  /** Path or file: URL of the engine (assent-full.wasm or assent.wasm); default: assent-full.wasm next to this module. */
  wasmPath?: string | URL;
  /** The visitor's region ("DE", "US-CA"); when it gives none: a CDN's country header (CF-IPCountry, …), else none. */
  region?: (req: CspRequest) => string | undefined;
  /** true: send Content-Security-Policy-Report-Only (reports, blocks nothing). Default false. */
  reportOnly?: boolean;
}

const OPTIONS = ['policy', 'wasmPath', 'region', 'reportOnly'];
const RECORD_MAX_CHARS = 4096; // the engine's kRecordChars (wasm/core/limits.hpp): longer is no record
const REGION = /^[A-Za-z]{2}(?:[-_][A-Za-z0-9]{1,3})?$/; // SPEC.md §Region codes; anything else: no region
const SUBDIVISION = /^[A-Za-z0-9]{1,3}$/;
// [country header, subdivision header] of common CDNs (Cloudflare's needs its visitor-location transform).
const CDN_HEADERS: [string, string][] = [
  ['cf-ipcountry', 'cf-region-code'],
  ['cloudfront-viewer-country', 'cloudfront-viewer-country-region'],
  ['x-vercel-ip-country', 'x-vercel-ip-country-region'],
];

const bad = (message: string) => new AssentError('bad-options', `assentCsp: ${message}`);

function header(req: CspRequest, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v.join('; ') : v;
}

function cdnRegion(req: CspRequest): string | undefined {
  for (const [country, subdivision] of CDN_HEADERS) {
    const c = header(req, country);
    if (!c) continue;
    const s = header(req, subdivision);
    return s && SUBDIVISION.test(s) ? `${c}-${s}` : c;
  }
  return undefined;
}

/** Adds `values` to a list header (Vary), keeping what is there. */
function appendList(res: CspResponse, name: string, values: string[]): void {
  const have = String(res.getHeader(name) ?? '');
  const missing = values.filter((v) => !have.toLowerCase().split(/\s*,\s*/).includes(v.toLowerCase()));
  if (missing.length) res.setHeader(name, have ? `${have}, ${missing.join(', ')}` : missing.join(', '));
}

/**
 * Loads the engine and the policy once; resolves to `(req, res, next)`. Throws (rejects) an AssentError naming
 * the option when the options, the policy or the wasm are wrong.
 */
export async function assentCsp(options: AssentCspOptions): Promise<CspMiddleware> {
  if (!options || typeof options !== 'object') throw bad('pass an options object such as { policy }');
  for (const key of Object.keys(options))
    if (!OPTIONS.includes(key)) throw bad(`unknown option "${key}" (options: ${OPTIONS.join(', ')})`);
  // The full engine: its policy errors carry the "did you mean" hints the visitor build leaves out.
  const { policy, wasmPath = new URL('./assent-full.wasm', import.meta.url), region, reportOnly = false } = options;
  if (typeof policy !== 'string' && (!policy || typeof policy !== 'object' || Array.isArray(policy)))
    throw bad('options.policy must be the policy JSON text or the policy object');
  if (typeof wasmPath !== 'string' && !(wasmPath instanceof URL)) throw bad('options.wasmPath must be a file path or a file: URL');
  if (region !== undefined && typeof region !== 'function') throw bad('options.region must be a function (req) => "DE" | "US-CA" | … | undefined');
  if (typeof reportOnly !== 'boolean') throw bad('options.reportOnly must be true or false');

  let wasmBinary: Uint8Array;
  try {
    wasmBinary = await readFile(wasmPath);
  } catch (e) {
    throw new AssentError('wasm-load', `assentCsp: options.wasmPath: cannot read ${String(wasmPath)} (${e instanceof Error ? e.message : e})`);
  }
  // The glue has no loader of its own: it hands its imports to instantiateWasm (wasm/bindings/glue_pre.js).
  const engine = await new Promise<Awaited<ReturnType<typeof createAssentEngine>>>((resolve, reject) => {
    createAssentEngine({
      instantiateWasm(imports, receive) {
        WebAssembly.instantiate(wasmBinary as BufferSource, imports).then(
          (r) => receive(r.instance),
          (e) => reject(new AssentError('wasm-load', `assentCsp: options.wasmPath: ${String(wasmPath)} is not the Assent engine (${e instanceof Error ? e.message : e})`)),
        );
        return {};
      },
    }).then(resolve, reject);
  });
  const loaded = JSON.parse(engine.load(typeof policy === 'string' ? policy : JSON.stringify(policy)));
  if (loaded.error) throw new AssentError('policy-invalid', `assentCsp: options.policy: ${loaded.error.message}`, loaded.error.path);
  const cookieName: string = loaded.policy.storage.cookie;
  const headerName = reportOnly ? 'Content-Security-Policy-Report-Only' : 'Content-Security-Policy';

  return (req, res, next) => {
    const hint = region?.(req) ?? cdnRegion(req);
    const record = recordFromCookies(header(req, 'cookie') ?? '', cookieName);
    const context = {
      now: Math.floor(Date.now() / 1000),
      region: typeof hint === 'string' && REGION.test(hint) ? hint : null, // the engine refuses malformed hints
      record: record && record.length <= RECORD_MAX_CHARS ? record : null, // as the banner: a broken one is none
      gpc: header(req, 'sec-gpc') === '1',
      dnt: header(req, 'dnt') === '1',
    };
    const answer = JSON.parse(engine.csp(JSON.stringify(context)));
    if (answer.error) return next(new AssentError(answer.error.code, `assentCsp: ${answer.error.message}`));
    // Another policy already set (helmet, the app): keep both, the browser enforces each, so this only tightens.
    const existing = res.getHeader(headerName);
    const before = existing === undefined ? [] : Array.isArray(existing) ? existing : [String(existing)];
    res.setHeader(headerName, before.length ? [...before, answer.header] : answer.header);
    appendList(res, 'Vary', ['Cookie', 'Sec-GPC']); // the header differs per visitor: no shared cache may mix them
    next();
  };
}
