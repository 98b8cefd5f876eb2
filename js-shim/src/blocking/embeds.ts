// <iframe>/<img>/<embed> with data-src and data-category/data-service: until granted, a same-size placeholder
// offers "Load content from <Vendor>", which grants just that service.
import { loadFresh } from './hold';
import { rawSetAttribute } from './hold-state';
import { slice, within } from './time-slice';
import type { Allowed } from './tagged';

export type EmbedElement = HTMLIFrameElement | HTMLImageElement | HTMLEmbedElement;
const EMBED_SELECTOR = 'iframe[data-src][data-category], img[data-src][data-category], embed[data-src][data-category], iframe[data-src][data-service], img[data-src][data-service], embed[data-src][data-service]';

export interface PlaceholderFactory {
  (el: EmbedElement, onLoad: () => void): HTMLElement;
}

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

/** Loads the granted embeds in `root`; gives the others a placeholder (once). In time slices. */
export function applyEmbeds(
  allowed: Allowed,
  makePlaceholder: PlaceholderFactory,
  grantService: (el: EmbedElement) => void,
  root: ParentNode = document,
): void {
  for (const el of within<EmbedElement>(root, EMBED_SELECTOR)) {
    queue = queue.then(slice).then(() => {
      if (!el.hasAttribute('data-src')) return; // loaded meanwhile
      const category = el.getAttribute('data-category') || '';
      if (allowed(category, el.getAttribute('data-service'))) return load(el);
      if (placeholders.has(el)) return;
      const ph = makePlaceholder(el, () => grantService(el));
      el.hidden = true;
      el.before(ph);
      placeholders.set(el, ph);
    });
  }
}
