// The banner as HTML, for the server to put in the page: ui/banner.ts runs unchanged on a tiny stand-in
// document whose elements serialise themselves, inside a declarative shadow root, so the browser paints it
// with the page and no script. Every text and attribute is escaped here; config text never becomes markup.
import type { Decision, PolicySummary } from '../types';
import { renderBanner } from '../ui/banner';
import { isRtl, useDocument } from '../ui/dom';
import { CSS } from '../ui/styles';
import { themeProperties } from '../ui/theme';

const escapeText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const escapeAttr = (s: string) => escapeText(s).replace(/"/g, '&quot;');
const NAME = /^[a-z][a-z0-9-]*$/; // element and attribute names ui/ writes; anything else is a bug

class Fragment {
  readonly children: (Fragment | string)[] = [];
  append(...nodes: (Fragment | string)[]): void {
    this.children.push(...nodes);
  }
  html(): string {
    return this.children.map((c) => (typeof c === 'string' ? escapeText(c) : c.html())).join('');
  }
}

class Element extends Fragment {
  private readonly attrs = new Map<string, string>();
  hidden = false;
  constructor(readonly localName: string) {
    super();
    if (!NAME.test(localName)) throw new Error(`Assent server markup: bad element name ${localName}`);
  }
  setAttribute(name: string, value: string): void {
    if (!NAME.test(name)) throw new Error(`Assent server markup: bad attribute name ${name}`);
    this.attrs.set(name, String(value));
  }
  getAttribute(name: string): string | null {
    return this.attrs.get(name) ?? null;
  }
  addEventListener(): void {
    // listeners are the browser's business (the controller wires the painted banner)
  }
  override html(): string {
    const attrs = Array.from(this.attrs, ([k, v]) => ` ${k}="${escapeAttr(v)}"`).join('');
    return `<${this.localName}${attrs}${this.hidden ? ' hidden' : ''}>${super.html()}</${this.localName}>`;
  }
}

const markupDocument = {
  createElement: (tag: string) => new Element(tag),
  createDocumentFragment: () => new Fragment(),
} as unknown as Pick<Document, 'createElement' | 'createDocumentFragment'>;

/** The policy's theme as a CSS rule; the engine lets only colours, lengths and font names through, and this
 *  drops anything else again, since it lands in a <style> element. */
function themeRule(theme: PolicySummary['theme'] | undefined): string {
  const decls = themeProperties(theme).filter(([, v]) => /^[\w #,'"-]+$/.test(v));
  return decls.length ? `.root{${decls.map(([k, v]) => `${k}:${v}`).join(';')}}` : '';
}

/** <assent-banner> with its shadow root as markup, styled and themed as ui/host.ts would make it. */
export function bannerMarkup(d: Decision, theme?: PolicySummary['theme']): string {
  useDocument(markupDocument);
  const banner = renderBanner(d, () => undefined) as unknown as Element;
  const dir = isRtl(d.language) ? 'rtl' : 'ltr';
  return `<assent-banner><template shadowrootmode="open"><style>${CSS}${themeRule(theme)}</style><div class="root" data-theme="${escapeAttr(d.ui.theme)}" lang="${escapeAttr(d.language)}" dir="${dir}">${banner.html()}</div></template></assent-banner>`;
}

/** The decision for the shim (early.ts) as the text of a JSON script: "<" escaped, so no text can end the element. */
export function stateJson(state: object): string {
  return JSON.stringify(state).replace(/</g, '\\u003c');
}
