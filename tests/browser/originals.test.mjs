// No page-reachable object hands out Assent's saved originals (README "What blocking covers"): code that found
// the unpatched fetch or src setter could bypass every hold. A script that runs before Assent (an init script
// here) keeps the natives; then everything reachable from window is searched for them.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, requireShim, setup } from './lib/harness.mjs';

let env;
before(async () => { requireShim(); env = await setup(); });
after(async () => { await env?.close(); });

function keepNatives() {
  const d = (proto, prop) => Object.getOwnPropertyDescriptor(proto, prop);
  Object.defineProperty(window, '__natives', {
    enumerable: false,
    value: [
      window.fetch, Navigator.prototype.sendBeacon, XMLHttpRequest.prototype.open, XMLHttpRequest.prototype.send,
      Element.prototype.setAttribute, Element.prototype.setAttributeNS, d(HTMLImageElement.prototype, 'src').set,
      d(HTMLScriptElement.prototype, 'src').set, d(HTMLIFrameElement.prototype, 'src').set, d(Element.prototype, 'innerHTML').set,
      window.WebSocket, window.EventSource, window.FontFace, window.open, d(Document.prototype, 'cookie')?.set,
    ].filter(Boolean),
  });
}

test("no object reachable from the page holds an original Assent patched; the core's one-shot claim answers no one else", async (t) => {
  const { page } = await openPage(t, env, '/index.html?region=DE', { before: ({ context }) => context.addInitScript(keepNatives) });
  const found = await page.evaluate(() => {
    const natives = new Set(window.__natives);
    const seen = new Set();
    const hits = [];
    const queue = Object.getOwnPropertyNames(window).filter((k) => k !== '__natives' && !/^on/.test(k)).map((k) => [k, () => window[k], 0]);
    while (queue.length) {
      const [path, get, depth] = queue.shift();
      let v;
      try { v = get(); } catch { continue; }
      if (natives.has(v) && depth > 0) hits.push(path); // depth 0 is the global itself (window.fetch is the patched one)
      if (!v || (typeof v !== 'object' && typeof v !== 'function') || seen.has(v) || v instanceof Node || v === window || depth >= 4) continue;
      seen.add(v);
      let keys = [];
      try { keys = Reflect.ownKeys(v).filter((k) => typeof k === 'string'); } catch { continue; }
      for (const k of keys) {
        const desc = Object.getOwnPropertyDescriptor(v, k);
        if (desc && 'value' in desc) queue.push([`${path}.${k}`, () => desc.value, depth + 1]);
        else if (desc) for (const f of ['get', 'set']) if (desc[f]) queue.push([`${path}.${k}[${f}]`, () => desc[f], depth + 1]);
      }
    }
    return hits;
  });
  // The natives themselves live on prototypes the page can reach only when Assent did not patch them.
  const patchedStillNative = await page.evaluate(() => window.__natives.filter((f) => [window.fetch, Navigator.prototype.sendBeacon, Element.prototype.setAttribute, Object.getOwnPropertyDescriptor(HTMLImageElement.prototype, 'src').set].includes(f)).length);
  assert.equal(patchedStillNative, 0, 'precondition: fetch, sendBeacon, setAttribute and img.src are patched');
  assert.deepEqual(found.filter((p) => !p.startsWith('__natives')), [], 'no page-reachable path leads to an original');
  assert.equal(await page.evaluate(() => typeof window.__assentClaim === 'function' ? window.__assentClaim() : null), null, 'the claim is gone or refuses');
});
