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

/**
 * A fresh context, then `url` (a path on the site origin, or absolute); waits for `assent:ready` unless
 * `ready: false`. Returns {context, page, log, decision}.
 */
export async function openPage(env, url, { context: contextOptions = {}, ready = true, before } = {}) {
  const { context, page, log } = await newPage(env, contextOptions);
  if (before) await before({ context, page, log });
  await page.goto(/^https?:/.test(url) ? url : `${env.server.siteOrigin}${url}`);
  const decision = ready ? await waitForReady(page) : null;
  return { context, page, log, decision };
}

/** Click a button of the banner by its label (waits for the banner first). */
export async function clickBanner(page, label, t = EN) {
  const { banner } = ui(page, t);
  await banner.waitFor({ state: 'visible', timeout: 5000 });
  await banner.getByRole('button', { name: label, exact: true }).click();
}

/** The stored consent: the cookie (value, expires, attributes) and its localStorage mirror. */
export async function consentRecord(context, page, name = 'assent') {
  const cookie = (await context.cookies()).find((c) => c.name === name) ?? null;
  const local = await page.evaluate((k) => localStorage.getItem(k), `assent:${name}`);
  return { cookie, local };
}

/**
 * Put localStorage entries on `origin` before the page under test loads: visits a same-origin plain-text URL
 * (no shim there) and writes them. `entries` maps key → value (null removes).
 */
export async function seedLocalStorage(page, origin, entries) {
  await page.goto(`${origin}/set-cookie?name=__seed&value=1`);
  await page.evaluate((e) => {
    for (const [k, v] of Object.entries(e)) (v === null ? localStorage.removeItem(k) : localStorage.setItem(k, v));
  }, entries);
}

/** Requests of the log whose origin is not `origin` (data:/blob: included: they are not the page's origin either). */
export function foreignRequests(log, origin) {
  return log.requests.filter((r) => { try { return new URL(r.url).origin !== origin; } catch { return true; } });
}

/** FNV-1a 32-bit as lowercase hex8 — the record's checksum (wasm/core/hash.hpp), to build records by hand. */
export function fnv1aHex(s) {
  let h = 0x811c9dc5;
  for (const b of Buffer.from(s, 'utf8')) { h ^= b; h = Math.imul(h, 0x01000193) >>> 0; }
  return h.toString(16).padStart(8, '0');
}

/** Console messages about Trusted Types (Chromium: "This document requires 'TrustedScriptURL' assignment", …). */
export function trustedTypesConsole(log) {
  return log.console.filter((m) => /Trusted ?(HTML|Script|ScriptURL|Types)|trusted-types/i.test(m.text));
}

/** Every <a> in the document and in open shadow roots: {href (resolved), raw (attribute), text}. */
export function allLinks() {
  const out = [];
  const walk = (root) => {
    for (const el of root.querySelectorAll('*')) {
      if (el.tagName === 'A') out.push({ href: el.href, raw: el.getAttribute('href'), text: el.textContent.trim() });
      if (el.shadowRoot) walk(el.shadowRoot);
    }
  };
  walk(document);
  return out;
}

/**
 * Click exactly on the characters `needle` of a text node (document or any open shadow root), not on the centre
 * of the element holding it (which could be a neighbouring link). Returns what was under the pointer.
 */
export async function clickText(page, needle) {
  const at = await page.evaluate((n) => {
    const find = (root) => {
      const w = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let t = w.nextNode(); t; t = w.nextNode()) if (t.data.includes(n)) return t;
      for (const el of root.querySelectorAll('*')) if (el.shadowRoot) { const t = find(el.shadowRoot); if (t) return t; }
      return null;
    };
    const t = find(document);
    if (!t) return null;
    t.parentElement.scrollIntoView({ block: 'center' });
    const r = document.createRange();
    const i = t.data.indexOf(n);
    r.setStart(t, i);
    r.setEnd(t, i + Math.min(n.length, 4)); // the first characters: the range may wrap onto several lines
    const b = r.getClientRects()[0];
    const x = b.left + b.width / 2;
    const y = b.top + b.height / 2;
    let el = document.elementFromPoint(x, y);
    while (el?.shadowRoot?.elementFromPoint(x, y) && el.shadowRoot.elementFromPoint(x, y) !== el) el = el.shadowRoot.elementFromPoint(x, y);
    return { x, y, tag: el?.tagName.toLowerCase(), inLink: !!el?.closest('a') };
  }, needle);
  if (!at) throw new Error(`text ${JSON.stringify(needle)} not found on the page`);
  await page.mouse.click(at.x, at.y);
  return at;
}
