// `assent scan URL`: crawl, audit against the site's policy, write the JSON and HTML reports (and a draft
// policy when asked), print what was found, and exit 1 on what --fail-on names. See SCAN_HELP (options.ts).
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadNodeEngine, type RawEngine } from '../../server/node-engine';
import { POLICY_BYTES } from '../../generated/engine-constants';
import { launchBrowser } from './browser';
import { fetchBytes } from './fetch-bytes';
import { policyText } from '../policy-text';
import { CookieKnowledge } from './cookie-knowledge';
import { crawl } from './crawl';
import { draftPolicy } from './draft-policy';
import { findLeaks, findStale, findUndeclared, groupLeaks, summarise } from './findings';
import { knownText, plural, renderHtmlReport } from './html-report';
import { readScanOptions, SCAN_HELP, type ScanOptions } from './options';
import { PolicyDecisions } from './policy-decisions';
import type { RawRun, RunSpec } from './record-run';
import type { Pass, RunRecord, ScanReport } from './report-types';
import { skippedRecord, toRunRecord } from './run-record';
import { ServiceMatcher } from './service-match';

const PASSES: Pass[] = ['before', 'accept', 'reject'];
const wasmPath = () => fileURLToPath(new URL('./assent-full.wasm', import.meta.url));
const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e));

interface Audit {
  policy: ScanReport['policy'];
  decisions: PolicyDecisions | null;
  matcher: ServiceMatcher | null;
}

async function loadPolicy(text: string, source: 'data-config' | 'file', location: string): Promise<Audit> {
  try {
    const { engine, summary } = await loadNodeEngine('assent scan', wasmPath(), text);
    return { policy: { source, location, revision: summary.revision, error: null }, decisions: new PolicyDecisions(engine, summary), matcher: new ServiceMatcher(summary.services) };
  } catch (e) {
    return { policy: { source, location, revision: null, error: errorText(e).replace(/^assent scan: options\.policy: /, '') }, decisions: null, matcher: null };
  }
}

async function fetchPolicy(url: string, timeoutMs: number): Promise<Audit> {
  let bytes: Uint8Array;
  try {
    // Past the engine's limit the engine refuses it, with its own message: a little more is read for that.
    bytes = await fetchBytes(url, timeoutMs, POLICY_BYTES + 1024);
  } catch (e) {
    return { policy: { source: 'data-config', location: url, revision: null, error: `could not be fetched: ${errorText(e)}` }, decisions: null, matcher: null };
  }
  try {
    return loadPolicy(policyText(bytes), 'data-config', url);
  } catch (e) {
    return { policy: { source: 'data-config', location: url, revision: null, error: errorText(e) }, decisions: null, matcher: null };
  }
}

function progress(options: ScanOptions) {
  if (options.quiet || !process.stderr.isTTY) return () => {};
  return (done: number, total: number, spec: RunSpec) =>
    process.stderr.write(`\r\x1b[2K[${done}/${total}] ${spec.region}${spec.gpc ? '+GPC' : ''} ${spec.pass} ${new URL(spec.page).pathname}`.slice(0, 200));
}

function order(runs: RunRecord[], pages: string[], options: ScanOptions): RunRecord[] {
  const key = (r: RunRecord) => [pages.indexOf(r.page), options.regions.indexOf(r.region), options.gpc.indexOf(r.gpc), PASSES.indexOf(r.pass)];
  return runs.sort((a, b) => {
    const [x, y] = [key(a), key(b)];
    return x.map((v, i) => v - y[i]).find((d) => d !== 0) ?? 0;
  });
}

