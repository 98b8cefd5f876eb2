// HTML made by code arrives with its URLs set by a parser, not by a setter, and an image starts loading the
// moment it is parsed into the page's document. So every way code turns markup into nodes is covered:
// - innerHTML, outerHTML, insertAdjacentHTML (Element, ShadowRoot), setHTMLUnsafe and setHTML: the markup is
//   parsed in an inert <template> document (no browsing context: nothing loads), the fetching attributes that
//   must be held are moved into Assent's keeping (hold.ts), then the nodes are inserted. Their scripts never
//   run, exactly as with the real sinks (the fragment parser marks them started).
// - DOMParser, Document.parseHTMLUnsafe: the returned document is defused before code sees it.
// - cloneNode, importNode, adoptNode (template clones): the copy is defused before it is returned.
// - createContextualFragment and document.write must re-parse (their scripts do run), so the rewritten markup
//   carries held attributes parked as JSON in data-assent-held, picked up by intercept.ts on insertion.
// Declarative shadow roots (open ones) in such markup are defused too.
//
// The shim's only use of innerHTML: HTML the page's own code is writing, into an inert template. Assent's
// texts (the policy's) are set with textContent everywhere, never as HTML.
import { shared } from '../shared-state';
import { trustedHTML } from '../trusted';
import { copyHolds, holdElement } from './hold';
import { FETCHING_SELECTOR, PARKED, state } from './hold-state';
import { wrapMethod, wrapSetter } from './element-patches';
import { holdStyleText } from './css';

type Realm = Window & typeof globalThis;

