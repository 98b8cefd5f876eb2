// A page in a fresh browser context (a fresh profile: no cookies, no storage) that closes itself when the test
// ends (t.after) or is cancelled (t.signal), so no test leaks a context. Every page carries a log: requests by
// document (request-log.mjs), console messages, page errors, dialogs (dismissed), failed requests and HTTP errors.
import { RequestLog } from './request-log.mjs';
import { HANG_MS } from './wait.mjs';

export const VIEWPORT = { width: 1280, height: 800 };

/**
 * A fresh context whose default timeouts are HANG_MS (a locator that never appears fails as a hang, not as
 * "too slow"), closed when test `t` ends.
 * @param {import('node:test').TestContext} t
 */
export async function newContext(t, browser, options = {}) {
  const context = await browser.newContext({ viewport: VIEWPORT, ...options });
  context.setDefaultTimeout(HANG_MS);
  context.setDefaultNavigationTimeout(HANG_MS);
  const close = () => context.close().catch(() => {});
  t.after(close);
  t.signal?.addEventListener('abort', close, { once: true });
  return context;
}

/**
 * A new page of `context` with its log. `marks` name server-log marks that each document takes when its
 * navigation starts (see request-log.mjs hitsOf).
 * @returns {Promise<{page, log: RequestLog & {console, pageErrors, dialogs, failed, httpErrors}}>}
 */
export async function newPage(context, { marks } = {}) {
  const page = await context.newPage();
  const log = await new RequestLog(marks).attach(context, page);
  Object.assign(log, { console: [], pageErrors: [], dialogs: [], failed: [], httpErrors: [] });
  page.on('console', (m) => log.console.push({ type: m.type(), text: m.text() }));
  page.on('pageerror', (e) => log.pageErrors.push(String(e?.message ?? e)));
  page.on('dialog', (d) => { log.dialogs.push({ type: d.type(), message: d.message() }); d.dismiss().catch(() => {}); });
  page.on('requestfailed', (r) => log.failed.push({ url: r.url(), error: r.failure()?.errorText }));
  page.on('response', (r) => { if (r.status() >= 400) log.httpErrors.push({ url: r.url(), status: r.status() }); });
  return { page, log };
}

/**
 * A fresh context and page, then `url` (if given). `init`: functions run in every document before its scripts
 * (context init scripts, not subject to the page's CSP); `before({context, page, log})` runs before the navigation.
 * @returns {Promise<{context, page, log}>}
 */
export async function openPage(t, browser, url, { context: contextOptions = {}, init = [], marks, before } = {}) {
  const context = await newContext(t, browser, contextOptions);
  for (const fn of init) await context.addInitScript(fn);
  const { page, log } = await newPage(context, { marks });
  if (before) await before({ context, page, log });
  if (url) await page.goto(url);
  return { context, page, log };
}

/** The problems a page ran into, as readable lines: console errors, page errors, failed requests, HTTP ≥ 400. */
export function problems(log) {
  return [
    ...log.console.filter((m) => m.type === 'error').map((m) => `console: ${m.text}`),
    ...log.pageErrors.map((e) => `pageerror: ${e}`),
    ...log.failed.map((f) => `requestfailed: ${f.url} ${f.error}`),
    ...log.httpErrors.map((r) => `HTTP ${r.status}: ${r.url}`),
  ];
}
