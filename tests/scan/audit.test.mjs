// `assent scan` against the fixture shop (tests/scan/fixture/site/), whose truth is known: leaky.html carries four
// planted leaks, undeclared.html two cookies and a host the policy does not name (one cookie Google's ad cookie
// _gcl_au), and the policy a service the site no longer uses. The expected leaks below are written from the
// policy and the law, not from a scan's output:
//   - DE is opt-in (GDPR/ePrivacy): before a choice only the essential "session" service is granted, so the
//     untagged pixel (ad-pixel), the preloaded tracker (preload-tracker) and the _ga cookie the server sets
//     (fixture-analytics) leak, in every pass, before the click; GPC changes nothing there.
//   - US-CA is opt-out (CCPA): everything runs until the visitor opts out, so nothing leaks without GPC; with GPC
//     the sale/sharing category (marketing) is off from the start, so the pixel and the tracker leak, not _ga. The
//     GPC visitor's banner has no opt-out button (GPC already opted out), so that reject pass is skipped.
//   - Everywhere, the Google tag snippet above Assent pushes 'js' and 'config' before the Consent Mode default.
//   - _gcl_au is undeclared, so Assent neither holds nor removes it; known as marketing, it leaks whenever
//     marketing is not granted while it is set: before any choice in DE and for US-CA with GPC, and after a
//     Reject all or an opt-out (it is still there).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { runAxe } from '../lib/axe.mjs';
import { launch } from '../lib/chromium.mjs';
import { startFixture } from './lib/fixture.mjs';
import { runScan, validateReport } from './lib/run-scan.mjs';

let fx;
let scan;
before(async () => {
  fx = await startFixture();
  scan = await runScan([`${fx.site}/`, '--pages', '10', '--region', 'DE,US-CA', '--timeout', '8000', '--fail-on', 'leak,undeclared']);
});
after(() => fx?.close());

const path = (url) => new URL(url).pathname;
const run = (page, region, gpc, pass) => scan.report.runs.find((r) => path(r.page) === page && r.region === region && r.gpc === gpc && r.pass === pass);

test('exit 1 on --fail-on leak,undeclared, with reports written and the JSON valid against its schema', () => {
  assert.equal(scan.code, 1, scan.stderr);
  assert.match(scan.stderr, /failing on leak, undeclared/);
  assert.ok(validateReport(scan.report), JSON.stringify(validateReport.errors?.slice(0, 3)));
  assert.match(scan.html, /<h2[^>]*>Leaks<\/h2>/);
  assert.ok(scan.html.indexOf('Leaks</h2>') < scan.html.indexOf('Summary</h2>'), 'leaks come first');
  assert.match(scan.stdout, /leaks: \d+ {3}undeclared: 3 {3}stale: 1/);
});

test('the exact leak list', () => {
  const expected = [];
  const planted = (region, gpc, pass, { requests, cookie }) => {
    expected.push(`${region}|${gpc}|${pass}|before|consent-order|gtag('js')|`, `${region}|${gpc}|${pass}|before|consent-order|gtag('config', 'G-FIXTURE')|`);
    if (requests) expected.push(`${region}|${gpc}|${pass}|before|request|${fx.tp}/tracker.js|preload-tracker`, `${region}|${gpc}|${pass}|before|request|${fx.tp}/pixel.gif?untagged=1|ad-pixel`);
    if (cookie) expected.push(`${region}|${gpc}|${pass}|before|cookie|_ga|fixture-analytics`);
  };
  for (const gpc of [false, true]) for (const pass of ['before', 'accept', 'reject']) planted('DE', gpc, pass, { requests: true, cookie: true });
  for (const pass of ['before', 'accept', 'reject']) planted('US-CA', false, pass, { requests: false, cookie: false });
  for (const pass of ['before', 'accept']) planted('US-CA', true, pass, { requests: true, cookie: false });
  const adCookie = (region, gpc, pass, when) => expected.push(`${region}|${gpc}|${pass}|${when}|cookie|_gcl_au|`);
  for (const gpc of [false, true]) {
    for (const pass of ['before', 'accept', 'reject']) adCookie('DE', gpc, pass, 'before');
    adCookie('DE', gpc, 'reject', 'after');
  }
  adCookie('US-CA', false, 'reject', 'after');
  for (const pass of ['before', 'accept']) adCookie('US-CA', true, pass, 'before');
  adCookie('US-CA', true, 'accept', 'after');
  const found = scan.report.leaks.map((l) => {
    assert.equal(path(l.page), l.item === '_gcl_au' ? '/undeclared.html' : '/leaky.html', `a leak on ${l.page}: ${l.reason}`);
    return `${l.region}|${l.gpc}|${l.pass}|${l.when}|${l.kind}|${l.item}|${l.service ?? ''}`;
  });
  assert.deepEqual(found.sort(), expected.sort());
});

test('undeclared: the cookies and the host no service names; stale: the service never seen', () => {
  assert.deepEqual(scan.report.undeclared.map((u) => [u.kind, u.name, u.pages.map(path)]), [
    ['cookie', '_gcl_au', ['/undeclared.html']],
    ['cookie', 'mystery_pref', ['/undeclared.html']],
    ['host', new URL(fx.unk).host, ['/undeclared.html']],
  ]);
  assert.deepEqual([scan.report.undeclared[0].known?.platform, scan.report.undeclared[0].known?.category], ['Google', 'Marketing']);
  assert.equal(scan.report.undeclared[1].known, null, 'unknown to the Open Cookie Database: not guessed');
  const leak = scan.report.leaks.find((l) => l.item === '_gcl_au');
  assert.deepEqual([leak.service, leak.category], [null, 'marketing']);
  assert.deepEqual(scan.report.stale.map((s) => s.service), ['old-widget']);
});

