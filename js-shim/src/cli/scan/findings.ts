// The audit: leaks (a service's request, cookie or storage at a moment its consent was not granted, and Google
// tag commands before the Consent Mode default), undeclared cookies and hosts (no service of the policy covers
// them), stale services (declared, never seen), and a summary per region, GPC and pass.
import type { Leak, RunRecord, Stale, SummaryRow, Undeclared } from './report-types';
import type { PolicyDecisions } from './policy-decisions';
import type { ServiceMatcher } from './service-match';

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
    if (!granted || !decisions) continue;
    const check = (kind: Leak['kind'], item: string, service: string | null, when: 'before' | 'after', what: string) => {
      const allowed = when === 'before' ? granted.before : granted.after;
      if (!service || !allowed || allowed.includes(service)) return;
      const moment = when === 'before' ? (r.clickAt === null ? 'with no choice made' : 'before the click') : `after "${r.clicked}"`;
      add({ kind, when, item, service, category: decisions.categoryOf(service), reason: `${what} of "${service}", not granted ${moment} in ${where(r)}` });
    };
    for (const h of r.hosts)
      for (const q of h.requests) check('request', q.url, q.service, r.clickAt !== null && q.t >= r.clickAt ? 'after' : 'before', 'a request');
    for (const c of r.cookies) {
      if (c.firstSeen === 'before') check('cookie', c.name, c.service, 'before', c.transient ? 'a cookie (set, then removed)' : 'a cookie');
      if (r.clickAt !== null && !c.goneAfter) check('cookie', c.name, c.service, 'after', 'a cookie still set');
    }
    for (const s of r.storage) {
      if (s.firstSeen === 'before') check('storage', s.key, s.service, 'before', `${s.kind} "${s.key}"`);
      if (r.clickAt !== null && !s.goneAfter) check('storage', s.key, s.service, 'after', `${s.kind} still holding "${s.key}"`);
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
  return [...found.values()].sort((a, b) => a.kind.localeCompare(b.kind) || a.name.localeCompare(b.name));
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
