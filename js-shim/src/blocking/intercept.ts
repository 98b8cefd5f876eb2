// Holds back what would contact a service without consent, from the first moment: installed synchronously by
// the prologue, before the policy or the engine have loaded. While the policy is unknown, every other host is
// suspect (fail closed). How a request is made decides how it is caught:
// - an element's URL set by code (properties, attribute APIs): element-patches.ts; the same element gets the
//   value back on release (hold.ts), so its onload/onerror handlers still fire;
// - markup parsed by code (innerHTML, DOMParser, setHTMLUnsafe, clones, …): html-sinks.ts;
// - requests without an element (fetch, XHR, beacons, sockets, pop-ups): network.ts; CSS: css.ts;
// - other same-origin realms (iframes, pop-ups) get all of these: realms.ts;
// - the HTML source: a script or iframe the main parser inserts is neutralised before it runs (the parser
//   performs a microtask checkpoint first) and re-created on release. The browser's preload scanner may still
//   fetch such a URL, and a static <img>/<link>/<video> loads before any script sees it, so static markup
//   should be tagged (README); the CSP layer (config/csp.md) covers what no script can.
import { patchAudio, patchElements } from './element-patches';
import { holdParsed, isHeld } from './hold';
import { absolute, isAssentOwned, mustHold, mustHoldValue, PARKED, rawSetAttribute, state, TAGGED_SELECTOR } from './hold-state';
import { trustedScript } from '../trusted';
import { holdStyleText, patchCss } from './css';
import { patchHtmlSinks } from './html-sinks';
import { patchNetwork } from './network';
import { installRealms, patchRealm } from './realms';

// A script of another type (text/plain: tagged for Assent, JSON, templates) never runs: nothing to hold.
const isJavaScript = (type: string | null) => !type || /^\s*(module|(text|application)\/(x-)?(java|ecma)script)\s*$/i.test(type);

// Speculation rules (<script type=speculationrules>) make the browser prefetch the URLs they list, soon after the
// rules are inserted; removing the element withdraws them. So rules naming a held URL are taken out (a comment
// marks their place) and put back as a fresh copy once every URL in them may be contacted.
const heldRules = new Map<Comment, string>();
function holdRules(el: Element): void {
  const text = el.textContent ?? '';
  if (!mustHoldValue('srcdoc', text)) return;
  const mark = document.createComment('assent: speculation rules held until consent');
  el.replaceWith(mark);
  heldRules.set(mark, text);
}
state.onRefresh.push(() => {
  for (const [mark, text] of heldRules) {
    if (mustHoldValue('srcdoc', text)) continue;
    heldRules.delete(mark);
    const copy = document.createElement('script');
    copy.type = 'speculationrules';
    rawSetAttribute(copy, 'data-assent', 'released');
    copy.textContent = trustedScript(text);
    mark.replaceWith(copy);
  }
});

function onAdded(node: Node): void {
  if (node.nodeType === 3) {
    const parent = node.parentNode as Element | null;
    if (parent?.localName === 'style') holdStyleText(parent); // text appended to a <style>
    return;
  }
  if (node.nodeType !== 1) return;
  const el = node as Element;
  el.querySelectorAll(`script[src], script[type], iframe, frame, style, [${PARKED}]`).forEach(onAdded);
  const name = el.localName;
  if (name === 'iframe' || name === 'frame') patchRealm((el as HTMLIFrameElement).contentWindow);
  if (name === 'style') holdStyleText(el);
  if (isHeld(el) || isAssentOwned(el)) return;
  const parked = el.getAttribute(PARKED);
  if (parked !== null) {
    // Re-parsed by code while it had to be held (html-sinks.ts): hold it (released at once below if consent
    // arrived in between).
    el.removeAttribute(PARKED);
    for (const [attr, a] of JSON.parse(parked) as [string, { ns: string | null; value: string }][])
      el.setAttributeNS(a.ns, attr, a.value); // through the patched setter: held again, or set
    return;
  }
  if (name !== 'script' && name !== 'iframe' && name !== 'frame') return;
  if (name === 'script' && el.getAttribute('type')?.trim().toLowerCase() === 'speculationrules') return holdRules(el);
  // Only the main document's parser inserts a script Assent may re-create: one that arrives while the page is
  // parsing and that no code made (scripts from innerHTML, DOMParser or a clone are never run by the browser,
  // so they must never be run by Assent either). Iframes load wherever they come from.
  const src = el.getAttribute('src');
  if (!src || !mustHold(src)) return;
  if (name === 'script' && (state.seen.has(el) || document.readyState !== 'loading' || !isJavaScript(el.getAttribute('type')))) return;
  holdParsed(el as HTMLScriptElement, absolute(src));
}

// Each document's one observer (the page's, and each same-origin child document's): holds what arrives, and
// tells the controller (watchTagged) when tagged scripts or embeds arrived, so it releases the granted ones.
function observe(w: Window): void {
  new MutationObserver((records) => {
    const tagged: Element[] = [];
    for (const r of records) {
      r.addedNodes.forEach((n) => {
        onAdded(n);
        if (n.nodeType === 1 && ((n as Element).matches(TAGGED_SELECTOR) || (n as Element).querySelector(TAGGED_SELECTOR))) tagged.push(n as Element);
      });
    }
    if (tagged.length) state.onTagged?.(tagged);
  }).observe(w.document, { childList: true, subtree: true });
}

/** Installs the interceptor. Called once, synchronously, as early as possible. */
export function installInterceptor(): void {
  if (state.installed) return;
  state.installed = true;
  installRealms([patchElements, patchAudio, patchHtmlSinks, patchNetwork, patchCss, observe]);
}
