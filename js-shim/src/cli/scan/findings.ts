// The audit: leaks (a service's request, cookie or storage at a moment its consent was not granted; the same for
// an undeclared one the Open Cookie Database knows as analytics or marketing, by that category; and Google tag
// commands before the Consent Mode default), undeclared cookies and hosts (no service of the policy covers
// them), stale services (declared, never seen), and a summary per region, GPC and pass.
import { assentCategory } from './cookie-knowledge';
import type { Leak, RunRecord, Stale, SummaryRow, Undeclared } from './report-types';
import type { PolicyDecisions } from './policy-decisions';
import type { ServiceMatcher } from './service-match';

// The categories an undeclared tracker is judged by: what the database calls Analytics or Marketing.
const TRACKING = ['marketing', 'analytics'] as const;

const where = (r: RunRecord) => `${r.region}${r.gpc ? ' with GPC' : ''}`;

export function findLeaks(runs: RunRecord[], decisions: PolicyDecisions | null): Leak[] {
  const leaks: Leak[] = [];
  for (const r of runs) {
    const base = { page: r.page, region: r.region, gpc: r.gpc, pass: r.pass };
    const seen = new Set<string>();
    const add = (leak: Omit<Leak, 'page' | 'region' | 'gpc' | 'pass'>) => {
      const key = `${leak.kind} ${leak.when} ${leak.item}`;
      if (!seen.has(key)) seen.add(key), leaks.push({ ...base, ...leak });
    };
    for (const e of r.consentReadBeforeDefault)
      add({ kind: 'consent-order', when: 'before', item: `gtag('${e.command}'${e.detail ? `, '${e.detail}'` : ''})`, service: null, category: null,
        reason: `a Google tag command was pushed to dataLayer ${e.t} ms into the page, before any Consent Mode default: the tag acts without knowing consent` });
    const granted = r.granted;
    const categories = r.grantedCategories;
    if (!granted || !categories || !decisions) continue;
    const moment = (when: 'before' | 'after') => (when === 'before' ? (r.clickAt === null ? 'with no choice made' : 'before the click') : `after "${r.clicked}"`);
    const check = (kind: Leak['kind'], item: string, service: string | null, when: 'before' | 'after', what: string) => {
      const allowed = when === 'before' ? granted.before : granted.after;
      if (!service || !allowed || allowed.includes(service)) return;
      add({ kind, when, item, service, category: decisions.categoryOf(service), reason: `${what} of "${service}", not granted ${moment(when)} in ${where(r)}` });
    };
    // Undeclared, but known to the Open Cookie Database as analytics or marketing: judged by that category.
    const checkKnown = (kind: Leak['kind'], item: string, known: string[], when: 'before' | 'after', what: string) => {
      const allowed = when === 'before' ? categories.before : categories.after;
      const category = TRACKING.find((c) => known.map(assentCategory).includes(c));
      if (!category || !allowed || allowed.includes(category)) return;
      add({ kind, when, item, service: null, category, reason: `${what}, which no service declares and the Open Cookie Database knows as ${category}, while "${category}" was not granted ${moment(when)} in ${where(r)}` });
    };
    const whenOf = (t: number): 'before' | 'after' => (r.clickAt !== null && t >= r.clickAt ? 'after' : 'before');
    for (const h of r.hosts)
      for (const q of h.requests) {
        check('request', q.url, q.service, whenOf(q.t), 'a request');
        if (!q.service && h.known) checkKnown('request', q.url, h.known.categories, whenOf(q.t), `a request to ${h.host} (${h.known.platforms.join(', ')})`);
      }
    const present = (firstSeen: 'before' | 'after', goneAfter: boolean) => [...(firstSeen === 'before' ? ['before' as const] : []), ...(r.clickAt !== null && !goneAfter ? ['after' as const] : [])];
    for (const c of r.cookies)
      for (const when of present(c.firstSeen, c.goneAfter)) {
        const label = when === 'after' ? 'a cookie still set' : c.transient ? 'a cookie (set, then removed)' : 'a cookie';
        if (c.service) check('cookie', c.name, c.service, when, label);
        else if (c.known && c.name !== decisions.summary.storage.cookie) checkKnown('cookie', c.name, [c.known.category], when, `${label} "${c.name}" (${c.known.platform})`);
      }
    for (const s of r.storage)
      for (const when of present(s.firstSeen, s.goneAfter)) {
        const label = `${s.kind}${when === 'after' ? ' still holding' : ''} "${s.key}"`;
        if (s.service) check('storage', s.key, s.service, when, label);
        else if (s.known) checkKnown('storage', s.key, [s.known.category], when, `${label} (${s.known.platform})`);
      }
  }
  return leaks;
}

