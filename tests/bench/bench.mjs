// The benchmark driver (run.sh calls it). Browser runs, round-robin across libraries; one traced run per
// library; the engine in native code, Node and Chromium; then results.json, RESULTS.md and chart.png.
//   node bench.mjs --out DIR [--runs 20] [--smoke] [--native PATH] [--libs assent,cc3,…] [--no-engine] [--no-trace]
import { execFileSync } from 'node:child_process';
import { cpus, tmpdir } from 'node:os';
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { LIBRARIES, benchDir, repoRoot } from './lib/libraries.mjs';
import { startServers } from './lib/server.mjs';
import { CPU_SLOWDOWN, NETWORK, engineInBrowser, launch, runOnce, traceOnce } from './lib/browser-bench.mjs';
import { summary } from './lib/stats.mjs';
import { renderChart, renderMarkdown } from './lib/report.mjs';

const argv = process.argv.slice(2);
const flag = (name) => argv.includes(name);
const opt = (name, dflt) => { const i = argv.indexOf(name); return i >= 0 && argv[i + 1] != null ? argv[i + 1] : dflt; };
const smoke = flag('--smoke');
const runs = Number(opt('--runs', smoke ? 1 : 20));
const outDir = opt('--out', join(benchDir, 'results'));
const nativeBin = opt('--native', null);
const libIds = opt('--libs', Object.keys(LIBRARIES).filter((id) => !(smoke && LIBRARIES[id].whatIf)).join(',')).split(',');
const ids = [...libIds, 'baseline'];
const settleMs = smoke ? 500 : 1000;
mkdirSync(outDir, { recursive: true });

const small = join(repoRoot, 'config', 'examples', 'saas-full.json');
const large = join(tmpdir(), `assent-bench-large-${process.pid}.json`);
execFileSync(process.execPath, [join(benchDir, 'engine', 'gen-large-policy.mjs'), large]);

function machine(browserVersion) {
  const cpuinfo = existsSync('/proc/cpuinfo') ? readFileSync('/proc/cpuinfo', 'utf8') : '';
  const model = /model name\s*:\s*(.+)/.exec(cpuinfo)?.[1]?.trim() ?? cpus()[0]?.model ?? 'unknown';
  let load = null;
  try { load = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' '); } catch { /* not Linux */ }
  return {
    cpu: model, cores: cpus().length, loadAvgAtStart: load, node: process.version,
    chromium: browserVersion, date: new Date().toISOString(),
    throttling: { cpuSlowdown: CPU_SLOWDOWN, ...NETWORK },
  };
}

const fmt = (x) => (x == null ? '—' : Math.round(x));
const t0 = Date.now();
const elapsed = () => `${((Date.now() - t0) / 1000).toFixed(0)} s`;

const server = await startServers({ files: { '/policies/small.json': small, '/policies/large.json': large } });
let browser = await launch();
const info = machine(browser.version());
console.log(`Chromium ${info.chromium} · Node ${info.node} · ${info.cpu} × ${info.cores} · load ${info.loadAvgAtStart}`);
console.log(`throttling: CPU ${CPU_SLOWDOWN}×, ${NETWORK.latencyMs} ms latency, ${NETWORK.downKbps} kbps down / ${NETWORK.upKbps} kbps up; ${runs} run(s) per library, round-robin`);

// ---- browser runs ---------------------------------------------------------------------------------------
const results = Object.fromEntries(ids.map((id) => [id, []]));
const weights = {};
if (!smoke) {
  // One discarded round: fills the server's compression cache and the OS file cache.
  for (const id of ids) await runOnce(browser, server, id, { settleMs: 200 });
  console.log(`warm-up round done (${elapsed()})`);
}
for (let r = 0; r < runs; r++) {
  // Rotate the order every round, so that no library always runs first (or right after the same one).
  const order = ids.map((_, i) => ids[(i + r) % ids.length]);
  for (const id of order) {
    const rec = await runOnce(browser, server, id, { settleMs, withBodies: !weights[id] });
    if (!weights[id] && rec.requests.length && rec.requests.every((q) => q.raw != null)) weights[id] = rec.requests;
    results[id].push(rec);
    const f = rec.first || {}, ret = rec.returning || {};
    const firstExec = ret.trk ? Math.min(ret.trk.analytics ?? Infinity, ret.trk.marketing ?? Infinity) : null;
    console.log(`[${r + 1}/${runs}] ${id.padEnd(8)} ${rec.ok ? 'ok ' : 'ERR'} banner ${fmt(f.t?.bannerVisible)} ms, interactive ${fmt(f.t?.bannerInteractive)} ms, ` +
      `script ${fmt(f.scriptMs)} ms, returning: 1st granted script ${fmt(Number.isFinite(firstExec) ? firstExec : null)} ms` +
      `${rec.error ? `  (${rec.error})` : ''}  [${elapsed()}]`);
  }
  // A fresh browser every 10 rounds keeps long runs from accumulating browser-process state.
  if ((r + 1) % 10 === 0 && r + 1 < runs) { await browser.close(); browser = await launch(); }
}

