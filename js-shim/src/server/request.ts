// What the server entries read of a request (and the one list-header helper both write with): the consent cookie, Sec-GPC, DNT, Accept-Language and the
// visitor's region from a CDN header. The engine decides; this only gathers its inputs.
import { recordFromCookies } from '../storage';

/** Request headers as node:http gives them (lower-case names); a Web `Headers` is read through `fromHeaders`. */
export type HeaderBag = Record<string, string | string[] | undefined>;

const RECORD_MAX_CHARS = 4096; // the engine's kRecordChars (wasm/core/limits.hpp): longer is no record
const REGION = /^[A-Za-z]{2}(?:[-_][A-Za-z0-9]{1,3})?$/; // SPEC.md §Region codes; anything else: no region
const SUBDIVISION = /^[A-Za-z0-9]{1,3}$/;
const LANGUAGE = /^[A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*$/;
// [country header, subdivision header] of common CDNs (Cloudflare's needs its visitor-location transform); `assent
// scan` sends them to the scanned site, so a server-assisted page decides for the region scanned.
export const CDN_HEADERS: ReadonlyArray<readonly [string, string]> = [
  ['cf-ipcountry', 'cf-region-code'],
  ['cloudfront-viewer-country', 'cloudfront-viewer-country-region'],
  ['x-vercel-ip-country', 'x-vercel-ip-country-region'],
];

export function header(headers: HeaderBag, name: string): string | undefined {
  const v = headers[name];
  return Array.isArray(v) ? v.join('; ') : v;
}

/** A Web `Headers` (Next.js, fetch handlers) as a node:http-style header bag. */
export function fromHeaders(h: { forEach(fn: (value: string, name: string) => void): void }): HeaderBag {
  const bag: HeaderBag = {};
  h.forEach((value, name) => (bag[name.toLowerCase()] = value));
  return bag;
}

/** The region a CDN put on the request: "DE", or "US-CA" when it also gives the subdivision. */
export function cdnRegion(headers: HeaderBag, countryHeader?: string, subdivisionHeader?: string): string | undefined {
  const pairs: ReadonlyArray<readonly [string, string]> = countryHeader ? [[countryHeader.toLowerCase(), (subdivisionHeader || '').toLowerCase()], ...CDN_HEADERS] : CDN_HEADERS;
  for (const [country, subdivision] of pairs) {
    const c = header(headers, country);
    if (!c) continue;
    const s = subdivision ? header(headers, subdivision) : undefined;
    return s && SUBDIVISION.test(s) ? `${c}-${s}` : c;
  }
  return undefined;
}

/** Accept-Language as a preference list, best first (q=0 and "*" dropped, at most 16: the engine's limit). */
export function acceptLanguages(value: string | undefined): string[] {
  if (!value) return [];
  return value
    .split(',')
    .map((part, i) => {
      const [tag, ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find((x) => x !== undefined);
      return { tag: tag.trim(), q: q === undefined ? 1 : Number(q), i };
    })
    .filter((x) => LANGUAGE.test(x.tag) && x.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i)
    .slice(0, 16)
    .map((x) => x.tag);
}

/** The engine's context for this request (what the banner would send, with the server's region and languages). */
export function requestContext(headers: HeaderBag, cookieName: string, region: string | undefined, languages: boolean): object {
  const record = recordFromCookies(header(headers, 'cookie') ?? '', cookieName);
  const langs = languages ? acceptLanguages(header(headers, 'accept-language')) : [];
  return {
    now: Math.floor(Date.now() / 1000),
    region: typeof region === 'string' && REGION.test(region) ? region : null, // the engine refuses malformed hints
    record: record && record.length <= RECORD_MAX_CHARS ? record : null, // as the banner: a broken one is none
    gpc: header(headers, 'sec-gpc') === '1',
    dnt: header(headers, 'dnt') === '1',
    ...(langs.length ? { languages: langs } : {}),
  };
}

/** Adds `values` to a list header such as Vary, keeping what is there (node:http's and Express's response fit). */
export function appendList(
  res: { getHeader(name: string): number | string | string[] | undefined; setHeader(name: string, value: string): unknown },
  name: string,
  values: string[],
): void {
  const have = String(res.getHeader(name) ?? '');
  const missing = values.filter((v) => !have.toLowerCase().split(/\s*,\s*/).includes(v.toLowerCase()));
  if (missing.length) res.setHeader(name, have ? `${have}, ${missing.join(', ')}` : missing.join(', '));
}
