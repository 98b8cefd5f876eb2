// One run: one page, in a fresh browser context, as a visitor of one region with or without GPC, in one pass
// (before any choice, or clicking Assent's Accept all / Reject all). Records cookies, storage, requests and the
// dataLayer; every step is bounded by the timeout, and whatever goes wrong becomes a note, never a throw.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { CDN_HEADERS } from '../../server/request';
import { NetworkLog } from './network-log';
import { probe, type ProbeConfig, type ProbeLog } from './page-probe';
import type { Pass } from './report-types';

export interface RunSpec {
  page: string;
  region: string;
  gpc: boolean;
  pass: Pass;
  /** The data-action of Assent's button to click (accept and reject passes). */
  button: string | null;
}

export interface BrowserCookie {
  name: string;
  domain: string;
  path: string;
  expires: number;
  httpOnly: boolean;
  secure: boolean;
  sameSite: string;
  value: string;
}

export interface StorageKey {
  kind: 'localStorage' | 'sessionStorage' | 'indexedDB';
  origin: string;
  key: string;
}

export interface Snapshot {
  cookies: BrowserCookie[];
  storage: StorageKey[];
}

export interface RawRun {
  spec: RunSpec;
  status: 'ok' | 'error';
  notes: string[];
  httpStatus: number;
  finalUrl: string;
  navStart: number;
  /** Epoch ms of the click; null without one. */
  clickAt: number | null;
  before: Snapshot;
  after: Snapshot | null;
  network: NetworkLog;
  probes: ProbeLog[];
  pageErrors: string[];
  /** The page's links, for the crawl (which keeps the pages of the scanned origin: crawl.ts samePage). */
  links: string[];
  /** Assent's script tag: its src and data-config, both absolute; null when the page has none. */
  assent: { src: string; config: string } | null;
}

// A zone per region, so a site without a region hint (or a tag without Assent) sees a plausible visitor too.
const ZONES: Record<string, string> = {
  DE: 'Europe/Berlin', FR: 'Europe/Paris', GB: 'Europe/London', IE: 'Europe/Dublin', IT: 'Europe/Rome', ES: 'Europe/Madrid',
  NL: 'Europe/Amsterdam', PL: 'Europe/Warsaw', AT: 'Europe/Vienna', CH: 'Europe/Zurich', BR: 'America/Sao_Paulo',
  'US-CA': 'America/Los_Angeles', 'US-CO': 'America/Denver', 'US-TX': 'America/Chicago', 'US-NY': 'America/New_York',
  'US-VA': 'America/New_York', US: 'America/New_York', 'CA-QC': 'America/Toronto', CA: 'America/Toronto', JP: 'Asia/Tokyo',
  IN: 'Asia/Kolkata', AU: 'Australia/Sydney',
};

/** `work`, or a rejection naming the hang after `ms`: a page whose main thread never yields must not stop the scan. */
function within<T>(ms: number, work: Promise<T>): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const hang = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`the page stopped answering for ${ms} ms (a script keeps it busy); recorded what was seen until then`)), ms);
  });
  return Promise.race([work, hang]).finally(() => clearTimeout(timer));
}

const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e)).split('\n')[0];

type Guard = <T>(work: Promise<T>, fallback: T) => Promise<T>;

async function snapshot(context: BrowserContext, page: Page, guarded: Guard): Promise<Snapshot> {
  const cookies = (await context.cookies().catch(() => [])) as BrowserCookie[];
  const storage: StorageKey[] = [];
  const seen = new Set<string>();
  for (const frame of page.frames()) {
    const found = await guarded(
      frame.evaluate(async () => {
        const keys = (s: Storage) => Array.from({ length: s.length }, (_, i) => s.key(i) ?? '');
        let idb: string[] = [];
        try {
          idb = (await indexedDB.databases()).map((d) => d.name ?? '');
        } catch {
          // Opaque origins have no IndexedDB.
        }
        return { origin: location.origin, local: keys(localStorage), session: keys(sessionStorage), idb };
      }).catch(() => null), // a frame without storage (sandboxed, opaque): nothing to list
      null,
    );
    if (!found || seen.has(found.origin)) continue;
    seen.add(found.origin);
    for (const [kind, list] of [['localStorage', found.local], ['sessionStorage', found.session], ['indexedDB', found.idb]] as const)
      for (const key of list) storage.push({ kind, origin: found.origin, key });
  }
  return { cookies, storage };
}

async function pageFacts(page: Page) {
  return page
    .evaluate(() => {
      const links = Array.from(document.querySelectorAll('a[href], area[href]'), (a) => (a as HTMLAnchorElement).href);
      const tag = document.querySelector('script[data-config]') as HTMLScriptElement | null;
      const config = tag?.getAttribute('data-config');
      return { links: Array.from(new Set(links)), assent: tag && config ? { src: tag.src, config: new URL(config, location.href).href } : null };
    })
    .catch(() => ({ links: [] as string[], assent: null }));
}

