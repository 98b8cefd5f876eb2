// Holds back untagged <script>/<iframe> elements whose URL matches a service's `scripts` patterns, from the
// first moment: installed synchronously by the prologue, before the policy or the engine have loaded.
//
// Scripts created by other code (createElement + .src / setAttribute) never get their real src until the
// service is granted; on release the *same element* receives it, so onload/onerror handlers and listeners
// still fire (cloning, as yett does, loses them). A script element with neither src nor text is not
// "started" by the browser, and setting src later on the connected element runs it — per the HTML spec.
// Scripts written in the HTML source are parser-inserted: they are neutralised by type before they run (the
// parser performs a microtask checkpoint before preparing a script), and re-created on release. The
// browser's preload scanner may still fetch such a URL, so static tags should use type="text/plain".
import { urlMatches } from '../glob';
import { shared } from '../shared-state';

type Blockable = HTMLScriptElement | HTMLIFrameElement;
interface Held {
  el: Blockable;
  url: string;
  parsed: boolean; // in the HTML source: neutralised by type, re-created on release
  type: string | null;
}

// One state per page, shared by both bundles of the script-tag build (see shared-state.ts); the original
// setters are captured before anything patches them.
const state = (shared().intercept ??= {
  installed: false,
  patterns: null, // null: policy not loaded yet
  isGranted: () => false,
  held: new Map(),
  scriptSrc: Object.getOwnPropertyDescriptor(HTMLScriptElement.prototype, 'src')!,
  iframeSrc: Object.getOwnPropertyDescriptor(HTMLIFrameElement.prototype, 'src')!,
  setAttribute: Element.prototype.setAttribute,
});
const held = state.held as Map<Blockable, Held>;
const { scriptSrc, iframeSrc, setAttribute: setAttr } = state;
const BLOCKED_TYPE = 'javascript/blocked';

/** Sets src bypassing the interceptor (for elements Assent itself releases). */
export function rawSetSrc(el: Blockable, url: string): void {
  (el instanceof HTMLScriptElement ? scriptSrc : iframeSrc).set!.call(el, url);
}

function absolute(url: string): string {
  try {
    return new URL(url, document.baseURI).href;
  } catch {
    return url;
  }
}

/** The service a URL belongs to; while the policy is unknown, any other origin is suspect (fail closed). */
function mustHold(url: string): boolean {
  const abs = absolute(url);
  if (!/^https?:/i.test(abs)) return false;
  if (state.patterns === null) return new URL(abs).origin !== location.origin;
  const hit = state.patterns.find((p) => urlMatches(p.pattern, abs));
  return !!hit && !state.isGranted(hit.service);
}

function hold(el: Blockable, url: string, parsed: boolean): void {
  held.set(el, { el, url, parsed, type: parsed ? el.getAttribute('type') : null });
  if (parsed && el instanceof HTMLScriptElement) el.type = BLOCKED_TYPE;
  if (parsed && el instanceof HTMLIFrameElement) el.removeAttribute('src');
}

function patchSrc(proto: object, desc: PropertyDescriptor): void {
  Object.defineProperty(proto, 'src', {
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

function isAssentOwned(el: Element): boolean {
  return el.hasAttribute('data-category') || el.hasAttribute('data-assent');
}

function onAdded(node: Node): void {
  if (!(node instanceof HTMLScriptElement || node instanceof HTMLIFrameElement)) {
    if (node instanceof Element) node.querySelectorAll('script[src], iframe[src]').forEach(onAdded);
    return;
  }
  if (held.has(node) || isAssentOwned(node)) return;
  const src = node.getAttribute('src');
  if (src && mustHold(src)) hold(node, absolute(src), true);
}

/** Installs the interceptor. Called once, synchronously, as early as possible. */
export function installInterceptor(): void {
  if (state.installed) return;
  state.installed = true;
  patchSrc(HTMLScriptElement.prototype, scriptSrc);
  patchSrc(HTMLIFrameElement.prototype, iframeSrc);
  Element.prototype.setAttribute = function (this: Element, name: string, value: string) {
    if ((this instanceof HTMLScriptElement || this instanceof HTMLIFrameElement) && name.toLowerCase() === 'src') {
      (this as Blockable).src = value; // through the patched setter
      return;
    }
    return setAttr.call(this, name, value);
  };
  new MutationObserver((records) => records.forEach((r) => r.addedNodes.forEach(onAdded))).observe(
    document.documentElement,
    { childList: true, subtree: true },
  );
}

function release(h: Held): void {
  held.delete(h.el);
  if (!h.parsed) {
    rawSetSrc(h.el, h.url);
    return;
  }
  if (h.el instanceof HTMLIFrameElement) {
    rawSetSrc(h.el, h.url);
    return;
  }
  // A parser-inserted script cannot be restarted: re-create it with the same attributes.
  const copy = document.createElement('script');
  for (const a of Array.from(h.el.attributes)) if (a.name !== 'type' && a.name !== 'src') setAttr.call(copy, a.name, a.value);
  if (h.type) copy.type = h.type;
  if (h.el.nonce) copy.nonce = h.el.nonce;
  copy.async = h.el.async;
  rawSetSrc(copy, h.url);
  h.el.replaceWith(copy);
}

/** The policy has loaded: hold only what matches a service; let everything else through. */
export function configureInterceptor(
  services: { id: string; scripts: string[] }[],
  granted: (service: string) => boolean,
): void {
  state.patterns = services.flatMap((s) => s.scripts.map((pattern) => ({ service: s.id, pattern })));
  state.isGranted = granted;
  refreshInterceptor();
}

/** Consent changed: release what is now granted. */
export function refreshInterceptor(): void {
  for (const h of Array.from(held.values())) if (!mustHold(h.url)) release(h);
}
