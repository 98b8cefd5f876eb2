// Every same-origin realm of the page gets the same patches as the top one: a fresh about:blank iframe,
// frames[n], a script-written child document, a window.open('') pop-up. Otherwise `iframe.contentWindow.fetch`
// or its HTMLImageElement.prototype would be an untouched original. A new about:blank frame fires `load`
// synchronously while it is being inserted (HTML: "process the iframe attributes"), before the inserting code
// can use it, so a capturing listener patches it then; contentWindow/contentDocument patch on first access.
import { openRefused } from './network';

type Realm = Window & typeof globalThis;

const patched = new WeakSet<object>();
let installers: ((w: Realm) => void)[] = [];

/** Patches `w` if it is a same-origin window not patched yet (a cross-origin one throws on .document). */
export function patchRealm(w: unknown): void {
  try {
    const realm = w as Realm;
    if (!realm || patched.has(realm) || !realm.document) return;
    patched.add(realm);
    for (const install of installers) install(realm);
    hookFrames(realm);
  } catch {
    // cross-origin: its own document, under its own CSP; nothing of ours to patch
  }
}

/** Installs `each` patch in the top window now and in every child realm as it appears. */
export function installRealms(each: ((w: Realm) => void)[]): void {
  installers = each;
  patchRealm(window);
}

function hookFrames(w: Realm): void {
  w.addEventListener('load', (e) => {
    const t = e.target as Element;
    if (t && (t.localName === 'iframe' || t.localName === 'frame' || t.localName === 'object')) patchRealm((t as HTMLIFrameElement).contentWindow);
  }, true);
  for (const iface of ['HTMLIFrameElement', 'HTMLFrameElement', 'HTMLObjectElement'] as const) {
    const proto = w[iface].prototype;
    for (const prop of ['contentWindow', 'contentDocument']) {
      const desc = Object.getOwnPropertyDescriptor(proto, prop);
      if (!desc?.get) continue;
      const get = desc.get;
      Object.defineProperty(proto, prop, {
        ...desc,
        get(this: Element) {
          const v = get.call(this);
          patchRealm(prop === 'contentWindow' ? v : (v as Document | null)?.defaultView);
          return v;
        },
      });
    }
  }
  const open = w.open;
  w.open = function (this: Window, ...args: unknown[]) {
    if (openRefused(args[0])) return null;
    const child = (open as (...a: unknown[]) => Window | null).apply(this, args);
    patchRealm(child);
    return child;
  };
}