// ---- one traced first visit per library (where the time goes) ---------------------------------------------
const traces = {};
const retTraces = {};
if (!smoke && !flag('--no-trace')) {
  mkdirSync(join(outDir, 'traces'), { recursive: true });
  for (const [returning, into, suffix] of [[false, traces, ''], [true, retTraces, '-returning']]) {
    for (const id of libIds) {
      try {
        const tr = await traceOnce(browser, server, id, { returning });
        writeFileSync(join(outDir, 'traces', `${id}${suffix}.json.gz`), gzipSync(tr.raw));
        delete tr.raw;
        tr.requests = tr.requests.map((q) => ({ ...q, url: q.url.replace(server.siteOrigin, '').replace(server.trackerOrigin, '{{TRACKER}}') }));
        into[id] = tr;
        console.log(`trace ${id}${suffix}: main thread busy ${tr.mainThreadBusyMs} ms in ${Math.round(tr.windowMs)} ms  [${elapsed()}]`);
      } catch (e) {
        into[id] = { error: String(e?.message ?? e) };
        console.log(`trace ${id}${suffix}: ${into[id].error}`);
      }
    }
  }
}

// ---- engine speed ----------------------------------------------------------------------------------------
const engine = { smallPolicy: 'config/examples/saas-full.json', largePolicy: 'generated: 512 services (engine/gen-large-policy.mjs)' };
if (!flag('--no-engine')) {
  const minMs = smoke ? 50 : 1000;
  try {
    if (nativeBin && existsSync(nativeBin)) {
      engine.native = {
        runtime: 'native (g++ -O2)',
        small: JSON.parse(execFileSync(nativeBin, [small, '--min-ms', String(minMs), '--label', 'small'], { encoding: 'utf8' })),
        large: JSON.parse(execFileSync(nativeBin, [large, '--min-ms', String(minMs), '--label', 'large'], { encoding: 'utf8' })),
      };
    } else engine.native = { error: `native bench binary not built (${nativeBin})` };
  } catch (e) { engine.native = { error: String(e?.message ?? e).split('\n')[0] }; }
  console.log(`engine: native done [${elapsed()}]`);
  try {
    engine.node = JSON.parse(execFileSync(process.execPath, [join(benchDir, 'engine', 'engine-node.mjs'), small, large,
      '--min-ms', String(minMs), '--cold', String(smoke ? 1 : 7)], { encoding: 'utf8', maxBuffer: 1 << 24 }));
  } catch (e) { engine.node = { error: String(e?.message ?? e).split('\n')[0] }; }
  console.log(`engine: Node done [${elapsed()}]`);
  server.prewarm(['/engine/assent.js', '/engine/assent.wasm']);
  try {
    engine.chromium = await engineInBrowser(browser, server, { coldRuns: smoke ? 1 : 7, minMs });
  } catch (e) { engine.chromium = { error: String(e?.message ?? e).split('\n')[0] }; }
  // Diagnostic: the same cold start with V8's lazy wasm compilation off, to show how much of the first
  // calls' cost is compiling functions on first use.
  if (!smoke) {
    let eager = null;
    try {
      eager = await launch(['--js-flags=--no-wasm-lazy-compilation']);
      engine.chromiumEager = { ...(await engineInBrowser(eager, server, { coldRuns: 7, steady: false })), runtime: `Chromium ${eager.version()}, --no-wasm-lazy-compilation (diagnostic)` };
    } catch (e) { engine.chromiumEager = { error: String(e?.message ?? e).split('\n')[0] }; }
    await eager?.close();
  }
  console.log(`engine: Chromium done [${elapsed()}]`);
}

