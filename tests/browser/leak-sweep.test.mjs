// Tracker-leak sweep: every region model × GPC off/on × first/returning visit × every way a tag or careless page
// code reaches a third party (the vector table, pages/leak-vectors.js: tagged markup, document.write, elements
// made by code, HTML parsed by code, templates, media, CSS and fonts, fetch/XHR/WebSocket/EventSource/beacons,
// other realms, popups, workers, …), run while the document parses ('early') and after Assent.ready ('late'),
// for three services, one per non-essential category. From the network log (the browser's requests of the
// document and the tracker server's hits attributed to it):
//   - a vector of layer 'js' never contacts a service that is not granted (the JavaScript blocker holds it);
//   - a vector of layer 'csp' is only held by a Content-Security-Policy: not asserted here, listed in the summary
//     (the CSP scenario at the end asserts every vector, both layers, with the policy's CSP header on);
//   - every vector of a granted service does reach the tracker (the control: a vector that silently does nothing,
//     or a blocker that blocks everything, cannot pass).
//
// Which services are granted is written here from the law table (config/jurisdictions.md §0, §5;
// wasm/core/SPEC.md §Models), not read from the engine:
//   opt-in: nothing non-essential before a choice; opt-out, notice, none: granted by default, except that a GPC
//   signal denies sale/sharing categories (marketing here); a returning visitor gets exactly what they chose.
//
// ASSENT_LEAK_SKIP=id,id leaves vectors out (reported as skipped; for debugging one that breaks the page).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import vm from 'node:vm';
import { HANG_MS, openPage, requireShim, settle, setup, trackerHitPaths, waitForReady } from './lib/harness.mjs';
import { distDir, pagesDir, policiesDir, repoRoot } from './lib/site.mjs';

// The vector table, read from the very script the pages run (nothing in it runs here).
const { LeakVectors } = (() => {
  const sandbox = {};
  vm.runInNewContext(readFileSync(join(pagesDir, 'leak-vectors.js'), 'utf8'), sandbox, { filename: 'leak-vectors.js' });
  return sandbox;
})();
const VECTORS = LeakVectors.table;
const SERVICES = [...LeakVectors.SERVICES];
const PAGES = [
  { page: 'main', file: 'leak.html' },
  { page: 'first', file: 'leak-first.html' }, // a page script runs before assent.js
];
/** Every path the table makes: path → { v, service, phase }. */
const BY_PATH = new Map(VECTORS.flatMap((v) => v.phases.flatMap((phase) => SERVICES.map((service) =>
  [LeakVectors.path(v, service, phase), { v, service, phase }]))));

const MODELS = [
  { model: 'opt-in', region: 'DE', grantsByDefault: false },
  { model: 'opt-out', region: 'US-CA', grantsByDefault: true },
  { model: 'notice', region: 'JP', grantsByDefault: true },
  { model: 'none', region: 'AQ', grantsByDefault: true }, // AQ → none by the policy's override
];
const SALE_OR_SHARING = new Set(['marketing']);
const RETURNING_CHOICE = ['analytics']; // what the visitor picked on the first visit
const SKIP = process.env.ASSENT_LEAK_SKIP ? `&skip=${encodeURIComponent(process.env.ASSENT_LEAK_SKIP)}` : '';

function expectedGranted({ grantsByDefault, gpc, returning }) {
  if (returning) return new Set(RETURNING_CHOICE);
  if (!grantsByDefault) return new Set();
  return new Set(SERVICES.filter((s) => !(gpc && SALE_OR_SHARING.has(s))));
}

// The CSP scenario: the leak policy plus the site's own CSP sources (the engine adds 'wasm-unsafe-eval' and the
// granted services). Served from memory as /policies/leak-csp.json, so that the files in policies/ stay valid
// for engines without the `csp` key (harness.test.mjs validates all of them).
const CSP_BASE = {
  'script-src': ["'self'", "'unsafe-inline'"], // the test pages' inline scripts
  'style-src': ["'self'", "'unsafe-inline'"],
  'img-src': ["'self'", 'data:'],
  'worker-src': ["'self'", 'blob:'], // the worker vectors start blob: workers (their fetches are what counts)
};
const cspPolicyText = () => {
  const p = JSON.parse(readFileSync(join(policiesDir, 'leak.json'), 'utf8'));
  return JSON.stringify({ ...p, revision: 'leak-sweep-csp-1', csp: CSP_BASE }, null, 2);
};
const cli = join(repoRoot, 'build', 'assent');
const cspModule = join(distDir, 'csp.mjs');
let cspMiddleware = null; // set by the CSP scenario only: (req, res, url) => promise