/** Cookies and hosts no service covers; Assent's own consent cookie is the one exception. */
export function findUndeclared(runs: RunRecord[], matcher: ServiceMatcher, ownCookie: string): Undeclared[] {
  const found = new Map<string, Undeclared>();
  const add = (kind: Undeclared['kind'], name: string, page: string, known: Undeclared['known']) => {
    const key = `${kind} ${name}`;
    const u = found.get(key) ?? { kind, name, pages: [], known };
    if (!u.pages.includes(page)) u.pages.push(page);
    found.set(key, u);
  };
  for (const r of runs) {
    for (const c of r.cookies) if (!c.service && c.name !== ownCookie) add('cookie', c.name, r.page, c.known);
    for (const h of r.hosts) if (!matcher.hostDeclared(h.host) && h.requests.every((q) => !q.service)) add('host', h.host, r.page, h.known);
  }
  // Code-point order: the same report whatever the machine's locale.
  const key = (u: Undeclared) => `${u.kind}\u0000${u.name}`;
  return [...found.values()].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

export function findStale(runs: RunRecord[], decisions: PolicyDecisions, matcher: ServiceMatcher): Stale[] {
  const seen = new Set<string>();
  for (const r of runs) {
    for (const h of r.hosts) for (const q of h.requests) if (q.service) seen.add(q.service);
    for (const c of r.cookies) if (c.service) seen.add(c.service);
    for (const s of r.storage) if (s.service) seen.add(s.service);
  }
  return decisions.summary.services
    .filter((s) => !seen.has(s.id) && matcher.patternsOf(s.id).length > 0)
    .map((s) => ({ service: s.id, category: s.category, patterns: matcher.patternsOf(s.id) }));
}

export function summarise(runs: RunRecord[], leaks: Leak[]): SummaryRow[] {
  const rows = new Map<string, SummaryRow>();
  const hosts = new Map<string, Set<string>>();
  for (const r of runs) {
    const key = `${r.region} ${r.gpc} ${r.pass}`;
    const row = rows.get(key) ?? { region: r.region, gpc: r.gpc, pass: r.pass, runs: 0, skipped: 0, errors: 0, requests: 0, thirdPartyHosts: 0, cookies: 0, leaks: 0 };
    row.runs++;
    if (r.status === 'skipped') row.skipped++;
    if (r.status === 'error') row.errors++;
    row.requests += r.hosts.reduce((n, h) => n + h.requests.length, 0);
    const distinct = hosts.get(key) ?? new Set<string>();
    for (const h of r.hosts) distinct.add(h.host);
    hosts.set(key, distinct);
    row.thirdPartyHosts = distinct.size;
    row.cookies += r.cookies.length;
    row.leaks += leaks.filter((l) => l.page === r.page && l.region === r.region && l.gpc === r.gpc && l.pass === r.pass).length;
    rows.set(key, row);
  }
  return [...rows.values()];
}

/** A leak seen in several runs, once: with each visitor (region, GPC) and the passes it happened in. */
export interface LeakGroup {
  first: Leak;
  runs: number;
  where: Array<{ region: string; gpc: boolean; passes: string[] }>;
}

export function groupLeaks(leaks: Leak[]): LeakGroup[] {
  const groups = new Map<string, LeakGroup>();
  const runsOf = new Map<string, Set<string>>();
  for (const l of leaks) {
    const key = JSON.stringify([l.page, l.kind, l.item, l.service]);
    const g = groups.get(key) ?? { first: l, runs: 0, where: [] };
    const runs = runsOf.get(key) ?? new Set<string>();
    runsOf.set(key, runs.add(`${l.region} ${l.gpc} ${l.pass}`));
    g.runs = runs.size;
    let visitor = g.where.find((w) => w.region === l.region && w.gpc === l.gpc);
    if (!visitor) g.where.push((visitor = { region: l.region, gpc: l.gpc, passes: [] }));
    const pass = `${l.pass}${l.when === 'after' ? ' (after the click)' : ''}`;
    if (!visitor.passes.includes(pass)) visitor.passes.push(pass);
    groups.set(key, g);
  }
  return [...groups.values()];
}