test('pages from links and sitemap.xml, on the origin only, no file links, no form ever submitted', () => {
  assert.deepEqual(scan.report.pages.map((p) => path(p.url)).sort(), ['/', '/hidden.html', '/leaky.html', '/privacy.html', '/tagged.html', '/undeclared.html']);
  assert.deepEqual(fx.posts, []);
  assert.ok(scan.report.runs.every((r) => r.status !== 'error'), scan.report.runs.filter((r) => r.status === 'error').map((r) => r.notes).join('\n'));
  const skipped = scan.report.runs.filter((r) => r.status === 'skipped');
  assert.equal(skipped.length, 6);
  assert.ok(skipped.every((r) => r.region === 'US-CA' && r.gpc && r.pass === 'reject'));
});

test('what the engine granted before and after each click', () => {
  assert.deepEqual(run('/tagged.html', 'DE', false, 'before').granted, { before: ['session'], after: null });
  assert.deepEqual(run('/tagged.html', 'DE', false, 'accept').granted.after.sort(), ['ad-pixel', 'fixture-analytics', 'old-widget', 'preload-tracker', 'session']);
  assert.deepEqual(run('/tagged.html', 'DE', false, 'reject').granted.after, ['session']);
  assert.equal(run('/tagged.html', 'DE', false, 'accept').clicked, 'accept-all');
  assert.equal(run('/tagged.html', 'US-CA', false, 'reject').clicked, 'opt-out');
});

test('a tagged tag runs after Accept all only: its requests after the click, attributed to its service', () => {
  assert.deepEqual(run('/tagged.html', 'DE', false, 'before').hosts, []);
  const accepted = run('/tagged.html', 'DE', false, 'accept');
  const requests = accepted.hosts.flatMap((h) => h.requests);
  const pixelJs = requests.find((q) => q.url === `${fx.tp}/pixel.js`);
  const beacon = requests.find((q) => q.url === `${fx.tp}/pixel.gif?from=script`);
  assert.ok(pixelJs && beacon, JSON.stringify(requests.map((q) => q.url)));
  assert.ok(pixelJs.t >= accepted.clickAt && beacon.t >= accepted.clickAt);
  assert.deepEqual([pixelJs.service, beacon.service], ['ad-pixel', 'ad-pixel']);
  const seen = accepted.storage.find((s) => s.key === 'ad_seen');
  assert.deepEqual([seen?.kind, seen?.firstSeen, seen?.service], ['localStorage', 'after', 'ad-pixel']);
});

test('who set each cookie: a script (its URL), or a response', () => {
  const ga = run('/', 'US-CA', false, 'before').cookies.find((c) => c.name === '_ga');
  assert.deepEqual(ga.setBy, { kind: 'script', url: `${fx.tp}/analytics.js` });
  assert.equal(ga.party, 'first');
  // Two years asked for; Chromium keeps a cookie at most 400 days (what the browser stores is what is reported).
  assert.ok(ga.lifetimeDays >= 399 && ga.lifetimeDays <= 400, `${ga.lifetimeDays}`);
  assert.equal(ga.known?.platform, 'Google Analytics');
  // The beacon matches no script pattern, and its host serves several services: only its initiator, the
  // analytics script (released by Assent, whose script made that one), ties it to fixture-analytics.
  const collect = run('/', 'US-CA', false, 'before').hosts.flatMap((h) => h.requests).find((q) => q.url.startsWith(`${fx.tp}/collect`));
  assert.equal(collect?.initiators[0], `${fx.tp}/analytics.js`);
  assert.equal(collect.initiators.at(-1), `${fx.site}/`);
  assert.equal(collect.service, 'fixture-analytics');
  const leaked = run('/leaky.html', 'DE', false, 'before').cookies.find((c) => c.name === '_ga');
  assert.deepEqual([leaked.setBy, leaked.transient], [{ kind: 'response', url: `${fx.site}/leaky.html` }, true]);
  const sid = run('/', 'DE', false, 'before').cookies.find((c) => c.name === 'sid');
  assert.deepEqual([sid.httpOnly, sid.service, sid.party], [true, 'session', 'first']);
});

test('dataLayer: the snippet above Assent acts before the default; Assent sets the default first everywhere else', () => {
  const leaky = run('/leaky.html', 'DE', false, 'before');
  assert.deepEqual(leaky.consentReadBeforeDefault.map((e) => e.command), ['js', 'config']);
  const firstDefault = leaky.dataLayer.findIndex((e) => e.command === 'consent' && e.detail === 'default');
  assert.ok(firstDefault > 1, JSON.stringify(leaky.dataLayer));
  assert.equal(leaky.dataLayer[firstDefault].state?.ad_storage, 'denied');
  for (const r of scan.report.runs.filter((x) => path(x.page) !== '/leaky.html' && x.status === 'ok')) assert.deepEqual(r.consentReadBeforeDefault, [], r.page);
});

test('the HTML report is accessible (axe: no violation) and loads nothing', async (t) => {
  const browser = await launch();
  t.after(() => browser.close());
  const page = await browser.newPage();
  const requests = [];
  page.on('request', (r) => requests.push(r.url()));
  await page.goto(`file://${join(scan.dir, 'assent-scan.html')}`);
  assert.deepEqual(await runAxe(page), []);
  assert.deepEqual(requests.filter((u) => !u.startsWith('file:')), []);
});
