// The preferences dialog and the banner on phones: at 320×568, 375×740 and 740×360 the dialog's action buttons
// stay in the viewport (pinned footer, the list scrolls), the close control is an icon button with a name, the
// essential switch looks locked, and stacked banner buttons share one width. Screenshots: tests/artifacts/phone-*.png.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { EN, ensureArtifacts, openPage, requireShim, setup, ui } from './lib/harness.mjs';

let env;
let artifacts;
before(async () => { requireShim(); env = await setup(); artifacts = ensureArtifacts(); });
after(async () => { await env?.close(); });

const inside = (box, vp) => box && box.x >= 0 && box.y >= 0 && box.x + box.width <= vp.width + 0.5 && box.y + box.height <= vp.height + 0.5;

for (const [width, height] of [[320, 568], [375, 740], [740, 360]]) {
  test(`phone ${width}×${height}: dialog actions in view, list scrolls, locked essential switch, equal banner buttons`, async (t) => {
    const viewport = { width, height };
    const { page } = await openPage(t, env, '/index.html?region=DE', { context: { viewport, isMobile: true, hasTouch: true, reducedMotion: 'reduce' } });
    const { banner, dialog } = ui(page);
    await banner.waitFor({ state: 'visible' });
    await page.screenshot({ path: join(artifacts, `phone-${width}x${height}-banner.png`) });

    // Banner buttons: stacked ones (same x) are equally wide.
    const boxes = await Promise.all((await banner.getByRole('button').all()).map((b) => b.boundingBox()));
    for (const box of boxes) assert.ok(inside(box, viewport), `banner button in view: ${JSON.stringify(box)}`);
    const columns = new Map();
    for (const b of boxes) columns.set(Math.round(b.x), [...(columns.get(Math.round(b.x)) || []), b.width]);
    for (const widths of columns.values())
      assert.ok(Math.max(...widths) - Math.min(...widths) < 1, `stacked banner buttons share one width: ${widths}`);

    await banner.getByRole('button', { name: EN.preferences, exact: true }).click();
    await dialog.waitFor({ state: 'visible' });
    await page.screenshot({ path: join(artifacts, `phone-${width}x${height}-dialog.png`) });

    // The footer's three actions are fully inside the viewport without scrolling anything.
    for (const name of [EN.acceptAll, EN.rejectAll, EN.save]) {
      const box = await dialog.getByRole('button', { name, exact: true }).boundingBox();
      assert.ok(inside(box, viewport), `"${name}" within ${width}×${height}: ${JSON.stringify(box)}`);
    }
    // The category list scrolls instead (it holds more than fits), and scrolling it keeps the footer in place.
    const list = await dialog.evaluate((d) => {
      const body = d.querySelector('.body');
      const before = body.scrollHeight > body.clientHeight;
      body.scrollTop = body.scrollHeight;
      return { scrolls: before, overflowY: getComputedStyle(body).overflowY };
    });
    assert.equal(list.overflowY, 'auto');
    if (height < 700) assert.ok(list.scrolls, 'the category list scrolls on a short screen');
    const save = await dialog.getByRole('button', { name: EN.save, exact: true }).boundingBox();
    assert.ok(inside(save, viewport), 'Save still in view after scrolling the list');

    // Close: an icon button, named for assistive technology.
    const close = dialog.getByRole('button', { name: EN.close, exact: true });
    assert.equal((await close.textContent()).trim(), '×');
    assert.ok(inside(await close.boundingBox(), viewport), 'close control in view');

    // The essential switch: checked, aria-disabled, labelled "Always on", and drawn unlike an ordinary on switch.
    const essential = dialog.getByRole('switch', { name: 'Essential', exact: true });
    const analytics = dialog.getByRole('switch', { name: 'Analytics', exact: true });
    await analytics.click();
    assert.equal(await essential.getAttribute('aria-checked'), 'true');
    assert.equal(await essential.getAttribute('aria-disabled'), 'true');
    const look = (el) => { const s = getComputedStyle(el); return { bg: s.backgroundColor, border: s.borderTopStyle }; };
    const [locked, on] = [await essential.evaluate(look), await analytics.evaluate(look)];
    assert.notDeepEqual(locked, on, `locked switch ${JSON.stringify(locked)} looks unlike an "on" one ${JSON.stringify(on)}`);
    assert.equal(locked.border, 'dashed');
    const row = await essential.evaluate((sw) => sw.parentElement.textContent);
    assert.match(row, /Always on/);
    await essential.evaluate((sw) => sw.click());
    assert.equal(await essential.getAttribute('aria-checked'), 'true', 'a click does not turn it off');
  });
}
