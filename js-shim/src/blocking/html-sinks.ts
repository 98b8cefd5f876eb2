// Code that writes HTML (innerHTML, outerHTML, insertAdjacentHTML, Range#createContextualFragment,
// document.write) makes elements whose URL is set by the parser, not by a setter, and an image starts loading
// the moment it is parsed. So the HTML is defused before it reaches the real sink: parsed once in an inert
// <template> (its document has no browsing context, so nothing loads), every element whose URL must be held
// gets that URL parked in data-assent-src instead, and the rewritten HTML goes on. intercept.ts picks the parked
// elements up when they are inserted. HTML without "src"/"href" is passed through untouched.
import { shared } from '../shared-state';
import { trustedHTML } from '../trusted';
import { absolute, mustHold, PARKED, urlAttribute } from './intercept';

// The original, captured once per page (the core bundle's copy of this module loads after the patch).
const innerHTML = (shared().innerHTML ??= Object.getOwnPropertyDescriptor(Element.prototype, 'innerHTML')!);

function defuse<T>(value: T): T | string {
  if (!/src|href/i.test(String(value))) return value;
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
  return changed ? trustedHTML(innerHTML.get!.call(tpl)) : value;
}

function wrapMethod(proto: object, name: string, argIndex: number | 'all'): void {
  const original = (proto as Record<string, (...a: unknown[]) => unknown>)[name];
  (proto as Record<string, unknown>)[name] = function (this: unknown, ...args: unknown[]) {
    const out = argIndex === 'all' ? args.map(defuse) : args.map((a, i) => (i === argIndex ? defuse(a) : a));
    return original.apply(this, out);
  };
}

function wrapSetter(proto: object, name: string): void {
  const desc = Object.getOwnPropertyDescriptor(proto, name)!;
  Object.defineProperty(proto, name, {
    ...desc,
    set(this: Element, value: unknown) {
      desc.set!.call(this, defuse(value));
    },
  });
}

export function installHtmlSinks(): void {
  wrapSetter(Element.prototype, 'innerHTML');
  wrapSetter(Element.prototype, 'outerHTML');
  wrapSetter(ShadowRoot.prototype, 'innerHTML');
  wrapMethod(Element.prototype, 'insertAdjacentHTML', 1);
  wrapMethod(Range.prototype, 'createContextualFragment', 0);
  wrapMethod(Document.prototype, 'write', 'all');
  wrapMethod(Document.prototype, 'writeln', 'all');
}
