// Benchmark: releasing thousands of tagged elements after "Accept all" (the figures that used to be a
// wall-clock assertion in the browser suite). A page with 1,500 external + 500 inline tagged scripts,
// 250 tagged iframes and 250 tagged images (tests/browser/pages/many.html) is opened in headless Chromium;
// the bench clicks "Accept all" and measures, from the click:
//   requested  every tagged URL requested (server side)      executed   every released script has run
//   long tasks count, longest, and total blocking time (Σ duration − 50 ms) during the release
//   max gap    the longest the page's event loop went without running a 10 ms heartbeat timer
//   round trip the longest page.evaluate() round trip while releasing (what a user's input waits for)
//
//   node tests/bench/release.mjs [--runs N] [--out DIR] [--dist label=DIR ...]
// Each --dist is a build of js-shim/dist to compare in the same run (default: current=js-shim/dist); the
// first one is the reference for the ratios. Writes DIR/release.{md,json,png} (default tests/bench/results).
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { summary } from './lib/stats.mjs';

const repoRoot = new URL('../../', import.meta.url).pathname;
const MANY = { scripts: 1500, inline: 500, frames: 250, imgs: 250 };
const METRICS = [
  ['bannerMs', 'banner visible (from navigation)'],
  ['requestedMs', 'all tagged URLs requested'],
  ['executedMs', 'all released scripts ran'],
  ['longTasks', 'long tasks (count)'],
  ['longestTaskMs', 'longest task'],
  ['blockingMs', 'total blocking time'],
  ['maxGapMs', 'longest event-loop gap'],
  ['maxRoundTripMs', 'longest evaluate round trip'],
];

const { values } = parseArgs({ options: {
  runs: { type: 'string', default: '3' },
  out: { type: 'string', default: join(repoRoot, 'tests/bench/results') },
  dist: { type: 'string', multiple: true, default: [] },
  child: { type: 'boolean', default: false },
} });
const runs = Number(values.runs);
if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs takes a whole number ≥ 1, got ${values.runs}`);

/** One dist, `runs` times: runs in a child process because the test server reads ASSENT_DIST_DIR at import. */
async function measure() {
  const { setup, newPage, waitForReady, ui, EN } = await import('../browser/lib/harness.mjs');
  const env = await setup();
  const results = [];
  try {
    for (let i = 0; i < runs; i++) results.push(await once(env, { newPage, waitForReady, ui, EN }));
  } finally {
    await env.close();
  }
  process.stdout.write(JSON.stringify(results));
}

async function once(env, { newPage, waitForReady, ui, EN }) {
  const { server } = env;
  server.reset?.();
  const { context, page } = await newPage(env);
  try {
    await page.addInitScript(() => {
      // Heartbeat: the longest stretch in which a 10 ms timer could not run (main thread busy).
      window.__gap = { last: 0, max: 0, on: false };
      setInterval(() => {
        const now = performance.now();
        if (window.__gap.on && window.__gap.last) window.__gap.max = Math.max(window.__gap.max, now - window.__gap.last - 10);
        window.__gap.last = now;
      }, 10);
    });
    const q = new URLSearchParams({ region: 'DE', ...Object.fromEntries(Object.entries(MANY).map(([k, v]) => [k, String(v)])) });
    await page.goto(`${server.siteOrigin}/many.html?${q}`);
    await waitForReady(page, 60_000);
    await ui(page).banner.waitFor({ state: 'visible', timeout: 60_000 });
    const bannerMs = await page.evaluate(() => performance.now());
    const prefix = '/leak/many/';
    const before = server.hitPaths().filter((p) => p.startsWith(prefix)).length;
    if (before) throw new Error(`${before} tagged URLs requested before consent`);

    const clickAt = await page.evaluate(() => { window.__gap.on = true; window.__gap.last = 0; return performance.now(); });
    const button = page.getByRole('button', { name: EN.acceptAll, exact: true });
    await button.waitFor({ state: 'visible', timeout: 60_000 });
    const roundTrips = [];
    let releasing = true;
    const probe = (async () => {
      while (releasing) {
        const s = Date.now();
        if (!await page.evaluate(() => 1).catch(() => null)) break;
        roundTrips.push(Date.now() - s);
        await new Promise((r) => setTimeout(r, 20));
      }
    })();
    // A click dispatched in the page: Playwright's own click waits for scroll/stability checks that take
    // seconds on a page this large and would hide the release in the figures. t0 is the click's wall time.
    const t0 = await button.evaluate((b) => { const t = Date.now(); b.click(); return t; });
    const expected = MANY.scripts + MANY.frames + MANY.imgs;
    let requestedMs = null;
    let executedMs = null;
    while (Date.now() - t0 < 120_000 && (requestedMs === null || executedMs === null)) {
      if (requestedMs === null && server.hitPaths().filter((p) => p.startsWith(prefix)).length >= expected) requestedMs = Date.now() - t0;
      if (executedMs === null && await page.evaluate((m) => (window.__leakRan?.length ?? 0) >= m.scripts && window.__inlineRan === m.inline, MANY)) executedMs = Date.now() - t0;
      await new Promise((r) => setTimeout(r, 20));
    }
    releasing = false;
    await probe;
    if (requestedMs === null || executedMs === null) {
      const ran = await page.evaluate(() => [window.__leakRan?.length ?? 0, window.__inlineRan ?? 0]);
      const hit = server.hitPaths().filter((p) => p.startsWith(prefix)).length;
      throw new Error(`the release did not finish within 120 s: ${hit}/${expected} requested, ${ran[0]}/${MANY.scripts} external and ${ran[1]}/${MANY.inline} inline scripts ran`);
    }
    const { tasks, maxGap } = await page.evaluate((from) => ({
      tasks: window.__longTasks.filter((l) => l.start >= from).map((l) => l.duration),
      maxGap: window.__gap.max,
    }), clickAt);
    return {
      bannerMs: Math.round(bannerMs), requestedMs, executedMs, longTasks: tasks.length,
      longestTaskMs: Math.round(Math.max(0, ...tasks)), blockingMs: Math.round(tasks.reduce((a, d) => a + Math.max(0, d - 50), 0)),
      maxGapMs: Math.round(maxGap), maxRoundTripMs: Math.max(0, ...roundTrips),
    };
  } finally {
    await context.close();
  }
}

function table(results, labels) {
  const ref = labels[0];
  const head = ['metric (ms, median of runs; min–max)', ...labels, ...labels.slice(1).map((l) => `${l} / ${ref}`)];
  const rows = METRICS.map(([key, name]) => {
    const s = labels.map((l) => summary(results[l].map((r) => r[key])));
    const cell = (x) => (x.n > 1 ? `${Math.round(x.median)} (${Math.round(x.min)}–${Math.round(x.max)})` : `${Math.round(x.median)}`);
    const ratio = (x) => (s[0].median ? `${(x.median / s[0].median).toFixed(2)}×` : '—');
    return [name, ...s.map(cell), ...s.slice(1).map(ratio)];
  });
  return [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
}

function chartSvg(results, labels) {
  const keys = ['requestedMs', 'executedMs', 'longestTaskMs', 'blockingMs', 'maxGapMs'];
  const colors = ['#9fb3c8', '#1f6feb', '#d97706', '#16a34a'];
  const med = (l, k) => summary(results[l].map((r) => r[k])).median;
  const max = Math.max(1, ...labels.flatMap((l) => keys.map((k) => med(l, k))));
  const W = 900, rowH = 18, groupH = labels.length * rowH + 16, x0 = 230, barW = W - x0 - 170;
  let y = 40;
  const parts = [];
  for (const k of keys) {
    parts.push(`<text x="10" y="${y + 12}" font-size="13">${METRICS.find(([m]) => m === k)[1]}</text>`);
    labels.forEach((l, i) => {
      const v = med(l, k), w = Math.max(1, (v / max) * barW), yy = y + i * rowH;
      parts.push(`<rect x="${x0}" y="${yy}" width="${w}" height="${rowH - 4}" fill="${colors[i % colors.length]}"/>`,
        `<text x="${x0 + w + 6}" y="${yy + 11}" font-size="11">${l}: ${Math.round(v)} ms</text>`);
    });
    y += groupH;
  }
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${y + 10}" font-family="system-ui, sans-serif" fill="#102a43"><rect width="100%" height="100%" fill="#fff"/><text x="10" y="22" font-size="15" font-weight="600">Releasing ${MANY.scripts + MANY.inline} tagged scripts, ${MANY.frames} iframes, ${MANY.imgs} images after Accept all (median of ${runs})</text>${parts.join('')}</svg>`;
  return { svg, width: W, height: y + 10 };
}

