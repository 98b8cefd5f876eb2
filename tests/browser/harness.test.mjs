// Self-test of the harness (does not need the shim): the fake trackers really load, set cookies and ping when
// nothing blocks them, the server records them, and requests are attributed to the document that made them.
// Without this, every "0 tracker requests" assertion elsewhere could pass vacuously.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { policiesDir, repoRoot } from './lib/site.mjs';
import { openPage, setup, settle, TEST_DOMAIN, trackerHitPaths, trackerRequests, until, waitForHits } from './lib/harness.mjs';
import { cookieMap } from './lib/records.mjs';

let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

const ALL = ['/analytics.js', '/collect', '/pixel.js', '/px', '/chat.js', '/chat-ping', '/dynamic.js', '/embed.html'];

test('harness: a page without Assent loads every fake tracker, and the server records each hit', async (t) => {
  const { context, page, log } = await openPage(t, env, '/direct.html', { ready: false });
  const hits = await waitForHits(log, ALL);
  await until(() => page.evaluate(() => window.__dynOnload === true && window.__dynLoaded === true && window.__chatLoaded === true),
    'dynamic tracker onload / SRI-checked chat.js should have run');
  assert.ok(hits.includes('/collect'));
  // The browser-side request log sees the same requests, in document order for the parser-inserted scripts.
  assert.deepEqual(trackerRequests(log).filter((p) => ['/analytics.js', '/pixel.js', '/chat.js'].includes(p)),
    ['/analytics.js', '/pixel.js', '/chat.js']);
  await until(async () => { const c = await cookieMap(context); return c._ga && c._fbp && c.chat_sid; },
    'fake trackers should set _ga, _fbp and chat_sid');
});

test('harness: requests are attributed to their document — the old page\'s request sent after the next navigation began is not the new page\'s; the new page\'s own are', async (t) => {
  const { page, log } = await openPage(t, env, '/direct.html', { ready: false });
  await waitForHits(log, ALL);
  await settle(page, log);
  const first = log.current();
  // The next page answers 1 s late; meanwhile the old document, still shown, fires at the tracker.
  await page.evaluate((u) => setTimeout(() => { new Image().src = `${u}/collect?late=1`; }, 300), env.server.trackerOrigin);
  const mark = env.server.log.mark();
  await page.goto(`${env.server.siteOrigin}/set-cookie?name=__next&value=1&delay=1000`); // no Assent, no tracker
  await settle(page, log);

  const late = env.server.log.all('tracker').find((h) => h.key === '/collect?late=1');
  assert.ok(late, 'precondition: the late request reached the tracker server');
  assert.ok(late.seq > mark, 'precondition: it arrived after the navigation began (a slice of the log taken before goto would count it)');
  assert.ok(log.of(first).some((r) => r.url.endsWith('/collect?late=1')), 'the browser log gives it to the old document');
  assert.deepEqual(trackerRequests(log), [], 'the new document made no tracker request');
  assert.deepEqual(trackerHitPaths(log), [], 'and no tracker hit is attributed to it');
  assert.ok(trackerHitPaths(log, { doc: first }).includes('/collect'), 'the old document keeps its own hits');

  // Control: a request of the new document is counted against it.
  await page.evaluate((u) => { new Image().src = `${u}/px?own=1`; }, env.server.trackerOrigin);
  await until(() => trackerHitPaths(log).includes('/px') && trackerRequests(log).includes('/px'),
    'a request of the current document is attributed to it, by the browser log and the server log');
  assert.deepEqual(trackerRequests(log), ['/px']);
  assert.deepEqual(trackerHitPaths(log), ['/px']);
});

/** A raw GET (no client-side URL normalisation): the status code. */
function rawGet(port, path) {
  return new Promise((resolve, reject) => {
    http.get({ host: '127.0.0.1', port, path }, (res) => { res.resume(); resolve(res.statusCode); }).on('error', reject);
  });
}