function printSummary(report: ScanReport, written: string[]): void {
  const runs = report.runs;
  const out = (s: string) => process.stdout.write(s + '\n');
  out(`assent scan ${report.url}: ${report.pages.length} page(s), ${runs.length} runs (${runs.filter((r) => r.status === 'skipped').length} skipped, ${runs.filter((r) => r.status === 'error').length} with errors)`);
  const p = report.policy;
  out(p ? `policy: ${p.location}${p.revision ? ` (revision ${p.revision})` : ''}${p.error ? ` — not usable: ${p.error}` : ''}` : 'policy: none (leaks other than Consent Mode order, undeclared and stale need one)');
  out(`leaks: ${report.leaks.length}   undeclared: ${report.undeclared.length}   stale: ${report.stale.length}`);
  // Each leak once, with where it happened: the same pixel on one page is one line, not one per run.
  const groups = groupLeaks(report.leaks);
  for (const g of groups.slice(0, 30)) {
    const l = g.first;
    const owner = l.service ? ` (${l.service}, ${l.category})` : l.category ? ` (undeclared, known as ${l.category})` : '';
    const where = g.where.map((w) => `${w.region}${w.gpc ? '+GPC' : ''} ${w.passes.join('/')}`).join('; ');
    out(`  LEAK ${new URL(l.page).pathname}: ${l.kind} ${l.item}${owner} — ${plural(g.runs, 'run')}: ${where}`);
  }
  if (groups.length > 30) out(`  … and ${groups.length - 30} more in the report`);
  for (const u of report.undeclared.slice(0, 30)) out(`  UNDECLARED ${u.kind} ${u.name}: ${knownText(u.known)}`);
  if (report.undeclared.length > 30) out(`  … and ${report.undeclared.length - 30} more in the report`);
  for (const s of report.stale) out(`  STALE ${s.service} (${s.category}): never seen`);
  for (const f of written) out(`wrote ${f}`);
}

async function draft(report: ScanReport, knowledge: CookieKnowledge, path: string): Promise<string> {
  // The cookie-name rule as the package's policy schema states it (tests/schema holds it to the engine's).
  const schema = JSON.parse(readFileSync(new URL('./policy.schema.json', import.meta.url), 'utf8')) as { $defs: { cookieGlob: { pattern: string } } };
  const { policy, skipped } = draftPolicy(report.runs, knowledge, new RegExp(schema.$defs.cookieGlob.pattern), new URL(report.url), report.pages.map((p) => p.url), new Date());
  const text = JSON.stringify(policy, null, 2) + '\n';
  // The draft must be one the engine takes: checked here, so a broken draft is this tool's error, not the owner's.
  const { engine } = await loadNodeEngine('assent scan --draft-policy', wasmPath(), text);
  const lint = JSON.parse((engine as RawEngine).lint!()) as { warnings: Array<{ severity: string; message: string }> };
  writeFileSync(path, text);
  const errors = lint.warnings.filter((w) => w.severity === 'error').length;
  return `${path} (draft policy: ${(policy as { services: unknown[] }).services.length} services; valid; lint: ${lint.warnings.length} finding(s), ${errors} error(s)${skipped.length ? `; left out: ${skipped.join(', ')}` : ''})`;
}

