// `assent scan`'s report as one self-contained HTML page: no external resources, no scripts, readable offline and
// on paper. Every string in the report comes from the scanned site and is hostile: it reaches the markup only as a
// value interpolated into the `html` template tag, which escapes it with `esc`. Markup is never concatenated by hand.
import { groupLeaks } from './findings';
import type { CookieSeen, DataLayerEntry, HostSeen, KnownAs, KnownHostAs, Leak, RunRecord, ScanReport, StorageSeen, SummaryRow } from './report-types';

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** The one escape helper: for text and attribute values alike (attributes are always double-quoted). */
const esc = (value: unknown): string => String(value).replace(/[&<>"']/g, (c) => ENTITIES[c]);

/** Markup that is trusted because `html` built it (or `svgNum` from a number, or it is this file's stylesheet). */
class Markup {
  constructor(readonly text: string) {}
}
type Value = Markup | string | number | boolean | null | undefined | readonly Value[];

function render(value: Value): string {
  if (value instanceof Markup) return value.text;
  if (Array.isArray(value)) return (value as readonly Value[]).map(render).join('');
  if (value === null || value === undefined || value === false) return ''; // so `cond && html`…`` works
  return esc(value);
}

function html(strings: TemplateStringsArray, ...values: Value[]): Markup {
  return new Markup(strings.reduce((out, literal, i) => out + render(values[i - 1]) + literal));
}

/** A report number as a finite number: a malformed report must not put anything else into the SVG. */
const num = (value: unknown): number => (Number.isFinite(Number(value)) ? Number(value) : 0);
const svgNum = (value: number): Markup => new Markup(String(Math.round(num(value) * 10) / 10));

// Ids for captions and SVG titles; reset per render so the output depends on the report only.
let nextId = 0;
const newId = (prefix: string): string => `${prefix}-${++nextId}`;

export const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;
const onOff = (gpc: boolean): string => (gpc ? 'GPC on' : 'GPC off');
const seconds = (ms: number, digits = 2): string => `${(ms / 1000).toFixed(digits)} s`;
/** A time from the click, signed so before and after read at a glance. */
const fromClick = (ms: number, digits = 2): string => `${ms > 0 ? '+' : ms < 0 ? '−' : ''}${seconds(Math.abs(ms), digits)}`;

/** The page's path for short labels; the full URL stays in the tables. */
function pathOf(url: string): string {
  try {
    const u = new URL(url);
    return u.pathname + u.search;
  } catch {
    return url;
  }
}

const runKey = (r: { page: string; region: string; gpc: boolean; pass: string }): string => JSON.stringify([r.page, r.region, r.gpc, r.pass]);
const runLabel = (r: RunRecord): string => `${r.region} · ${onOff(r.gpc)} · ${r.pass} · ${pathOf(r.page)}`;

/** What the Open Cookie Database says of a cookie or host, in a few words ("unknown" when nothing). */
export function knownText(known: KnownAs | KnownHostAs | null): string {
  if (!known) return 'unknown';
  if ('platform' in known) return `${known.platform} (${known.category})`;
  const categories = known.categories.length ? ` (${known.categories.join(', ')})` : '';
  return `${known.platforms.join(', ') || known.controllers.join(', ') || 'known host'}${categories}`;
}

/** A table column; `rowHeader` marks the cell that names the row (<th scope="row">). */
interface Column<T> { head: string; cell: (row: T) => Value; rowHeader?: boolean; numeric?: boolean }

/** A table in a focusable scroll wrapper (wide tables scroll sideways on a phone), or `empty` when there are no rows. */
// Each table's caption names its scroll region (a landmark): captions must differ, so run tables name their run.
function table<T>(caption: string, rows: readonly T[], columns: Column<T>[], empty: string, rowClass?: (row: T) => string): Markup {
  if (rows.length === 0) return html`<p class="empty">${empty}</p>`;
  const id = newId('t');
  const cls = (c: Column<T>): Value => classAttr(!!c.numeric && 'num');
  return html`<div class="scroll" role="region" tabindex="0" aria-labelledby="${id}"><table>
<caption id="${id}">${caption}</caption>
<thead><tr>${columns.map((c) => html`<th scope="col"${cls(c)}>${c.head}</th>`)}</tr></thead>
<tbody>${rows.map(
    (row) => html`<tr${classAttr(!!rowClass && rowClass(row))}>${columns.map((c) =>
      c.rowHeader ? html`<th scope="row">${c.cell(row)}</th>` : html`<td${cls(c)}>${c.cell(row)}</td>`,
    )}</tr>
`,
  )}</tbody></table></div>`;
}

/** ` class="…"`, or nothing when no class applies. */
const classAttr = (...names: Array<string | false>): Value => {
  const list = names.filter((n): n is string => !!n);
  return list.length > 0 && html` class="${list.join(' ')}"`;
};

const WBR = html`<wbr>`;
/** Monospace text; a long URL may break after / ? & = or a dot rather than anywhere (<wbr> between escaped parts). */
function code(text: string): Markup {
  const parts = String(text).length > 24 ? String(text).split(/(?<=[/?&=.])/) : [text];
  return html`<code>${parts.map((part, i) => html`${i > 0 && WBR}${part}`)}</code>`;
}
const list = (items: readonly string[], none = '—'): Value => (items.length ? html`<ul>${items.map((i) => html`<li>${i}</li>`)}</ul>` : none);

// ---- header and verdict --------------------------------------------------------------------------------------

function header(r: ScanReport): Markup {
  const p = r.policy;
  const policy = p
    ? html`${p.source === 'file' ? 'file' : 'named by the script tag (data-config)'} ${code(p.location)}, ${p.revision === null ? 'no revision' : html`revision ${code(p.revision)}`}${p.error !== null && html`<br><strong class="bad">Policy error:</strong> ${p.error}`}`
    : 'no policy';
  const assent = r.assent.present ? html`present${r.assent.script ? html`: ${code(r.assent.script)}` : ''}` : 'not found on the page';
  return html`<header>
<h1>Cookie consent scan</h1>
<dl class="facts">
<dt>Scanned URL</dt><dd>${code(r.url)}</dd>
<dt>Origin</dt><dd>${code(r.origin)}</dd>
<dt>Started</dt><dd><time>${r.startedAt}</time></dd>
<dt>Finished</dt><dd><time>${r.finishedAt}</time></dd>
<dt>Assent</dt><dd>${assent}</dd>
<dt>Policy</dt><dd>${policy}</dd>
<dt>Scope</dt><dd>${plural(num(r.options.pages), 'page')}; regions ${r.options.regions.join(', ')}; ${r.options.gpc.map(onOff).join(' and ')}; timeout ${seconds(num(r.options.timeoutMs), 0)}; fails on ${r.options.failOn.join(', ') || 'nothing'}</dd>
<dt>Tool</dt><dd>${r.tool.name} ${r.tool.version} in ${r.tool.browser}; ${r.knowledge.source} (${num(r.knowledge.entries)} entries)</dd>
</dl>
</header>`;
}

function verdict(r: ScanReport): Markup {
  const failed = r.runs.filter((run) => run.status !== 'ok').length;
  const counts = `${plural(r.leaks.length, 'leak')} · ${plural(r.undeclared.length, 'undeclared item')} · ${plural(r.stale.length, 'stale declaration')}`;
  return html`<p class="verdict ${r.leaks.length ? 'bad' : 'good'}"><strong>${r.leaks.length ? '✗ Leaks found' : '✓ No leaks found'}</strong>: ${counts}${failed ? ` · ${plural(failed, 'run')} skipped or failed` : ''}.</p>`;
}

// ---- sections ------------------------------------------------------------------------------------------------

function leaksSection(leaks: Leak[]): Markup {
  const body = leaks.length
    ? html`${table('What happened without consent (each leak once, with every run it happened in)', groupLeaks(leaks), [
        { head: 'Page', cell: (g) => code(pathOf(g.first.page)) },
        { head: 'Kind', cell: (g) => g.first.kind },
        { head: 'Item', cell: (g) => code(g.first.item) },
        { head: 'Service / category', cell: (g) => (g.first.service ? `${g.first.service} / ${g.first.category ?? '—'}` : g.first.category ? `undeclared / ${g.first.category}` : '—') },
        { head: 'Runs', cell: (g) => list(g.where.map((w) => `${w.region} · ${onOff(w.gpc)}: ${w.passes.join(', ')}`)) },
        { head: 'Reason (first run)', cell: (g) => g.first.reason },
      ], '')}
<details><summary>Every leak, run by run (${leaks.length})</summary>${table('Every leak, run by run', leaks, [
        { head: 'Region', cell: (l) => l.region },
        { head: 'GPC', cell: (l) => (l.gpc ? 'on' : 'off') },
        { head: 'Pass', cell: (l) => l.pass },
        { head: 'Page', cell: (l) => code(pathOf(l.page)) },
        { head: 'When', cell: (l) => `${l.when} click` },
        { head: 'Kind', cell: (l) => l.kind },
        { head: 'Item', cell: (l) => code(l.item) },
        { head: 'Service / category', cell: (l) => (l.service ? `${l.service} / ${l.category ?? '—'}` : l.category ?? '—') },
        { head: 'Reason', cell: (l) => l.reason },
      ], '')}</details>`
    : html`<p class="empty good">No leaks found: nothing was set or sent that the policy did not allow at that moment.</p>`;
  return html`<section id="leaks"><h2>Leaks</h2>${body}</section>`;
}

const COUNTS: Array<[string, keyof SummaryRow]> = [
  ['Runs', 'runs'], ['Skipped', 'skipped'], ['Errors', 'errors'], ['Requests', 'requests'],
  ['Third-party hosts', 'thirdPartyHosts'], ['Cookies', 'cookies'], ['Leaks', 'leaks'],
];
function summarySection(r: ScanReport): Markup {
  return html`<section id="summary"><h2>Summary</h2>${table('Runs per region, GPC setting and pass', r.summary, [
    { head: 'Region', cell: (s) => s.region, rowHeader: true },
    { head: 'GPC', cell: (s) => (s.gpc ? 'on' : 'off') },
    { head: 'Pass', cell: (s) => s.pass },
    ...COUNTS.map(([head, key]) => ({ head, cell: (s: SummaryRow) => num(s[key]), numeric: true })),
  ], 'No runs.', (s) => (num(s.leaks) > 0 ? 'bad-row' : ''))}</section>`;
}

/** A step of 1, 2 or 5 × 10ⁿ ms that gives at most ~8 axis labels. */
function niceStep(spanMs: number): number {
  for (const step of [100, 200, 500, 1000, 2000, 5000, 10000, 20000, 30000, 60000, 120000, 300000]) if (spanMs / step <= 8) return step;
  return Math.ceil(spanMs / 8 / 60000) * 60000;
}

const TL = { label: 230, plot: 600, right: 20, top: 26, row: 20, bottom: 34 };

/** One row per host, one tick per request, at its time from the click (or from navigation start without one). */
function timeline(run: RunRecord, leakUrls: Set<string>): Markup {
  const hosts = run.hosts.filter((h) => h.requests.length > 0);
  const zero = run.clickAt === null ? 0 : num(run.clickAt);
  const relative = (ms: number): number => num(ms) - zero;
  const basis = run.clickAt === null ? 'navigation start (no consent click in this run)' : 'the consent click';
  if (hosts.length === 0) return html`<p class="empty">No third-party requests in this run.</p>`;
  const times = hosts.reduce<number[]>((all, h) => all.concat(h.requests.map((q) => relative(q.t))), []);
  let lo = times.reduce((a, b) => Math.min(a, b), 0); // not Math.min(...times): thousands of requests overflow the stack
  let hi = times.reduce((a, b) => Math.max(a, b), 0);
  const step = niceStep(hi - lo || 1000);
  lo = Math.floor(lo / step) * step;
  hi = Math.max(Math.ceil(hi / step) * step, lo + step);
  const x = (ms: number): number => TL.label + ((ms - lo) / (hi - lo)) * TL.plot;
  const width = TL.label + TL.plot + TL.right;
  const plotBottom = TL.top + hosts.length * TL.row;
  const height = plotBottom + TL.bottom;
  const axis: number[] = [];
  for (let v = lo; v <= hi; v += step) axis.push(v);
  const id = newId('tl');
  const label = `Third-party requests of ${runLabel(run)}: ${plural(times.length, 'request')} to ${plural(hosts.length, 'host')}, in seconds from ${basis}.`;
  const time = run.clickAt === null ? seconds : fromClick;
  const short = (s: string): string => (s.length > 34 ? `${s.slice(0, 33)}…` : s);
  return html`<figure><div class="scroll" role="region" tabindex="0" aria-labelledby="${id}-cap">
<svg class="timeline" viewBox="0 0 ${svgNum(width)} ${svgNum(height)}" role="img" aria-label="${label}">
<title>${label}</title>
${axis.map((v) => html`<line class="grid" x1="${svgNum(x(v))}" x2="${svgNum(x(v))}" y1="${svgNum(TL.top)}" y2="${svgNum(plotBottom)}"/><text class="axis" x="${svgNum(x(v))}" y="${svgNum(plotBottom + 16)}" text-anchor="middle">${time(v, step < 1000 ? 1 : 0)}</text>`)}
<text class="axis" x="${svgNum(TL.label + TL.plot / 2)}" y="${svgNum(height - 4)}" text-anchor="middle">seconds from ${run.clickAt === null ? 'navigation start' : 'the click'}</text>
${hosts.map((h: HostSeen, i) => {
  const top = TL.top + i * TL.row;
  return html`<rect class="band${i % 2 ? ' odd' : ''}" x="0" y="${svgNum(top)}" width="${svgNum(width)}" height="${svgNum(TL.row)}"/>
<text class="host" x="${svgNum(TL.label - 8)}" y="${svgNum(top + TL.row / 2 + 4)}" text-anchor="end">${short(h.host)}<title>${h.host}</title></text>
${h.requests.map((q) => {
  const leak = leakUrls.has(q.url);
  return html`<line class="tick${leak ? ' leak' : ''}" x1="${svgNum(x(relative(q.t)))}" x2="${svgNum(x(relative(q.t)))}" y1="${svgNum(top + (leak ? 2 : 4))}" y2="${svgNum(top + TL.row - (leak ? 2 : 4))}"><title>${time(relative(q.t))}: ${q.method} ${q.url} (${q.type}, HTTP ${num(q.status) || 'no answer'})${leak ? ' (leak)' : ''}</title></line>`;
})}`;
})}
${run.clickAt !== null && html`<line class="click-line" x1="${svgNum(x(0))}" x2="${svgNum(x(0))}" y1="${svgNum(TL.top - 6)}" y2="${svgNum(plotBottom)}"/><text class="click-label" x="${svgNum(x(0))}" y="${svgNum(TL.top - 10)}" text-anchor="middle">click</text>`}
</svg></div>
<figcaption id="${id}-cap">${label}${leakUrls.size ? ' Leaking requests are drawn taller, in red.' : ''}</figcaption>
</figure>`;
}

function timelineSection(r: ScanReport, leaksByRun: Map<string, Leak[]>): Markup {
  const figures = r.runs.map((run) => {
    const leaks = leaksByRun.get(runKey(run)) ?? [];
    const urls = new Set(leaks.filter((l) => l.kind === 'request').map((l) => l.item));
    return html`<details${leaks.length ? html` open` : ''}><summary>${runLabel(run)}${run.clickAt === null ? ' (no click)' : ''}</summary>${timeline(run, urls)}</details>`;
  });
  return html`<section id="timeline"><h2>Third-party requests around the consent click</h2>
<p>Each row is a host, each mark one request, placed in seconds from the click on Assent's button (the line marked “click”). Runs without a click are shown from navigation start instead.</p>
${figures.length ? figures : html`<p class="empty">No runs.</p>`}</section>`;
}

function undeclaredSection(r: ScanReport): Markup {
  return html`<section id="undeclared"><h2>Undeclared</h2>${table('Cookies and hosts seen that no service of the policy declares', r.undeclared, [
    { head: 'Name', cell: (u) => code(u.name), rowHeader: true },
    { head: 'Kind', cell: (u) => u.kind },
    { head: 'Pages', cell: (u) => list(u.pages) },
    { head: 'Known as', cell: (u) => knownText(u.known) },
  ], 'Nothing undeclared: every cookie and host seen belongs to a declared service.')}</section>`;
}

function staleSection(r: ScanReport): Markup {
  return html`<section id="stale"><h2>Stale declarations</h2>${table('Declared services never seen on any page', r.stale, [
    { head: 'Service', cell: (s) => s.service, rowHeader: true },
    { head: 'Category', cell: (s) => s.category },
    { head: 'Patterns looked for', cell: (s) => list(s.patterns) },
  ], 'Nothing stale: every declared service was seen.')}</section>`;
}

function cookieTable(cookies: CookieSeen[], of: string): Markup {
  return table(`Cookies, ${of}`, cookies, [
    { head: 'Name', cell: (c) => code(c.name), rowHeader: true },
    { head: 'Domain', cell: (c) => c.domain },
    { head: 'Path', cell: (c) => c.path },
    { head: 'Lifetime', cell: (c) => (c.lifetimeDays === null ? 'session' : plural(num(c.lifetimeDays), 'day')) },
    { head: 'Party', cell: (c) => c.party },
    { head: 'Set by', cell: (c) => (c.setBy ? html`${c.setBy.kind}: ${code(c.setBy.url)}` : 'not known') },
    { head: 'First seen', cell: (c) => `${c.firstSeen} click` },
    { head: 'Removed', cell: (c) => (c.transient ? 'set, then removed before the page was looked at' : c.goneAfter ? 'after the click' : 'no') },
    { head: 'Service', cell: (c) => c.service ?? 'none' },
    { head: 'Known as', cell: (c) => knownText(c.known) },
  ], 'No cookies.', (c) => (c.service === null ? 'warn-row' : ''));
}

function storageTable(storage: StorageSeen[], of: string): Markup {
  return table(`Storage keys, ${of}`, storage, [
    { head: 'Key', cell: (s) => code(s.key), rowHeader: true },
    { head: 'Kind', cell: (s) => s.kind },
    { head: 'Origin', cell: (s) => s.origin },
    { head: 'First seen', cell: (s) => `${s.firstSeen} click` },
    { head: 'Removed', cell: (s) => (s.goneAfter ? 'after the click' : 'no') },
    { head: 'Service', cell: (s) => s.service ?? 'none' },
    { head: 'Known as', cell: (s) => knownText(s.known) },
  ], 'No storage keys.');
}

function hostTable(hosts: HostSeen[], of: string): Markup {
  // Distinct initiator chains, nearest first, so a site owner sees which script pulled a host in.
  const chains = (h: HostSeen): string[] => {
    const all = Array.from(new Set(h.requests.map((q) => q.initiators.join(' ← ')).filter((c) => c !== '')));
    return all.length > 5 ? [...all.slice(0, 5), `… and ${all.length - 5} more`] : all;
  };
  return table(`Third-party hosts, ${of}`, hosts, [
    { head: 'Host', cell: (h) => code(h.host), rowHeader: true },
    { head: 'Requests', cell: (h) => h.requests.length, numeric: true },
    { head: 'Service', cell: (h) => h.service ?? 'none' },
    { head: 'Known as', cell: (h) => knownText(h.known) },
    { head: 'Initiator chains (nearest first)', cell: (h) => list(chains(h), 'not recorded') },
  ], 'No third-party requests.');
}

function dataLayerTable(run: RunRecord): Markup {
  const early = new Set(run.consentReadBeforeDefault.map((e) => JSON.stringify(e)));
  const state = (e: DataLayerEntry): string => (e.state ? Object.keys(e.state).map((k) => `${k}: ${e.state?.[k]}`).join(', ') : '');
  return table(`dataLayer (Google tag commands), ${runLabel(run)}`, run.dataLayer, [
    { head: run.clickAt === null ? 'Time from navigation' : 'Time from click', cell: (e) => (run.clickAt === null ? seconds(num(e.t)) : fromClick(num(e.t) - num(run.clickAt))), numeric: true },
    { head: 'Command', cell: (e) => code(e.command) },
    { head: 'Detail', cell: (e) => e.detail },
    { head: 'Consent state', cell: state },
    { head: 'Note', cell: (e) => (early.has(JSON.stringify(e)) ? 'before any Consent Mode default' : '') },
  ], 'No dataLayer entries.', (e) => (early.has(JSON.stringify(e)) ? 'bad-row' : ''));
}

function runDetails(run: RunRecord, leaks: Leak[]): Markup {
  const granted = run.granted
    ? html`<p>Granted before the click: ${run.granted.before.join(', ') || 'nothing'}${run.granted.after ? html`; after: ${run.granted.after.join(', ') || 'nothing'}` : ''}.</p>`
    : '';
  return html`<details class="run${run.status !== 'ok' ? ' failed' : ''}"${leaks.length ? html` open` : ''}>
<summary>${runLabel(run)}${run.status !== 'ok' ? ` (${run.status})` : ''}${leaks.length ? ` — ${plural(leaks.length, 'leak')}` : ''}</summary>
<p>Page ${code(run.page)}, final URL ${code(run.finalUrl)}, HTTP ${num(run.httpStatus) || 'no answer'}. ${run.clicked ? html`Clicked ${code(run.clicked)} at ${seconds(num(run.clickAt), 2)} after navigation start.` : 'No consent click.'}</p>
${granted}
${cookieTable(run.cookies, runLabel(run))}
${storageTable(run.storage, runLabel(run))}
${hostTable(run.hosts, runLabel(run))}
${dataLayerTable(run)}
<h3>Page errors</h3>${list(run.pageErrors, 'None.')}
<h3>Notes</h3>${list(run.notes, 'None.')}
</details>`;
}

function pagesSection(r: ScanReport): Markup {
  return html`<section id="pages"><h2>Pages</h2>${table('Pages visited', r.pages, [
    { head: 'URL', cell: (p) => code(p.url), rowHeader: true },
    { head: 'HTTP status', cell: (p) => num(p.httpStatus) || 'no answer', numeric: true },
    { head: 'Notes', cell: (p) => list(p.notes, '') },
  ], 'No pages were visited.')}</section>`;
}

// Light colours for the screen and for paper (a dark-mode reader still prints dark on white).
const LIGHT = '--bg:#fff;--fg:#1b1d21;--muted:#52585f;--line:#c9ced4;--band:#f3f5f7;--accent:#1f5fbf;--bad:#b3001b;--bad-bg:#fdecee;--good:#1b6b3a;--good-bg:#e9f6ee;--warn-bg:#fff6db';
const STYLE = `
:root{${LIGHT};color-scheme:light dark}
@media (prefers-color-scheme:dark){:root{--bg:#15171b;--fg:#e6e8eb;--muted:#a9b0b8;--line:#3d434b;--band:#1e2126;--accent:#7fb0ff;--bad:#ff8f9c;--bad-bg:#3a1a1f;--good:#86d9a4;--good-bg:#16301f;--warn-bg:#332d14}}
*{box-sizing:border-box}
body{margin:0 auto;max-width:72rem;padding:1rem;background:var(--bg);color:var(--fg);font:16px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif}
h1{font-size:1.6rem;margin:.2rem 0 .8rem}h2{font-size:1.3rem;margin:2rem 0 .6rem;border-bottom:2px solid var(--line)}h3{font-size:1rem;margin:1rem 0 .2rem}
code{font:.875em/1.4 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;overflow-wrap:break-word}
.facts{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem;margin:0}.facts dt{font-weight:600}.facts dd{margin:0;overflow-wrap:anywhere}
.bad{color:var(--bad)}
.verdict{padding:.7rem 1rem;border-radius:.4rem;border:1px solid currentColor}.verdict.bad{color:var(--bad);background:var(--bad-bg)}.verdict.good{color:var(--good);background:var(--good-bg)}
.empty{color:var(--muted);font-style:italic}.empty.good{color:var(--good);font-style:normal}
.scroll{overflow-x:auto;margin:.5rem 0 1rem}.scroll:focus-visible{outline:2px solid var(--accent);outline-offset:2px}
table{border-collapse:collapse;min-width:100%;font-size:.9rem}caption{text-align:left;font-weight:600;padding:.3rem 0}
th,td{border:1px solid var(--line);padding:.3rem .5rem;text-align:left;vertical-align:top}thead th{background:var(--band)}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}td ul{margin:0;padding-left:1.1rem}
tr.bad-row{background:var(--bad-bg)}tr.warn-row{background:var(--warn-bg)}
details{border:1px solid var(--line);border-radius:.4rem;padding:.3rem .8rem;margin:.5rem 0}summary{cursor:pointer;font-weight:600;padding:.2rem 0}
details.failed>summary{color:var(--bad)}
figure{margin:0}figcaption{color:var(--muted);font-size:.85rem}
svg.timeline{display:block;width:100%;min-width:40rem;height:auto;font-size:12px;font-family:inherit}
.band{fill:transparent}.band.odd{fill:var(--band)}.grid{stroke:var(--line);stroke-width:1}.axis,.host{fill:var(--fg)}
.tick{stroke:var(--accent);stroke-width:3}.tick.leak{stroke:var(--bad);stroke-width:4}
.click-line{stroke:var(--bad);stroke-width:2;stroke-dasharray:4 3}.click-label{fill:var(--bad);font-weight:700}
summary,.scroll{transition:background-color .15s}summary:hover{background:var(--band)}
@media (prefers-reduced-motion:reduce){*{transition:none!important;animation:none!important;scroll-behavior:auto!important}}
@media print{:root{${LIGHT}}body{max-width:none;font-size:10pt}.scroll{overflow:visible}
details::details-content{content-visibility:visible;display:contents}details{break-inside:avoid-page}tr{break-inside:avoid}thead{display:table-header-group}}
`;

export function renderHtmlReport(report: ScanReport): string {
  nextId = 0;
  const leaksByRun = new Map<string, Leak[]>();
  for (const leak of report.leaks) leaksByRun.set(runKey(leak), [...(leaksByRun.get(runKey(leak)) ?? []), leak]);
  // A CSP that forbids every load is a second wall behind escaping: even injected markup could fetch nothing.
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>Assent scan: ${report.url}</title>
<style>${new Markup(STYLE)}</style>
</head>
<body>
${header(report)}
<main>
${verdict(report)}
${leaksSection(report.leaks)}
${summarySection(report)}
${timelineSection(report, leaksByRun)}
${undeclaredSection(report)}
${staleSection(report)}
<section id="runs"><h2>Runs in detail</h2>
<p>Cookies, storage keys, third-party hosts, dataLayer, errors and notes of every run. Runs with leaks are open.</p>
${report.runs.length ? report.runs.map((run) => runDetails(run, leaksByRun.get(runKey(run)) ?? [])) : html`<p class="empty">No runs.</p>`}
</section>
${pagesSection(report)}
</main>
</body>
</html>
`.text;
}
