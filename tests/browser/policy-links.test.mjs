// Hostile links and markup in the policy's texts (en, a de override), service fields, site name and contact:
// shown as literal text, no <a> but http(s)/mailto/same-origin, clicking the link texts runs nothing and navigates
// nowhere, no element is injected and nothing is fetched. Controls prove the detectors see the real thing.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { allLinks, clickText } from './lib/dom.mjs';
import { EN, openPage, requireShim, settle, setup, siteHits, ui, until } from './lib/harness.mjs';

let env;
before(async () => { requireShim(); env = await setup(); });
after(async () => { await env?.close(); });

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

test('hostile links and markup in the texts (en), service fields, site name/contact: literal text, inert on click, no script, no fetch', async (t) => {
  const { page, log } = await openPage(t, env, '/xss-links.html?region=DE&config=/policies/xss-links.json');
  const { banner } = ui(page);
  await banner.waitFor({ state: 'visible' });
  await page.locator('[data-assent-policy] h2').first().waitFor();

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
  assertSafeLinks(links.filter((l) => l.raw !== CONTROL_LINK), env.server.siteOrigin);
  assert.ok(links.some((l) => l.text === 'safe link' && l.href === `${env.server.siteOrigin}/privacy-ok`), 'the [safe link](/privacy-ok) is a link');
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
  await dialog.waitFor({ state: 'visible' });
  const dialogText = await page.evaluate(assentText);
  assert.ok(dialogText.includes("[prefs js](javascript:window.__pwned='prefs';void+0) <svg onload=window.__pwned='svg'>"));
  assert.ok(dialogText.includes("<iframe src=javascript:window.__pwned='ifr';void+0></iframe>"));
  await clickText(page, '[prefs js]');
  await clickText(page, '[cat js]');
  for (const d of await dialog.locator('details').all()) await d.locator('summary').click(); // services shown
  await settle(page, log);
  assert.equal(page.url(), url, 'no navigation');
  assert.equal(await page.evaluate(() => window.__pwned), undefined, 'no script from the texts ran');
  assert.deepEqual(log.dialogs, []);
  assert.deepEqual(await page.evaluate(injectedMarkup), [], 'no element created from the texts');
  const fetched = siteHits(log).filter((h) => /^\/x\d*$/.test(h.path)).map((h) => h.path);
  assert.deepEqual(fetched, [], 'no request for any <img src=x…>');
  assert.deepEqual(log.pageErrors, []);
  await dialog.getByRole('button', { name: EN.close, exact: true }).click();

  // Controls: the detector sees a javascript: link that does run (the page's own), and a click on a real
  // link is seen as a navigation (the safe one).
  await page.locator('#control-js').click();
  await until(() => page.evaluate(() => window.__pwned === 'control'), 'control javascript: link ran');
  await Promise.all([page.waitForURL('**/privacy-ok'), banner.getByRole('link', { name: 'safe link' }).click()]);
  await until(() => siteHits(log).some((h) => h.path === '/privacy-ok'), 'the safe link navigated: the site served /privacy-ok to the new document');
});

test('hostile links and markup in a locale override (de) and the German cookie-policy section are inert', async (t) => {
  const title = "<img src=x8 onerror=window.__pwned='de'>Titel";
  const { page, log } = await openPage(t, env, '/xss-links.html?region=DE&lang=de&config=/policies/xss-links.json');
  const banner = page.getByRole('region', { name: title, exact: true });
  await banner.waitFor({ state: 'visible' });
  await page.locator('[data-assent-policy] h2').first().waitFor();
  const text = await page.evaluate(assentText);
  for (const literal of [title, "[de js](javascript:window.__pwned='deLink';void+0)", '[de data](data:text/html,hallo)',
    "<b onmouseover=window.__pwned='deB'>fett</b>", "<script>window.__pwned='dePolicy'</script>",
    "<svg onload=window.__pwned='purposeDe'>Zählt"]) {
    assert.ok(text.includes(literal), `shown literally: ${literal}`);
  }
  assertSafeLinks((await page.evaluate(allLinks)).filter((l) => l.raw !== CONTROL_LINK), env.server.siteOrigin);
  await clickText(page, '[de js]');
  await clickText(page, '[de data]');
  await page.getByRole('button', { name: 'Einstellungen', exact: true }).click();
  await page.getByRole('dialog', { name: "<img src=x9 onerror=window.__pwned='dePrefs'>Einstellungen", exact: true })
    .waitFor({ state: 'visible' });
  await settle(page, log);
  assert.equal(await page.evaluate(() => window.__pwned), undefined, 'no script from the texts ran');
  assert.deepEqual(await page.evaluate(injectedMarkup), []);
  assert.deepEqual(siteHits(log).filter((h) => /^\/x\d*$/.test(h.path)).map((h) => h.path), []);
  assert.deepEqual(log.dialogs, []);
  assert.deepEqual(log.pageErrors, []);
});
