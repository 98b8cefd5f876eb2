// The setters through which code gives an element a URL: each element property (img.src, img.srcset,
// video.poster, object.data, link.imageSrcset, …) and every attribute API (setAttribute, setAttributeNS,
// setAttributeNode/NS, NamedNodeMap#setNamedItem/NS, Attr#value/nodeValue/textContent). A value that must be
// held is kept by hold.ts instead of being set; getters answer what code set. Installed in every realm of
// the page (realms.ts), so a fresh iframe's prototypes are no way around them.
import { heldValue, holdAttribute } from './hold';
import { absolute, isFetchingAttribute } from './hold-state';

type Realm = Window & typeof globalThis;
type Ctor = keyof Realm;

// [interface, property, attribute]
const PROPERTIES: [string, string, string][] = [
  ['HTMLScriptElement', 'src', 'src'], ['HTMLIFrameElement', 'src', 'src'], ['HTMLIFrameElement', 'srcdoc', 'srcdoc'],
  ['HTMLFrameElement', 'src', 'src'], ['HTMLImageElement', 'src', 'src'], ['HTMLImageElement', 'srcset', 'srcset'],
  ['HTMLSourceElement', 'src', 'src'], ['HTMLSourceElement', 'srcset', 'srcset'], ['HTMLMediaElement', 'src', 'src'],
  ['HTMLVideoElement', 'poster', 'poster'], ['HTMLTrackElement', 'src', 'src'], ['HTMLInputElement', 'src', 'src'],
  ['HTMLObjectElement', 'data', 'data'], ['HTMLEmbedElement', 'src', 'src'], ['HTMLLinkElement', 'href', 'href'],
  ['HTMLLinkElement', 'imageSrcset', 'imagesrcset'],
];
const RAW_VALUE = new Set(['srcset', 'imagesrcset', 'srcdoc']); // not resolved to an absolute URL by the getter

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Fn = (this: any, ...args: any[]) => any;
export function wrapMethod(proto: object | undefined, name: string, replace: (original: Fn) => Fn): void {
  const desc = proto && Object.getOwnPropertyDescriptor(proto, name);
  if (!desc || typeof desc.value !== 'function') return;
  Object.defineProperty(proto, name, { ...desc, value: replace(desc.value) });
}
/** Puts `Wrapped` in place of the realm's constructor `name`, with its prototype (and prototype.constructor). */
export function replaceConstructor(w: object, name: string, Real: { prototype: object }, Wrapped: object): void {
  Object.setPrototypeOf(Wrapped, Real);
  Object.defineProperty(Wrapped, 'prototype', { value: Real.prototype });
  if (name !== 'Audio') Object.defineProperty(Real.prototype, 'constructor', { value: Wrapped, writable: true, configurable: true });
  Object.defineProperty(w, name, { value: Wrapped, writable: true, configurable: true });
}
export function wrapSetter(proto: object | undefined, name: string, replace: (original: Fn, getter: Fn) => Fn, getter?: (original: Fn) => Fn): void {
  const desc = proto && Object.getOwnPropertyDescriptor(proto, name);
  if (!desc?.set || !desc.get) return;
  Object.defineProperty(proto, name, { ...desc, set: replace(desc.set, desc.get), get: getter ? getter(desc.get) : desc.get });
}

export function patchElements(w: Realm): void {
  for (const [iface, prop, attr] of PROPERTIES) {
    const proto = (w[iface as Ctor] as { prototype?: object } | undefined)?.prototype;
    wrapSetter(
      proto, prop,
      (set) => function (this: Element, value: unknown) {
        if (!holdAttribute(this, attr, value)) set.call(this, value);
      },
      (get) => function (this: Element) {
        const v = heldValue(this, attr);
        return v === undefined ? get.call(this) : RAW_VALUE.has(attr) ? v : absolute(v);
      },
    );
  }
  const E = w.Element.prototype;
  wrapMethod(E, 'setAttribute', (original) => function (this: Element, name: string, value: unknown) {
    if (!holdAttribute(this, String(name), value)) original.call(this, name, value);
  });
  wrapMethod(E, 'setAttributeNS', (original) => function (this: Element, ns: string | null, name: string, value: unknown) {
    if (!holdAttribute(this, String(name), value, ns)) original.call(this, ns, name, value);
  });
  for (const m of ['setAttributeNode', 'setAttributeNodeNS'])
    wrapMethod(E, m, (original) => function (this: Element, attr: Attr) {
      return attr && holdAttribute(this, attr.name, attr.value, attr.namespaceURI) ? null : original.call(this, attr);
    });
  for (const m of ['setNamedItem', 'setNamedItemNS'])
    wrapMethod(w.NamedNodeMap.prototype, m, (original) => function (this: NamedNodeMap, attr: Attr) {
      const owner = this.length ? this.item(0)!.ownerElement : null; // the map's element (none when empty)
      return owner && attr && holdAttribute(owner, attr.name, attr.value, attr.namespaceURI) ? null : original.call(this, attr);
    });
  for (const prop of ['value', 'nodeValue', 'textContent']) {
    const proto = prop === 'value' ? w.Attr.prototype : w.Node.prototype;
    wrapSetter(proto, prop, (set) => function (this: Node, value: unknown) {
      const attr = this as Attr;
      const owner = this.nodeType === 2 ? attr.ownerElement : null;
      if (owner && isFetchingAttribute(owner, attr.name.toLowerCase()) && holdAttribute(owner, attr.name, value, attr.namespaceURI)) {
        owner.removeAttributeNode(attr); // held: the element must not keep the old value either
        return;
      }
      set.call(this, value);
    });
  }
}

/** new Audio(url) sets its src without a setter (and starts loading): route it through the patched one. */
export function patchAudio(w: Realm): void {
  const Real = w.Audio;
  if (!Real) return;
  const Audio = function (src?: string) {
    const el = new Real();
    if (src !== undefined) el.src = src;
    return el;
  };
  replaceConstructor(w, 'Audio', Real, Audio); // Audio's prototype is HTMLAudioElement's: its constructor stays
}
