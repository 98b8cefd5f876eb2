// `assent-consent/server`: the banner in the first paint. Per request the same wasm engine as the banner
// decides from the consent cookie, Sec-GPC, Accept-Language and the CDN's region header; the page gets the
// decision (for the shim to adopt, early.ts) and, when the banner shows, its markup in a declarative shadow
// root, so it is painted with the page and needs no script to appear. The shim then loads the engine only
// for a choice (prefetched at idle time). Optionally it also sends the Content-Security-Policy (config/csp.md).
//   Framework-agnostic node:http / Connect / Express:  app.use((await assentServer({ policy })).middleware)
//   Next.js (App Router): const { head, body } = await assent.render(headers())  →  README "Server-assisted start"
import { AssentError } from '../errors';
import type { Decision, PolicySummary } from '../types';
import { bannerMarkup, stateJson } from './markup';
import { answer, loadNodeEngine } from './node-engine';
import { appendList, cdnRegion, fromHeaders, requestContext, type HeaderBag } from './request';
import { wordsMerger, type Words } from '../words';

export interface AssentServerOptions {
  /** The Assent policy: its JSON text or the parsed object (the one the banner loads). */
  policy: string | object;
  /** Path or file: URL of assent.wasm; default: the one shipped next to this module. */
  wasmPath?: string | URL;
  /** The visitor's region ("DE", "US-CA") from your own logic; default: the CDN headers below. */
  region?: (headers: HeaderBag) => string | undefined;
  /** A country header your proxy sets (e.g. "x-country"), tried before the known CDN headers, and its subdivision header. */
  regionHeader?: string;
  regionSubdivisionHeader?: string;
  /** Also send the engine's Content-Security-Policy for this visitor ('report-only': report, block nothing). */
  csp?: boolean | 'report-only';
}

export interface RenderedConsent {
  decision: Decision;
  /** For <head>, before assent.js: the decision as a JSON script. */
  head: string;
  /** The same JSON alone ("<" escaped), for frameworks that write the script element themselves (React). */
  state: string;
  /** For the start of <body>: the banner (empty when it does not show). */
  body: string;
  /** The Content-Security-Policy header value, when options.csp is set. */
  csp?: string;
}

interface NodeRequest {
  headers: HeaderBag;
}
interface NodeResponse {
  statusCode: number;
  getHeader(name: string): number | string | string[] | undefined;
  setHeader(name: string, value: number | string | readonly string[]): unknown;
  removeHeader(name: string): void;
  writeHead(...args: unknown[]): unknown;
  write(...args: unknown[]): boolean;
  end(...args: unknown[]): unknown;
}

export interface AssentServer {
  /** The engine's decision and the markup for a request's headers (node:http's, or a Web Headers object). */
  render(headers: HeaderBag | Headers): RenderedConsent;
  /** Puts a rendered decision into an HTML document (after <head>, after <body>). */
  inject(html: string, rendered: RenderedConsent): string;
  /** Connect/Express/node:http middleware: injects into every text/html response (not already compressed). */
  middleware(req: NodeRequest, res: NodeResponse, next: (err?: unknown) => void): void;
}

const OPTIONS = ['policy', 'wasmPath', 'region', 'regionHeader', 'regionSubdivisionHeader', 'csp'];
const WHO = 'assentServer';
const bad = (message: string) => new AssentError('bad-options', `${WHO}: ${message}`);
// The page differs by these request headers: no shared cache may serve one visitor's page to another.
const VARY = ['Cookie', 'Sec-GPC', 'Accept-Language'];

function checkOptions(options: AssentServerOptions): void {
  if (!options || typeof options !== 'object') throw bad('pass an options object such as { policy }');
  for (const key of Object.keys(options))
    if (!OPTIONS.includes(key)) throw bad(`unknown option "${key}" (options: ${OPTIONS.join(', ')})`);
  const { policy, wasmPath, region, regionHeader, regionSubdivisionHeader, csp } = options;
  if (typeof policy !== 'string' && (!policy || typeof policy !== 'object' || Array.isArray(policy)))
    throw bad('options.policy must be the policy JSON text or the policy object');
  if (wasmPath !== undefined && typeof wasmPath !== 'string' && !(wasmPath instanceof URL)) throw bad('options.wasmPath must be a file path or a file: URL');
  if (region !== undefined && typeof region !== 'function') throw bad('options.region must be a function (headers) => "DE" | "US-CA" | … | undefined');
  for (const [k, v] of [['regionHeader', regionHeader], ['regionSubdivisionHeader', regionSubdivisionHeader]] as const)
    if (v !== undefined && (typeof v !== 'string' || !/^[A-Za-z0-9-]+$/.test(v))) throw bad(`options.${k} must be a header name such as "x-country"`);
  if (csp !== undefined && csp !== true && csp !== false && csp !== 'report-only') throw bad("options.csp must be true, false or 'report-only'");
}

/** After the first `<tag …>` (case-insensitive); at the start when there is none. */
function after(html: string, tag: string, insert: string): string {
  const m = new RegExp(`<${tag}(?:\\s[^>]*)?>`, 'i').exec(html);
  return m ? html.slice(0, m.index + m[0].length) + insert + html.slice(m.index + m[0].length) : insert + html;
}

