// The interceptor's state and its pure questions ("must this URL be held now?"), in a leaf module that the
// blocking modules share without importing each other. One state per page, shared by both bundles of the
// script-tag build (see shared-state.ts, which keeps it out of the page's reach); the original DOM functions
// are captured before anything patches them.
import { urlMatches } from '../glob';
import { shared } from '../shared-state';

/** An element whose URL-bearing attributes (or style) Assent keeps until consent. */
export interface Held {
  el: Element;
  attrs: Map<string, { ns: string | null; value: string }>;
  /** A script or iframe the main document's parser inserted: neutralised in place, re-created on release. */
  parsed: boolean;
  type: string | null;
}

interface InterceptState {
  installed: boolean;
  patterns: { service: string; pattern: string }[] | null;
  isGranted: (service: string) => boolean;
  held: Map<Element, Held>;
  /** Calls made while the policy was unknown (fetch, XHR, beacons), decided once it is known. */
  waiting: (() => void)[];
  /** Other holders (CSS, …) re-checked whenever consent changes. */
  onRefresh: (() => void)[];
  onTagged: ((roots: Element[]) => void) | null;
  fetch: typeof fetch;
  setAttribute: typeof Element.prototype.setAttribute;
  setAttributeNS: typeof Element.prototype.setAttributeNS;
  removeAttribute: typeof Element.prototype.removeAttribute;
  /** Scripts and iframes Assent has seen being created by code (never treated as parser-inserted). */
  seen: WeakSet<Element>;
}

export const state = (shared().intercept ??= {
  installed: false,
  patterns: null,
  isGranted: () => false,
  held: new Map(),
  waiting: [],
  onRefresh: [],
  onTagged: null,
  fetch: window.fetch,
  setAttribute: Element.prototype.setAttribute,
  setAttributeNS: Element.prototype.setAttributeNS,
  removeAttribute: Element.prototype.removeAttribute,
  seen: new WeakSet(),
} satisfies InterceptState) as InterceptState;

/** Where HTML re-parsed by code (createContextualFragment, document.write) parks held attributes as JSON. */
export const PARKED = 'data-assent-held';

// Every attribute through which an element makes the browser fetch, by element name (SVG <image> too).
const URL_ATTRS: Record<string, string[]> = {
  script: ['src'], iframe: ['srcdoc', 'src'], frame: ['src'], img: ['srcset', 'src'], source: ['srcset', 'src'],
  video: ['poster', 'src'], audio: ['src'], track: ['src'], input: ['src'], object: ['data'], embed: ['src'],
  link: ['imagesrcset', 'href'], image: ['href', 'xlink:href'],
};
const NO_ATTRS: string[] = [];

/** The element's URL-bearing attributes, in the order they are restored (srcset before src). */
export function urlAttributes(el: Element): string[] {
  return URL_ATTRS[el.localName] ?? NO_ATTRS;
}

/** Whether setting `name` on `el` can make the browser fetch something (a URL attribute, or CSS). */
export function isFetchingAttribute(el: Element, name: string): boolean {
  return name === 'style' || urlAttributes(el).includes(name);
}

/** Selector for elements that carry a fetching attribute. */
export const FETCHING_SELECTOR = Object.entries(URL_ATTRS)
  .flatMap(([tag, attrs]) => attrs.map((a) => (a.includes(':') ? tag : `${tag}[${a}]`)))
  .concat('[style]', 'style')
  .join(',');

// Absolute and protocol-relative URLs inside HTML or CSS text (srcdoc, style, a data: document).
const EMBEDDED_URL = /(?:https?:)?\/\/[^\s"'<>()\\]+/gi;
const CSS_URL = /url\(\s*(['"]?)([^'")]*)\1\s*\)|@import\s+(['"])([^'"]*)\3/gi;

/** The URLs an attribute value makes the browser fetch. */
export function urlsIn(name: string, value: string): string[] {
  if (name === 'srcset' || name === 'imagesrcset')
    return value.split(',').map((c) => c.trim().split(/\s+/)[0]).filter(Boolean);
  if (name === 'style') return cssUrls(value);
  if (name === 'srcdoc') return value.match(EMBEDDED_URL) ?? [];
  if (/^\s*data:/i.test(value)) return dataUrls(value);
  return [value];
}

/** url(…) and @import targets in CSS text, plus any absolute URL (escapes and odd quoting fail closed). */
export function cssUrls(css: string): string[] {
  const out: string[] = [];
  for (const m of css.matchAll(CSS_URL)) out.push(m[2] ?? m[4]);
  return out.concat(css.match(EMBEDDED_URL) ?? []);
}

// A document in a data: URL (an iframe, object or embed) fetches what it names, like srcdoc.
function dataUrls(value: string): string[] {
  try {
    const comma = value.indexOf(',');
    const head = value.slice(0, comma);
    const body = decodeURIComponent(value.slice(comma + 1));
    return (/;base64/i.test(head) ? atob(body) : body).match(EMBEDDED_URL) ?? [];
  } catch {
    return [];
  }
}

export function absolute(url: string): string {
  try {
    return new URL(url, document.baseURI).href;
  } catch {
    return url;
  }
}

/**
 * The URL as patterns see it: absolute, host lowercased and IDN in punycode (URL does both), without userinfo
 * or a trailing dot on the host (`https://u:p@Tracker.Example.:443/` is `https://tracker.example/`).
 */
export function normalised(url: string): URL | null {
  try {
    const u = new URL(url, document.baseURI);
    u.username = '';
    u.password = '';
    if (u.hostname.endsWith('.')) u.hostname = u.hostname.replace(/\.+$/, '');
    return u;
  } catch {
    return null;
  }
}

/** The service whose pattern matches the URL, or undefined. */
export function serviceOf(url: string): string | undefined {
  const u = normalised(url);
  if (!u || !state.patterns) return undefined;
  // A socket to a service's host is that service's too: ws(s) URLs are matched as http(s).
  const href = u.href.replace(/^ws(s?):/, 'http$1:');
  return state.patterns.find((p) => urlMatches(p.pattern, href))?.service;
}

/** Whether a URL must not be contacted now. */
export function mustHold(url: string): boolean {
  const u = normalised(url);
  if (!u || !/^(https?|wss?):$/.test(u.protocol)) return false;
  if (state.patterns === null) return u.host !== location.host; // policy unknown: every other host is suspect
  const service = serviceOf(u.href);
  return !!service && !state.isGranted(service);
}

/** Whether any URL an attribute value would fetch must not be contacted now. */
export function mustHoldValue(name: string, value: string): boolean {
  return urlsIn(name, value).some(mustHold);
}

/** Tagged scripts and embeds that wait for consent (released by tagged.ts and embeds.ts). */
export const TAGGED_SELECTOR = 'script[type="text/plain"][data-category], script[type="text/plain"][data-assent-category], [data-src][data-category], [data-src][data-service], [data-src][data-assent-category]';

/** Elements Assent itself released or manages are never intercepted. */
export function isAssentOwned(el: Element): boolean {
  return el.hasAttribute('data-assent');
}

/** setAttribute bypassing the interceptor. */
export function rawSetAttribute(el: Element, name: string, value: string, ns: string | null = null): void {
  if (ns) state.setAttributeNS.call(el, ns, name, value);
  else state.setAttribute.call(el, name, value);
}
