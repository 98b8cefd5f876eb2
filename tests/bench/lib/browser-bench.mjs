// Browser side of the benchmark: headless Debian Chromium through playwright-core (from tests/node_modules),
// CPU and network throttled through a CDP session. See tests/bench/README.md for what each metric means.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { BASELINE, LIBRARIES, repoRoot } from './libraries.mjs';
import { probe } from './probe.mjs';

const require = createRequire(import.meta.url);
const { chromium } = require(join(repoRoot, 'tests', 'node_modules', 'playwright-core'));

export const CHROMIUM = process.env.ASSENT_CHROMIUM ?? '/usr/bin/chromium';
export const LAUNCH_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync',
];
/** The slow profile (Lighthouse's "slow 4G" numbers, applied per request by DevTools). */
export const NETWORK = { latencyMs: 150, downKbps: 1600, upKbps: 750 };
export const CPU_SLOWDOWN = 4;
const VIEWPORT = { width: 1280, height: 800 };

export async function launch() {
  return chromium.launch({ executablePath: CHROMIUM, args: LAUNCH_ARGS });
}

async function throttle(cdp, { cpu = CPU_SLOWDOWN, network = NETWORK } = {}) {
  await cdp.send('Network.enable');
  if (network) {
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: network.latencyMs,
      downloadThroughput: (network.downKbps * 1000) / 8,
      uploadThroughput: (network.upKbps * 1000) / 8,
    });
  }
  if (cpu > 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate: cpu });
  await cdp.send('Performance.enable', { timeDomain: 'timeTicks' });
}

