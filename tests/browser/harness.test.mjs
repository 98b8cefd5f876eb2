// Self-test of the harness (does not need the shim): the fake trackers really load, set cookies and ping
// when nothing blocks them, and the server records them. Without this, every "0 tracker requests"
// assertion elsewhere could pass vacuously.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { policiesDir, repoRoot } from './server.mjs';
import { cookieMap, newPage, setup, TEST_DOMAIN, trackerRequests, until, waitForHits } from './lib/harness.mjs';

let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

test('harness: a page without Assent loads every fake tracker, and the server records each hit', async () => {
  const { server } = env;
  server.reset();
  const { context, page, log } = await newPage(env);
  try {
    await page.goto(`${server.siteOrigin}/direct.html`);
    await waitForHits(server, ['/analytics.js', '/collect', '/pixel.js', '/px', '/chat.js', '/chat-ping', '/dynamic.js', '/embed.html']);
    await until(() => page.evaluate(() => window.__dynOnload === true && window.__dynLoaded === true && window.__chatLoaded === true),
      'dynamic tracker onload / SRI-checked chat.js should have run');
    const hits = server.hits();
    assert.equal(hits.find((h) => h.path === '/collect').query.t, 'pageview');
    // The browser-side request log sees the same requests, in document order for the parser-inserted scripts.
    const reqs = trackerRequests(log, server);
    assert.deepEqual(reqs.filter((p) => ['/analytics.js', '/pixel.js', '/chat.js'].includes(p)),
      ['/analytics.js', '/pixel.js', '/chat.js']);
    await until(async () => {
      const c = await cookieMap(context);
      return c._ga && c._fbp && c.chat_sid;
    }, 'fake trackers should set _ga, _fbp and chat_sid');
  } finally {
    await context.close();
  }
});

test('harness: site origin serves wasm as application/wasm, 404/abort variants, CSP header, templates', async () => {
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
  assert.equal((await fetch(`${server.siteOrigin}/assent/../server.mjs`)).status, 404);
  if (existsSync(join(repoRoot, 'js-shim', 'dist', 'assent.wasm'))) {
    const w = await fetch(`${server.siteOrigin}/assent/assent.wasm`);
    assert.equal(w.status, 200);
    assert.equal(w.headers.get('content-type'), 'application/wasm');
  }
});

test('harness: www.assent.test resolves to the site server (parent-domain cookies are possible)', async () => {
  const { server } = env;
  const { context, page } = await newPage(env);
  try {
    await page.goto(`http://www.${TEST_DOMAIN}:${server.sitePort}/set-cookie?name=parent&value=1&domain=${TEST_DOMAIN}`);
    const c = await cookieMap(context);
    assert.deepEqual(c.parent?.map((x) => x.domain), [`.${TEST_DOMAIN}`]);
    assert.ok(server.siteHits().some((h) => h.host === `www.${TEST_DOMAIN}:${server.sitePort}`));
  } finally {
    await context.close();
  }
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
