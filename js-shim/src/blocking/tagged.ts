// Releases <script type="text/plain" data-category="…" [data-service="…"]> once granted, in document order,
// as the parser would have run them: external classic scripts are inserted with async=false, so they download
// in parallel and run in insertion order; an inline script waits until every external one before it has run.
// async ones are not waited for. Thousands of tags release in time slices (time-slice.ts). async/defer, nonce, integrity, crossorigin and referrerpolicy carry over;
// inline text is copied verbatim (textContent, never parsed as HTML).
import { trustedScript, trustedScriptURL } from '../trusted';
import { rawSetAttribute } from './hold-state';
import { heldByService } from './tag-lint';
import { slice, within } from './time-slice';

/** Whether the tagged element may run or load now (its category and service, as tag-lint.ts reads them). */
export type Allowed = (el: Element) => boolean;

const SELECTOR = 'script[type="text/plain"][data-category], script[type="text/plain"][data-assent-category], script[type="text/plain"][data-service]';
const released = new WeakSet<Element>();
let queue: Promise<void> = Promise.resolve();
let running: Promise<void>[] = []; // ordered external scripts inserted and not yet run

function copyOf(tag: HTMLScriptElement): HTMLScriptElement {
  const s = document.createElement('script');
  for (const a of Array.from(tag.attributes)) {
    if (a.name === 'type' || a.name === 'src') continue;
    s.setAttribute(a.name, a.value);
  }
  const realType = tag.getAttribute('data-type'); // e.g. "module"
  if (realType) s.type = realType;
  if (tag.nonce) s.nonce = tag.nonce; // the attribute reads empty after parsing; the property keeps it
  s.setAttribute('data-assent', 'released');
  return s;
}

function runOne(tag: HTMLScriptElement): Promise<void> {
  const copy = copyOf(tag);
  const src = tag.getAttribute('src');
  if (!src) {
    copy.textContent = trustedScript(tag.textContent ?? '');
    tag.replaceWith(copy);
    return Promise.resolve();
  }
  const classic = !tag.hasAttribute('async');
  copy.async = !classic; // a dynamically inserted script is async unless told otherwise
  const done = new Promise<void>((resolve) => {
    copy.addEventListener('load', () => resolve(), { once: true });
    copy.addEventListener('error', () => resolve(), { once: true });
  });
  rawSetAttribute(copy, 'src', trustedScriptURL(src));
  tag.replaceWith(copy);
  return classic ? done : Promise.resolve();
}

/** Releases every granted tag in `root` not yet released; returns when the ordered ones have run. */
export function releaseTagged(allowed: Allowed, root: ParentNode = document): Promise<void> {
  const tags = within<HTMLScriptElement>(root, SELECTOR).filter((t) => {
    if (released.has(t)) return false;
    const ok = allowed(t) && !heldByService(t, t.getAttribute('src'));
    if (ok) released.add(t);
    return ok;
  });
  for (const t of tags) {
    queue = queue.then(slice).then(() => {
      if (t.getAttribute('src')) {
        running.push(runOne(t));
        return;
      }
      const before = running;
      running = [];
      return Promise.all(before).then(() => runOne(t));
    });
  }
  return queue.then(() => Promise.all(running)).then(() => undefined);
}