// ---- aggregate -------------------------------------------------------------------------------------------
const METRICS = {
  // first visit
  bannerVisible: (r) => r.first?.t?.bannerVisible,
  bannerFull: (r) => r.first?.t?.bannerFull,
  bannerInteractive: (r) => r.first?.t?.bannerInteractive,
  engineReady: (r) => r.first?.ready,
  fcp: (r) => r.first?.fcp,
  lcp: (r) => r.first?.lcp,
  scriptMs: (r) => r.first?.scriptMs,
  taskMs: (r) => r.first?.taskMs,
  styleLayoutMs: (r) => (r.first ? r.first.layoutMs + r.first.styleMs : null),
  longTasks: (r) => r.first?.longTasks?.length,
  longTaskMs: (r) => r.first?.longTasks?.reduce((a, t) => a + t.dur, 0),
  blockingMs: (r) => r.first?.longTasks?.reduce((a, t) => a + Math.max(0, t.dur - 50), 0),
  cls: (r) => r.first?.cls,
  heapUsedMB: (r) => (r.first ? r.first.heapUsed / 2 ** 20 : null),
  heapAfterGcMB: (r) => (r.first ? r.first.heapAfterGc / 2 ** 20 : null),
  wasmMemoryMB: (r) => (r.first?.wasmMemoryBytes ? r.first.wasmMemoryBytes / 2 ** 20 : null),
  // returning visitor
  retEngineReady: (r) => r.returning?.ready,
  retFirstRelease: (r) => { const s = (r.returning?.trackerResources || []).map((x) => x.start); return s.length ? Math.min(...s) : null; },
  retFirstGrantedExec: (r) => { const t = r.returning?.trk; return t && (t.analytics != null || t.marketing != null) ? Math.min(t.analytics ?? Infinity, t.marketing ?? Infinity) : null; },
  retAllGrantedExec: (r) => { const t = r.returning?.trk; return t && t.analytics != null && t.marketing != null ? Math.max(t.analytics, t.marketing) : null; },
  retReadyToRelease: (r) => { const rd = r.returning?.ready; const s = (r.returning?.trackerResources || []).map((x) => x.start); return rd != null && s.length ? Math.min(...s) - rd : null; },
  retReadyToFirstExec: (r) => { const rd = r.returning?.ready; const t = r.returning?.trk; return rd != null && t ? Math.min(t.analytics ?? Infinity, t.marketing ?? Infinity) - rd : null; },
};
const libs = {};
for (const id of ids) {
  const recs = results[id];
  const lib = id === 'baseline' ? { name: '(no banner: baseline)', version: null } : LIBRARIES[id];
  const stats = {};
  for (const [k, f] of Object.entries(METRICS)) stats[k] = summary(recs.map(f));
  // Median resource timing of the first visit's own requests (the request chain).
  const chainOf = (visit) => {
    const chain = {};
    for (const r of recs) for (const q of r[visit]?.resources || []) {
      const p = q.url.startsWith(server.siteOrigin) ? q.url.slice(server.siteOrigin.length) : q.url.replace(server.trackerOrigin, '{{TRACKER}}');
      (chain[p] ??= { start: [], responseStart: [], end: [], transfer: [] });
      chain[p].start.push(q.start); chain[p].responseStart.push(q.responseStart); chain[p].end.push(q.end); chain[p].transfer.push(q.transfer);
    }
    return Object.fromEntries(Object.entries(chain).map(([p, v]) => [p, { start: summary(v.start)?.median, responseStart: summary(v.responseStart)?.median, end: summary(v.end)?.median, transfer: summary(v.transfer)?.median }]));
  };
  const lcpNodes = {};
  for (const r of recs) if (r.first?.lcpNode) lcpNodes[r.first.lcpNode] = (lcpNodes[r.first.lcpNode] || 0) + 1;
  libs[id] = {
    id, name: lib.name, version: lib.version, pkg: lib.pkg ?? null,
    runs: recs.length,
    loaded: recs.filter((r) => r.first != null).length,
    bannerDetected: recs.filter((r) => r.first?.t?.bannerVisible != null).length,
    ok: recs.filter((r) => r.ok).length,
    errors: [...new Set(recs.map((r) => r.error).filter(Boolean))],
    trackerBeforeConsent: [...new Set(recs.flatMap((r) => r.first?.trackerBeforeConsent || []))],
    pageErrors: [...new Set(recs.flatMap((r) => [...(r.first?.pageErrors || []), ...(r.returning?.pageErrors || [])]))].slice(0, 5),
    lcpNodes,
    weight: [...(weights[id] || []), ...(LIBRARIES[id]?.htmlAdded ? [{ url: '(added to the page HTML by the server)', type: 'document', ...LIBRARIES[id].htmlAdded }] : [])],
    requestChain: chainOf('first'),
    returningRequestChain: chainOf('returning'),
    stats,
    trace: traces[id] || null,
    returningTrace: retTraces[id] || null,
  };
}

const out = {
  machine: info,
  settings: { runs, smoke, settleMs, viewport: '1280×800', roundRobin: true, freshContextPerRun: true },
  libraries: libs,
  engine,
  elapsedSeconds: Math.round((Date.now() - t0) / 1000),
};
writeFileSync(join(outDir, 'results.json'), JSON.stringify(out, null, 1) + '\n');
const md = renderMarkdown(out);
writeFileSync(join(outDir, 'RESULTS.md'), md);
try {
  await renderChart(browser, out, join(outDir, 'chart.png'));
} catch (e) {
  console.log(`chart: ${e?.message ?? e}`);
}
await browser.close();
await server.close();
console.log('\n' + md);
console.log(`wrote ${join(outDir, 'RESULTS.md')}, results.json, chart.png in ${elapsed()}`);

// Smoke verdict: every library's page loaded and its banner was detected.
const failed = libIds.filter((id) => libs[id].loaded < runs || libs[id].bannerDetected < runs);
for (const id of libIds) if (libs[id].ok < runs) console.log(`warning: ${id}: ${libs[id].errors.join('; ')}`);
if (failed.length) {
  console.error(`FAILED: page not loaded or banner not detected for: ${failed.map((id) => `${id} (${libs[id].errors.join('; ') || 'no banner'})`).join(', ')}`);
  process.exit(1);
}
