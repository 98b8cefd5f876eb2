// A raw run (what the browser saw) turned into the report's RunRecord: times relative to navigation, requests
// grouped by host with their initiator chains, cookies and storage with who set them, what the Open Cookie
// Database knows, which policy service each belongs to, and what the engine granted before and after the click.
import { recordFromCookies } from '../../storage';
import type { CookieKnowledge, KnownCookie, KnownHost } from './cookie-knowledge';
import type { PolicyDecisions } from './policy-decisions';
import type { RawRun, RunSpec } from './record-run';
import type { CookieSeen, DataLayerEntry, HostSeen, KnownAs, KnownHostAs, RunRecord, StorageSeen } from './report-types';
import type { ServiceMatcher } from './service-match';

export interface RecordContext {
  origin: URL;
  knowledge: CookieKnowledge;
  matcher: ServiceMatcher | null;
  decisions: PolicyDecisions | null;
  /** URL prefix of Assent's own scripts: a cookie Assent's guard passes on was set by the script below it. */
  assentBase: string | null;
}

export const knownAs = (k: KnownCookie | null): KnownAs | null =>
  k && { platform: k.platform, category: k.category, purpose: k.description, retention: k.retention, controller: k.controller };
export const knownHostAs = (k: KnownHost | null): KnownHostAs | null => k && { platforms: k.platforms, controllers: k.controllers, categories: k.categories };

// Commands a Google tag acts on; one pushed before the Consent Mode default runs without knowing consent.
const GOOGLE_TAG_COMMANDS = new Set(['js', 'config', 'event', 'get']);
const actsOnConsent = (e: { command: string; detail: string }) => GOOGLE_TAG_COMMANDS.has(e.command) || (e.command === 'push' && e.detail === 'gtm.js');

export function skippedRecord(spec: RunSpec, reason: string): RunRecord {
  return {
    page: spec.page, region: spec.region, gpc: spec.gpc, pass: spec.pass, status: 'skipped', notes: [reason], httpStatus: 0,
    finalUrl: spec.page, clickAt: null, clicked: null, granted: null, grantedCategories: null, cookies: [], storage: [], hosts: [], dataLayer: [],
    consentReadBeforeDefault: [], pageErrors: [],
  };
}

/** The record the click stored, read as the shim reads its cookie; null when there is none (or not Assent's). */
function consentRecord(raw: RawRun, cookieName: string): string | null {
  const c = raw.after?.cookies.find((x) => x.name === cookieName);
  return (c && recordFromCookies(`${c.name}=${c.value}`, cookieName)) ?? null;
}

