// Config texts that look like markup stay text: shown literally, nothing parsed, nothing executed, nothing fetched.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { EN, openPage, requireShim, settle, setup, siteHits, ui } from './lib/harness.mjs';

let env;
before(async () => { requireShim(); env = await setup(); });
after(async () => { await env?.close(); });

const TITLE = '<img src=x onerror=alert(1)>';
const PREFS_TITLE = '<img src=x2 onerror=alert(4)>Prefs';
const VENDOR = '<img src=x3 onerror=alert(5)>Vid';

/** Elements anywhere (document + every open shadow root) that the markup in the texts would have created. */
function injected() {
  const found = [];
  const walk = (root) => {
    for (const el of root.querySelectorAll('*')) {
      const tag = el.tagName.toLowerCase();
      const onAttrs = [...el.attributes].filter((a) => a.name.startsWith('on')).map((a) => a.name);
      if (tag === 'img' || onAttrs.length || (tag === 'script' && /alert/.test(el.textContent))) {
        found.push({ tag, onAttrs, html: el.outerHTML.slice(0, 120) });
      }
      if (el.shadowRoot) walk(el.shadowRoot);
    }
  };
  walk(document);
  return found;
}

test('script-like texts in the policy are shown literally and never executed', async (t) => {
  const { page, log } = await openPage(t, env, '/xss.html');
  const { banner } = ui(page, { ...EN, title: TITLE, prefsTitle: PREFS_TITLE });
  await banner.waitFor({ state: 'visible' });

  const text = await page.evaluate(() => document.querySelector('assent-banner')?.shadowRoot?.textContent ?? null);
  assert.ok(text !== null, 'an <assent-banner> host with an open shadow root exists');
  assert.ok(text.includes(TITLE), 'the title is shown as literal text');
  assert.ok(text.includes('Hello <script>alert(2)</script><b onmouseover=alert(3)>bold</b> &amp; "quotes"'),
    'the description is shown as literal text (including a literal "&amp;")');

  // The placeholder, whose text and button are built from the service's name and vendor.
  const load = page.getByRole('button', { name: `Load VideoTube embeds from ${VENDOR}`, exact: true });
  assert.ok(await load.isVisible(), 'placeholder button named after the service');
  const placeholderText = await page.locator('assent-placeholder').first().evaluate((h) => h.shadowRoot.textContent);
  assert.ok(placeholderText.includes(`This content (VideoTube embeds) is provided by ${VENDOR}, which may set cookies.`),
    `placeholder text with the literal vendor name: ${placeholderText}`);

  // The dialog title and the service purposes.
  await banner.getByRole('button', { name: EN.preferences, exact: true }).click();
  const dialog = page.getByRole('dialog', { name: PREFS_TITLE, exact: true });
  await dialog.waitFor({ state: 'visible' });
  const dialogText = await page.evaluate(() => document.querySelector('assent-banner').shadowRoot.textContent);
  assert.ok(dialogText.includes(PREFS_TITLE), 'dialog title literal');

  await settle(page, log);
  assert.deepEqual(log.dialogs, [], 'no alert() dialog');
  assert.deepEqual(await page.evaluate(injected), [], 'no element created from the texts (no <img>, no on* attributes)');
  const fetched = siteHits(log).filter((h) => /^\/x\d?$/.test(h.path)).map((h) => h.path);
  assert.deepEqual(fetched, [], 'no request for img src=x / x2 / x3');
  assert.deepEqual(log.pageErrors, []);
});
