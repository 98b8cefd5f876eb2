// Which document made which request. A DevTools session per page records every request with the id of the
// document that issued it (Network.requestWillBeSent `loaderId`; a child frame's requests belong to the main
// document that was current when the frame was attached). A test then asks for the requests of THIS document:
// a late request of the page before a reload or navigation is never counted against the new one, and a real
// request of the new one always is.
//
// A server's log cannot see documents, so hitsOf() matches its hits to the requests of every page of this
// process by request target and time (see there). Limit: a request sent while its document unloads (a beacon
// in `pagehide`) is invisible to DevTools; such a hit is "unexplained" and counts against the next document.
import { HANG_MS, until } from './wait.mjs';

/** Every log of this process: hits are matched against the requests of all of them. */
const registry = [];

/** pathname + search of a URL: what a server logs as the request target. */
const targetOf = (url) => { try { const u = new URL(url); return u.pathname + u.search; } catch { return url; } };
const portOf = (url) => { try { const u = new URL(url); return u.port || (u.protocol === 'https:' ? '443' : '80'); } catch { return ''; } };

export class RequestLog {
  /**
   * [{id, url, method, type, frameId, loaderId, responded, done, error, answeredAt}] in the order the browser
   * issued them. `answeredAt`: the server-log marks when the response arrived (the server logged the request
   * before answering it).
   */
  requests = [];
  /** Main-frame documents in the order they started: [{id, url, committed, marks}]. */
  documents = [];
  #mainFrame = null;
  #committed = null;
  #owner = new Map(); // child frame id → id of the main document it belongs to
  #byRequestId = new Map();
  #marks;
  #cdp = null;

  /** `marks`: name → () => the current position of a server log (e.g. its last sequence number). */
  constructor(marks = {}) {
    this.#marks = marks;
    registry.push(this);
  }

  #snapshot() { return Object.fromEntries(Object.entries(this.#marks).map(([k, f]) => [k, f()])); }

