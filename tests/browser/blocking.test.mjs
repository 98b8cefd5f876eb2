// Blocking of untagged third parties (by the policy's `scripts` patterns) and tagged iframe placeholders.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  EN, openPage, requireShim, settle, setup, TRACKER_PATHS, trackerHitPaths, trackerHits, trackerRequests, ui, until,
  waitForHits, waitForReady,
} from './lib/harness.mjs';

let env;
before(async () => { requireShim(); env = await setup(); });
after(async () => { await env?.close(); });

test('dynamically inserted tracker (createElement + src + append): held before consent, loads after Accept all, its onload fires', async (t) => {
  const { context, page, log } = await openPage(t, env, '/index.html?region=DE');
  await settle(page, log);
  assert.ok(!trackerHitPaths(log).includes('/dynamic.js'), 'server: /dynamic.js not requested before consent');
  assert.ok(!trackerRequests(log).includes('/dynamic.js'), 'browser: no request for /dynamic.js');
  assert.deepEqual(await page.evaluate(() => [window.__dynLoaded, window.__dynOnload]), [undefined, false]);

  await ui(page).banner.getByRole('button', { name: EN.acceptAll, exact: true }).click();
  await waitForHits(log, ['/dynamic.js']);
  await until(() => page.evaluate(() => window.__dynLoaded === true && window.__dynOnload === true),
    "dynamic.js executed (window.__dynLoaded) and the page's own onload handler fired (window.__dynOnload)");
  assert.equal(trackerHitPaths(log).filter((p) => p === '/dynamic.js').length, 1, 'requested once');
});

test('dynamically inserted tracker stays blocked after Reject all', async (t) => {
  const { context, page, log } = await openPage(t, env, '/index.html?region=DE');
  await ui(page).banner.getByRole('button', { name: EN.rejectAll, exact: true }).click();
  // The page inserts the same tracker again after the choice.
  await page.evaluate((src) => {
    const s = document.createElement('script');
    s.src = src + '?again=1';
    document.head.appendChild(s);
  }, `${env.server.trackerOrigin}/dynamic.js`);
  await settle(page, log);
  assert.deepEqual(trackerHitPaths(log), []);
  assert.deepEqual(trackerRequests(log), []);
});

test('untagged <script src> and <iframe src> in the HTML that match `scripts` patterns: not executed/loaded before consent, released after Accept all', async (t) => {
  const { context, page, log } = await openPage(t, env, '/untagged.html?region=DE');
  await settle(page, log);
  assert.equal(await page.evaluate(() => window.__untaggedLoaded), undefined, 'untagged.js did not run');
  assert.ok(!page.frames().some((f) => f.url().includes('/embed.html')), 'no embed document loaded in a frame');

  const mark = env.server.log.mark();
  await ui(page).banner.getByRole('button', { name: EN.acceptAll, exact: true }).click();
  await waitForHits(log, ['/untagged.js', '/embed.html'], { since: mark });
  await until(() => page.evaluate(() => window.__untaggedLoaded === true), 'untagged.js runs after Accept all');
  await until(() => page.frames().some((f) => f.url().includes('/embed.html')), 'the untagged iframe loads after Accept all');
});

// Known platform limit (README "Tagging"): Chromium's preload scanner fetches an untagged <script src> from the raw
// HTML before any script can see it, and a parser-inserted <iframe> starts loading on insertion. Assent cannot
// stop those *requests* from JS; it guarantees they have no *effect*: the script never runs, the iframe document
// is aborted, and nothing the tracker does (beacons, cookies) happens. Tagging the element prevents the request.
test('untagged <script src>/<iframe src> in the HTML that match `scripts` patterns: before consent nothing runs, no beacon, no cookie, no iframe document', async (t) => {
  const { context, page, log } = await openPage(t, env, '/untagged.html?region=DE');
  await settle(page, log);
  const fetched = trackerHitPaths(log);
  assert.ok(fetched.every((p) => p === '/untagged.js' || p.startsWith('/embed.html')), `only the preload/parser fetches, no beacon: ${fetched}`);
  assert.deepEqual((await context.cookies()).map((c) => c.name).filter((n) => n !== 'assent'), [], 'no tracker cookie');
  assert.ok(!page.frames().some((f) => f.url().includes('/embed.html')), 'the iframe document never loaded');
});

test('iframe placeholder: embed not requested; "Load VideoTube embeds from VideoTube Inc." loads only that iframe (stored)', async (t) => {
  const { context, page, log } = await openPage(t, env, '/index.html?region=DE');
  const load = page.getByRole('button', { name: 'Load VideoTube embeds from VideoTube Inc.', exact: true });
  await load.waitFor({ state: 'visible' });
  await settle(page, log);
  assert.ok(!trackerHitPaths(log).includes('/embed.html'), 'embed not requested before consent');
  assert.equal(await page.locator('iframe[title="Product video"]').getAttribute('src'), null, 'iframe has no src yet');

  await load.click();
  await waitForHits(log, ['/embed.html']);
  const hit = trackerHits(log).find((h) => h.path === '/embed.html');
  assert.equal(hit.dest, 'iframe', 'requested as an iframe document');
  assert.match(await page.locator('iframe[title="Product video"]').getAttribute('src') ?? '', /\/embed\.html$/);
  await until(() => page.frames().some((f) => f.url().endsWith('/embed.html')), 'the iframe document is loaded');

  await settle(page, log);
  const otherMarketing = trackerHitPaths(log).filter((p) => TRACKER_PATHS.marketing.includes(p) && p !== '/embed.html');
  assert.deepEqual(otherMarketing, [], 'the marketing pixel stays blocked');
  assert.deepEqual(trackerHitPaths(log).filter((p) => !['/embed.html'].includes(p)), [], 'nothing else loaded');
  const has = await page.evaluate(async () => {
    const a = await window.Assent.ready;
    return { videotube: a.has('videotube'), marketing: a.has('marketing'), pixel: a.has('meta-pixel') };
  });
  assert.deepEqual(has, { videotube: true, marketing: false, pixel: false });

  // Stored: on reload the iframe loads by itself, the pixel still does not.
  await page.reload();
  await waitForReady(page);
  await waitForHits(log, ['/embed.html']);
  await settle(page, log);
  assert.deepEqual(trackerRequests(log).filter((p) => p !== '/embed.html'), [], 'the reloaded page requests nothing else');
  assert.deepEqual(trackerHitPaths(log).filter((p) => p !== '/embed.html'), []);
});