export function toRunRecord(raw: RawRun, ctx: RecordContext): RunRecord {
  const rel = (epochMs: number) => Math.round(epochMs - raw.navStart);
  const { spec } = raw;
  const notes = [...raw.notes];

  // Assent's own scripts sit on the stack of whatever its patches pass on: the cause is the script below them.
  const ownScript = (url: string) => ctx.assentBase !== null && url.startsWith(ctx.assentBase);
  const hosts = new Map<string, HostSeen>();
  for (const r of raw.network.requests) {
    const url = new URL(r.url);
    if (url.host === ctx.origin.host) continue;
    const initiators = raw.network.initiatorChain(r, ownScript);
    const service = ctx.matcher?.forRequest(r.url, initiators) ?? null;
    let host = hosts.get(url.host);
    if (!host) hosts.set(url.host, (host = { host: url.host, service: null, known: knownHostAs(ctx.knowledge.lookupHost(url.hostname)), requests: [] }));
    host.requests.push({ url: r.url, type: r.type, method: r.method, t: rel(r.at), status: r.status, initiators, service });
  }
  for (const h of hosts.values()) {
    const services = new Set(h.requests.map((r) => r.service));
    h.service = services.size === 1 ? [...services][0] : null;
  }

  // Writes that set a cookie (not those that delete one), from responses and from scripts, in time order.
  const deleting = /;\s*max-age\s*=\s*(-|0\s*(;|$))|;\s*expires\s*=[^;]*\b19[6-9]\d\b/i;
  const writes = [
    ...raw.network.setCookies.filter((w) => !deleting.test(w.line)).map((w) => ({ name: w.name, at: w.at, line: w.line, setBy: { kind: 'response' as const, url: w.url } })),
    ...raw.probes.flatMap((p) => p.cookieWrites).filter((w) => !deleting.test(w.line)).map((w) => {
      const script = w.stack.find((u) => !ownScript(u)) ?? w.stack[0];
      return { name: w.name, at: w.at, line: w.line, setBy: script ? { kind: 'script' as const, url: script } : null };
    }),
  ].sort((a, b) => a.at - b.at);
  const site = ctx.origin.hostname;
  const party = (domain: string): CookieSeen['party'] => (site === domain || site.endsWith('.' + domain) ? 'first' : 'third');
  const cookies: CookieSeen[] = [];
  const afterCookies = raw.after?.cookies ?? [];
  const sameCookie = (a: { name: string; domain: string; path: string }, b: { name: string; domain: string; path: string }) => a.name === b.name && a.domain === b.domain && a.path === b.path;
  // What every cookie row says of its name and domain, wherever it was seen.
  const described = (name: string, domain: string) => ({
    party: party(domain.replace(/^\./, '')),
    service: ctx.matcher?.forCookie(name) ?? null,
    known: knownAs(ctx.knowledge.lookup(name)),
  });
  for (const c of [...raw.before.cookies, ...afterCookies]) {
    if (cookies.some((x) => sameCookie(x, c))) continue;
    cookies.push({
      name: c.name, domain: c.domain, path: c.path,
      expires: c.expires > 0 ? Math.round(c.expires) : null,
      lifetimeDays: c.expires > 0 ? Math.round((c.expires * 1000 - Date.now()) / 86400000) : null,
      httpOnly: c.httpOnly, secure: c.secure, sameSite: c.sameSite,
      setBy: writes.find((w) => w.name === c.name)?.setBy ?? null,
      firstSeen: raw.before.cookies.some((x) => sameCookie(x, c)) ? 'before' : 'after',
      goneAfter: raw.after !== null && !afterCookies.some((x) => sameCookie(x, c)),
      transient: false,
      ...described(c.name, c.domain),
    });
  }
  // Set during the run, gone by the time the page was looked at: described from the header or the write.
  for (const w of writes) {
    if (cookies.some((c) => c.name === w.name)) continue;
    const attr = (name: string) => new RegExp(`;\\s*${name}\\s*=\\s*([^;]*)`, 'i').exec(w.line)?.[1]?.trim();
    const domain = attr('domain') ?? (w.setBy?.kind === 'response' ? new URL(w.setBy.url).hostname : site);
    const maxAge = Number(attr('max-age'));
    cookies.push({
      name: w.name, domain, path: attr('path') ?? '/', expires: null, lifetimeDays: Number.isFinite(maxAge) && maxAge > 0 ? Math.round(maxAge / 86400) : null,
      httpOnly: /;\s*httponly/i.test(w.line), secure: /;\s*secure/i.test(w.line), sameSite: attr('samesite') ?? '', setBy: w.setBy,
      firstSeen: raw.clickAt !== null && w.at >= raw.clickAt ? 'after' : 'before', goneAfter: true, transient: true,
      ...described(w.name, domain),
    });
  }

  const storage: StorageSeen[] = [];
  const afterStorage = raw.after?.storage ?? [];
  const same = (a: { kind: string; origin: string; key: string }, b: { kind: string; origin: string; key: string }) => a.kind === b.kind && a.origin === b.origin && a.key === b.key;
  for (const s of [...raw.before.storage, ...afterStorage]) {
    if (storage.some((x) => same(x, s))) continue;
    storage.push({
      ...s,
      firstSeen: raw.before.storage.some((x) => same(x, s)) ? 'before' : 'after',
      goneAfter: raw.after !== null && !afterStorage.some((x) => same(x, s)),
      service: ctx.matcher?.forStorage(s.key) ?? null,
      known: knownAs(ctx.knowledge.lookup(s.key)),
    });
  }

  const toEntry = (e: { at: number; command: string; detail: string; state?: Record<string, string> }): DataLayerEntry => ({ t: rel(e.at), command: e.command, detail: e.detail, ...(e.state ? { state: e.state } : {}) });
  const dataLayer = raw.probes.flatMap((p) => p.dataLayer).sort((a, b) => a.at - b.at).map(toEntry);
  const early: DataLayerEntry[] = [];
  for (const p of raw.probes) {
    const firstDefault = p.dataLayer.findIndex((e) => e.command === 'consent' && e.detail === 'default');
    early.push(...p.dataLayer.slice(0, firstDefault < 0 ? p.dataLayer.length : firstDefault).filter(actsOnConsent).map(toEntry));
  }

  let granted: RunRecord['granted'] = null;
  let grantedCategories: RunRecord['grantedCategories'] = null;
  if (ctx.decisions && raw.status !== 'error') {
    const before = ctx.decisions.granted(spec.region, spec.gpc, null);
    let after: ReturnType<PolicyDecisions['granted']> | null = null;
    if (raw.after) {
      const record = consentRecord(raw, ctx.decisions.summary.storage.cookie);
      if (record === null) notes.push(`no consent cookie "${ctx.decisions.summary.storage.cookie}" was stored after the click`);
      after = ctx.decisions.granted(spec.region, spec.gpc, record);
    }
    granted = { before: before.services, after: after && after.services };
    grantedCategories = { before: before.categories, after: after && after.categories };
  }

  return {
    page: spec.page, region: spec.region, gpc: spec.gpc, pass: spec.pass, status: raw.status, notes, httpStatus: raw.httpStatus,
    finalUrl: raw.finalUrl, clickAt: raw.clickAt === null ? null : rel(raw.clickAt), clicked: raw.clickAt === null ? null : spec.button,
    granted, grantedCategories, cookies, storage, hosts: [...hosts.values()], dataLayer, consentReadBeforeDefault: early.sort((a, b) => a.t - b.t), pageErrors: raw.pageErrors,
  };
}