  /** Starts recording on `page` (call before the first navigation). */
  async attach(context, page) {
    const cdp = await context.newCDPSession(page);
    this.#cdp = cdp;
    const req = (id) => this.#byRequestId.get(id);
    const answered = (r) => { if (r && !r.answeredAt) r.answeredAt = this.#snapshot(); };
    cdp.on('Page.frameAttached', ({ frameId, parentFrameId }) => {
      this.#owner.set(frameId, parentFrameId === this.#mainFrame ? this.#committed : this.#owner.get(parentFrameId) ?? null);
    });
    cdp.on('Page.frameNavigated', ({ frame }) => {
      if (frame.parentId) return;
      this.#mainFrame = frame.id;
      this.#committed = frame.loaderId;
      this.#document(frame.loaderId, frame.url).committed = true;
    });
    cdp.on('Network.requestWillBeSent', (e) => {
      const prev = req(e.requestId);
      if (prev) { prev.done = 'redirected'; answered(prev); }
      if (e.type === 'Document' && e.frameId === this.#mainFrame && e.loaderId === e.requestId) this.#document(e.loaderId, e.request.url);
      const r = {
        id: e.requestId, url: e.request.url, method: e.request.method, type: String(e.type ?? 'Other').toLowerCase(),
        frameId: e.frameId ?? null, loaderId: e.loaderId ?? null, responded: false, done: null, error: null, answeredAt: null,
      };
      this.#byRequestId.set(e.requestId, r);
      this.requests.push(r);
    });
    cdp.on('Network.requestServedFromCache', ({ requestId }) => { const r = req(requestId); if (r) r.fromCache = true; });
    cdp.on('Network.responseReceived', ({ requestId }) => { const r = req(requestId); if (r) { r.responded = true; answered(r); } });
    cdp.on('Network.loadingFinished', ({ requestId }) => { const r = req(requestId); if (r) { r.done = 'finished'; answered(r); } });
    cdp.on('Network.loadingFailed', ({ requestId, errorText, blockedReason }) => {
      const r = req(requestId);
      if (r) { r.done = 'failed'; r.error = errorText; r.blocked = blockedReason ?? null; }
    });
    await cdp.send('Page.enable');
    const { frameTree } = await cdp.send('Page.getFrameTree');
    this.#mainFrame = frameTree.frame.id;
    this.#committed = frameTree.frame.loaderId;
    this.#document(frameTree.frame.loaderId, frameTree.frame.url).committed = true;
    await cdp.send('Network.enable');
    return this;
  }

  #document(id, url) {
    let d = this.documents.find((x) => x.id === id);
    if (!d) {
      d = { id, url, committed: false, marks: this.#snapshot() };
      this.documents.push(d);
    }
    return d;
  }

  /** The id of the main document now shown (the last one committed). */
  current() { return this.#committed; }

  /**
   * A round trip on this log's own DevTools session: every event the browser sent before it (requests, the
   * commit of a new document) has been recorded when it resolves. Call after waiting on something else.
   */
  async sync() {
    const { frameTree } = await this.#cdp.send('Page.getFrameTree').catch(() => ({ frameTree: null }));
    if (frameTree && frameTree.frame.loaderId !== this.#committed && this.documents.some((d) => d.id === frameTree.frame.loaderId)) {
      this.#committed = frameTree.frame.loaderId;
    }
  }

  /** The main document a request belongs to (its own document, or the one that owns its frame). */
  docOf(r) {
    if (r.frameId === this.#mainFrame || r.frameId === null) return r.loaderId;
    return this.#owner.has(r.frameId) ? this.#owner.get(r.frameId) : r.loaderId;
  }

  /** Requests made by document `doc` (default: the current one) and by its child frames' documents. */
  of(doc = this.current()) { return this.requests.filter((r) => this.docOf(r) === doc); }

  /**
   * Requests of `doc` still waiting for their response: neither answered (headers received) nor failed nor
   * redirected. A body the page never reads (a failed wasm compile, an unread fetch) never "finishes", so an
   * answered request counts as settled.
   */
  pending(doc = this.current()) { return this.of(doc).filter((r) => !r.done && !r.responded); }

  /** The mark `name` that document `doc` took when its navigation started (undefined if none). */
  markOf(doc, name) { return this.documents.find((x) => x.id === doc)?.marks[name]; }

  /**
   * The earliest mark at which request `r` can have reached a server: its document's mark, except for the
   * main-frame request that loads the document itself, which can arrive before that mark is taken (the mark
   * comes with a DevTools event): for it, the mark of the document before.
   */
  windowStart(r, name) {
    const doc = this.docOf(r);
    if (!(r.type === 'document' && r.id === r.loaderId && doc === r.loaderId)) return this.markOf(doc, name) ?? 0;
    const i = this.documents.findIndex((x) => x.id === doc);
    return i > 0 ? this.documents[i - 1].marks[name] ?? 0 : 0;
  }
}

/**
 * The hits of a server log that belong to document `doc` of `log`. `hits` are {seq, key} in arrival order
 * (key = path + query), `markName` the log's mark, `port` the server's port.
 *
 * Each hit is matched to one request (of any page of this process) with the same target whose window holds it:
 * after its document's mark, and — when the request was answered — no later than the mark at its answer (the
 * server logs a request before answering it). Answered requests are matched first (each surely has its hit),
 * then failed or open ones (a cancelled request may or may not have arrived). So the old page's late request
 * is the old page's, and the new page's own hits are its own. A hit no request explains counts against `doc` if
 * it came after `doc` began: better a false alarm than a missed leak.
 */
export function hitsOf(log, { hits, markName, port, doc = log.current() }) {
  const mark = log.markOf(doc, markName);
  if (mark === undefined) throw new Error(`document ${doc} has no "${markName}" mark (pass marks to the log)`);
  const byKey = new Map();
  const group = (k) => { let g = byKey.get(k); if (!g) byKey.set(k, (g = { hits: [], sure: [], unsure: [] })); return g; };
  for (const h of hits) group(h.key).hits.push(h);
  for (const l of registry) {
    for (const r of l.requests) {
      if (r.fromCache || r.blocked || portOf(r.url) !== String(port)) continue; // never reached the server
      const g = byKey.get(targetOf(r.url));
      if (!g) continue;
      const owner = l.docOf(r);
      const w = { lo: l.windowStart(r, markName), hi: r.answeredAt?.[markName] ?? Infinity, mine: l === log && owner === doc };
      (w.hi === Infinity ? g.unsure : g.sure).push(w);
    }
  }
  const result = [];
  for (const g of byKey.values()) {
    const owner = new Map(); // hit → window
    for (const pool of [g.sure, g.unsure]) {
      const free = new Set(pool);
      for (const h of g.hits) {
        if (owner.has(h)) continue;
        let best = null; // the window holding h that closes first (then: opened first)
        for (const w of free) if (w.lo < h.seq && h.seq <= w.hi && (!best || w.hi < best.hi || (w.hi === best.hi && w.lo < best.lo))) best = w;
        if (best) { owner.set(h, best); free.delete(best); }
      }
    }
    for (const h of g.hits) if (owner.has(h) ? owner.get(h).mine : h.seq > mark) result.push(h);
  }
  return result.sort((a, b) => a.seq - b.seq);
}

/**
 * Waits until the current document has loaded and its network is quiet: no request of it open, and none
 * started during an idle turn of the page (`idleMs`, then an animation frame and a task). The point after
 * which "nothing was requested" means something; HANG_MS only catches a hang.
 */
export async function settle(page, log, { idleMs = 250 } = {}) {
  await page.waitForFunction(() => document.readyState === 'complete', null, { timeout: HANG_MS });
  await log.sync();
  const doc = log.current();
  const start = log.of(doc).length;
  for (let round = 0; ; round++) {
    if (round > 1000) { // only a page that never stops requesting gets here, however slow the machine
      throw new Error(`the page never went quiet: ${log.of(doc).length - start} requests since settle() began, e.g. ${log.of(doc).at(-1)?.url}`);
    }
    await until(() => log.pending(doc).length === 0, {
      message: `requests of the page still open: ${JSON.stringify(log.pending(doc).map((r) => r.url))}`,
      progress: () => log.of(doc).filter((r) => r.done || r.responded).length,
    });
    const n = log.of(doc).length;
    await page.evaluate((ms) => new Promise((r) => setTimeout(() => requestAnimationFrame(() => setTimeout(r, 0)), ms)), idleMs);
    if (log.of(doc).length === n && log.pending(doc).length === 0) return;
  }
}