export async function scanCommand(args: string[]): Promise<number> {
  const options = readScanOptions(args);
  if (options === 'help') return process.stdout.write(SCAN_HELP), 0;
  const knowledge = new CookieKnowledge(readFileSync(new URL('./open-cookie-database/open-cookie-database.csv', import.meta.url), 'utf8'));
  let audit: Audit = { policy: null, decisions: null, matcher: null };
  if (options.policy) {
    let bytes: Uint8Array;
    try {
      bytes = readFileSync(options.policy);
    } catch (e) {
      throw new Error(`--policy: cannot read ${options.policy} (${errorText(e)})`);
    }
    let text: string;
    try {
      text = policyText(bytes);
    } catch (e) {
      throw new Error(`--policy: ${options.policy} is not a valid policy: ${errorText(e)}`);
    }
    audit = await loadPolicy(text, 'file', options.policy);
    if (audit.policy?.error) throw new Error(`--policy: ${options.policy} is not a valid policy: ${audit.policy.error}`);
  }
  const startedAt = new Date().toISOString();
  const browser = await launchBrowser(options.chromium);
  const browserVersion = browser.version();
  let assent: RawRun['assent'] = null;
  const skipped: RunRecord[] = [];
  let result;
  try {
    result = await crawl({
      browser, start: options.url, maxPages: options.pages, timeoutMs: options.timeoutMs, concurrency: options.concurrency, progress: progress(options),
      discoverySpec: (page) => ({ page, region: options.regions[0], gpc: options.gpc[0], pass: 'before', button: null }),
      laterRuns: async (pages, discovery) => {
        assent = discovery.find((r) => r.assent)?.assent ?? null;
        if (assent && !options.policy) audit = await fetchPolicy(assent.config, options.timeoutMs);
        const specs: RunSpec[] = [];
        for (const page of pages)
          for (const region of options.regions)
            for (const gpc of options.gpc)
              for (const pass of assent && audit.decisions ? PASSES : PASSES.slice(0, 1)) {
                if (pass === 'before' && region === options.regions[0] && gpc === options.gpc[0]) continue;
                const button = audit.decisions?.button(region, gpc, pass) ?? { action: null, reason: '' };
                if (pass !== 'before' && !button.action) skipped.push(skippedRecord({ page, region, gpc, pass, button: null }, button.reason));
                else specs.push({ page, region, gpc, pass, button: button.action });
              }
        return specs;
      },
    });
  } finally {
    await browser.close().catch(() => {});
    if (!options.quiet && process.stderr.isTTY) process.stderr.write('\r\x1b[2K');
  }
  const { pages, runs } = result;
  const tag = assent as RawRun['assent']; // assigned in laterRuns; TypeScript's flow analysis does not see it
  const ctx = { origin: options.url, knowledge, matcher: audit.matcher, decisions: audit.decisions, assentBase: tag ? tag.src.slice(0, tag.src.lastIndexOf('/') + 1) : null };
  const records = order([...runs.map((r) => toRunRecord(r, ctx)), ...skipped], pages, options);
  const leaks = findLeaks(records, audit.decisions);
  const discovery = runs.filter((r) => r.spec.region === options.regions[0] && r.spec.gpc === options.gpc[0] && r.spec.pass === 'before');
  const report: ScanReport = {
    version: 1,
    tool: { name: 'assent scan', version: JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version, browser: `Chromium ${browserVersion}` },
    url: options.url.href, origin: options.url.origin, startedAt, finishedAt: new Date().toISOString(),
    options: { pages: options.pages, regions: options.regions, gpc: options.gpc, timeoutMs: options.timeoutMs, concurrency: options.concurrency, failOn: options.failOn },
    assent: { present: tag !== null, script: tag?.src ?? null },
    policy: audit.policy,
    pages: pages.map((url) => {
      const r = discovery.find((d) => d.spec.page === url);
      return { url, httpStatus: r?.httpStatus ?? 0, notes: r?.notes ?? [] };
    }),
    summary: summarise(records, leaks),
    leaks,
    undeclared: audit.matcher && audit.decisions ? findUndeclared(records, audit.matcher, audit.decisions.summary.storage.cookie) : [],
    stale: audit.matcher && audit.decisions ? findStale(records, audit.decisions, audit.matcher) : [],
    runs: records,
    knowledge: { source: 'Open Cookie Database', entries: knowledge.size },
  };
  const written: string[] = [];
  writeFileSync(options.json, JSON.stringify(report, null, 2) + '\n');
  writeFileSync(options.html, renderHtmlReport(report));
  written.push(options.json, options.html);
  if (options.draftPolicy) written.push(await draft(report, knowledge, options.draftPolicy));
  printSummary(report, written);
  const start = runs.find((r) => r.spec.page === options.url.href && r.spec.pass === 'before');
  if (start && start.status === 'error' && start.httpStatus === 0)
    return process.stderr.write(`assent scan: ${options.url.href} ${start.notes.join('; ')}\n`), 1;
  if (audit.policy?.error) return process.stderr.write(`assent scan: the site's policy ${audit.policy.location} ${audit.policy.error}\n`), 1;
  const failed = options.failOn.filter((f) => (f === 'leak' ? report.leaks : f === 'undeclared' ? report.undeclared : report.stale).length > 0);
  if (failed.length) process.stderr.write(`assent scan: failing on ${failed.join(', ')} (--fail-on)\n`);
  return failed.length ? 1 : 0;
}