/** Loads the engine and the policy once; throws (rejects) an AssentError naming the option when something is wrong. */
export async function assentServer(options: AssentServerOptions): Promise<AssentServer> {
  checkOptions(options);
  const { policy, wasmPath = new URL('./assent.wasm', import.meta.url), region, regionHeader, regionSubdivisionHeader, csp = false } = options;
  const { engine, summary } = await loadNodeEngine(WHO, wasmPath, policy);
  const words = wordsMerger((language) => answer<Words>(WHO, engine.words(language)));
  const cspHeader = csp === 'report-only' ? 'Content-Security-Policy-Report-Only' : 'Content-Security-Policy';

  const render = (input: HeaderBag | Headers): RenderedConsent => {
    const headers = typeof (input as Headers).forEach === 'function' && typeof (input as Headers).get === 'function' ? fromHeaders(input as Headers) : (input as HeaderBag);
    const hint = region ? region(headers) : cdnRegion(headers, regionHeader, regionSubdivisionHeader);
    const context = JSON.stringify(requestContext(headers, summary.storage.cookie, hint, true));
    const decision = words.merge(answer<Decision>(WHO, engine.decide(context)));
    const state: { v: 1; decision: Decision; summary: PolicySummary } = { v: 1, decision, summary };
    const json = stateJson(state);
    return {
      decision,
      head: `<script type="application/json" id="assent-state">${json}</script>`,
      state: json,
      body: decision.showBanner ? bannerMarkup(decision, summary.theme) : '',
      ...(csp ? { csp: answer<{ header: string }>(WHO, engine.csp(context)).header } : {}),
    };
  };

  const inject = (html: string, r: RenderedConsent) => after(after(html, 'head', r.head), 'body', r.body);

  const middleware: AssentServer['middleware'] = (req, res, next) => {
    let rendered: RenderedConsent;
    try {
      rendered = render(req.headers);
    } catch (e) {
      return next(e);
    }
    if (rendered.csp) res.setHeader(cspHeader, rendered.csp);
    appendList(res, 'Vary', VARY);
    const chunks: unknown[] = [];
    const original = { writeHead: res.writeHead, write: res.write, end: res.end };
    let head: unknown[] | null = null;
    let html: boolean | null = null; // decided at the first write: text/html, not already encoded
    const isHtml = () => (html ??= /^\s*text\/html/i.test(String(res.getHeader('Content-Type') ?? '')) && !res.getHeader('Content-Encoding') && res.statusCode !== 204 && res.statusCode !== 304);
    const restore = () => Object.assign(res, original);
    res.writeHead = (...args: unknown[]) => {
      // Headers given to writeHead are applied now, so the Content-Type check sees them.
      const hdrs = args.find((a, i) => i > 0 && a && typeof a === 'object') as Record<string, string> | undefined;
      if (typeof args[0] === 'number') res.statusCode = args[0];
      if (hdrs) for (const [k, v] of Object.entries(hdrs)) res.setHeader(k, v);
      head = [];
      return res;
    };
    res.write = (...args: unknown[]) => {
      if (!isHtml()) {
        restore();
        if (head) original.writeHead.call(res, res.statusCode);
        return original.write.apply(res, args);
      }
      if (args[0] != null && typeof args[0] !== 'function') chunks.push(args[0]);
      return true;
    };
    res.end = (...args: unknown[]) => {
      const body = typeof args[0] === 'function' ? undefined : args[0];
      if (!isHtml()) {
        restore();
        if (head) original.writeHead.call(res, res.statusCode);
        return original.end.apply(res, args);
      }
      if (body != null) chunks.push(body);
      restore();
      // Bytes joined before decoding: a character may be split across two writes.
      const parts = chunks.map((c) => (typeof c === 'string' ? new TextEncoder().encode(c) : (c as Uint8Array)));
      const bytes = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
      parts.reduce((at, p) => (bytes.set(p, at), at + p.length), 0);
      const text = new TextDecoder().decode(bytes);
      const out = inject(text, rendered);
      // A validator of the original body would let a cache serve another visitor's (or an old) banner.
      res.removeHeader('ETag');
      res.removeHeader('Last-Modified');
      res.setHeader('Content-Length', String(new TextEncoder().encode(out).length));
      if (!res.getHeader('Cache-Control')) res.setHeader('Cache-Control', 'private, no-cache');
      return original.end.call(res, out);
    };
    next();
  };

  return { render, inject, middleware };
}

/** Express: `app.use(await assentExpress({ policy }))` (the same middleware). */
export async function assentExpress(options: AssentServerOptions): Promise<AssentServer['middleware']> {
  return (await assentServer(options)).middleware;
}

/**
 * Next.js (App Router): in the root layout, `const c = (await assentNext(opts)).render(await headers())`, then
 * `<script … dangerouslySetInnerHTML>` and the banner markup as README "Server-assisted start" shows; the
 * CSP header goes in middleware.ts from `render(request.headers).csp`.
 */
export async function assentNext(options: AssentServerOptions): Promise<Pick<AssentServer, 'render'>> {
  const { render } = await assentServer(options);
  return { render };
}