test('harness: site origin serves wasm as application/wasm, 404/abort variants, CSP header, templates; no path leaves its root', async () => {
  const { server } = env;
  const page = await fetch(`${server.siteOrigin}/index.html?region=DE&lang=de`).then((r) => r.text());
  assert.match(page, /<script src="\/assent\/assent\.js" data-config="\/policies\/main\.json" data-region="DE" data-lang="de"><\/script>/);
  assert.ok(page.includes(`${server.trackerOrigin}/analytics.js`));
  assert.ok(!page.includes('{{'), 'no template placeholders left');
  assert.match(page, /integrity="sha384-[A-Za-z0-9+/]+=*"/);

  const pol = await fetch(`${server.siteOrigin}/policies/main.json`).then((r) => r.json());
  assert.ok(pol.services.some((s) => s.scripts?.includes(`${server.trackerOrigin}/analytics.js*`)));

  const inline = await fetch(`${server.siteOrigin}/inline.html`).then((r) => r.text());
  const json = inline.match(/<script type="application\/json" id="assent-policy">([\s\S]*?)<\/script>/)[1];
  assert.equal(JSON.parse(json).revision, pol.revision);

  const csp = await fetch(`${server.siteOrigin}/csp.html`);
  const header = csp.headers.get('content-security-policy');
  assert.ok(header.includes(`script-src 'self' 'wasm-unsafe-eval'`) && header.includes(server.trackerOrigin));
  assert.ok(!/unsafe-inline|unsafe-eval'/.test(header.replace("'wasm-unsafe-eval'", '')));
  assert.equal((await fetch(`${server.siteOrigin}/index.html`)).headers.get('content-security-policy'), null);

  assert.equal((await fetch(`${server.siteOrigin}/assent-404/assent.wasm`)).status, 404);
  await assert.rejects(fetch(`${server.siteOrigin}/assent-abort/assent.wasm`));
  for (const path of ['/assent/..%2fsite.mjs', '/assent/..%2F..%2Fpackage.json', '/policies/..%2f..%2fpackage.json',
    '/assent/%2e%2e%2f%2e%2e%2fpackage.json', '/policies/%00main.json', '/policies/%zz.json', '/lib%2f..%2f..%2fpackage.json',
    '/assent/..%5c..%5cpackage.json']) {
    assert.ok([403, 404].includes(await rawGet(server.sitePort, path)), `${path} is refused`);
  }
  if (existsSync(join(repoRoot, 'js-shim', 'dist', 'assent.wasm'))) {
    const w = await fetch(`${server.siteOrigin}/assent/assent.wasm`);
    assert.equal(w.status, 200);
    assert.equal(w.headers.get('content-type'), 'application/wasm');
  }
});

test('harness: www.assent.test resolves to the site server (parent-domain cookies are possible)', async (t) => {
  const { server } = env;
  const { context } = await openPage(t, env, `http://www.${TEST_DOMAIN}:${server.sitePort}/set-cookie?name=parent&value=1&domain=${TEST_DOMAIN}`, { ready: false });
  const c = await cookieMap(context);
  assert.deepEqual(c.parent?.map((x) => x.domain), [`.${TEST_DOMAIN}`]);
  assert.ok(server.log.all('site').some((h) => h.host === `www.${TEST_DOMAIN}:${server.sitePort}`));
});

test('harness: every test policy passes `build/assent validate` (tracker origin substituted)', (t) => {
  const cli = join(repoRoot, 'build', 'assent');
  if (!existsSync(cli)) { t.skip('native CLI not built (build/assent)'); return; }
  const dir = mkdtempSync(join(tmpdir(), 'assent-e2e-'));
  for (const f of readdirSync(policiesDir).filter((n) => n.endsWith('.json'))) {
    const p = join(dir, f);
    writeFileSync(p, readFileSync(join(policiesDir, f), 'utf8').replaceAll('{{TRACKER}}', 'http://127.0.0.1:1'));
    let ok = true;
    try { execFileSync(cli, ['validate', p], { stdio: 'pipe' }); } catch { ok = false; }
    // invalid.json is the deliberately broken one (fail-closed test).
    assert.equal(ok, f !== 'invalid.json', `${f}: validate ${ok ? 'passed' : 'failed'}`);
  }
});
