// The interceptor's state and its pure questions ("must this URL be held now?"), in a leaf module that the
// blocking modules share without importing each other: intercept.ts installs the patches, html-sinks.ts
// and network.ts hold what code writes or fetches, tagged.ts and embeds.ts release what Assent tagged.
// One state per page, shared by both bundles of the script-tag build (see shared-state.ts); the original
// setters are captured before anything patches them.
import { urlMatches } from '../glob';
import { shared } from '../shared-state';
import { trustedScriptURL } from '../trusted';

export const KINDS = [
  [HTMLScriptElement, 'src'],
  [HTMLIFrameElement, 'src'],
  [HTMLImageElement, 'src'],
  [HTMLLinkElement, 'href'],
] as const;
export type Blockable = HTMLScriptElement | HTMLIFrameElement | HTMLImageElement | HTMLLinkElement;

/** Where HTML written by code parks a held element's URL until intercept.ts picks the element up. */
export const PARKED = 'data-assent-src';

export const state = (shared().intercept ??= {
  installed: false,
  patterns: null,
  isGranted: () => false,
  held: new Map(),
  waiting: [] as (() => void)[],
  onTagged: null,
  fetch: window.fetch,
  setters: KINDS.map(([ctor, prop]) => Object.getOwnPropertyDescriptor(ctor.prototype, prop)!),
  setAttribute: Element.prototype.setAttribute,
});

function kindOf(el: Element): number {
  return KINDS.findIndex(([ctor]) => el instanceof ctor);
}

/** The attribute that carries the element's URL ("src" or "href"), or null when it is not blockable. */
export function urlAttribute(el: Element): string | null {
  const k = kindOf(el);
  return k < 0 ? null : KINDS[k][1];
}

/** Sets the URL bypassing the interceptor (for elements Assent itself releases). */
export function rawSetSrc(el: Blockable, url: string): void {
  const k = kindOf(el);
  state.setters[k].set!.call(el, k === 0 ? trustedScriptURL(url) : url);
}

/** setAttribute bypassing the interceptor. */
export function rawSetAttribute(el: Element, name: string, value: string): void {
  state.setAttribute.call(el, name, value);
}

export function absolute(url: string): string {
  try {
    return new URL(url, document.baseURI).href;
  } catch {
    return url;
  }
}

/** Whether a URL must not be contacted now. */
export function mustHold(url: string): boolean {
  const abs = absolute(url);
  if (!/^https?:/i.test(abs)) return false;
  if (state.patterns === null) return new URL(abs).origin !== location.origin;
  const hit = state.patterns.find((p) => urlMatches(p.pattern, abs));
  return !!hit && !state.isGranted(hit.service);
}

/** Tagged scripts and embeds that wait for consent (released by tagged.ts and embeds.ts). */
export const TAGGED_SELECTOR = 'script[type="text/plain"][data-category], [data-src][data-category], [data-src][data-service]';

/** Elements Assent itself manages (tagged, or released by it) are never intercepted. */
export function isAssentOwned(el: Element): boolean {
  return el.hasAttribute('data-category') || el.hasAttribute('data-assent');
}
