// `--draft-policy`: a starting policy from what a scan found, for the owner to review. Known cookies and hosts
// (Open Cookie Database) become a service per platform, in the nearest Assent category. Whatever is unknown is
// not guessed: it goes to a custom category "unreviewed", asked for like any other (so it stays blocked until
// consent), with a purpose that says it needs review. The result passes `assent validate` and `assent lint`.
import type { RunRecord } from './report-types';
import { PATTERNS_PER_SERVICE } from '../../generated/engine-constants';
import { assentCategory, type CookieKnowledge } from './cookie-knowledge';

// The more a category needs consent, the higher: a platform with analytics and marketing cookies is marketing.
const RANK = ['essential', 'preference', 'analytics', 'marketing', 'unreviewed'];

interface DraftService {
  id: string;
  category: string;
  vendor: string;
  name: string;
  purpose: string;
  cookies: Array<{ name: string; maxAgeDays: number }>;
  storage: string[];
  scripts: string[];
}

export interface Draft {
  policy: object;
  /** What was left out, and why: a name no cookie pattern can hold (a key with ':'), or one past a service's 64. */
  skipped: string[];
}

const slug = (s: string) => ('s' + s.toLowerCase().replace(/[^a-z0-9]+/g, '-')).replace(/^s(?=[a-z])/, '').replace(/-+$/, '').slice(0, 32);

/** `cookieName`: what a cookie or storage pattern may be, from the policy schema (the engine's rule, as shipped). */
export function draftPolicy(runs: RunRecord[], knowledge: CookieKnowledge, cookieName: RegExp, site: URL, pages: string[], today: Date): Draft {
  const services = new Map<string, DraftService>();
  const declared = new Set<string>();
  const skipped: string[] = [];
  const uniqueId = (base: string) => {
    let id = slug(base) || 'service';
    for (let n = 2; [...services.values()].some((s) => s.id === id); n++) id = `${slug(base).slice(0, 29)}-${n}`;
    return id;
  };
  const service = (key: string, make: () => Omit<DraftService, 'id' | 'cookies' | 'storage' | 'scripts'> & { idBase: string }) => {
    let s = services.get(key);
    if (!s) {
      const { idBase, ...rest } = make();
      services.set(key, (s = { id: uniqueId(idBase), ...rest, cookies: [], storage: [], scripts: [] }));
    }
    return s;
  };
  const raise = (s: DraftService, category: string) => {
    if (RANK.indexOf(category) > RANK.indexOf(s.category)) s.category = category;
  };
  const add = (list: Array<string | { name: string }>, item: string | { name: string; maxAgeDays: number }) => {
    const name = typeof item === 'string' ? item : item.name;
    if (list.some((x) => (typeof x === 'string' ? x : x.name) === name)) return;
    if (list.length >= PATTERNS_PER_SERVICE) skipped.push(`${name} (past ${PATTERNS_PER_SERVICE} in one service)`);
    else list.push(item);
  };
  const unknownHost = (host: string, scheme: string, where: string) => {
    const s = service(`host ${host}`, () => ({
      idBase: `unreviewed-${host.split(':')[0]}`, category: 'unreviewed', vendor: `Unknown: the operator of ${host}`, name: host,
      purpose: `Found by assent scan: ${where}. Not in the Open Cookie Database; find out who runs it and why, then move it to the right category.`,
    }));
    add(s.scripts, `${scheme}//${host}/*`);
  };
  const firstParty = () =>
    service('site', () => ({
      idBase: 'unreviewed-site', category: 'unreviewed', vendor: site.hostname, name: `${site.hostname} (unidentified)`,
      purpose: 'Found by assent scan on this site and not in the Open Cookie Database: say what each does, or move it to the service that sets it.',
    }));
  const platform = (name: string, category: string, vendor: string, purpose: string) =>
    service(`platform ${name}`, () => ({ idBase: name, category, vendor: vendor || name, name, purpose: purpose || `${name}, as the Open Cookie Database lists it.` }));

  const before = runs.filter((r) => r.pass === 'before' && r.status !== 'skipped');
  for (const r of before)
    for (const h of r.hosts) {
      if (services.has(`host ${h.host}`) || [...services.values()].some((s) => s.scripts.some((p) => p.includes(`//${h.host}/`)))) continue;
      const scheme = new URL(h.requests[0].url).protocol;
      if (h.known) {
        const categories = h.known.categories.map(assentCategory);
        const s = platform(h.known.platforms[0], categories.reduce((a, b) => (RANK.indexOf(b) > RANK.indexOf(a) ? b : a), 'essential'), h.known.controllers[0] ?? '', '');
        add(s.scripts, `${scheme}//${h.host}/*`);
      } else unknownHost(h.host, scheme, `requests to ${h.host} from ${r.page}`);
    }
  const serviceOfSetter = (url: string | undefined) => {
    if (!url) return null;
    const host = new URL(url).host;
    return host === site.host ? null : [...services.values()].find((s) => s.scripts.some((p) => p.includes(`//${host}/`))) ?? null;
  };
  // A cookie or storage key: its platform's service when the database knows it, else the service of the host that
  // set it, else the site's own unreviewed one.
  const declare = (name: string, into: 'cookies' | 'storage', setter: string | undefined, maxAgeDays: number) => {
    if (declared.has(name)) return;
    declared.add(name);
    const known = knowledge.lookup(name);
    const pattern = known?.wildcard ? `${known.name}*` : name;
    if (!cookieName.test(pattern)) return void skipped.push(`${name} (not a valid ${into === 'cookies' ? 'cookie name' : 'storage key'} pattern)`);
    const s = known ? platform(known.platform, known.assentCategory, known.controller, known.description) : serviceOfSetter(setter) ?? firstParty();
    if (known) raise(s, known.assentCategory);
    if (into === 'cookies') add(s.cookies, { name: pattern, maxAgeDays });
    else add(s.storage, pattern);
  };
  for (const r of before) {
    for (const c of r.cookies) declare(c.name, 'cookies', c.setBy?.url, Math.max(0, c.lifetimeDays ?? 0));
    for (const k of r.storage) declare(k.key, 'storage', k.origin, 0);
  }
  const list = [...services.values()].filter((s) => s.cookies.length || s.storage.length || s.scripts.length);
  const used = RANK.filter((c) => c === 'essential' || list.some((s) => s.category === c));
  const privacy = pages.find((p) => /privacy|cookie|datenschutz|confidentialit/i.test(new URL(p).pathname));
  const policy = {
    revision: today.toISOString().slice(0, 10),
    site: { name: site.hostname, ...(privacy ? { policyUrl: new URL(privacy).pathname } : {}) },
    categories: used.map((id) => (id === 'essential' ? { id, required: true } : { id })),
    services: list.map(({ id, category, vendor, name, purpose, cookies, storage, scripts }) => ({
      id, category, vendor, name, purpose,
      ...(cookies.length ? { cookies } : {}), ...(storage.length ? { storage } : {}), ...(scripts.length ? { scripts } : {}),
    })),
    ...(used.includes('unreviewed')
      ? { texts: { en: {
          'category.unreviewed.title': 'Not yet reviewed',
          'category.unreviewed.description': 'Cookies and scripts found on this site whose purpose has not been checked yet. They stay off unless you allow them.',
        } } }
      : {}),
  };
  return { policy, skipped };
}
