// Holds back untagged elements that would contact a service's `scripts` patterns — <script src>, <iframe src>,
// <img src> (pixels) and <link href> (preload, prefetch, stylesheet) — from the first moment: installed
// synchronously by the prologue, before the policy or the engine have loaded. While the policy is unknown,
// every other origin is suspect (fail closed).
//
// How an element gets its URL decides how it is caught:
// - set by code (`.src`/`.href`, setAttribute): the patched setter keeps the URL; on release the *same element*
//   receives it, so onload/onerror handlers still fire. A script with neither src nor text is not "started",
//   and setting src later on the connected element runs it (HTML spec, "prepare the script element").
// - written as HTML by code (innerHTML, outerHTML, insertAdjacentHTML, createContextualFragment,
//   document.write): see html-sinks.ts; such elements arrive with their URL parked in data-assent-src.
// - requested by code without an element (fetch, sendBeacon): see network.ts.
// - in the HTML source: parser-inserted scripts and iframes are neutralised before they run (the parser
//   performs a microtask checkpoint first) and re-created on release. The browser's preload scanner may still
//   fetch such a URL, so static tags should use type="text/plain" / data-src (README).
import { installHtmlSinks } from './html-sinks';
import { decideWaiting, installNetworkHold } from './network';
import { absolute, isAssentOwned, KINDS, mustHold, PARKED, rawSetAttribute, rawSetSrc, state, TAGGED_SELECTOR, urlAttribute, type Blockable } from './hold-state';

interface Held {
  el: Blockable;
  url: string;
  parsed: boolean; // a script/iframe in the HTML source: neutralised in place, re-created on release
  type: string | null;
}
const held = state.held as Map<Blockable, Held>;
const BLOCKED_TYPE = 'javascript/blocked';

function hold(el: Blockable, url: string, parsed: boolean): void {
  held.set(el, { el, url, parsed, type: parsed ? el.getAttribute('type') : null });
  if (parsed && el instanceof HTMLScriptElement) el.type = BLOCKED_TYPE;
  if (parsed && el instanceof HTMLIFrameElement) el.removeAttribute('src');
}

function patchSetter(k: number): void {
  const [ctor, prop] = KINDS[k];
  const desc = state.setters[k];
  Object.defineProperty(ctor.prototype, prop, {
    configurable: true,
    enumerable: desc.enumerable,
    get(this: Blockable) {
      return held.get(this)?.url ?? desc.get!.call(this);
    },
    set(this: Blockable, value: string) {
      if (!isAssentOwned(this) && mustHold(String(value))) hold(this, absolute(String(value)), false);
      else desc.set!.call(this, value);
    },
  });
}

function onAdded(node: Node): void {
  if (!(node instanceof Element)) return;
  const attr = urlAttribute(node);
  if (!attr) {
    node.querySelectorAll(`script[src], iframe[src], [${PARKED}]`).forEach(onAdded);
    return;
  }
  if (held.has(node as Blockable) || isAssentOwned(node)) return;
  const parked = node.getAttribute(PARKED);
  if (parked !== null) {
    // Written as HTML by code while it had to be held (html-sinks.ts): hold it, or release it at once if
    // consent arrived in between.
    node.removeAttribute(PARKED);
    hold(node as Blockable, parked, false);
    if (!mustHold(parked)) release(held.get(node as Blockable)!);
    return;
  }
  // Static <img>/<link> in the HTML are fetched by the parser before any script can see them: not touched.
  const src = node.getAttribute(attr);
  if (src && attr === 'src' && !(node instanceof HTMLImageElement) && mustHold(src)) hold(node as Blockable, absolute(src), true);
}

/** Installs the interceptor. Called once, synchronously, as early as possible. */
export function installInterceptor(): void {
  if (state.installed) return;
  state.installed = true;
  KINDS.forEach((_, k) => patchSetter(k));
  installHtmlSinks();
  installNetworkHold();
  Element.prototype.setAttribute = function (this: Element, name: string, value: string) {
    if (urlAttribute(this) === name.toLowerCase()) {
      (this as unknown as Record<string, string>)[name.toLowerCase()] = value; // through the patched setter
      return;
    }
    return rawSetAttribute(this, name, value);
  };
  // The page's one document observer: holds what arrives, and tells the controller (watchTagged) when
  // tagged scripts or embeds arrived, so it releases the granted ones.
  new MutationObserver((records) => {
    const tagged: Element[] = [];
    for (const r of records) {
      r.addedNodes.forEach((n) => {
        onAdded(n);
        if (n instanceof Element && (n.matches(TAGGED_SELECTOR) || n.querySelector(TAGGED_SELECTOR))) tagged.push(n);
      });
    }
    if (tagged.length) state.onTagged?.(tagged);
  }).observe(document.documentElement, { childList: true, subtree: true });
}

/** Calls `fn` with the added subtrees that hold tagged scripts or embeds (one call per batch of mutations). */
export function watchTagged(fn: (roots: Element[]) => void): void {
  state.onTagged = fn;
}

/**
 * Loads `url` into a fresh copy of a parser-inserted element: a parser-inserted script cannot be restarted,
 * and Chromium may drop a navigation set on an iframe the parser has just inserted (it stays about:blank),
 * never on one inserted with its src already set.
 */
export function loadFresh(el: HTMLScriptElement | HTMLIFrameElement, url: string, type: string | null = null): void {
  let copy: HTMLScriptElement | HTMLIFrameElement;
  if (el instanceof HTMLScriptElement) {
    const script = document.createElement('script');
    for (const a of Array.from(el.attributes)) if (a.name !== 'type' && a.name !== 'src') rawSetAttribute(script, a.name, a.value);
    if (type) script.type = type;
    if (el.nonce) script.nonce = el.nonce;
    script.async = el.async;
    copy = script;
  } else {
    copy = el.cloneNode(false) as HTMLIFrameElement;
  }
  rawSetSrc(copy, url);
  el.replaceWith(copy);
}

function release(h: Held): void {
  held.delete(h.el);
  if (h.parsed) loadFresh(h.el as HTMLScriptElement | HTMLIFrameElement, h.url, h.type);
  else rawSetSrc(h.el, h.url);
}

/** The policy has loaded: hold only what matches a service; let everything else through. */
export function configureInterceptor(
  services: { id: string; scripts: string[] }[],
  granted: (service: string) => boolean,
): void {
  state.patterns = services.flatMap((s) => s.scripts.map((pattern) => ({ service: s.id, pattern })));
  state.isGranted = granted;
  refreshInterceptor();
  decideWaiting();
}

/** Consent changed: release what is now granted. */
export function refreshInterceptor(): void {
  for (const h of Array.from(held.values())) if (!mustHold(h.url)) release(h);
}
