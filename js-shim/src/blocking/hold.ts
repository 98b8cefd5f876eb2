// Holding and releasing the fetching attributes of one element. Whatever path an attribute takes (a property
// setter, setAttribute/NS, an Attr node, HTML parsed by code, a clone), it ends in holdAttribute() or
// holdElement(); release() puts the very same values back on the very same element, so the browser then does
// exactly what it would have done (an image loads; a script that was never started runs; a script the browser
// had already marked started — from innerHTML, DOMParser, a template — stays inert, as it would have).
import { trustedHTML, trustedScriptURL } from '../trusted';
import {
  isAssentOwned, isFetchingAttribute, mustHoldValue, rawSetAttribute, state, urlAttributes, type Held,
} from './hold-state';

const held = state.held;

function entry(el: Element): Held {
  let h = held.get(el);
  if (!h) held.set(el, (h = { el, attrs: new Map(), parsed: false, type: null }));
  return h;
}

/**
 * Code sets attribute `name` to `value`: true when Assent keeps it (the caller then does not set it).
 * A later value that needs no holding replaces a held one.
 */
export function holdAttribute(el: Element, name: string, value: unknown, ns: string | null = null): boolean {
  const local = name.toLowerCase();
  if (!isFetchingAttribute(el, local) || isAssentOwned(el)) return false;
  const text = String(value);
  if (!mustHoldValue(local, text)) {
    held.get(el)?.attrs.delete(local);
    return false;
  }
  entry(el).attrs.set(local, { ns, value: text });
  if (el.localName === 'script') state.seen.add(el);
  return true;
}

/** The value code set and Assent keeps, if any (what the property getter answers). */
export function heldValue(el: Element, name: string): string | undefined {
  return held.get(el)?.attrs.get(name)?.value;
}

/** Moves every fetching attribute of `el` (made by a parser or a clone) into Assent's keeping. True if any was. */
export function holdElement(el: Element): boolean {
  if (isAssentOwned(el)) return false;
  if (el.localName === 'script' || el.localName === 'iframe') state.seen.add(el);
  let any = false;
  for (const name of [...urlAttributes(el), 'style']) {
    const attr = el.getAttributeNode(name) ?? (name === 'xlink:href' ? el.getAttributeNodeNS('http://www.w3.org/1999/xlink', 'href') : null);
    if (!attr || !mustHoldValue(name, attr.value)) continue;
    entry(el).attrs.set(name, { ns: attr.namespaceURI, value: attr.value });
    el.removeAttributeNode(attr);
    any = true;
  }
  return any;
}

/** Holds a script or iframe the document's parser inserted (see intercept.ts). */
export function holdParsed(el: HTMLScriptElement | HTMLIFrameElement, url: string): void {
  const h = entry(el);
  h.parsed = true;
  h.type = el.getAttribute('type');
  h.attrs.set('src', { ns: null, value: url });
  if (el.localName === 'script') (el as HTMLScriptElement).type = 'javascript/blocked';
  else state.removeAttribute.call(el, 'src');
}

export function isHeld(el: Element): boolean {
  return held.has(el);
}

function typed(el: Element, name: string, value: string): string {
  if (el.localName === 'script' && name === 'src') return trustedScriptURL(value);
  if (name === 'srcdoc') return trustedHTML(value);
  return value;
}

/**
 * Loads `url` into a fresh copy of a parser-inserted element: a parser-inserted script cannot be restarted,
 * and Chromium may drop a navigation set on an iframe the parser has just inserted (it stays about:blank),
 * never on one inserted with its src already set.
 */
export function loadFresh(el: HTMLScriptElement | HTMLIFrameElement, url: string, type: string | null = null): void {
  let copy: Element;
  if (el.localName === 'script') {
    const script = document.createElement('script');
    for (const a of Array.from(el.attributes)) if (a.name !== 'type' && a.name !== 'src') rawSetAttribute(script, a.name, a.value);
    if (type) script.type = type;
    if (el.nonce) script.nonce = el.nonce;
    script.async = (el as HTMLScriptElement).async;
    copy = script;
  } else {
    copy = el.cloneNode(false) as Element;
  }
  rawSetAttribute(copy, 'data-assent', 'released');
  rawSetAttribute(copy, 'src', typed(copy, 'src', url));
  el.replaceWith(copy);
}

/** The holds of `source`'s subtree, carried over to its deep copy `clone` (cloneNode, importNode). */
export function copyHolds(source: Node, clone: Node, deep: boolean): void {
  if (!held.size || (source.nodeType !== 1 && source.nodeType !== 11)) return;
  const all = (n: Node) => [n, ...(deep ? Array.from((n as ParentNode).querySelectorAll('*')) : [])];
  const from = all(source);
  const to = all(clone);
  from.forEach((el, i) => {
    const h = held.get(el as Element);
    if (h && to[i]) held.set(to[i] as Element, { ...h, el: to[i] as Element, attrs: new Map(h.attrs) });
  });
}

// A connected element whose attribute change alone does not start the fetch again: an iframe made by a parser
// (Chromium may drop a navigation set on it), a preload link without href. It is replaced by a copy.
const needsFreshCopy = (el: Element, names: string[]) =>
  el.isConnected && ((el.localName === 'iframe' && state.seen.has(el)) || (el.localName === 'link' && !names.includes('href')));

/** Puts back what is no longer held: every attribute of an element at once, when none must be held. */
export function releaseHeld(): void {
  for (const h of Array.from(held.values())) {
    const values = Array.from(h.attrs, ([name, a]) => [name, a] as const);
    if (values.some(([name, a]) => mustHoldValue(name, a.value))) continue;
    held.delete(h.el);
    if (h.parsed) {
      loadFresh(h.el as HTMLScriptElement, h.attrs.get('src')!.value, h.type);
      continue;
    }
    const fresh = needsFreshCopy(h.el, values.map(([n]) => n)) ? h.el.cloneNode(false) as Element : null;
    const target = fresh ?? h.el;
    for (const [name, a] of values) rawSetAttribute(target, name, typed(target, name, a.value), a.ns);
    if (fresh) h.el.replaceWith(fresh);
    // A <source>/<track> added to a media element that found no source: the element must try again.
    const media = h.el.parentElement as HTMLMediaElement | null;
    if (h.el.localName === 'source' && media && /^(video|audio)$/.test(media.localName) && media.networkState === 3) media.load();
  }
}
