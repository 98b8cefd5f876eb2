// Which pages to visit and in what order. The first region's pass without GPC before any choice discovers the
// pages (same-origin links, breadth first, plus sitemap.xml) up to --pages; the other runs visit that list.
// Runs go `concurrency` at a time, each in its own browser context.
import type { Browser } from 'playwright-core';
import { fetchBytes } from './fetch-bytes';
import { recordRun, type RawRun, type RunSpec } from './record-run';

// Links to files, not pages: a scan that opened them would download, not render.
const NOT_A_PAGE = /\.(pdf|zip|gz|tgz|rar|7z|dmg|exe|msi|apk|jpe?g|png|gif|webp|avif|svg|ico|mp[34]|mov|webm|avi|wav|ogg|woff2?|ttf|css|js|json|xml|txt|csv|docx?|xlsx?|pptx?)$/i;

export interface CrawlPlan {
  browser: Browser;
  start: URL;
  maxPages: number;
  timeoutMs: number;
  concurrency: number;
  discoverySpec: (page: string) => RunSpec;
  /** Every other run, once the pages are known (the discovery runs are made already). */
  laterRuns: (pages: string[], discovery: RawRun[]) => Promise<RunSpec[]>;
  progress: (done: number, total: number, spec: RunSpec) => void;
}

export function samePage(origin: string, href: string): string | null {
  try {
    const u = new URL(href);
    u.hash = '';
    if (u.origin !== origin || NOT_A_PAGE.test(u.pathname)) return null;
    return u.href;
  } catch {
    return null;
  }
}

/** Page URLs from /sitemap.xml (and the sitemaps a sitemap index lists, one level), bounded in time and size. */
export async function sitemapPages(origin: string, timeoutMs: number, limit: number): Promise<string[]> {
  const read = (url: string) => fetchBytes(url, timeoutMs, 10_000_000).then((b) => new TextDecoder().decode(b), () => '');
  const locs = (xml: string) => Array.from(xml.matchAll(/<loc>\s*([^<\s]+)\s*<\/loc>/g), (m) => m[1].replace(/&amp;/g, '&'));
  const root = await read(origin + '/sitemap.xml');
  const pages = /<sitemapindex/i.test(root) ? (await Promise.all(locs(root).slice(0, 5).filter((u) => u.startsWith(origin + '/')).map(read))).flatMap(locs) : locs(root);
  return pages.map((p) => samePage(origin, p)).filter((p): p is string => p !== null).slice(0, limit);
}

/** Runs `tasks`, at most `n` at once; a task may add more to the list, and they are started as places free up. */
function pool(n: number, tasks: Array<() => Promise<void>>): Promise<void> {
  return new Promise((resolve, reject) => {
    let next = 0;
    let active = 0;
    const pump = () => {
      while (active < n && next < tasks.length) {
        active++;
        tasks[next++]().then(() => {
          active--;
          pump();
        }, reject);
      }
      if (active === 0 && next >= tasks.length) resolve();
    };
    pump();
  });
}

export async function crawl(plan: CrawlPlan): Promise<{ pages: string[]; runs: RawRun[] }> {
  const origin = plan.start.origin;
  const pages: string[] = [plan.start.href];
  const fromSitemap = await sitemapPages(origin, Math.min(plan.timeoutMs, 10000), plan.maxPages * 4);
  const queue = [...fromSitemap];
  const runs: RawRun[] = [];
  let total = plan.maxPages;
  const tasks: Array<() => Promise<void>> = [];
  let done = 0;
  const record = async (spec: RunSpec) => {
    plan.progress(done, total, spec);
    const run = await recordRun(plan.browser, spec, origin, plan.timeoutMs);
    runs.push(run);
    plan.progress(++done, total, spec);
    return run;
  };
  const discover = (page: string) => async () => {
    const run = await record(plan.discoverySpec(page));
    // Links first (what a visitor can reach), then the sitemap's, breadth first, until --pages are known.
    for (const href of [...run.links, ...queue.splice(0)]) {
      const p = samePage(origin, href);
      if (p === null || pages.includes(p) || pages.length >= plan.maxPages) continue;
      pages.push(p);
      tasks.push(discover(p));
    }
  };
  tasks.push(discover(pages[0]));
  await pool(plan.concurrency, tasks);
  const later = await plan.laterRuns(pages, [...runs]);
  total = runs.length + later.length;
  await pool(plan.concurrency, later.map((spec) => () => record(spec).then(() => {})));
  return { pages, runs };
}