let env;
const summary = [];
/** Findings across scenarios, for the report: key → { ...info, where: Set } */
const findings = { leak: new Map(), missing: new Map(), cspOnly: new Map(), notes: new Map(), skipped: new Map() };
const remember = (map, key, info, where) => {
  if (!map.has(key)) map.set(key, { ...info, where: new Set() });
  map.get(key).where.add(where);
};

before(async () => {
  requireShim();
  env = await setup({
    pageMiddleware: (req, res, url) => cspMiddleware?.(req, res, url),
    policies: { 'leak-csp.json': cspPolicyText },
  });
});
after(async () => {
  await env?.close();
  report();
});

/**
 * Main-frame requests that DevTools gives no document of ours (a loaderId that is no document: fetchLater's
 * deferred request, speculation-rules prefetches): tests/lib/request-log.mjs cannot attribute them, so they are
 * the current document's when issued after its navigation request.
 */
function strayRequests(log) {
  const docs = new Set(log.documents.map((d) => d.id));
  const current = log.current();
  const nav = log.requests.find((r) => r.id === current);
  if (!nav) return [];
  const after = log.requests.slice(log.requests.indexOf(nav) + 1);
  return after.filter((r) => r.frameId === nav.frameId && !docs.has(r.loaderId) && !r.blocked && r.url.startsWith(log.server.trackerOrigin + '/'))
    .map((r) => new URL(r.url).pathname);
}

/**
 * Leak-sweep tracker paths of the current document: requested by the browser (except what the browser itself
 * refused to send: a Content-Security-Policy block shows up as a request with a blockedReason) or received by
 * the tracker server.
 */
function contacted(log) {
  const leakPaths = (paths) => paths.filter((p) => p.startsWith('/leak/'));
  const sent = log.of().filter((r) => !r.blocked && r.url.startsWith(log.server.trackerOrigin + '/')).map((r) => new URL(r.url).pathname);
  return new Set([...leakPaths(trackerHitPaths(log)), ...leakPaths(sent), ...leakPaths(strayRequests(log))]);
}

/**
 * Settled, and the servers too: settle() knows the document's own requests; a worker's, a popup's or a
 * WebSocket's reach only the server. Repeats until a settle brought no new hit.
 */
async function quiet(page, log) {
  for (;;) {
    const mark = env.server.log.mark();
    await settle(page, log);
    if (env.server.log.mark() === mark) return;
  }
}

async function closePopups(popups) {
  for (const p of popups.splice(0)) await p.close().catch(() => {});
}

/**
 * One visit: waits until the late vectors ran and the network is quiet (repeating while new vector paths keep
 * arriving), then checks that every vector of a granted service arrived and that nothing of the others did.
 * Returns the problems (strings); fills the findings.
 */
async function check(name, page, log, granted, { kind, layers, popups, started }) {
  const problems = [];
  await page.waitForFunction(() => window.__leakLateRan === true, null, { timeout: HANG_MS });
  const info = await page.evaluate(() => ({ early: window.__leakEarlyBeforeReady, skipped: window.__leakSkipped, notes: window.__leakNotes }));
  if (info.early !== true) problems.push(`${name}: precondition: the early vectors ran before assent:ready`);
  for (const s of info.skipped) remember(findings.skipped, s.id, { why: s.why }, name);
  for (const n of info.notes) remember(findings.notes, `${n.id}: ${n.note}`, {}, name);
  const skippedIds = new Set(info.skipped.map((s) => s.id));

  const vectors = VECTORS.filter((v) => v.page === kind && !skippedIds.has(v.id));
  const want = vectors.flatMap((v) => v.phases.flatMap((phase) => [...granted].map((s) => LeakVectors.path(v, s, phase))));
  // Quiet (the late vectors ran, the network and the servers are idle: anything held stayed held), again while
  // controls are missing and new paths keep arriving; absence is asserted after a quiet round that brought nothing.
  for (let seen = -1; ;) {
    await quiet(page, log);
    const n = contacted(log).size;
    if (want.every((p) => contacted(log).has(p)) || n === seen) break;
    seen = n;
  }
  await closePopups(popups);
  const got = contacted(log);
  for (const p of want.filter((x) => !got.has(x))) {
    const { v, service, phase } = BY_PATH.get(p);
    remember(findings.missing, `${v.id} ${phase}`, { id: v.id, phase, layer: v.layer }, `${name} (${service})`);
    problems.push(`${name}: granted ${service} never reached by ${v.id} (${phase})`);
  }
  let leaks = 0;
  for (const p of got) {
    const service = p.split('/')[2];
    if (granted.has(service)) continue;
    const known = BY_PATH.get(p);
    const layer = known?.v.layer ?? 'unknown';
    const id = known ? `${known.v.id} ${known.phase}` : p;
    if (layers.includes(layer) || layer === 'unknown') {
      leaks++;
      remember(findings.leak, id, { id: known?.v.id ?? p, phase: known?.phase ?? '?', layer }, `${name} (${service})`);
      problems.push(`${name}: ${service} not granted, reached by ${id} (${layer})`);
    } else {
      remember(findings.cspOnly, id, { id: known.v.id, phase: known.phase, layer }, `${name} (${service})`);
    }
  }
  const pathCount = vectors.reduce((n, v) => n + v.phases.length, 0) * SERVICES.length;
  summary.push({ name, granted: [...granted].join(',') || '-', leaks, missing: want.filter((x) => !got.has(x)).length, checks: pathCount,
    seconds: (Date.now() - started) / 1000 });
  return problems;
}

