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
  if (!/url\(|@import/i.test(css)) return false;
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

// el.style.backgroundImage = … : Chromium's CSS properties are named properties of the declaration, not
// accessors on a prototype, so an element's `style` is handed out behind a Proxy that holds such values.
const proxies = new WeakMap<CSSStyleDeclaration, CSSStyleDeclaration>();
function guarded(decl: CSSStyleDeclaration): CSSStyleDeclaration {
  let p = proxies.get(decl);
  if (!p) {
    const bound = new Map<unknown, unknown>();
    p = new Proxy(decl, {
      get(t, k) {
        const v = Reflect.get(t, k, t);
        if (typeof v !== 'function') return v;
        if (!bound.has(v)) bound.set(v, v.bind(t)); // native methods need the real declaration as `this`
        return bound.get(v);
      },
      set(t, k, v) {
        if (typeof k === 'string' && keep(String(v ?? ''), (css) => Reflect.set(t, k, css, t))) return true;
        return Reflect.set(t, k, v, t);
      },
    });
    proxies.set(decl, p);
  }
  return p;
}

/** A FontFace on a held URL: loads nothing; its load() waits for the policy, then loads for real if granted. */
function heldFontFace(Real: typeof FontFace, family: string, source: string, descriptors?: FontFaceDescriptors): FontFace {
  const face = new Real(family, 'local("assent-held-font")', descriptors);
  const load = () => new Promise<FontFace>((resolve, reject) => {
    const decide = () => (neutralised(source) === null
      ? new Real(family, source, descriptors).load().then(resolve, reject)
      : reject(new DOMException(`Assent: the font ${source} is blocked until consent.`, 'NetworkError')));
    if (state.patterns === null) state.waiting.push(decide);
    else decide();
  });
  Object.defineProperty(face, 'load', { value: load, configurable: true });
  return face;
}

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
  wrapSetter(D, 'cssText', (set) => function (this: CSSStyleDeclaration, value: unknown) {
    if (!keep(String(value ?? ''), (css) => set.call(this, css))) set.call(this, value);
  });
  for (const iface of ['HTMLElement', 'SVGElement'] as const)
    wrapSetter(
      w[iface].prototype, 'style',
      (_set, get) => function (this: ElementCSSInlineStyle, value: unknown) {
        guarded(get.call(this)).cssText = String(value); // [PutForwards=cssText], through the held path
      },
      (get) => function (this: ElementCSSInlineStyle) {
        return guarded(get.call(this));
      },
    );
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
      if (typeof source === 'string' && neutralised(source) !== null) return heldFontFace(RealFontFace, family, source, descriptors);
      return new RealFontFace(family, source, descriptors);
    };
    replaceConstructor(w, 'FontFace', RealFontFace, FontFace);
  }
}