async function main() {
  const dists = values.dist.length ? values.dist : [`current=${join(repoRoot, 'js-shim/dist')}`];
  const results = {};
  for (const spec of dists) {
    const [label, dir] = spec.includes('=') ? spec.split(/=(.*)/s) : [spec, spec];
    process.stderr.write(`release bench: ${label} (${dir}), ${runs} run(s)…\n`);
    const json = execFileSync(process.execPath, [new URL(import.meta.url).pathname, '--child', '--runs', String(runs)], {
      env: { ...process.env, ASSENT_DIST_DIR: dir }, stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 24,
    });
    results[label] = JSON.parse(String(json));
  }
  const labels = Object.keys(results);
  const md = `# Release of ${MANY.scripts} + ${MANY.inline} scripts, ${MANY.frames} iframes, ${MANY.imgs} images\n\n` +
    `Headless Chromium, no throttling, ${runs} run(s) per build, ${new Date().toISOString().slice(0, 10)}.\n\n${table(results, labels)}\n`;
  console.log(`\n${md}`);
  mkdirSync(values.out, { recursive: true });
  writeFileSync(join(values.out, 'release.md'), md);
  writeFileSync(join(values.out, 'release.json'), JSON.stringify({ many: MANY, runs, results }, null, 2));
  const { launch } = await import('../lib/chromium.mjs');
  const browser = await launch();
  try {
    const { svg, width, height } = chartSvg(results, labels);
    const page = await browser.newPage({ viewport: { width, height } });
    await page.setContent(`<!doctype html><body style="margin:0">${svg}</body>`);
    await page.locator('svg').screenshot({ path: join(values.out, 'release.png') });
  } finally {
    await browser.close();
  }
  console.log(`wrote ${join(values.out, 'release.md')}, release.json, release.png`);
}

if (values.child) await measure();
else await main();
