// The browser suite's harness: one pair of servers and one Chromium per test file, a fresh context (profile)
// per page (tests/lib/page.mjs, closed by the test itself), an init script recording assent:* events and CSP
// violations, and the questions the tests ask of the network: which tracker requests did THIS document make
// (the browser's log, by document) and which reached the tracker server because of it (the server's log,
// attributed to the document; see tests/lib/request-log.mjs).
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { launch } from '../../lib/chromium.mjs';
import { newContext, newPage as newLibPage, openPage as openLibPage } from '../../lib/page.mjs';
import { hitsOf, settle } from '../../lib/request-log.mjs';
import { HANG_MS, until } from '../../lib/wait.mjs';
import { startServers } from './servers.mjs';
import { distDir, repoRoot } from './site.mjs';

export { settle, until, HANG_MS };
export { CHROMIUM, LAUNCH_ARGS, TEST_DOMAIN } from '../../lib/chromium.mjs';
export const artifactsDir = join(repoRoot, 'tests', 'artifacts');

/** Paths on the tracker origin, by the category of the fake third party that caused them. */
export const TRACKER_PATHS = {
  analytics: ['/analytics.js', '/collect', '/dynamic.js', '/untagged.js'],
  marketing: ['/pixel.js', '/px', '/embed.html'],
  preference: ['/chat.js', '/chat-ping'],
};

/** The built-in English texts the tests look for. */
export const EN = {
  title: 'We value your privacy',
  acceptAll: 'Accept all',
  rejectAll: 'Reject all',
  preferences: 'Preferences',
  ok: 'OK',
  optOut: 'Opt out',
  doNotSell: 'Do Not Sell or Share My Personal Information',
  gpcNotice: 'Your browser sent a Global Privacy Control signal',
  gpcHonoured: 'Your opt-out preference signal was honoured.',
  prefsTitle: 'Cookie preferences',
  save: 'Save choices',
  close: 'Close',
};

/** Throws a clear message when the shim has not been built (call from `before`). */
export function requireShim() {
  if (!existsSync(join(distDir, 'assent.js')) || !existsSync(join(distDir, 'assent.wasm'))) {
    throw new Error(`Assent shim not built: ${join(distDir, 'assent.js')} (and assent.wasm) missing. ` +
      'Run `cd js-shim && npm ci && npm run build` first.');
  }
}

/** Starts the servers and a browser for one test file. Returns an env whose `close()` stops both. */
export async function setup(serverOpts) {
  const server = await startServers(serverOpts);
  const browser = await launch();
  return {
    server,
    browser,
    async close() {
      await browser.close().catch(() => {});
      await server.close();
    },
  };
}

/** Records assent:* window events from before any page script runs (an init script, not subject to CSP). */
function recorderInit() {
  window.__assentEvents = [];
  window.__cspViolations = [];
  for (const type of ['assent:ready', 'assent:change', 'assent:error']) {
    window.addEventListener(type, (e) => {
      let detail = null;
      try { detail = JSON.parse(JSON.stringify(e.detail ?? null)); } catch { detail = '(unserialisable)'; }
      window.__assentEvents.push({ type, detail, t: performance.now() });
    });
  }
  document.addEventListener('securitypolicyviolation', (e) => {
    window.__cspViolations.push({
      directive: e.violatedDirective, effective: e.effectiveDirective, blockedURI: e.blockedURI,
      sourceFile: e.sourceFile, line: e.lineNumber, sample: e.sample,
    });
  }, true);
}

const marksOf = (env) => ({ hits: () => env.server.log.mark() });

/** The log of each page opened here, so that a wait on the page can bring its log up to date. */
const logs = new WeakMap();
const syncLogOf = (page) => logs.get(page)?.sync();

/**
 * A fresh context and page (closed when test `t` ends), then `url` (a path on the site origin, or absolute);
 * waits for `assent:ready` unless `ready: false`. `before({context, page, log})` runs before the navigation.
 * @returns {Promise<{context, page, log, response, decision}>}  log: see tests/lib/page.mjs, plus log.server
 */
export async function openPage(t, env, url, { context = {}, ready = true, before } = {}) {
  const opened = await openLibPage(t, env.browser, null, { context, init: [recorderInit], marks: marksOf(env), before });
  opened.log.server = env.server;
  logs.set(opened.page, opened.log);
  const response = url ? await opened.page.goto(/^https?:/.test(url) ? url : `${env.server.siteOrigin}${url}`) : null;
  const decision = url && ready ? await waitForReady(opened.page) : null;
  return { ...opened, response, decision };
}

/**
 * For scripts outside node:test (tests/bench): a fresh context and page with the recorder and a log, not yet
 * navigated. The caller closes the context. Tests use openPage(t, …), which closes it for them.
 */
export async function newPageOutsideTest(env, contextOptions = {}) {
  const t = { after() {}, signal: null };
  const context = await newContext(t, env.browser, contextOptions);
  await context.addInitScript(recorderInit);
  const { page, log } = await newLibPage(context, { marks: marksOf(env) });
  log.server = env.server;
  logs.set(page, log);
  return { context, page, log };
}

/** The name tests/bench/release.mjs imports; tests use openPage(t, …). */
export const newPage = newPageOutsideTest;