/**
 * First visit of `file` in a fresh profile, then the returning visitor (RETURNING_CHOICE stored, reload).
 * `grantedFor(returning)` is the expectation; `layers` the layers asserted.
 */
async function visitTwice(t, label, { file, kind, region, gpc, grantedFor, layers, config = '/policies/leak.json', model }) {
  const problems = [];
  const popups = [];
  let started = Date.now();
  const gpcOn = () => Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true, configurable: true });
  const { page, log, decision: ready } = await openPage(t, env, `/${file}?config=${config}&region=${region}${SKIP}`, {
    context: gpc ? { extraHTTPHeaders: { 'Sec-GPC': '1' } } : {},
    before: ({ context }) => {
      context.on('page', (p) => popups.push(p)); // window.open: closed by the check
      return gpc && context.addInitScript(gpcOn);
    },
  });
  if (model) assert.equal(ready.model, model, `precondition: region ${region} resolves to ${model}`);
  problems.push(...await check(`${label}, ${file}, first`, page, log, grantedFor(false), { kind, layers, popups, started }));

  await page.evaluate((cats) => window.Assent.ready.then((a) => a.set({ categories: cats })), RETURNING_CHOICE);
  await quiet(page, log);
  await closePopups(popups);
  started = Date.now();
  await page.reload(); // from here on, only the new document's requests and hits count
  const again = await waitForReady(page);
  assert.equal(again.showBanner, false, 'precondition: the returning visitor has a stored choice');
  problems.push(...await check(`${label}, ${file}, returning`, page, log, grantedFor(true), { kind, layers, popups, started }));
  assert.deepEqual(log.pageErrors, [], 'no page errors');
  return problems;
}

for (const m of MODELS) {
  for (const gpc of [false, true]) {
    const label = `${m.model} (${m.region}), GPC ${gpc ? 'on' : 'off'}`;
    test(`leak sweep: ${label}, first visit then returning visit`, async (t) => {
      const problems = [];
      for (const { page: kind, file } of PAGES) {
        problems.push(...await visitTwice(t, label, {
          file, kind, region: m.region, gpc, model: m.model, layers: ['js'],
          grantedFor: (returning) => expectedGranted({ ...m, gpc, returning }),
        }));
      }
      assert.deepEqual(problems, [], `${label}: no 'js' vector reaches a service without consent, every vector reaches a granted one`);
    });
  }
}

/** Why the CSP scenario cannot run yet, or null. */
function cspUnavailable() {
  let help = '';
  try { help = execFileSync(cli, ['--help'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }); } catch (e) { help = String(e.stdout ?? ''); }
  if (!/^\s+csp\s/m.test(help)) return `${cli} has no \`csp\` subcommand yet`;
  if (!existsSync(cspModule)) return `${cspModule} does not exist yet (the CSP middleware is not built)`;
  return null;
}

/** The policy with the tracker origin filled in, as the CLI and the middleware read it. */
const cspPolicyFor = () => cspPolicyText().replaceAll('{{TRACKER}}', env.server.trackerOrigin);

/** Runs a connect-style (req, res, next) or promise-returning middleware. */
function runMiddleware(mw, req, res) {
  return new Promise((resolve, reject) => {
    let done = false;
    const next = (err) => { if (!done) { done = true; if (err) reject(err); else resolve(); } };
    try {
      const r = mw(req, res, next);
      if (r && typeof r.then === 'function') r.then(() => next(), next);
      else if (mw.length < 3) next();
    } catch (e) { next(e); }
  });
}

