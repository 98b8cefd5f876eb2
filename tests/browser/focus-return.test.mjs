// Focus after a banner choice: back where it was before the visitor moved into the banner, or to the page's
// main landmark, never to <body> (a keyboard or screen-reader user would have to start the page over).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { EN, openPage, requireShim, setup, ui } from './lib/harness.mjs';

let env;
before(async () => { requireShim(); env = await setup(); });
after(async () => { await env?.close(); });

const URL = '/landmarks.html?region=DE';
/** The focused element of the page, described ('body', 'main', or its id). */
const focused = (page) => page.evaluate(() => {
  const el = document.activeElement;
  return !el || el === document.body ? 'body' : el.id || el.localName;
});

/** Tabs from the page element `id` until focus is in the banner (the banner comes first in <body>). */
async function tabIntoBanner(page, id) {
  await page.focus(`#${id}`);
  for (let i = 0; i < 20 && (await focused(page)) !== 'assent-banner'; i++) await page.keyboard.press('Shift+Tab');
  assert.equal(await focused(page), 'assent-banner', 'keyboard focus reached the banner');
}

/** Focuses a control and presses Enter on it, as a keyboard user would. */
async function pressByKeyboard(page, control) {
  await control.focus();
  await page.keyboard.press('Enter');
}

test('Reject all by keyboard: focus returns to the page control the visitor came from', async (t) => {
  const { page } = await openPage(t, env, URL);
  const { banner } = ui(page);
  await banner.waitFor({ state: 'visible' });
  await tabIntoBanner(page, 'nav-products');
  await pressByKeyboard(page, banner.getByRole('button', { name: EN.rejectAll, exact: true }));
  await banner.waitFor({ state: 'detached' });
  assert.equal(await focused(page), 'nav-products');
});

test('Accept all by mouse with nothing focused before: focus goes to <main>, not <body>', async (t) => {
  const { page } = await openPage(t, env, URL);
  const { banner } = ui(page);
  await banner.getByRole('button', { name: EN.acceptAll, exact: true }).click();
  await banner.waitFor({ state: 'detached' });
  assert.equal(await focused(page), 'main');
  assert.equal(await page.evaluate(() => document.querySelector('main').getAttribute('tabindex')), '-1', 'main made focusable by script only');
});

test('Save in the dialog opened from the banner: focus returns to where it was before the banner', async (t) => {
  const { page } = await openPage(t, env, URL);
  const { banner, dialog } = ui(page);
  await banner.waitFor({ state: 'visible' });
  await page.focus('#search');
  await pressByKeyboard(page, banner.getByRole('button', { name: EN.preferences, exact: true }));
  await dialog.waitFor({ state: 'visible' });
  await pressByKeyboard(page, dialog.getByRole('button', { name: EN.save, exact: true }));
  await dialog.waitFor({ state: 'detached' });
  assert.equal(await focused(page), 'search');
});

test('a choice in the dialog opened from a page button returns focus to that button', async (t) => {
  const { page } = await openPage(t, env, URL);
  const { banner, dialog } = ui(page);
  await banner.getByRole('button', { name: EN.acceptAll, exact: true }).click();
  await banner.waitFor({ state: 'detached' });
  await page.focus('#settings');
  await page.keyboard.press('Enter');
  await dialog.waitFor({ state: 'visible' });
  await dialog.getByRole('button', { name: EN.rejectAll, exact: true }).click();
  await dialog.waitFor({ state: 'detached' });
  assert.equal(await focused(page), 'settings');
});