/** Another page in an existing context (a second tab, a later visit), with its own log. */
export async function addPage(context, env) {
  const { page, log } = await newLibPage(context, { marks: marksOf(env) });
  log.server = env.server;
  logs.set(page, log);
  return { page, log };
}

/**
 * Waits for `assent:ready` and returns its detail (the decision); an `assent:error` instead fails at once.
 * `timeout` only turns a hang into an error.
 */
export async function waitForReady(page, timeout = HANG_MS) {
  await page.waitForFunction(() => (window.__assentEvents || []).some((e) => e.type === 'assent:ready' || e.type === 'assent:error'),
    null, { timeout })
    .catch(async (err) => {
      const seen = await page.evaluate(() => window.__assentEvents).catch(() => null);
      throw new Error(`neither assent:ready nor assent:error within ${timeout} ms; events: ${JSON.stringify(seen)}`, { cause: err });
    });
  const events = await page.evaluate(() => window.__assentEvents);
  await syncLogOf(page);
  const ready = events.find((e) => e.type === 'assent:ready');
  if (!ready) throw new Error(`assent:error instead of assent:ready: ${JSON.stringify(events)}`);
  return ready.detail;
}

/** Waits for `assent:error` and returns its detail; `assent:ready` instead fails at once. */
export async function waitForError(page) {
  await page.waitForFunction(() => (window.__assentEvents || []).some((e) => e.type === 'assent:ready' || e.type === 'assent:error'),
    null, { timeout: HANG_MS });
  const events = await page.evaluate(() => window.__assentEvents);
  await syncLogOf(page);
  const error = events.find((e) => e.type === 'assent:error');
  if (!error) throw new Error(`assent:ready instead of assent:error: ${JSON.stringify(events)}`);
  return error.detail;
}

/** The recorded assent:* events of the current document (of one type, if given). */
export async function events(page, type) {
  return page.evaluate((t) => (window.__assentEvents || []).filter((e) => !t || e.type === t), type);
}

/** Waits until the current document has recorded `n` events of `type`; returns them. */
export async function waitForEvents(page, type, n = 1) {
  await page.waitForFunction(([t, k]) => (window.__assentEvents || []).filter((e) => e.type === t).length >= k, [type, n], { timeout: HANG_MS });
  return events(page, type);
}

/** Pathnames of the tracker requests the browser issued for document `doc` (default: the current one), in order. */
export function trackerRequests(log, { doc = log.current() } = {}) {
  return log.of(doc).filter((r) => r.url.startsWith(log.server.trackerOrigin + '/')).map((r) => new URL(r.url).pathname);
}

/** The tracker server's hits caused by document `doc` (default: the current one), in arrival order. */
export function trackerHits(log, { doc = log.current() } = {}) {
  return hitsOf(log, { hits: log.server.log.all('tracker'), markName: 'hits', port: log.server.trackerPort, doc });
}
export const trackerHitPaths = (log, opts) => trackerHits(log, opts).map((h) => h.path);

/** The site server's hits caused by document `doc` (default: the current one). */
export function siteHits(log, { doc = log.current() } = {}) {
  return hitsOf(log, { hits: log.server.log.all('site'), markName: 'hits', port: log.server.sitePort, doc });
}

/**
 * Waits until the tracker server got every one of `paths` from the current document (only hits after the hit-log
 * mark `since`, if given: `env.server.log.mark()` taken before an action); returns those hit paths.
 */
export async function waitForHits(log, paths, { since = 0 } = {}) {
  await log.sync();
  const doc = log.current();
  const got = () => trackerHits(log, { doc }).filter((h) => h.seq > since).map((h) => h.path);
  return until(() => paths.every((p) => got().includes(p)) && got(), {
    message: `tracker hits ${JSON.stringify(paths)} from this document expected; got ${JSON.stringify(got())}`,
  });
}

/** Locators for the banner and the preferences dialog (role selectors pierce the open shadow root). */
export function ui(page, t = EN) {
  const banner = page.getByRole('region', { name: t.title, exact: true });
  const dialog = page.getByRole('dialog', { name: t.prefsTitle, exact: true });
  return { banner, dialog };
}

/**
 * Click a button of the banner by its label (waits for the banner first). The click does not wait for the
 * navigations it starts (hundreds of released iframes): the test waits for what it expects instead.
 */
export async function clickBanner(page, label, t = EN) {
  const { banner } = ui(page, t);
  await banner.waitFor({ state: 'visible' });
  await banner.getByRole('button', { name: label, exact: true }).click({ noWaitAfter: true });
}

export function ensureArtifacts() {
  mkdirSync(artifactsDir, { recursive: true });
  return artifactsDir;
}

/** Console errors whose text mentions `word`. */
export function consoleErrorsMentioning(log, word) {
  return log.console.filter((m) => m.type === 'error' && m.text.includes(word));
}

/** Console messages about Trusted Types (Chromium: "This document requires 'TrustedScriptURL' assignment", …). */
export function trustedTypesConsole(log) {
  return log.console.filter((m) => /Trusted ?(HTML|Script|ScriptURL|Types)|trusted-types/i.test(m.text));
}

/** Requests of the log whose origin is not `origin` (data:/blob: included: they are not the page's origin either). */
export function foreignRequests(log, origin) {
  return log.requests.filter((r) => { try { return new URL(r.url).origin !== origin; } catch { return true; } });
}
