// Accessibility: axe-core finds no violation on the page with the banner, and with the preferences dialog
// open, in light and dark colour schemes (policy theme "auto"), and with the dialog open on a page that has its
// own landmarks (pages/landmarks.html). Screenshots go to tests/artifacts/.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { runAxe } from '../lib/axe.mjs';
import { EN, ensureArtifacts, openPage, requireShim, setup, ui } from './lib/harness.mjs';

let env;
let artifacts;
before(async () => { requireShim(); env = await setup(); artifacts = ensureArtifacts(); });
after(async () => { await env?.close(); });

/** Background colour of the banner/dialog box (first non-transparent ancestor-or-self of the heading/label). */
function surfaceColour(selector) {
  const root = document.querySelector('assent-banner')?.shadowRoot;
  let el = root?.querySelector(selector);
  while (el && el.nodeType === 1) {
    const bg = getComputedStyle(el).backgroundColor;
    if (bg && bg !== 'rgba(0, 0, 0, 0)' && bg !== 'transparent') return bg;
    el = el.parentElement;
  }
  return null;
}
const luminance = (rgb) => {
  const [r, g, b] = rgb.match(/[\d.]+/g).map(Number);
  return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
};

for (const scheme of ['light', 'dark']) {
  test(`axe: no violations on the banner and on the open dialog (${scheme}); screenshots`, async (t) => {
    const { page } = await openPage(t, env, '/index.html?region=DE', { context: { colorScheme: scheme } });
    const { banner, dialog } = ui(page);
    await banner.waitFor({ state: 'visible' });
    await page.evaluate(() => document.fonts?.ready);
    await banner.screenshot({ path: join(artifacts, `banner-${scheme}.png`) });
    await page.screenshot({ path: join(artifacts, `page-banner-${scheme}.png`) });

    const bannerBg = await page.evaluate(surfaceColour, '[role="region"]');
    const bannerViolations = await runAxe(page);

    await banner.getByRole('button', { name: EN.preferences, exact: true }).click();
    await dialog.waitFor({ state: 'visible' });
    await dialog.screenshot({ path: join(artifacts, `dialog-${scheme}.png`) });
    await page.screenshot({ path: join(artifacts, `page-dialog-${scheme}.png`) });
    const dialogBg = await page.evaluate(surfaceColour, '[role="dialog"]');
    const dialogViolations = await runAxe(page);

    assert.deepEqual(bannerViolations, [], `axe violations with the banner (${scheme}):\n${JSON.stringify(bannerViolations, null, 2)}`);
    assert.deepEqual(dialogViolations, [], `axe violations with the dialog open (${scheme}):\n${JSON.stringify(dialogViolations, null, 2)}`);

    // theme "auto" follows prefers-color-scheme.
    for (const [what, bg] of [['banner', bannerBg], ['dialog', dialogBg]]) {
      assert.ok(bg, `${what} has an opaque background`);
      const l = luminance(bg);
      assert.ok(scheme === 'dark' ? l < 0.5 : l > 0.5, `${what} background ${bg} fits the ${scheme} scheme (luminance ${l.toFixed(2)})`);
    }

    // Control: axe does look inside the shadow root (a nameless button there is reported).
    await page.evaluate(() => {
      const d = document.querySelector('assent-banner').shadowRoot.querySelector('[role="dialog"]');
      const b = document.createElement('button');
      b.id = 'axe-control';
      d.append(b);
    });
    const control = await runAxe(page);
    assert.ok(control.some((v) => v.id === 'button-name'), 'axe reports the control violation inside the shadow root');
  });
}

test('axe: the open dialog adds no landmark beside a page\'s own header, nav, main and footer', async (t) => {
  const { page } = await openPage(t, env, '/landmarks.html?region=DE');
  const { banner, dialog } = ui(page);
  await banner.getByRole('button', { name: EN.preferences, exact: true }).click();
  await dialog.waitFor({ state: 'visible' });
  await page.screenshot({ path: join(artifacts, 'page-dialog-landmarks.png') });
  const violations = await runAxe(page);
  assert.deepEqual(violations, [], `axe violations with the dialog open:\n${JSON.stringify(violations, null, 2)}`);
  const landmarks = await page.evaluate(() => document.querySelector('assent-banner').shadowRoot.querySelectorAll('header, footer, main, nav, aside').length);
  assert.equal(landmarks, 0, 'no landmark elements inside Assent\'s UI');
});
