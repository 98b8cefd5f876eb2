// Theming: the policy's ui.theme colours, radius and font reach the banner's buttons and surfaces, in the
// light and in the dark scheme (prefers-color-scheme emulated; mode "auto"), with the page's own
// --assent-* custom properties still winning. Screenshots go to tests/artifacts/theme-*.png.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { runAxe } from '../lib/axe.mjs';
import { EN, ensureArtifacts, openPage, requireShim, setup, ui } from './lib/harness.mjs';

let env;
let artifacts;
before(async () => { requireShim(); env = await setup(); artifacts = ensureArtifacts(); });
after(async () => { await env?.close(); });

const URL = '/landmarks.html?region=DE&config=/policies/theme.json';
// policies/theme.json; the text on the accent is the engine's pick (white on the dark accent, black on the light one).
const EXPECT = {
  light: { accent: 'rgb(122, 31, 92)', accentText: 'rgb(255, 255, 255)', background: 'rgb(255, 250, 242)', text: 'rgb(43, 33, 24)' },
  dark: { accent: 'rgb(255, 184, 107)', accentText: 'rgb(0, 0, 0)', background: 'rgb(32, 22, 15)', text: 'rgb(246, 239, 230)' },
};

/** Computed styles of the banner, its buttons and its heading. */
function bannerStyles() {
  const root = document.querySelector('assent-banner').shadowRoot;
  const style = (el) => { const s = getComputedStyle(el); return { bg: s.backgroundColor, color: s.color, radius: s.borderTopLeftRadius, font: s.fontFamily }; };
  const banner = root.querySelector('section.banner');
  return {
    banner: style(banner),
    heading: style(banner.querySelector('h2')),
    buttons: [...banner.querySelectorAll('button')].map((b) => ({ cls: b.className, ...style(b) })),
  };
}

for (const scheme of ['light', 'dark']) {
  test(`ui.theme colours, radius and font on the banner (${scheme} scheme); axe clean; screenshots`, async (t) => {
    const { page } = await openPage(t, env, URL, { context: { colorScheme: scheme } });
    const { banner, dialog } = ui(page);
    await banner.waitFor({ state: 'visible' });
    await banner.screenshot({ path: join(artifacts, `theme-banner-${scheme}.png`) });
    const want = EXPECT[scheme];
    const s = await page.evaluate(bannerStyles);
    assert.equal(s.banner.bg, want.background, 'banner background');
    assert.equal(s.heading.color, want.text, 'banner text');
    assert.equal(s.banner.radius, '4px', 'banner radius');
    assert.match(s.banner.font, /^Georgia, serif$/, 'banner font');
    const primary = s.buttons.filter((b) => b.cls === 'primary');
    assert.equal(primary.length, 2, 'Accept all and Reject all');
    for (const b of primary) {
      assert.equal(b.bg, want.accent, 'primary button background is the accent');
      assert.equal(b.color, want.accentText, 'primary button text reads on the accent');
      assert.equal(b.radius, '0px', 'buttons: the radius less 4 px, not below 0');
    }
    assert.equal(s.buttons.find((b) => b.cls === 'secondary').color, want.text, 'secondary button text');
    assert.deepEqual(await runAxe(page), [], 'axe: no violation with the themed banner');

    await banner.getByRole('button', { name: EN.preferences, exact: true }).click();
    await dialog.waitFor({ state: 'visible' });
    await dialog.screenshot({ path: join(artifacts, `theme-dialog-${scheme}.png`) });
    const dialogBg = await dialog.evaluate((d) => getComputedStyle(d).backgroundColor);
    assert.equal(dialogBg, want.background, 'dialog background');
    assert.deepEqual(await runAxe(page), [], 'axe: no violation with the themed dialog');
  });
}

test("the page's --assent-* custom properties win over the policy's theme", async (t) => {
  const { page } = await openPage(t, env, URL, { context: { colorScheme: 'light' } });
  const { banner } = ui(page);
  await banner.waitFor({ state: 'visible' });
  await page.addStyleTag({ content: 'assent-banner { --assent-accent: #004400; --assent-accent-fg: #ffffff; }' });
  const s = await page.evaluate(bannerStyles);
  assert.equal(s.buttons.find((b) => b.cls === 'primary').bg, 'rgb(0, 68, 0)');
});