async function probeLogs(page: Page): Promise<ProbeLog[]> {
  const logs = await Promise.all(page.frames().map((f) => f.evaluate(() => (window as unknown as { __assentScan?: ProbeLog }).__assentScan ?? null).catch(() => null)));
  return logs.filter((l): l is ProbeLog => l !== null);
}

export async function recordRun(browser: Browser, spec: RunSpec, origin: string, timeoutMs: number): Promise<RawRun> {
  const run: RawRun = {
    spec, status: 'ok', notes: [], httpStatus: 0, finalUrl: spec.page, navStart: Date.now(), clickAt: null,
    before: { cookies: [], storage: [] }, after: null, network: new NetworkLog(null), probes: [], pageErrors: [], links: [], assent: null,
  };
  let context: BrowserContext | null = null;
  try {
    context = await browser.newContext({
      timezoneId: ZONES[spec.region] ?? ZONES[spec.region.split('-')[0]],
      locale: 'en-US',
      serviceWorkers: 'block',
      extraHTTPHeaders: spec.gpc ? { 'Sec-GPC': '1' } : {},
    });
    const config: ProbeConfig = { gpc: spec.gpc, region: spec.region };
    await context.addInitScript(probe, config);
    // A server that renders the banner (assent-consent/server) reads the region from its CDN's headers: the
    // site's own requests carry them, as a CDN would add them; other hosts get nothing extra.
    const [country, subdivision] = spec.region.split('-');
    const geo = Object.fromEntries(CDN_HEADERS.flatMap(([c, s]) => (subdivision ? [[c, country], [s, subdivision]] : [[c, country]])));
    await context.route((url) => url.origin === origin, (route) => route.continue({ headers: { ...route.request().headers(), ...geo } }));
    const page = await context.newPage();
    page.setDefaultTimeout(timeoutMs);
    page.on('dialog', (d) => void d.dismiss().catch(() => {}));
    const cdp = await context.newCDPSession(page);
    const network = (run.network = new NetworkLog(cdp));
    await cdp.send('Network.enable');
    page.on('pageerror', (e) => run.pageErrors.length < 50 && run.pageErrors.push(errorText(e)));
    // What Assent itself says is wrong (a locale file missing, a policy refused) explains an empty banner.
    page.on('console', (m) => {
      const text = m.text();
      if ((m.type() === 'error' || m.type() === 'warning') && text.startsWith('Assent') && !run.notes.includes(text) && run.notes.length < 20) run.notes.push(text.slice(0, 500));
    });
    run.navStart = Date.now();
    try {
      const response = await page.goto(spec.page, { waitUntil: 'load', timeout: timeoutMs });
      run.httpStatus = response?.status() ?? 0;
      if (run.httpStatus >= 400) run.notes.push(`HTTP ${run.httpStatus}`);
    } catch (e) {
      const timedOut = /Timeout \d+ms exceeded/.test(errorText(e));
      run.notes.push(timedOut ? `did not finish loading within ${timeoutMs} ms (${errorText(e)})` : `could not be loaded: ${errorText(e).replace(/^page\.goto: /, '')}`);
    }
    run.finalUrl = page.url();
    if (run.finalUrl === 'about:blank') {
      // Nothing arrived in time: the note above says so; there is no page to audit.
      run.status = 'error';
      return run;
    }
    if (!run.finalUrl.startsWith(origin + '/') && run.finalUrl !== origin) {
      run.status = 'error';
      run.notes.push(`left the scanned origin for ${run.finalUrl}: not audited`);
      return run;
    }
    // Quiet for half a second, at most 5 s after load (or the timeout, if shorter).
    if (!(await network.settle(Date.now() + Math.min(timeoutMs, 5000)))) run.notes.push('the page never went quiet (requests kept coming); recorded as it was');
    // Whatever the page's own thread must answer is bounded: a page that hangs still gets its cookies read.
    const guarded = <T>(work: Promise<T>, fallback: T): Promise<T> =>
      within(timeoutMs, work).catch((e) => {
        if (!run.notes.includes(errorText(e))) run.notes.push(errorText(e));
        return fallback;
      });
    Object.assign(run, await guarded(pageFacts(page), { links: [] as string[], assent: null }));
    run.before = await snapshot(context, page, guarded);
    if (spec.button) {
      const button = page.locator(`[data-action="${spec.button}"]`).first();
      try {
        // The banner appears once the engine has decided: it gets a timeout of its own.
        await button.waitFor({ state: 'visible', timeout: timeoutMs });
        const at = Date.now();
        await button.click({ timeout: timeoutMs });
        run.clickAt = at;
      } catch (e) {
        run.status = 'error';
        run.notes.push(`Assent's "${spec.button}" button could not be clicked: ${errorText(e)}`);
      }
      if (run.clickAt !== null) {
        if (!(await network.settle(Date.now() + Math.min(timeoutMs, 5000)))) run.notes.push('the page never went quiet after the click; recorded as it was');
        run.after = await snapshot(context, page, guarded);
      }
    }
    run.probes = await guarded(probeLogs(page), []);
  } catch (e) {
    run.status = 'error';
    run.notes.push(errorText(e));
  } finally {
    await context?.close().catch(() => {});
  }
  return run;
}
