// Browser side of the benchmark: headless Debian Chromium (tests/lib/chromium.mjs: the suites' one executable,
// flag list and launch()), CPU and network throttled through a CDP session. See tests/bench/README.md for what
// each metric means.
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { BASELINE, LIBRARIES } from './libraries.mjs';
import { probe } from './probe.mjs';

export { CHROMIUM, LAUNCH_ARGS, launch } from '../../lib/chromium.mjs';
/**
 * Network profiles, applied per request by DevTools: `slow4g` (default) is Lighthouse's mobile "slow 4G";
 * `slow3g` is Chrome DevTools' "Slow 3G" preset (2,000 ms latency, 400 kbps each way). `--network slow3g`.
 */
export const NETWORKS = {
  slow4g: { name: 'slow 4G', latencyMs: 150, downKbps: 1600, upKbps: 750 },
  slow3g: { name: 'slow 3G', latencyMs: 2000, downKbps: 400, upKbps: 400 },
};
const networkArg = process.argv.includes('--network') ? process.argv[process.argv.indexOf('--network') + 1] : 'slow4g';
if (!NETWORKS[networkArg]) throw new Error(`--network ${networkArg}: one of ${Object.keys(NETWORKS).join(', ')}`);
export const NETWORK = NETWORKS[networkArg];
export const CPU_SLOWDOWN = 4;
const VIEWPORT = { width: 1280, height: 800 };

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
    // The returning visit in a new tab of the same profile (stored consent, warm HTTP and code caches), not a
    // reload of the same tab: a new tab gets a new renderer process, as a visitor coming back later would.
    await page.close();
    const page2 = await context.newPage();
    pageErrors.length = 0;
    page2.on('pageerror', (e) => pageErrors.push(String(e?.message ?? e)));
    await throttle(await context.newCDPSession(page2));
    await page2.goto(url, { waitUntil: 'load', timeout: 60000 });
    const ran = await waitInPage(page2, 'window.__trk && window.__trk.analytics != null && window.__trk.marketing != null', 15000);
    await sleep(Math.min(settleMs, 500));
    const snap2 = await snapshot(page2, server.trackerOrigin);
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
  'blink.user_timing', 'loading', 'toplevel', 'disabled-by-default-devtools.timeline.frame',
  'disabled-by-default-v8.cpu_profiler',
];

// Timeline activity (self time of the DevTools "timeline" events on the page's main thread, by group).
const ACTIVITY = [
  [/^(EvaluateScript|v8\.compile|v8\.compileModule|v8\.evaluateModule|FunctionCall|RunMicrotasks|TimerFire|EventDispatch|FireAnimationFrame|v8\.callFunction|v8\.run|V8\.CompileCode|V8\.Execute|XHRLoad|ScheduleStyleRecalculation)$/, 'script'],
  [/wasm/i, 'wasm compile/instantiate'],
  [/^(MinorGC|MajorGC|V8\.GC.*|BlinkGC.*|CppGC.*)$/, 'gc'],
  [/^(UpdateLayoutTree|RecalculateStyles|Layout|UpdateLayerTree|HitTest|IntersectionObserverController::computeIntersections)$/, 'style+layout'],
  [/^(Paint|PrePaint|Layerize|CompositeLayers|Commit|PaintImage|Decode Image)$/, 'paint+composite'],
  [/^(ParseHTML|ParseAuthorStyleSheet)$/, 'parse HTML/CSS'],
];
const activityOf = (name) => (ACTIVITY.find(([re]) => re.test(name)) || [null, null])[1];

/**
 * From one trace of a first visit: (1) the page's main-thread activity from navigation to `untilMs`,
 * (2) the V8 CPU profile of that thread (sampled), as self time by script URL and by function, (3) the
 * network requests with their start / response / end (browser-side, ms after navigation start).
 */
