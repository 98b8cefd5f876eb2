// Shared helpers for the browser tests: one Chromium per test file, a fresh context (fresh profile) per test,
// and a per-page log of requests, console messages, page errors and dialogs.
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { distDir, repoRoot, startServers } from '../server.mjs';

export const CHROMIUM = process.env.ASSENT_CHROMIUM ?? '/usr/bin/chromium';
export const artifactsDir = join(repoRoot, 'tests', 'artifacts');
export const axePath = join(repoRoot, 'tests', 'node_modules', 'axe-core', 'axe.min.js');

/** Host names under this domain resolve to 127.0.0.1 (Chromium --host-resolver-rules). */
export const TEST_DOMAIN = 'assent.test';

export const LAUNCH_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync',
  `--host-resolver-rules=MAP *.${TEST_DOMAIN} 127.0.0.1`,
];

/** Paths on the tracker origin, by the category of the fake third party that caused them. */
export const TRACKER_PATHS = {
  analytics: ['/analytics.js', '/collect', '/dynamic.js', '/untagged.js'],
  marketing: ['/pixel.js', '/px', '/embed.html'],
  preference: ['/chat.js', '/chat-ping'],
};

export const EN = {
  title: 'We value your privacy',
  acceptAll: 'Accept all',
  rejectAll: 'Reject all',
  preferences: 'Preferences',
  ok: 'OK',
  optOut: 'Opt out',
  doNotSell: 'Do Not Sell or Share My Personal Information',
  gpcNotice: 'Your browser sent a Global Privacy Control signal',
  prefsTitle: 'Cookie preferences',
  save: 'Save choices',
  close: 'Close',
};

export function shimBuilt() {
  return existsSync(join(distDir, 'assent.js')) && existsSync(join(distDir, 'assent.wasm'));
}

/** Throw a clear message when the shim has not been built (call from `before`). */
export function requireShim() {
  if (!shimBuilt()) {
    throw new Error(`Assent shim not built: ${join(distDir, 'assent.js')} (and assent.wasm) missing. ` +
      'Run `cd js-shim && npm ci && npm run build` first.');
  }
}

/**
 * Start the servers and a browser for one test file. Returns an env whose `close()` stops both.
 */
export async function setup(serverOpts) {
  const server = await startServers(serverOpts);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: LAUNCH_ARGS });
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

/**
 * A fresh context (= fresh profile: no cookies, no storage) and a page, with logs.
 * @returns {Promise<{context, page, log}>}
 *   log.requests: every request of the context ({url, method, resourceType, frame: 'main'|'sub'}), in order
 *   log.console: [{type, text}], log.pageErrors: [string], log.dialogs: [{type, message}]
 */
export async function newPage(env, contextOptions = {}) {
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 800 }, ...contextOptions });
  const log = { requests: [], console: [], pageErrors: [], dialogs: [], failed: [] };
  context.on('request', (r) => {
    log.requests.push({ url: r.url(), method: r.method(), resourceType: r.resourceType() });
  });
  context.on('requestfailed', (r) => log.failed.push({ url: r.url(), error: r.failure()?.errorText }));
  await context.addInitScript(recorderInit);
  const page = await context.newPage();
  attachPageLogs(page, log);
  return { context, page, log };
}

export function attachPageLogs(page, log) {
  page.on('console', (m) => log.console.push({ type: m.type(), text: m.text() }));
  page.on('pageerror', (e) => log.pageErrors.push(String(e?.message ?? e)));
  page.on('dialog', (d) => { log.dialogs.push({ type: d.type(), message: d.message() }); d.dismiss().catch(() => {}); });
}

/** Requests the browser made to the tracker origin, as pathnames, in the order the browser issued them. */
export function trackerRequests(log, server) {
  return log.requests
    .filter((r) => r.url.startsWith(server.trackerOrigin + '/'))
    .map((r) => new URL(r.url).pathname);
}

