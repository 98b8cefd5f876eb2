// Code that writes HTML (innerHTML, outerHTML, insertAdjacentHTML, Range#createContextualFragment,
// document.write) makes elements whose URL is set by the parser, not by a setter, and an image starts loading
// the moment it is parsed. So the HTML is defused before it reaches the page: parsed once in an inert
// <template> (its document has no browsing context, so nothing loads), every element whose URL must be held
// gets that URL parked in data-assent-src instead, and intercept.ts picks the parked elements up when they
// are inserted. HTML without "src"/"href", or with nothing to hold, goes to the real sink untouched.
//
// innerHTML, outerHTML and insertAdjacentHTML then insert the defused nodes themselves (DOM insertion is no
// Trusted Types sink, and their scripts never run, exactly as with the real sink). createContextualFragment
// and document.write must re-parse (their scripts do run), so the rewritten HTML goes through trusted.ts.
//
// This is the shim's only use of innerHTML, and it only ever carries HTML the page's own code is writing, into
// an inert template. Assent's texts (the policy's) are set with textContent everywhere, never as HTML.
import { shared } from '../shared-state';
import { trustedHTML } from '../trusted';
import { absolute, mustHold, PARKED, urlAttribute } from './hold-state';

// The original, captured once per page (the core bundle's copy of this module loads after the patch).
const innerHTML = (shared().innerHTML ??= Object.getOwnPropertyDescriptor(Element.prototype, 'innerHTML')!);

/** The HTML parsed inertly with its held URLs parked, or null when nothing in it must be held. */
function defused(value: unknown): HTMLTemplateElement | null {
  if (!/src|href/i.test(String(value))) return null;
  const tpl = document.createElement('template');
  innerHTML.set!.call(tpl, value); // the page's own value: a TrustedHTML on an enforcing page
  let changed = false;
  tpl.content.querySelectorAll('script[src], iframe[src], img[src], link[href]').forEach((el) => {
    const attr = urlAttribute(el)!;
    const url = el.getAttribute(attr)!;
    if (el.hasAttribute('data-category') || el.hasAttribute('data-assent') || !mustHold(url)) return;
    el.setAttribute(PARKED, absolute(url));
    el.removeAttribute(attr);
    changed = true;
  });
  return changed ? tpl : null;
}

const reparse = (value: unknown): unknown => {
  const tpl = defused(value);
  return tpl ? trustedHTML(innerHTML.get!.call(tpl)) : value;
};

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Fn = (this: any, ...args: any[]) => any;
function wrap(proto: object, name: string, replace: (original: Fn) => Fn): void {
  const desc = Object.getOwnPropertyDescriptor(proto, name)!;
  if (desc.set) Object.defineProperty(proto, name, { ...desc, set: replace(desc.set) });
  else Object.defineProperty(proto, name, { ...desc, value: replace(desc.value) });
}

type Inserter = (this: Element | ShadowRoot, nodes: DocumentFragment) => void;
function viaDom(insert: Inserter) {
  return (original: Fn) => function (this: Element | ShadowRoot, value: unknown) {
    const tpl = this instanceof HTMLTemplateElement ? null : defused(value); // template content is inert anyway
    if (tpl) insert.call(this, tpl.content);
    else original.call(this, value);
  };
}

const POSITIONS: Record<string, Inserter | undefined> = {
  beforebegin(n) { (this as Element).before(n); },
  afterbegin(n) { this.prepend(n); },
  beforeend(n) { this.append(n); },
  afterend(n) { (this as Element).after(n); },
};

export function installHtmlSinks(): void {
  wrap(Element.prototype, 'innerHTML', viaDom(function (n) { this.replaceChildren(n); }));
  wrap(ShadowRoot.prototype, 'innerHTML', viaDom(function (n) { this.replaceChildren(n); }));
  wrap(Element.prototype, 'outerHTML', viaDom(function (n) { (this as Element).replaceWith(n); }));
  wrap(Element.prototype, 'insertAdjacentHTML', (original) => function (this: Element, where: string, value: unknown) {
    const insert = POSITIONS[String(where).toLowerCase()];
    const tpl = insert && defused(value);
    if (tpl) insert.call(this, tpl.content);
    else original.call(this, where, value);
  });
  wrap(Range.prototype, 'createContextualFragment', (original) => function (this: Range, value: unknown) {
    return original.call(this, reparse(value));
  });
  for (const name of ['write', 'writeln'])
    wrap(Document.prototype, name, (original) => function (this: Document, ...values: unknown[]) {
      return original.apply(this, values.map(reparse));
    });
}