// The original, captured once per page (the core bundle's copy of this module loads after the patch).
const innerHTML = (shared().innerHTML ??= Object.getOwnPropertyDescriptor(Element.prototype, 'innerHTML')!);
const MAYBE_FETCHING = /src|href|data|poster|style|url\(/i;

/** Holds what must be held in `root` (and, with `shadows`, in its open shadow roots). True if anything was. */
export function defuse(root: ParentNode, shadows = false): boolean {
  let any = false;
  const hold = (el: Element) => {
    if (el.localName === 'script') state.seen.add(el);
    if (el.localName === 'style' ? holdStyleText(el as HTMLStyleElement) : holdElement(el)) any = true;
  };
  if ((root as Element).nodeType === 1 && (root as Element).matches(SELECTOR)) hold(root as Element);
  root.querySelectorAll(SELECTOR).forEach(hold);
  if (shadows)
    root.querySelectorAll('*').forEach((el) => {
      if (el.shadowRoot && defuse(el.shadowRoot, true)) any = true;
    });
  return any;
}
const SELECTOR = `${FETCHING_SELECTOR},script,style`;

/** The markup parsed in an inert template (nothing loads). */
function parsed(value: unknown): HTMLTemplateElement {
  const tpl = document.createElement('template');
  innerHTML.set!.call(tpl, value); // the page's own value: a TrustedHTML on an enforcing page
  return tpl;
}

/** The markup parsed inertly, defused. */
function inert(value: unknown): HTMLTemplateElement {
  const tpl = parsed(value);
  defuse(tpl.content);
  return tpl;
}

/** Re-parseable markup with held attributes parked, or the value itself when nothing must be held. */
const reparse = (value: unknown): unknown => {
  if (!MAYBE_FETCHING.test(String(value))) return value;
  const tpl = parsed(value);
  let changed = false;
  tpl.content.querySelectorAll(FETCHING_SELECTOR).forEach((el) => {
    if (!holdElement(el)) return;
    const h = state.held.get(el)!;
    state.held.delete(el);
    el.setAttribute(PARKED, JSON.stringify(Array.from(h.attrs)));
    changed = true;
  });
  return changed ? trustedHTML(innerHTML.get!.call(tpl)) : value;
};

type Inserter = (this: Element | ShadowRoot, nodes: DocumentFragment) => void;
type Sink = (this: unknown, value: unknown, ...rest: unknown[]) => void;

/**
 * A sink that parses `value` and inserts the nodes: the markup is parsed inertly and defused first. `ownParser`
 * (setHTMLUnsafe, setHTML: declarative shadow DOM, a sanitizer) parses with the real sink into an element of
 * the inert document, then the nodes move in.
 */
function viaTemplate(insert: Inserter, ownParser?: Sink) {
  return (original: Sink) => function (this: Element | ShadowRoot, value: unknown, ...rest: unknown[]) {
    if (!MAYBE_FETCHING.test(String(value))) return original.call(this, value, ...rest);
    if ((this as Element).localName === 'template') { // its content is inert: defuse it for later clones
      original.call(this, value, ...rest);
      defuse((this as HTMLTemplateElement).content);
      return;
    }
    if (!ownParser) return insert.call(this, inert(value).content);
    const doc = document.createElement('template').content.ownerDocument;
    const holder = doc.createElement('div');
    ownParser.call(holder, value, ...rest);
    defuse(holder, true);
    const frag = doc.createDocumentFragment();
    frag.append(...Array.from(holder.childNodes));
    insert.call(this, frag);
  };
}
const replaceChildren: Inserter = function (n) { this.replaceChildren(n); };

const POSITIONS: Record<string, Inserter | undefined> = {
  beforebegin(n) { (this as Element).before(n); },
  afterbegin(n) { this.prepend(n); },
  beforeend(n) { this.append(n); },
  afterend(n) { (this as Element).after(n); },
};

export function patchHtmlSinks(w: Realm): void {
  const E = w.Element.prototype as unknown as Record<string, Sink | undefined>;
  const parsers = { setHTMLUnsafe: E.setHTMLUnsafe, setHTML: E.setHTML }; // the originals, for the inert holder
  for (const proto of [w.Element.prototype, w.ShadowRoot.prototype]) {
    wrapSetter(proto, 'innerHTML', (set) => viaTemplate(replaceChildren)(set));
    for (const m of ['setHTMLUnsafe', 'setHTML'] as const)
      if (parsers[m]) wrapMethod(proto, m, (original) => viaTemplate(replaceChildren, parsers[m])(original));
  }
  wrapSetter(w.Element.prototype, 'outerHTML', (set) => viaTemplate(function (n) { (this as Element).replaceWith(n); })(set));
  wrapMethod(w.Element.prototype, 'insertAdjacentHTML', (original) => function (this: Element, where: string, value: unknown) {
    const insert = POSITIONS[String(where).toLowerCase()];
    if (!insert || !MAYBE_FETCHING.test(String(value))) return original.call(this, where, value);
    insert.call(this, inert(value).content);
  });
  wrapMethod(w.Range.prototype, 'createContextualFragment', (original) => function (this: Range, value: unknown) {
    return original.call(this, reparse(value));
  });
  for (const name of ['write', 'writeln'])
    wrapMethod(w.Document.prototype, name, (original) => function (this: Document, ...values: unknown[]) {
      return original.apply(this, values.map(reparse));
    });
  const defused = <T>(node: T, shadows = false): T => {
    if (node && typeof (node as unknown as ParentNode).querySelectorAll === "function") defuse(node as unknown as ParentNode, shadows);
    return node;
  };
  wrapMethod(w.DOMParser.prototype, 'parseFromString', (original) => function (this: DOMParser, ...args: unknown[]) {
    return defused(original.apply(this, args), true);
  });
  wrapMethod(w.Document, 'parseHTMLUnsafe', (original) => function (this: unknown, ...args: unknown[]) {
    return defused(original.apply(this, args), true);
  });
  // A copy keeps what its source had held (a template's defused content), and holds what it must itself.
  wrapMethod(w.Node.prototype, 'cloneNode', (original) => function (this: Node, deep?: boolean) {
    const copy = original.call(this, deep);
    copyHolds(this, copy, !!deep);
    return defused(copy);
  });
  wrapMethod(w.Document.prototype, 'importNode', (original) => function (this: Document, node: Node, deep?: boolean) {
    const copy = original.call(this, node, deep);
    copyHolds(node, copy, !!deep);
    return defused(copy);
  });
  wrapMethod(w.Document.prototype, 'adoptNode', (original) => function (this: Document, node: Node) {
    return defused(original.call(this, node));
  });
}

