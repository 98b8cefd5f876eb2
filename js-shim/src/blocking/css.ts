// CSS fetches too: url() in a style attribute, a <style> element, a rule added with insertRule, a constructed
// sheet, @import and @font-face (Google Fonts loaded this way is the classic German court case). Each held URL
// is swapped for an inert data: URL, the rest of the CSS stays in force, and the original text comes back once
// the service is granted. A FontFace built on a held URL fails to load, like a blocked font.
import { replaceConstructor, wrapMethod, wrapSetter } from './element-patches';
import { mustHold, state } from './hold-state';

type Realm = Window & typeof globalThis;
const CSS_URL = /url\(\s*(['"]?)([^'")]*)\1\s*\)|@import\s+(['"])([^'"]*)\3/gi;

/** `css` with every held url()/@import target replaced by an empty data: URL, or null when none is held. */
export function neutralised(css: string): string | null {
  let changed = false;
  const out = css.replace(CSS_URL, (m, _q1, u1: string | undefined, _q2, u2: string | undefined) => {
    if (!mustHold((u1 ?? u2)!)) return m;
    changed = true;
    return u1 !== undefined ? 'url("data:,")' : '@import "data:text/css,"';
  });
  return changed ? out : null;
}

// What is held, with the original setter that puts it back.
const held = new Set<{ css: string; apply: (css: string) => void }>();
function keep(css: string, apply: (css: string) => void): boolean {
  const safe = neutralised(css);
  if (safe === null) return false;
  apply(safe);
  held.add({ css, apply });
  return true;
}
state.onRefresh.push(() => {
  for (const h of Array.from(held)) {
    const safe = neutralised(h.css);
    if (safe !== null) continue;
    held.delete(h);
    h.apply(h.css);
  }
});

const textContent = Object.getOwnPropertyDescriptor(Node.prototype, 'textContent')!.set!;

/** Holds the held URLs of a <style> element's text. True if any. */
export function holdStyleText(el: Element, css = el.textContent ?? ''): boolean {
  if (el.hasAttribute('data-assent')) return false;
  return keep(css, (text) => textContent.call(el, text));
}

// CSS properties whose value can fetch (as setters on CSSStyleDeclaration.prototype).
const URL_PROPERTIES = ['background', 'backgroundImage', 'borderImage', 'borderImageSource', 'listStyle', 'listStyleImage', 'content', 'cursor', 'mask', 'maskImage', 'webkitMaskImage', 'shapeOutside', 'filter'];

export function patchCss(w: Realm): void {
  for (const [proto, prop] of [[w.Node.prototype, 'textContent'], [w.HTMLElement.prototype, 'innerText']] as const)
    wrapSetter(proto, prop, (set) => function (this: Node, value: unknown) {
      if ((this as Element).localName === 'style' && holdStyleText(this as Element, String(value))) return;
      set.call(this, value);
    });
  const D = w.CSSStyleDeclaration.prototype;
  wrapMethod(D, 'setProperty', (original) => function (this: CSSStyleDeclaration, name: string, value: unknown, priority?: string) {
    if (!keep(String(value ?? ''), (css) => original.call(this, name, css, priority))) original.call(this, name, value, priority);
  });
  for (const prop of ['cssText', ...URL_PROPERTIES])
    wrapSetter(D, prop, (set) => function (this: CSSStyleDeclaration, value: unknown) {
      if (!keep(String(value ?? ''), (css) => set.call(this, css))) set.call(this, value);
    });
  const S = w.CSSStyleSheet.prototype;
  const insertRule = S.insertRule;
  const deleteRule = S.deleteRule;
  wrapMethod(S, 'insertRule', (original) => function (this: CSSStyleSheet, rule: string, index?: number) {
    const safe = neutralised(String(rule));
    if (safe === null) return original.call(this, rule, index);
    const at = original.call(this, safe, index) as number;
    const inserted = this.cssRules[at];
    held.add({
      css: String(rule),
      apply: (css) => {
        const i = Array.prototype.indexOf.call(this.cssRules, inserted);
        if (i < 0) return; // removed meanwhile
        deleteRule.call(this, i);
        insertRule.call(this, css, i);
      },
    });
    return at;
  });
  for (const m of ['replace', 'replaceSync'] as const)
    wrapMethod(S, m, (original) => function (this: CSSStyleSheet, text: unknown) {
      let result: unknown;
      if (!keep(String(text), (css) => (result = original.call(this, css)))) return original.call(this, text);
      return result;
    });
  const RealFontFace = w.FontFace;
  if (RealFontFace) {
    const FontFace = function (family: string, source: string | BufferSource, descriptors?: FontFaceDescriptors) {
      if (typeof source === 'string' && neutralised(source) !== null) {
        console.warn(`Assent: the font ${source} is blocked until consent.`);
        source = 'local("assent-blocked-font")';
      }
      return new RealFontFace(family, source, descriptors);
    };
    replaceConstructor(w, 'FontFace', RealFontFace, FontFace);
  }
}
