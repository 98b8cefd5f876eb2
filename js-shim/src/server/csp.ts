// `assent-consent/csp`: a Node middleware (Express/Connect, or plain node:http) that sends each visitor the
// Content-Security-Policy allowing only the services they have granted, so the browser itself blocks what the
// banner's JavaScript cannot intercept. The same wasm engine as the banner answers (engine csp(), wasm/core/csp.hpp),
// from the same consent cookie; config/csp.md has the recipes. build.mjs bundles this into dist/csp.mjs.
import { AssentError } from '../errors';
import { loadNodeEngine } from './node-engine';
import { appendList, cdnRegion, requestContext } from './request';

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

const bad = (message: string) => new AssentError('bad-options', `assentCsp: ${message}`);

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

  const { engine, summary } = await loadNodeEngine('assentCsp', wasmPath, policy);
  const cookieName = summary.storage.cookie;
  const headerName = reportOnly ? 'Content-Security-Policy-Report-Only' : 'Content-Security-Policy';

  return (req, res, next) => {
    const context = requestContext(req.headers, cookieName, region?.(req) ?? cdnRegion(req.headers), false);
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