export function summariseTrace(trace, pageUrl, untilMs) {
  const events = trace.traceEvents || trace;
  const parse = events.find((e) => e.name === 'ParseHTML' && (e.args?.beginData?.url || '').startsWith(pageUrl));
  if (!parse) return { error: 'page main thread not found in the trace' };
  const key = `${parse.pid}:${parse.tid}`;
  const navs = events.filter((e) => e.name === 'navigationStart' && `${e.pid}:${e.tid}` === key);
  const nav = navs.find((e) => (e.args?.data?.documentLoaderURL || '').startsWith(pageUrl)) ?? navs[navs.length - 1];
  const t0 = nav ? nav.ts : parse.ts;
  const tEnd = t0 + untilMs * 1000;

  // (1) activity: X events on the main thread; an event's self time (minus its children) goes to the group
  // of the nearest classified ancestor (or itself).
  const xs = events.filter((e) => `${e.pid}:${e.tid}` === key && e.ph === 'X' && e.dur != null && e.ts >= t0 && e.ts <= tEnd)
    .sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  const activity = {};
  let busy = 0;
  const stack = [];
  const close = (n) => { const g = n.group || 'other'; activity[g] = (activity[g] || 0) + Math.max(0, n.dur - n.child) / 1000; };
  for (const e of xs) {
    while (stack.length && stack[stack.length - 1].end <= e.ts) close(stack.pop());
    const parent = stack[stack.length - 1];
    if (parent) parent.child += Math.min(e.dur, parent.end - e.ts);
    else busy += e.dur;
    stack.push({ end: e.ts + e.dur, dur: e.dur, child: 0, group: activityOf(e.name) || parent?.group || null });
  }
  while (stack.length) close(stack.pop());

  // (2) CPU profile of that thread: ProfileChunk events carry nodes, samples and time deltas (µs).
  const profiles = new Map();
  for (const e of events) {
    if (e.pid !== parse.pid) continue;
    if (e.name === 'Profile') profiles.set(e.id, { tid: e.tid, start: e.args.data.startTime, nodes: new Map(), samples: [], deltas: [] });
    else if (e.name === 'ProfileChunk' && profiles.has(e.id)) {
      const p = profiles.get(e.id);
      const cp = e.args.data.cpuProfile || {};
      for (const n of cp.nodes || []) p.nodes.set(n.id, n);
      p.samples.push(...(cp.samples || []));
      p.deltas.push(...(e.args.data.timeDeltas || []));
    }
  }
  const prof = [...profiles.values()].filter((p) => p.tid === parse.tid).sort((a, b) => b.samples.length - a.samples.length)[0]
    ?? [...profiles.values()].sort((a, b) => b.samples.length - a.samples.length)[0];
  const byUrl = {};
  const byFunction = {};
  if (prof) {
    let t = prof.start;
    const times = prof.deltas.map((d) => (t += d));
    for (let i = 0; i < prof.samples.length; i++) {
      const ts = times[i];
      if (ts < t0 || ts > tEnd) continue;
      const dt = ((times[i + 1] ?? ts) - ts) / 1000;
      const node = prof.nodes.get(prof.samples[i]);
      const cf = node?.callFrame || {};
      if (cf.functionName === '(idle)' || cf.functionName === '(root)') continue;
      const url = cf.url ? cf.url.replace(/^https?:\/\/[^/]+/, '') : cf.functionName?.startsWith('(') ? cf.functionName : '(native/inline)';
      byUrl[url] = (byUrl[url] || 0) + dt;
      const fn = `${cf.functionName || '(anonymous)'} ${cf.url ? cf.url.replace(/^https?:\/\/[^/]+/, '') : ''}${cf.lineNumber >= 0 ? ':' + (cf.lineNumber + 1) : ''}`.trim();
      byFunction[fn] = (byFunction[fn] || 0) + dt;
    }
  }

  // (3) network.
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
  const top = (o, n = 99) => Object.fromEntries(Object.entries(o).sort((a, b) => b[1] - a[1]).slice(0, n).map(([k, v]) => [k, Math.round(v * 10) / 10]));
  return {
    windowMs: untilMs,
    mainThreadBusyMs: Math.round(busy / 100) / 10,
    activity: top(activity),
    profileByUrl: top(byUrl),
    profileTopFunctions: top(byFunction, 12),
    requests: [...reqs.values()].filter((r) => r.start >= -1).sort((a, b) => a.start - b.start),
  };
}

/**
 * One traced visit: the first visit (banner), or with `returning` the visit after an "Accept all" in the
 * same context (the first visit untraced). Returns the trace summary and the raw trace (gzip it to keep).
 */
export async function traceOnce(browser, server, id, { untilMs = 6000, returning = false } = {}) {
  const lib = LIBRARIES[id];
  const context = await browser.newContext({ viewport: VIEWPORT });
  try {
    await context.addInitScript(probe, specOf(lib));
    let page = await context.newPage();
    await throttle(await context.newCDPSession(page));
    const url = `${server.siteOrigin}/${id}.html`;
    if (returning) {
      await page.goto(url, { waitUntil: 'load', timeout: 60000 });
      await waitInPage(page, 'B.t.bannerInteractive != null', 30000);
      await page.locator(pwSelector(lib.accept)).first().click({ timeout: 10000 });
      await waitInPage(page, 'window.__trk && window.__trk.analytics != null && window.__trk.marketing != null', 15000);
      await sleep(200);
      await page.close();
      page = await context.newPage();
      await throttle(await context.newCDPSession(page));
    }
    await browser.startTracing(page, { categories: TRACE_CATEGORIES });
    await page.goto(url, { waitUntil: 'load', timeout: 60000 });
    if (returning) await waitInPage(page, 'window.__trk && window.__trk.analytics != null && window.__trk.marketing != null', 15000);
    else await waitInPage(page, 'B.t.bannerInteractive != null && B.t.bannerFull != null', 30000);
    const snap = await snapshot(page, server.trackerOrigin);
    const done = returning ? Math.max(snap.trk?.analytics ?? 0, snap.trk?.marketing ?? 0) : Math.max(snap.t?.bannerInteractive ?? 0, snap.t?.load ?? 0);
    const settleUntil = done + (returning ? 300 : 800);
    const wait = settleUntil - (await page.evaluate(() => performance.now()));
    if (wait > 0) await sleep(wait);
    const buf = await browser.stopTracing();
    const summary = summariseTrace(JSON.parse(buf.toString('utf8')), url, Math.min(untilMs, settleUntil));
    return { lib: id, returning, t: snap.t, ready: snap.ready, trk: snap.trk, ...summary, raw: buf };
  } finally {
    await context.close().catch(() => {});
  }
}

// ---- the wasm engine in Chromium ----------------------------------------------------------------------------

export async function engineInBrowser(browser, server, { coldRuns = 5, minMs = 1000, steady = true } = {}) {
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
  return { runtime: `Chromium ${browser.version()}`, cold, ...(steady ? await one('steady') : {}) };
}
