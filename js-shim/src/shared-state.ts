// State that must exist once per page even though the script-tag build is two bundles (the synchronous
// prologue, assent.js, and the async core, assent-core.js, each with its own copy of some modules): the
// interceptor's held elements and original DOM setters, the early wasm and policy fetches, the GCM flag.
export interface SharedState {
  gcmDefaultPushed?: boolean;
  wasm?: { url: string; response: Promise<Response> };
  policy?: Promise<string>;
  intercept?: {
    installed: boolean;
    patterns: { service: string; pattern: string }[] | null;
    isGranted: (service: string) => boolean;
    held: Map<Element, unknown>;
    /** fetch/sendBeacon calls waiting for the policy (network.ts). */
    waiting: (() => void)[];
    /** Called when tagged scripts or embeds were added (the controller's release; intercept.ts watchTagged). */
    onTagged: ((roots: Element[]) => void) | null;
    /** window.fetch before network.ts patched it. */
    fetch: typeof fetch;
    /** The original src/href descriptors of script, iframe, img, link. */
    setters: PropertyDescriptor[];
    setAttribute: typeof Element.prototype.setAttribute;
  };
  /** Element.prototype.innerHTML before html-sinks.ts patched it. */
  innerHTML?: PropertyDescriptor;
  /** The Trusted Types policy "assent" (null: none, or not allowed); see trusted.ts. */
  tt?: unknown;
  /** Set by the prologue; the core fulfils it. */
  ready?: { resolve(v: unknown): void; reject(e: unknown): void };
}

export function shared(): SharedState {
  const w = window as unknown as { __assent?: SharedState };
  return (w.__assent ??= {});
}