/** Wait until the window got `assent:ready` (or fail with what did happen). */
export async function waitForReady(page, timeout = 10_000) {
  try {
    await page.waitForFunction(() => (window.__assentEvents || []).some((e) => e.type === 'assent:ready'),
      null, { timeout });
  } catch (err) {
    const events = await page.evaluate(() => window.__assentEvents).catch(() => null);
    throw new Error(`assent:ready did not fire within ${timeout} ms; events seen: ${JSON.stringify(events)}`, { cause: err });
  }
  return page.evaluate(() => window.__assentEvents.find((e) => e.type === 'assent:ready').detail);
}

export async function events(page, type) {
  return page.evaluate((t) => (window.__assentEvents || []).filter((e) => !t || e.type === t), type);
}

/** Poll `fn` (sync or async) until it returns a truthy value; throw `message` (+ last value) on timeout. */
export async function until(fn, message, timeout = 5000, interval = 50) {
  const end = Date.now() + timeout;
  let last;
  for (;;) {
    last = await fn();
    if (last) return last;
    if (Date.now() > end) throw new Error(`${message} (timed out after ${timeout} ms; last value: ${JSON.stringify(last)})`);
    await new Promise((r) => setTimeout(r, interval));
  }
}

/** Wait until the server recorded a hit on every one of `paths`. */
export async function waitForHits(server, paths, timeout = 5000) {
  return until(() => paths.every((p) => server.hitPaths().includes(p)) && server.hitPaths(),
    `tracker hits ${JSON.stringify(paths)} expected; got ${JSON.stringify(server.hitPaths())}`, timeout);
}

/** The quiet period used to assert that something does NOT happen. */
export const QUIET_MS = 1000;
export const quiet = (page, ms = QUIET_MS) => page.waitForTimeout(ms);

/** Locators for the banner and the preferences dialog (role selectors pierce the open shadow root). */
export function ui(page, t = EN) {
  const banner = page.getByRole('region', { name: t.title, exact: true });
  const dialog = page.getByRole('dialog', { name: t.prefsTitle, exact: true });
  return { banner, dialog };
}

/** The deepest focused element (through shadow roots): its tag, role, accessible-ish name, and shadow membership. */
export async function focused(page) {
  return page.evaluate(() => {
    let a = document.activeElement;
    let inShadow = false;
    while (a && a.shadowRoot && a.shadowRoot.activeElement) { a = a.shadowRoot.activeElement; inShadow = true; }
    if (!a) return null;
    const dialog = a.closest('[role="dialog"]');
    return {
      tag: a.tagName.toLowerCase(),
      role: a.getAttribute('role'),
      name: (a.getAttribute('aria-label') || a.textContent || '').trim().replace(/\s+/g, ' '),
      inShadow,
      inDialog: !!dialog,
      isBody: a === document.body,
      dataAssentOpen: a.hasAttribute('data-assent-open'),
    };
  });
}

/** Press Tab until the focused element's name is `name` (no mouse). Returns the number of presses. */
export async function tabTo(page, name, max = 40) {
  for (let i = 1; i <= max; i++) {
    await page.keyboard.press('Tab');
    const f = await focused(page);
    if (f && f.name === name && (f.tag === 'button' || f.role === 'button' || f.tag === 'a')) return i;
  }
  throw new Error(`could not reach a control named "${name}" with ${max} Tab presses`);
}

/** The cookies of the context by name → array of {domain, path, value} (a name can exist on several domains/paths). */
export async function cookieMap(context) {
  const map = {};
  for (const c of await context.cookies()) (map[c.name] ??= []).push({ domain: c.domain, path: c.path, value: c.value });
  return map;
}

export function ensureArtifacts() {
  mkdirSync(artifactsDir, { recursive: true });
  return artifactsDir;
}

/** Console errors whose text mentions `word`. */
export function consoleErrorsMentioning(log, word) {
  return log.console.filter((m) => m.type === 'error' && m.text.includes(word));
}