async function metrics(cdp) {
  const { metrics: list } = await cdp.send('Performance.getMetrics');
  return Object.fromEntries(list.map((m) => [m.name, m.value]));
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const specOf = (lib) => (lib.banner ? { banner: lib.banner, accept: lib.accept } : null);
/** A Playwright CSS selector for a shadow-piercing path (Playwright's css engine pierces open shadow roots). */
const pwSelector = (path) => path.join(' ');

/** Waits (in the page, without polling from here) until `cond` holds on window.__bench, or `ms` passes. */
async function waitInPage(page, cond, ms) {
  return page.evaluate(
    ({ cond, ms }) => new Promise((resolve) => {
      const f = new Function('B', `return (${cond});`);
      const end = performance.now() + ms;
      const tick = () => {
        const B = window.__bench;
        if (B && f(B)) return resolve(true);
        if (performance.now() > end) return resolve(false);
        setTimeout(tick, 50);
      };
      tick();
    }),
    { cond, ms },
  );
}

/** Snapshot of window.__bench + resource timing (site and tracker) + wasm memory, as plain JSON. */
async function snapshot(page, trackerOrigin) {
  return page.evaluate((trackerOrigin) => {
    const B = window.__bench || {};
    const res = performance.getEntriesByType('resource').map((e) => ({
      url: e.name, start: e.startTime, responseStart: e.responseStart, end: e.responseEnd,
      transfer: e.transferSize, decoded: e.decodedBodySize, initiator: e.initiatorType,
    }));
    const nav = performance.getEntriesByType('navigation')[0];
    return {
      t: B.t, ready: B.ready, fcp: B.fcp, lcp: B.lcp, lcpNode: B.lcpNode, cls: B.cls, shifts: B.shifts,
      longTasks: B.longTasks, errors: B.errors, trk: window.__trk || {},
      wasmMemoryBytes: (B.wasmMemories || []).reduce((a, m) => a + m.buffer.byteLength, 0),
      resources: res,
      nav: nav && { responseStart: nav.responseStart, responseEnd: nav.responseEnd, domInteractive: nav.domInteractive },
      trackerResources: res.filter((r) => r.url.startsWith(trackerOrigin + '/')),
    };
  }, trackerOrigin);
}

function isLibraryRequest(url, server, pagePath) {
  if (!url.startsWith(server.siteOrigin + '/')) return false; // tracker origin and anything else: not the library's
  const p = new URL(url).pathname;
  return p !== pagePath && p !== '/favicon.ico';
}

/**
 * One run for one library in a fresh context: first visit (banner), then "Accept all", then a returning
 * visit in the same context (stored consent, warm HTTP cache). Returns a plain record.
 */
export async function runOnce(browser, server, id, { settleMs = 1000, withBodies = false, bannerTimeoutMs = 30000 } = {}) {
  const lib = id === 'baseline' ? BASELINE : LIBRARIES[id];
  const pagePath = `/${id}.html`;
  const url = server.siteOrigin + pagePath;
  const out = { lib: id, ok: false, first: null, returning: null, requests: [], error: null };
  const context = await browser.newContext({ viewport: VIEWPORT });
  try {
    await context.addInitScript(probe, specOf(lib));
    const page = await context.newPage();
    const pageErrors = [];
    page.on('pageerror', (e) => pageErrors.push(String(e?.message ?? e)));
    const cdp = await context.newCDPSession(page);
    await throttle(cdp);
    const finished = [];
    page.on('requestfinished', (r) => finished.push(r));
    page.on('requestfailed', (r) => finished.push(r));

    // ---- first visit ---------------------------------------------------------------------------------
    await page.goto(url, { waitUntil: 'load', timeout: 60000 });
    let bannerSeen = true;
    if (lib.banner) bannerSeen = await waitInPage(page, 'B.t.bannerInteractive != null && B.t.bannerFull != null', bannerTimeoutMs);
    await sleep(settleMs);
    const m = await metrics(cdp);
    await cdp.send('HeapProfiler.collectGarbage');
    const mGc = await metrics(cdp);
    const snap = await snapshot(page, server.trackerOrigin);
    const trackerBeforeConsent = finished.filter((r) => r.url().startsWith(server.trackerOrigin)).map((r) => new URL(r.url()).pathname);
    out.first = {
      ...snap,
      bannerSeen,
      trackerBeforeConsent,
      scriptMs: m.ScriptDuration * 1000, taskMs: m.TaskDuration * 1000, layoutMs: m.LayoutDuration * 1000,
      styleMs: m.RecalcStyleDuration * 1000, heapUsed: m.JSHeapUsedSize, heapAfterGc: mGc.JSHeapUsedSize,
      nodes: m.Nodes, pageErrors: [...pageErrors],
    };
    // The network log of the first visit: every request to the site origin except the page itself.
    for (const r of finished.filter((x) => isLibraryRequest(x.url(), server, pagePath))) {
      const resp = await r.response();
      const sizes = await r.sizes().catch(() => null);
      const item = {
        url: new URL(r.url()).pathname, type: r.resourceType(), status: resp ? resp.status() : null,
        encoding: resp ? (await resp.allHeaders())['content-encoding'] ?? null : null,
        transferBody: sizes ? sizes.responseBodySize : null, failed: r.failure()?.errorText ?? null,
      };
      if (withBodies && resp) {
        const body = await resp.body();
        item.raw = body.length;
        item.gzip = gzipSync(body, { level: 9 }).length;
        item.brotli = brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
      }
      out.requests.push(item);
    }
    if (!lib.banner) { out.ok = true; return out; }
    if (!bannerSeen) throw new Error(`banner not detected within ${bannerTimeoutMs} ms (t=${JSON.stringify(snap.t)})`);

    // ---- accept all, then the returning visit --------------------------------------------------------
    await page.locator(pwSelector(lib.accept)).first().click({ timeout: 10000 });
    const released = await waitInPage(page, 'window.__trk && window.__trk.analytics != null && window.__trk.marketing != null', 15000);
    if (!released) throw new Error('trackers did not run after "Accept all"');
    await sleep(200);
    pageErrors.length = 0;
    await page.goto(url, { waitUntil: 'load', timeout: 60000 });
    const ran = await waitInPage(page, 'window.__trk && window.__trk.analytics != null && window.__trk.marketing != null', 15000);
    await sleep(Math.min(settleMs, 500));
    const snap2 = await snapshot(page, server.trackerOrigin);
    out.returning = { ...snap2, trackersRan: ran, pageErrors: [...pageErrors] };
    out.ok = ran && snap2.t?.bannerVisible == null;
    if (!ran) out.error = 'returning visit: the granted trackers did not run';
    else if (snap2.t?.bannerVisible != null) out.error = 'returning visit: the banner showed again';
    return out;
  } catch (e) {
    out.error = String(e?.message ?? e).split('\n')[0];
    return out;
  } finally {
    await context.close().catch(() => {});
  }
}

// ---- profile: one traced first visit per library --------------------------------------------------------

const TRACE_CATEGORIES = [
  'devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', 'v8', 'disabled-by-default-v8.compile',
  'blink.user_timing', 'loading', 'toplevel', 'disabled-by-default-devtools.timeline.frame', 'blink',
];

function classify(name) {
  if (/^(MinorGC|MajorGC|V8\.GC|BlinkGC|GCEvent|ThreadState::|V8\.Scavenger|CppGC)/.test(name) || /GC/.test(name) && /^V8\./.test(name)) return 'gc';
  if (/wasm/i.test(name)) return 'wasm-compile';
  if (/^(v8\.compile|V8\.Compile|v8\.parseOnBackground|V8\.Parse|v8\.produceCache|v8\.deserializeOnBackground|v8\.compileModule|V8\.CompileLazy|ScriptCompiler)/.test(name)) return 'compile';
  if (/^(EvaluateScript|FunctionCall|TimerFire|EventDispatch|v8\.execute|V8\.Execute|RunMicrotasks|v8\.run|v8\.callFunction|FireAnimationFrame|FireIdleCallback|XHRReadyStateChange|XHRLoad|v8\.evaluateModule|ModuleScript|ScheduleStyleRecalculation|V8\.|v8\.)/.test(name)) return 'script';
  if (/^(UpdateLayoutTree|RecalculateStyles|Layout|UpdateLayerTree|IntersectionObserverController|HitTest|LayoutShift)/.test(name)) return 'style-layout';
  if (/^(Paint|PrePaint|Layerize|CompositeLayers|Commit|RasterTask|PaintImage|UpdateLayer|BeginMainThreadFrame|ScrollLayer|Decode)/.test(name)) return 'paint';
  if (/^(ParseHTML|ParseAuthorStyleSheet|HTMLDocumentParser|CSSParser)/.test(name)) return 'parse-html-css';
  return 'other';
}

function eventUrl(e) {
  const d = e.args?.data || e.args?.beginData || {};
  return d.url || d.scriptName || d.stackTrace?.[0]?.url || (d.frame && d.url) || null;
}

/**
 * Self time on the page's main thread, from navigation to `untilMs` after it, by activity and by script URL
 * (a nested event without a URL inherits its caller's). Also the timings of every network request.
 */
export function summariseTrace(trace, pageUrl, untilMs) {
  const events = trace.traceEvents || trace;
  const threadName = new Map();
  for (const e of events) if (e.ph === 'M' && e.name === 'thread_name') threadName.set(`${e.pid}:${e.tid}`, e.args.name);
  // The renderer main thread that parsed our page.
  const parse = events.find((e) => e.name === 'ParseHTML' && (e.args?.beginData?.url || '').startsWith(pageUrl));
  if (!parse) return { error: 'page main thread not found in the trace' };
  const key = `${parse.pid}:${parse.tid}`;
  const nav = events.find((e) => e.name === 'navigationStart' && `${e.pid}:${e.tid}` === key && (e.args?.data?.documentLoaderURL || '').startsWith(pageUrl))
    ?? events.find((e) => e.name === 'navigationStart' && `${e.pid}:${e.tid}` === key);
  const t0 = nav ? nav.ts : parse.ts;
  const tEnd = t0 + untilMs * 1000;
  // Complete events on that thread (B/E pairs folded into X).
  const xs = [];
  const open = [];
  for (const e of events) {
    if (`${e.pid}:${e.tid}` !== key || e.ts < t0 || e.ts > tEnd) continue;
    if (e.ph === 'X' && e.dur != null) xs.push(e);
    else if (e.ph === 'B') open.push(e);
    else if (e.ph === 'E') {
      const b = open.pop();
      if (b) xs.push({ ...b, ph: 'X', dur: e.ts - b.ts, args: { ...b.args, ...e.args } });
    }
  }
  xs.sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  const byKind = {};
  const byUrl = {};
  const stack = [];
  let busy = 0;
  const close = (node) => {
    const self = Math.max(0, node.dur - node.childDur);
    const kind = node.kind;
    byKind[kind] = (byKind[kind] || 0) + self / 1000;
    if (kind === 'script' || kind === 'compile' || kind === 'wasm-compile' || kind === 'gc') {
      const u = node.url || '(no url)';
      byUrl[u] = (byUrl[u] || 0) + self / 1000;
    }
  };
  for (const e of xs) {
    while (stack.length && stack[stack.length - 1].end <= e.ts) close(stack.pop());
    const parent = stack[stack.length - 1];
    if (parent) parent.childDur += Math.min(e.dur, parent.end - e.ts);
    else if (e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask') busy += e.dur;
    const isTask = e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask';
    const kind = isTask ? 'other' : classify(e.name);
    stack.push({ end: e.ts + e.dur, dur: e.dur, childDur: 0, kind: isTask ? 'idle-task-overhead' : kind, url: eventUrl(e) || parent?.url || null });
  }
  while (stack.length) close(stack.pop());
  delete byKind['idle-task-overhead'];
  // Network waterfall from the trace (browser-side timestamps, ms after navigation start).
  const reqs = new Map();
  for (const e of events) {
    const d = e.args?.data;
    if (!d?.requestId) continue;
    if (e.name === 'ResourceSendRequest') reqs.set(d.requestId, { url: d.url, start: (e.ts - t0) / 1000, priority: d.priority });
    else if (e.name === 'ResourceReceiveResponse' && reqs.has(d.requestId)) reqs.get(d.requestId).response = (e.ts - t0) / 1000;
    else if (e.name === 'ResourceFinish' && reqs.has(d.requestId)) {
      const r = reqs.get(d.requestId);
      r.end = (e.ts - t0) / 1000;
      r.encodedBytes = d.encodedDataLength;
    }
  }
  const round = (o) => Object.fromEntries(Object.entries(o).sort((a, b) => b[1] - a[1]).map(([k, v]) => [k, Math.round(v * 10) / 10]));
  return {
    mainThreadBusyMs: Math.round(busy / 100) / 10,
    byKind: round(byKind),
    byUrl: round(byUrl),
    requests: [...reqs.values()].filter((r) => r.start >= -1).sort((a, b) => a.start - b.start),
  };
}

export async function traceOnce(browser, server, id, { untilMs = 6000 } = {}) {
  const lib = LIBRARIES[id];
  const context = await browser.newContext({ viewport: VIEWPORT });
  try {
    await context.addInitScript(probe, specOf(lib));
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await throttle(cdp);
    await browser.startTracing(page, { categories: TRACE_CATEGORIES });
    const url = `${server.siteOrigin}/${id}.html`;
    await page.goto(url, { waitUntil: 'load', timeout: 60000 });
    await waitInPage(page, 'B.t.bannerInteractive != null && B.t.bannerFull != null', 30000);
    const snap = await snapshot(page, server.trackerOrigin);
    const settleUntil = Math.max(snap.t?.bannerInteractive ?? 0, snap.t?.load ?? 0) + 800;
    const wait = settleUntil - (await page.evaluate(() => performance.now()));
    if (wait > 0) await sleep(wait);
    const buf = await browser.stopTracing();
    const summary = summariseTrace(JSON.parse(buf.toString('utf8')), url, Math.max(untilMs, settleUntil));
    return { lib: id, t: snap.t, ready: snap.ready, ...summary, raw: buf };
  } finally {
    await context.close().catch(() => {});
  }
}

// ---- the wasm engine in Chromium ----------------------------------------------------------------------------

export async function engineInBrowser(browser, server, { coldRuns = 5, minMs = 1000 } = {}) {
  const q = `small=/policies/small.json&large=/policies/large.json`;
  const one = async (mode) => {
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      await page.goto(`${server.siteOrigin}/engine-bench.html?mode=${mode}&minMs=${minMs}&${q}`);
      await page.waitForFunction(() => window.__result, null, { timeout: 180000, polling: 200 });
      const r = await page.evaluate(() => window.__result);
      if (r.error) throw new Error(`engine bench in Chromium: ${r.error}`);
      return r;
    } finally {
      await context.close().catch(() => {});
    }
  };
  const cold = [];
  for (let i = 0; i < coldRuns; i++) cold.push(await one('cold'));
  const steady = await one('steady');
  return { runtime: `Chromium ${browser.version()}`, cold, ...steady };
}
