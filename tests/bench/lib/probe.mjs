// The in-page probe, injected with context.addInitScript before any page script runs. It records, in
// window.__bench, with performance.now() (ms since navigation start):
//   bannerVisible   first animation frame in which the library's banner element is rendered and on screen:
//                   non-zero box intersecting the viewport, no display:none / visibility:hidden, and a
//                   non-zero opacity on it and every ancestor (through shadow hosts). Checked in
//                   requestAnimationFrame, i.e. in the frame that then paints it.
//   bannerFull      first frame in which that opacity product is ≥ 0.99 and the box did not move since the
//                   previous frame (entry animation finished).
//   bannerInteractive  the "Accept all" button is visible, enabled, hit-testable at its centre (not covered),
//                   and a click listener is attached to it or to an ancestor inside the page's content
//                   (EventTarget.prototype.addEventListener is wrapped to know; onclick properties count too);
//                   then a task is posted (MessageChannel) and its start time recorded: that is when the main
//                   thread would next be free to run the click handler. No click is dispatched.
//   ready           Assent's `assent:ready` event; trk: the tracker scripts' own execution times.
//   longTasks, cls (layout shifts without recent input), fcp, lcp (+ which element), wasm instances.
// `spec` = { banner: [selectors…], accept: [selectors…] } (shadow-piercing paths) or nulls for the baseline.
export function probe(spec) {
  const P = (window.__bench = {
    t: {}, longTasks: [], cls: 0, shifts: 0, lcp: null, lcpNode: null, fcp: null, ready: null, errors: [],
    wasmMemories: [], listenerHits: 0,
  });
  const now = () => performance.now();

  // --- click listeners: which targets got one (to know when the accept button can respond) ---------------
  const clickish = new Set(['click', 'mousedown', 'mouseup', 'pointerdown', 'pointerup', 'touchend', 'touchstart']);
  const hasListener = new WeakSet();
  const add = EventTarget.prototype.addEventListener;
  EventTarget.prototype.addEventListener = function (type, fn, opts) {
    if (clickish.has(type)) hasListener.add(this);
    return add.call(this, type, fn, opts);
  };

  // --- wasm instances (to report Assent's linear memory, which JSHeapUsedSize does not include) ----------
  const keep = (r) => {
    try {
      const inst = r && (r.instance || r);
      for (const v of Object.values((inst && inst.exports) || {})) if (v instanceof WebAssembly.Memory) P.wasmMemories.push(v);
    } catch (e) { /* ignore */ }
    return r;
  };
  const wi = WebAssembly.instantiate, wis = WebAssembly.instantiateStreaming;
  WebAssembly.instantiate = function (...a) { return wi.apply(this, a).then(keep); };
  if (wis) WebAssembly.instantiateStreaming = function (...a) { return wis.apply(this, a).then(keep); };

  // --- performance observers ---------------------------------------------------------------------------
  const observe = (type, cb) => {
    try { new PerformanceObserver((l) => l.getEntries().forEach(cb)).observe({ type, buffered: true }); }
    catch (e) { P.errors.push(`${type}: ${e}`); }
  };
  observe('longtask', (e) => P.longTasks.push({ start: e.startTime, dur: e.duration }));
  observe('layout-shift', (e) => { if (!e.hadRecentInput) { P.cls += e.value; P.shifts++; } });
  observe('paint', (e) => { if (e.name === 'first-contentful-paint') P.fcp = e.startTime; });
  observe('largest-contentful-paint', (e) => {
    P.lcp = e.renderTime || e.loadTime || e.startTime;
    const n = e.element;
    P.lcpNode = n ? `${n.tagName.toLowerCase()}${n.className && typeof n.className === 'string' ? '.' + n.className.trim().split(/\s+/).join('.') : ''}` : '(shadow DOM or removed)';
  });
  addEventListener('assent:ready', () => { if (P.ready == null) P.ready = now(); });
  addEventListener('DOMContentLoaded', () => { P.t.domContentLoaded = now(); });
  addEventListener('load', () => { P.t.load = now(); });

  if (!spec || !spec.banner) return;

  // --- banner detection ----------------------------------------------------------------------------------
  function deep(path) {
    let root = document, el = null;
    for (const sel of path) {
      if (!root) return null;
      el = root.querySelector(sel);
      if (!el) return null;
      root = el.shadowRoot;
    }
    return el;
  }
  const up = (e) => e.parentElement || (e.parentNode && e.parentNode.host) || null;
  function opacity(el) {
    let o = 1;
    for (let e = el; e; e = up(e)) {
      const cs = getComputedStyle(e);
      if (cs.display === 'none' || cs.visibility === 'hidden') return 0;
      o *= parseFloat(cs.opacity);
      if (o === 0) return 0;
    }
    return o;
  }
  function onScreen(el) {
    const r = el.getBoundingClientRect();
    if (r.width < 2 || r.height < 2) return null;
    if (r.bottom <= 0 || r.right <= 0 || r.top >= innerHeight || r.left >= innerWidth) return null;
    return r;
  }
  function listened(el) {
    for (let e = el; e && e !== document.body && e !== document.documentElement; e = up(e)) {
      if (hasListener.has(e) || typeof e.onclick === 'function') return true;
    }
    // Event delegation: a click listener on the document or window handles it too (Assent's server-painted
    // banner queues clicks there until its engine arrives).
    return hasListener.has(document) || hasListener.has(window);
  }
  function hitTestable(el, r) {
    const x = r.left + r.width / 2, y = r.top + r.height / 2;
    let hit = document.elementFromPoint(x, y);
    while (hit && hit.shadowRoot) {
      const inner = hit.shadowRoot.elementFromPoint(x, y);
      if (!inner || inner === hit) break;
      hit = inner;
    }
    return !!hit && (hit === el || el.contains(hit));
  }

  let lastRect = null, watching = false;
  let frame = function () {
    const t = now();
    const b = deep(spec.banner);
    if (b) {
      const r = onScreen(b);
      const o = r ? opacity(b) : 0;
      if (r && o > 0 && P.t.bannerVisible == null) P.t.bannerVisible = t;
      if (r && o >= 0.99 && P.t.bannerFull == null && lastRect && lastRect.x === r.x && lastRect.y === r.y) P.t.bannerFull = t;
      lastRect = r && { x: r.x, y: r.y };
      if (P.t.bannerVisible != null && P.t.bannerInteractiveCheck == null) {
        const a = deep(spec.accept);
        const ar = a && onScreen(a);
        if (ar && !a.disabled && opacity(a) > 0 && listened(a) && hitTestable(a, ar)) {
          P.t.bannerInteractiveCheck = t;
          const ch = new MessageChannel();
          ch.port1.onmessage = () => { P.t.bannerInteractive = now(); };
          ch.port2.postMessage(0);
        }
      }
    }
    if (P.t.bannerFull == null || P.t.bannerInteractiveCheck == null) requestAnimationFrame(frame);
    else watching = false;
  };
  function start() {
    if (watching) return;
    watching = true;
    requestAnimationFrame(frame);
  }
  // Start the frame loop once the banner element (or, for a shadow path, its host) exists: a
  // MutationObserver, so a page without a banner (returning visitor) pays nothing per frame.
  const trigger = spec.banner.length > 1 ? [spec.banner[0]] : spec.banner;
  const deadline = 15000;
  const frameOrStop = frame;
  frame = function () { if (now() < deadline) frameOrStop(); };
  const mo = new MutationObserver(() => {
    if (deep(trigger)) { mo.disconnect(); start(); }
  });
  mo.observe(document, { childList: true, subtree: true, attributes: true });
}
