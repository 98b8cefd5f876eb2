// <iframe>/<img>/<embed> with data-src and data-category/data-service: until granted, a same-size placeholder
// offers "Load content from <Vendor>", which grants just that service.
import { loadFresh } from './hold';
import { rawSetAttribute } from './hold-state';
import { heldByService } from './tag-lint';
import { slice, within } from './time-slice';
import type { Allowed } from './tagged';

export type EmbedElement = HTMLIFrameElement | HTMLImageElement | HTMLEmbedElement;
const EMBED_SELECTOR = ['iframe', 'img', 'embed'].flatMap((t) => ['data-category', 'data-service', 'data-assent-category'].map((a) => `${t}[data-src][${a}]`)).join(', ');

/** The "Load content from <Vendor>" stand-in for an embed (its button grants the embed's service). */
export type PlaceholderFactory = (el: EmbedElement) => HTMLElement;

const placeholders = new WeakMap<EmbedElement, HTMLElement>();

function load(el: EmbedElement): void {
  const src = el.getAttribute('data-src')!;
  el.removeAttribute('data-src');
  el.hidden = false;
  placeholders.get(el)?.remove();
  placeholders.delete(el);
  if (el.localName !== 'iframe') return rawSetAttribute(el, 'src', src);
  loadFresh(el as HTMLIFrameElement, src); // see loadFresh: a src set on a just-parsed iframe may be dropped
}

let queue: Promise<void> = Promise.resolve();

/** Loads the granted embeds in `root`; gives the others a placeholder (once; none without a factory). In time slices. */
export function applyEmbeds(
  allowed: Allowed,
  makePlaceholder: PlaceholderFactory | null,
  root: ParentNode = document,
): void {
  for (const el of within<EmbedElement>(root, EMBED_SELECTOR)) {
    queue = queue.then(slice).then(() => {
      if (!el.hasAttribute('data-src')) return; // loaded meanwhile
      if (allowed(el) && !heldByService(el, el.getAttribute('data-src'))) return load(el);
      if (placeholders.has(el) || !makePlaceholder) return;
      const ph = makePlaceholder(el);
      el.hidden = true;
      el.before(ph);
      placeholders.set(el, ph);
    });
  }
}