test('leak sweep with the CSP layer on (assentCsp middleware): no vector of either layer reaches a service without consent', async (t) => {
  const why = cspUnavailable();
  if (why) { t.skip(`CSP layer not available: ${why}`); return; }
  const { assentCsp } = await import(pathToFileURL(cspModule).href);
  const policyText = cspPolicyFor();
  const regionOf = (req) => new URL(req.url, 'http://x').searchParams.get('region') ?? 'DE';
  let mw;
  try { mw = await assentCsp({ policy: JSON.parse(policyText), region: regionOf }); }
  catch { mw = await assentCsp({ policy: policyText, region: regionOf }); } // an API that takes the text
  const headers = [];
  cspMiddleware = async (req, res, url) => {
    if (!/^\/leak[\w-]*\.html$/.test(url.pathname)) return;
    await runMiddleware(mw, req, res);
    const h = res.getHeader('content-security-policy');
    headers.push({ page: url.pathname + url.search, cookie: /(^|;\s*)assent=/.test(req.headers.cookie ?? ''), csp: h ?? null });
    if (!h) throw new Error(`assentCsp set no Content-Security-Policy for ${url.pathname}`);
  };
  t.after(() => { cspMiddleware = null; });

  // The CLI's header for the same first visit, for the record (the middleware's is what the browser gets).
  const dir = mkdtempSync(join(tmpdir(), 'assent-leak-csp-'));
  try {
    writeFileSync(join(dir, 'policy.json'), policyText);
    const header = execFileSync(cli, ['csp', join(dir, 'policy.json'), '--region', 'DE', '--header'], { encoding: 'utf8' }).trim();
    t.diagnostic(`assent csp --region DE --header: ${header}`);
    assert.match(header, /default-src|script-src/, 'the CLI prints a header value');
  } finally { rmSync(dir, { recursive: true, force: true }); }

  const problems = [];
  const scenarios = [
    { label: 'CSP, opt-in (DE), GPC off', region: 'DE', gpc: false, grantedFor: (ret) => expectedGranted({ grantsByDefault: false, gpc: false, returning: ret }) },
    { label: 'CSP, opt-out (US-CA), GPC on', region: 'US-CA', gpc: true, grantedFor: (ret) => expectedGranted({ grantsByDefault: true, gpc: true, returning: ret }) },
  ];
  for (const s of scenarios) {
    for (const { page: kind, file } of PAGES) {
      problems.push(...await visitTwice(t, s.label, { ...s, file, kind, layers: ['js', 'csp'], config: '/policies/leak-csp.json' }));
    }
  }
  for (const h of headers.filter((x) => !x.page.startsWith('/leak-blank'))) t.diagnostic(`${h.page} (${h.cookie ? 'consent cookie' : 'no cookie'}): ${h.csp}`);
  assert.deepEqual(problems, [], 'with the CSP layer: no vector reaches a service without consent, every vector reaches a granted one');
});

function report() {
  if (!summary.length) return;
  const out = [];
  const byLayer = (l) => VECTORS.filter((v) => v.layer === l).length;
  const checks = summary.reduce((n, s) => n + s.checks, 0);
  out.push(`leak sweep: ${VECTORS.length} vectors (${byLayer('js')} js, ${byLayer('csp')} csp) × ${SERVICES.length} services × their phases, ` +
    `${summary.length} page visits, ${checks} (service, vector, phase) checks; ` +
    `asserted leaks: ${summary.reduce((n, s) => n + s.leaks, 0)}, granted but never reached: ${summary.reduce((n, s) => n + s.missing, 0)}`);
  for (const s of summary) {
    out.push(`  ${s.name.padEnd(58)} granted: ${s.granted.padEnd(31)} leaks: ${String(s.leaks).padEnd(4)} missing: ${String(s.missing).padEnd(4)} ${s.seconds.toFixed(1)} s`);
  }
  const list = (title, map) => {
    if (!map.size) return;
    out.push(title);
    for (const [key, f] of [...map].sort((a, b) => a[0].localeCompare(b[0]))) {
      const where = [...f.where];
      out.push(`  ${key.padEnd(34)} ${f.layer ? `[${f.layer}] ` : ''}${f.why ? `${f.why} ` : ''}${where.length} visit(s), e.g. ${where.slice(0, 2).join('; ')}`);
    }
  };
  list('LEAKS (asserted layer; service not granted, tracker reached):', findings.leak);
  list('CONTROLS MISSING (service granted, vector never reached the tracker):', findings.missing);
  list("'csp'-layer vectors that got past the JavaScript blocker (expected without a CSP; not asserted):", findings.cspOnly);
  list('skipped vectors:', findings.skipped);
  list('notes from the page:', findings.notes);
  out.push('', '| vector | what the page does | held by |', '|---|---|---|');
  for (const v of VECTORS) {
    const phases = v.phases[0] === 'static' ? 'in the HTML' : v.phases.join(' + ');
    const where = v.page === 'first' ? ', leak-first.html' : '';
    out.push(`| \`${v.id}\` | ${v.desc.replaceAll('|', '\\|')} (${phases}${where}) | ${v.layer === 'js' ? 'JavaScript blocker' : 'CSP only'} |`);
  }
  console.log(out.join('\n'));
}
