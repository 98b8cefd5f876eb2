// Security (issue 8 "Hardening"): hostile URLs and markup in the policy stay inert, Trusted Types pages work,
// the consent cookie's attributes on http and https, and Assent itself talks to nobody but the page's origin.
import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  allLinks, clickBanner, clickText, consoleErrorsMentioning, EN, foreignRequests, newPage, openPage, quiet, requireShim, setup,
  TEST_DOMAIN, trackerRequests, trustedTypesConsole, ui, until, waitForHits, waitForReady,
} from './lib/harness.mjs';
import { distDir, policiesDir, repoRoot } from './server.mjs';

let env;
let tls; // the same servers over https (cookie attributes)
before(async () => { requireShim(); env = await setup(); });
after(async () => { await env?.close(); await tls?.close(); });
beforeEach(() => { env?.server.reset(); tls?.server.reset(); });

const CLI = join(repoRoot, 'build', 'assent');
const mainPolicy = () => JSON.parse(readFileSync(join(policiesDir, 'main.json'), 'utf8'));

/** `build/assent validate` on a policy object: {status, stdout, stderr}. */
function validate(policy) {
  const dir = mkdtempSync(join(tmpdir(), 'assent-sec-'));
  try {
    const file = join(dir, 'policy.json');
    writeFileSync(file, JSON.stringify(policy).replaceAll('{{TRACKER}}', 'http://127.0.0.1:1'));
    try {
      return { status: 0, stdout: execFileSync(CLI, ['validate', file], { stdio: 'pipe' }).toString(), stderr: '' };
    } catch (e) {
      return { status: e.status, stdout: String(e.stdout), stderr: String(e.stderr) };
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------------------
// 1. Hostile URLs and markup in the policy
// ---------------------------------------------------------------------------------------------------------

const BAD_URLS = [
  'javascript:alert(1)', 'JaVaScRiPt:alert(1)', ' javascript:alert(1)', '\tjavascript:alert(1)',
  'data:text/html,<script>alert(1)</script>', 'vbscript:msgbox(1)', '//evil.example/', 'java\nscript:alert(1)',
];

test('validate: javascript:/data:/vbscript:/protocol-relative URLs in site.policyUrl and services[].privacyUrl are errors naming the pointer', (t) => {
  if (!existsSync(CLI)) { t.skip('native CLI not built (build/assent)'); return; }
  for (const url of BAD_URLS) {
    const p = mainPolicy();
    p.site.policyUrl = url;
    p.services[2].privacyUrl = url;
    const r = validate(p);
    assert.equal(r.status, 1, `${JSON.stringify(url)}: validate exits 1; got ${r.status}: ${r.stdout}${r.stderr}`);
    assert.match(r.stderr, /\/site\/policyUrl: /, `${JSON.stringify(url)}: error names /site/policyUrl: ${r.stderr}`);
    assert.match(r.stderr, /\/services\/2\/privacyUrl: /, `${JSON.stringify(url)}: error names /services/2/privacyUrl: ${r.stderr}`);
  }
  // Control: the same policy with ordinary URLs is valid.
  const ok = mainPolicy();
  ok.site.policyUrl = 'https://shop.example/privacy';
  ok.services[2].privacyUrl = '/privacy/pixel';
  assert.equal(validate(ok).status, 0);
});

// "/\host" looks like a same-site path but every browser reads it as "//host": a link to another site; a tab or
// newline is dropped by URL parsing, so "/<TAB>/host" is the same trick.
for (const url of ['/\\evil.example/', '/\t/evil.example/', '/\n/evil.example/']) {
  test(`validate: a path-looking URL that resolves to another host (${JSON.stringify(url)}) is rejected, naming the pointer`, (t) => {
    if (!existsSync(CLI)) { t.skip('native CLI not built'); return; }
    const p = mainPolicy();
    p.site.policyUrl = url;
    const r = validate(p);
    assert.equal(r.status, 1, `validate accepted ${JSON.stringify(p.site.policyUrl)} (a browser resolves it to http://evil.example/)`);
    assert.match(r.stdout + r.stderr, /\/site\/policyUrl/);
  });
}

test('browser: a policy whose policyUrl is javascript: fails closed; assent:error and the console name /site/policyUrl', async () => {
  const { server } = env;
  const bad = mainPolicy();
  bad.site.policyUrl = "javascript:window.__pwned='policyUrl';void+0";
  const body = JSON.stringify(bad).replaceAll('{{TRACKER}}', server.trackerOrigin);
  const { context, page, log } = await openPage(env, '/index.html?region=DE&config=/policies/badurl.json', {
    ready: false,
    before: ({ page: p }) => p.route((u) => u.pathname === '/policies/badurl.json', (r) => r.fulfill({ contentType: 'application/json', body })),
  });
  try {
    await until(() => page.evaluate(() => window.__assentEvents.some((e) => e.type === 'assent:error')), 'assent:error', 10_000);
    const err = (await page.evaluate(() => window.__assentEvents.find((e) => e.type === 'assent:error'))).detail;
    assert.match(JSON.stringify(err), /\/site\/policyUrl/, `assent:error names the pointer: ${JSON.stringify(err)}`);
    assert.ok(consoleErrorsMentioning(log, 'Assent').some((m) => m.text.includes('/site/policyUrl')),
      `console error names /site/policyUrl: ${JSON.stringify(log.console.filter((m) => m.type === 'error'))}`);
    await quiet(page);
    assert.deepEqual(trackerRequests(log, server), [], 'fail closed: no tracker request');
    assert.equal(await page.evaluate(() => window.__pwned), undefined);
  } finally {
    await context.close();
  }
});

/** Elements that markup in the texts would have created, inside Assent's shadow roots and the policy section. */
function injectedMarkup() {
  const found = [];
  const bad = new Set(['img', 'svg', 'iframe', 'script', 'b', 'i', 'object', 'embed']);
  const walk = (root, inside) => {
    for (const el of root.querySelectorAll('*')) {
      const tag = el.tagName.toLowerCase();
      const mine = inside || el.matches('[data-assent-policy]') || !!el.closest('[data-assent-policy]');
      const on = [...el.attributes].filter((a) => a.name.startsWith('on')).map((a) => a.name);
      if (on.length || (mine && bad.has(tag))) found.push({ tag, on, html: el.outerHTML.slice(0, 120) });
      if (el.shadowRoot) walk(el.shadowRoot, true);
    }
  };
  walk(document, false);
  return found;
}

/** Text of Assent's UI: every open shadow root plus the policy section. */
function assentText() {
  let out = document.querySelector('[data-assent-policy]')?.textContent ?? '';
  for (const el of document.querySelectorAll('*')) if (el.shadowRoot) out += '\n' + el.shadowRoot.textContent;
  return out;
}

/** The page's own javascript: link (pages/xss-links.html), the detector's control. */
const CONTROL_LINK = "javascript:window.__pwned='control';void+0";

/** Every link must be http(s), mailto or on the page's origin, never javascript:/data:/vbscript:. */
function assertSafeLinks(links, origin) {
  for (const l of links) {
    const u = new URL(l.href);
    assert.ok(['http:', 'https:', 'mailto:'].includes(u.protocol), `link with scheme ${u.protocol}: ${JSON.stringify(l)}`);
  }
  const foreign = links.filter((l) => !l.href.startsWith('mailto:') && new URL(l.href).origin !== origin && l.raw.startsWith('/'));
  assert.deepEqual(foreign, [], 'a link written as a path stays on the page origin');
}

test('hostile links and markup in the texts (en), service fields, site name/contact: literal text, inert on click, no script, no fetch', async () => {
  const { server } = env;
  const { context, page, log } = await openPage(env, '/xss-links.html?region=DE&config=/policies/xss-links.json');
  try {
    const { banner } = ui(page);
    await banner.waitFor({ state: 'visible', timeout: 5000 });
    await page.locator('[data-assent-policy] h2').first().waitFor({ timeout: 5000 });

    const text = await page.evaluate(assentText);
    for (const literal of [
      "[js link](javascript:window.__pwned='banner';void+0)", '[vb link](vbscript:msgbox)', "[case link](JaVaScRiPt:window.__pwned='case';void+0)",
      "<img src=x6 onerror=window.__pwned='img'>", // banner
      "Provided by <img src=x3 onerror=window.__pwned='vendor'>Vid.", // placeholder: vendor inside the text
      "<img src=x10 onerror=window.__pwned='site'>Shop", "javascript:window.__pwned='contact';void+0", // policy section
      "<script>window.__pwned='purpose'</script>Counts", "<i onclick=window.__pwned='ret'>2 years</i>",
    ]) assert.ok(text.includes(literal), `shown literally: ${literal}`);

    // The only link the banner text makes is the safe one; javascript:/data:/vbscript: stay text.
    const links = await page.evaluate(allLinks);
    assertSafeLinks(links.filter((l) => l.raw !== CONTROL_LINK), server.siteOrigin);
    assert.ok(links.some((l) => l.text === 'safe link' && l.href === `${server.siteOrigin}/privacy-ok`), 'the [safe link](/privacy-ok) is a link');
    assert.ok(!links.some((l) => /^(js|data|vb|case) link$/.test(l.text)), `no <a> for the hostile links: ${JSON.stringify(links)}`);

    // Click the hostile link texts: nothing runs, nothing navigates.
    const url = page.url();
    for (const label of ['[js link]', '[data link]', '[vb link]', '[case link]']) {
      const hit = await clickText(page, label);
      assert.equal(hit.inLink, false, `${label} is not inside a link: ${JSON.stringify(hit)}`);
    }
    // The dialog: prefs.description and a category description carry links and markup too.
    await banner.getByRole('button', { name: EN.preferences, exact: true }).click();
    const dialog = ui(page).dialog;
    await dialog.waitFor({ state: 'visible', timeout: 3000 });
    const dialogText = await page.evaluate(assentText);
    assert.ok(dialogText.includes("[prefs js](javascript:window.__pwned='prefs';void+0) <svg onload=window.__pwned='svg'>"));
    assert.ok(dialogText.includes("<iframe src=javascript:window.__pwned='ifr';void+0></iframe>"));
    await clickText(page, '[prefs js]');
    await clickText(page, '[cat js]');
    for (const d of await dialog.locator('details').all()) await d.locator('summary').click(); // services shown
    await quiet(page);
    assert.equal(page.url(), url, 'no navigation');
    assert.equal(await page.evaluate(() => window.__pwned), undefined, 'no script from the texts ran');
    assert.deepEqual(log.dialogs, []);
    assert.deepEqual(await page.evaluate(injectedMarkup), [], 'no element created from the texts');
    const fetched = server.siteHits().filter((h) => /^\/x\d*$/.test(h.path)).map((h) => h.path);
    assert.deepEqual(fetched, [], 'no request for any <img src=x…>');
    assert.deepEqual(log.pageErrors, []);
    await dialog.getByRole('button', { name: EN.close, exact: true }).click();

    // Controls: the detector sees a javascript: link that does run (the page's own), and a click on a real
    // link is seen as a navigation (the safe one).
    await page.locator('#control-js').click();
    await until(() => page.evaluate(() => window.__pwned === 'control'), 'control javascript: link ran', 2000);
    await Promise.all([page.waitForURL('**/privacy-ok'), banner.getByRole('link', { name: 'safe link' }).click()]);
    assert.ok(server.siteHits().some((h) => h.path === '/privacy-ok'), 'the safe link navigated');
  } finally {
    await context.close();
  }
});

test('hostile links and markup in a locale override (de) and the German cookie-policy section are inert', async () => {
  const { server } = env;
  const title = "<img src=x8 onerror=window.__pwned='de'>Titel";
  const { context, page, log } = await openPage(env, '/xss-links.html?region=DE&lang=de&config=/policies/xss-links.json');
  try {
    const banner = page.getByRole('region', { name: title, exact: true });
    await banner.waitFor({ state: 'visible', timeout: 5000 });
    await page.locator('[data-assent-policy] h2').first().waitFor({ timeout: 5000 });
    const text = await page.evaluate(assentText);
    for (const literal of [title, "[de js](javascript:window.__pwned='deLink';void+0)", '[de data](data:text/html,hallo)',
      "<b onmouseover=window.__pwned='deB'>fett</b>", "<script>window.__pwned='dePolicy'</script>",
      "<svg onload=window.__pwned='purposeDe'>Zählt"]) {
      assert.ok(text.includes(literal), `shown literally: ${literal}`);
    }
    assertSafeLinks((await page.evaluate(allLinks)).filter((l) => l.raw !== CONTROL_LINK), server.siteOrigin);
    await clickText(page, '[de js]');
    await clickText(page, '[de data]');
    await page.getByRole('button', { name: 'Einstellungen', exact: true }).click();
    await page.getByRole('dialog', { name: "<img src=x9 onerror=window.__pwned='dePrefs'>Einstellungen", exact: true })
      .waitFor({ state: 'visible', timeout: 3000 });
    await quiet(page);
    assert.equal(await page.evaluate(() => window.__pwned), undefined, 'no script from the texts ran');
    assert.deepEqual(await page.evaluate(injectedMarkup), []);
    assert.deepEqual(server.siteHits().filter((h) => /^\/x\d*$/.test(h.path)).map((h) => h.path), []);
    assert.deepEqual(log.dialogs, []);
    assert.deepEqual(log.pageErrors, []);
  } finally {
    await context.close();
  }
});

// ---------------------------------------------------------------------------------------------------------
// 2. Fail-closed console messages: cause AND fix, said once (failclosed.test.mjs checks the cause only)
// ---------------------------------------------------------------------------------------------------------

const FAIL_MESSAGES = [
  { name: "CSP without 'wasm-unsafe-eval'", url: '/csp.html?csp=nowasm&region=DE', cause: /Content-Security-Policy|CSP/, fix: /'wasm-unsafe-eval'/ },
  { name: 'wasm 404', url: '/index.html?region=DE&shim=404', cause: /assent\.wasm.*404/, fix: /Serve assent\.wasm|data-wasm|wasmUrl/ },
  { name: 'wasm connection dropped', url: '/index.html?region=DE&shim=abort', cause: /assent\.wasm/, fix: /served next to assent\.js|data-wasm/ },
  { name: 'policy 404', url: '/index.html?region=DE&config=/policies/missing.json', cause: /missing\.json.*404/, fix: /data-config/ },
  { name: 'invalid policy', url: '/index.html?region=DE&config=/policies/invalid.json', cause: /\/services\/0\/category/, fix: /did you mean "analytics"/ },
];

for (const c of FAIL_MESSAGES) {
  test(`fail-closed message (${c.name}): one console error naming the cause and the fix, "Assent:" said once`, async () => {
    const { context, page, log } = await openPage(env, c.url, { ready: false });
    try {
      await until(() => page.evaluate(() => window.__assentEvents.some((e) => e.type === 'assent:error')), 'assent:error', 10_000);
      await quiet(page, 300);
      const mine = consoleErrorsMentioning(log, 'Assent');
      assert.equal(mine.length, 1, `exactly one Assent console error: ${JSON.stringify(mine.map((m) => m.text))}`);
      const text = mine[0].text;
      assert.match(text, /^Assent: /, 'starts with "Assent: "');
      assert.doesNotMatch(text, /^Assent: Assent:/, `the prefix is not doubled: ${text.slice(0, 80)}`);
      assert.match(text, c.cause, `names the cause: ${text}`);
      assert.match(text, c.fix, `names the fix: ${text}`);
      assert.match(text, /keeps every non-essential script and embed blocked/, 'says that it fails closed');
    } finally {
      await context.close();
    }
  });
}

// ---------------------------------------------------------------------------------------------------------
// 3. Trusted Types
// ---------------------------------------------------------------------------------------------------------

async function trustedTypesRun(url, { expectDefaultUnused = false } = {}) {
  const { server } = env;
  const { context, page, log } = await newPage(env);
  try {
    const resp = await page.goto(`${server.siteOrigin}${url}`);
    const header = resp.headers()['content-security-policy'] ?? '';
    assert.match(header, /require-trusted-types-for 'script'; trusted-types assent/, `TT header sent: ${header}`);
    const diag = async () => JSON.stringify({
      violations: await page.evaluate(() => window.__cspViolations).catch(() => null),
      tt: trustedTypesConsole(log).map((m) => m.text), errors: log.console.filter((m) => m.type === 'error').map((m) => m.text),
      pageErrors: log.pageErrors, events: await page.evaluate(() => window.__assentEvents).catch(() => null),
    });
    await waitForReady(page).catch(async (e) => { throw new Error(`${e.message}\n${await diag()}`); });
    const { banner } = ui(page);
    await banner.waitFor({ state: 'visible', timeout: 5000 });
    await quiet(page, 500);
    assert.deepEqual(trackerRequests(log, server), [], 'nothing before consent');

    await clickBanner(page, EN.acceptAll);
    await waitForHits(server, ['/analytics.js', '/collect', '/pixel.js', '/px', '/embed.html', '/dynamic.js'], 5000)
      .catch(async (e) => { throw new Error(`${e.message}\n${await diag()}`); });
    await until(() => page.evaluate(() => window.__gaLoaded && window.__inlineTaggedRan && window.__pixelLoaded && window.__dynOnload),
      'released external, inline and dynamic scripts executed', 5000)
      .catch(async (e) => { throw new Error(`${e.message}\n${await diag()}`); });
    await until(() => page.frames().some((f) => f.url().endsWith('/embed.html')), 'the tagged iframe loaded');
    await until(() => page.frames().some((f) => f.url().endsWith('/embed.html?via=innerHTML')), 'the iframe the page wrote with innerHTML loaded');
    await quiet(page, 500);
    const violations = await page.evaluate(() => window.__cspViolations);
    assert.deepEqual(violations, [], 'no Trusted Types violation');
    assert.deepEqual(trustedTypesConsole(log), [], 'no Trusted Types message on the console');
    assert.deepEqual(log.pageErrors, []);
    if (expectDefaultUnused) {
      assert.deepEqual(await page.evaluate(() => window.__ttDefault), [],
        "Assent never relies on the page's default policy (it uses its own policy \"assent\")");
    }
    // Control: the detector sees a plain string reaching a sink on this page (a violation; with the page's
    // default policy, a call of that policy).
    await page.evaluate(() => { try { document.createElement('script').src = '/x.js'; } catch { /* TypeError when enforced */ } });
    if (expectDefaultUnused) {
      await until(() => page.evaluate(() => window.__ttDefault.some((c) => c[2].endsWith('/x.js'))), 'the control string went through the default policy', 2000);
    } else {
      await until(() => page.evaluate(() => window.__cspViolations.length > 0), 'the control violation is recorded', 2000);
    }
  } finally {
    await context.close();
  }
}

test('Trusted Types enforced (trusted-types assent page): banner, Accept all releases external + inline scripts, the iframe and the page\'s dynamic script; zero violations', async () => {
  await trustedTypesRun('/tt.html?region=DE');
});

test('Trusted Types with the page\'s own default policy allowed too: same, and Assent never goes through the default policy', async () => {
  await trustedTypesRun('/tt.html?tt=default&region=DE', { expectDefaultUnused: true });
});

test('Trusted Types without "assent" in trusted-types: fails closed, assent:error, console error says to add assent to trusted-types, no uncaught error', async () => {
  const { server } = env;
  const { context, page, log } = await newPage(env);
  try {
    await page.goto(`${server.siteOrigin}/tt.html?tt=noassent&region=DE`);
    await quiet(page, 2000);
    // Whether or not the banner comes up, nothing may run, and the console must say what to fix.
    await page.evaluate(() => window.Assent?.acceptAll?.()).catch(() => undefined);
    await quiet(page);
    assert.deepEqual(server.hitPaths(), [], 'the tracker server saw no request');
    assert.deepEqual(trackerRequests(log, server), []);
    const flags = await page.evaluate(() => [window.__gaLoaded, window.__inlineTaggedRan, window.__pixelLoaded, window.__dynOnload]);
    assert.deepEqual(flags, [undefined, undefined, undefined, false], 'no tracker code ran');
    const named = consoleErrorsMentioning(log, 'Assent').filter((m) => /trusted-types/i.test(m.text) && /assent/.test(m.text));
    assert.ok(named.length > 0, `a console error from Assent names the trusted-types directive and "assent": ${JSON.stringify(log.console.filter((m) => m.type === 'error').map((m) => m.text))}`);
    // Failing closed is an orderly outcome: reported like every other start-up failure, no uncaught exception.
    const err = await page.evaluate(() => window.__assentEvents.find((e) => e.type === 'assent:error')?.detail ?? null);
    assert.equal(typeof err?.code, 'string', `assent:error fired: ${JSON.stringify(await page.evaluate(() => window.__assentEvents))}`);
    assert.deepEqual(log.pageErrors, [], 'no uncaught page error');
  } finally {
    await context.close();
  }
});

// ---------------------------------------------------------------------------------------------------------
// 4. The consent cookie's attributes, http and https
// ---------------------------------------------------------------------------------------------------------

for (const scheme of ['http', 'https']) {
  for (const policy of ['main.json', 'maxage.json']) {
    test(`consent cookie on ${scheme} (${policy}): host-only, Path=/, SameSite=Lax, not HttpOnly, ${scheme === 'https' ? '' : 'not '}Secure, lifetime from the policy`, async () => {
      if (scheme === 'https') tls ??= await setup({ https: true });
      const e = scheme === 'https' ? tls : env;
      const host = `www.${TEST_DOMAIN}`;
      const origin = `${scheme}://${host}:${e.server.sitePort}`;
      // Expected lifetime from the served policy (README: storage.maxAgeDays, default 182).
      const served = JSON.parse(readFileSync(join(policiesDir, policy), 'utf8'));
      const days = served.storage?.maxAgeDays ?? 182;
      const { context, page } = await openPage(e, `${origin}/own-origin.html?region=DE&config=/policies/${policy}`,
        { context: { ignoreHTTPSErrors: true } });
      try {
        assert.equal(new URL(page.url()).protocol, `${scheme}:`);
        const t0 = Date.now() / 1000;
        await clickBanner(page, EN.acceptAll);
        const c = await until(async () => (await context.cookies()).find((x) => x.name === 'assent'), 'assent cookie written');
        assert.equal(c.domain, host, `host-only (no Domain attribute): domain ${c.domain}`);
        assert.equal(c.path, '/');
        assert.equal(c.sameSite, 'Lax');
        assert.equal(c.httpOnly, false, 'readable by the page (the shim reads it)');
        assert.equal(c.secure, scheme === 'https', `Secure ${scheme === 'https' ? 'set on https' : 'not set on http'}`);
        const lifetime = (c.expires - t0) / 86400;
        assert.ok(Math.abs(lifetime - days) < 0.1, `lifetime ≈ ${days} days (policy ${policy}); got ${lifetime.toFixed(3)} days`);
        assert.ok(await page.evaluate(() => document.cookie.includes('assent=')), 'visible in document.cookie');
      } finally {
        await context.close();
      }
    });
  }
}

// ---------------------------------------------------------------------------------------------------------
// 5. Assent's own requests stay on the page's origin
// ---------------------------------------------------------------------------------------------------------

async function ownOriginLifecycle({ locale, t, localeFile }) {
  const { server } = env;
  const { context, page, log } = await openPage(env, '/own-origin.html?region=DE', { context: locale ? { locale } : {} });
  try {
    const { banner, dialog } = ui(page, t);
    await banner.waitFor({ state: 'visible', timeout: 5000 });
    await page.locator('[data-assent-policy] h2').first().waitFor({ timeout: 5000 });
    await banner.getByRole('button', { name: t.preferences, exact: true }).click();
    await dialog.waitFor({ state: 'visible', timeout: 3000 });
    await dialog.locator('[role="switch"][data-category="analytics"]').click();
    await dialog.getByRole('button', { name: t.save, exact: true }).click();
    await dialog.waitFor({ state: 'hidden', timeout: 3000 });
    await page.reload();
    const d = await waitForReady(page);
    assert.equal(d.showBanner, false, 'the choice is applied after the reload');
    await quiet(page);

    const requested = log.requests.map((r) => new URL(r.url).pathname);
    for (const p of ['/own-origin.html', '/assent/assent.js', '/assent/assent-core.js', '/assent/assent.wasm', '/policies/main.json']) {
      assert.ok(requested.includes(p), `${p} requested (the lifecycle ran): ${JSON.stringify(requested)}`);
    }
    if (localeFile) assert.ok(requested.includes(localeFile), `${localeFile} fetched: ${JSON.stringify(requested)}`);
    assert.deepEqual(foreignRequests(log, server.siteOrigin).map((r) => r.url), [],
      `every request goes to ${server.siteOrigin}`);
    assert.deepEqual(server.hitPaths(), [], 'the tracker origin saw nothing');
  } finally {
    await context.close();
  }
}

test('own origin only: load, banner, preferences, save, reload → every request of the page is to its own origin', async () => {
  await ownOriginLifecycle({ t: EN });
});

test('own origin only, German visitor (navigator.language de-DE → locales/de.json)', async () => {
  const de = JSON.parse(readFileSync(join(distDir, 'locales', 'de.json'), 'utf8'));
  const t = { title: de['banner.title'], preferences: de['banner.preferences'], prefsTitle: de['prefs.title'], save: de['prefs.save'] };
  await ownOriginLifecycle({ locale: 'de-DE', t, localeFile: '/assent/locales/de.json' });
});
