// Hostile URLs in the policy's own URL fields (site.policyUrl, services[].privacyUrl): `build/assent validate`
// rejects them naming the JSON pointer, and in the browser such a policy fails closed, naming it too.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  consoleErrorsMentioning, openPage, requireShim, settle, setup, trackerHitPaths, trackerRequests, waitForError,
} from './lib/harness.mjs';
import { policiesDir, repoRoot } from './lib/site.mjs';

let env;
before(async () => { requireShim(); env = await setup(); });
after(async () => { await env?.close(); });

const CLI = join(repoRoot, 'build', 'assent');
const mainPolicy = () => JSON.parse(readFileSync(join(policiesDir, 'main.json'), 'utf8'));

/** `build/assent validate` on a policy object: {status, stdout, stderr}. */
function validate(policy) {
  const dir = mkdtempSync(join(tmpdir(), 'assent-sec-'));
  try {
    const file = join(dir, 'policy.json');
    writeFileSync(file, JSON.stringify(policy).replaceAll('{{TRACKER}}', 'http://127.0.0.1:1'));
    try {
      return { status: 0, stdout: execFileSync(CLI, ['validate', file], { stdio: 'pipe' }).toString(), stderr: '' };
    } catch (e) {
      return { status: e.status, stdout: String(e.stdout), stderr: String(e.stderr) };
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const BAD_URLS = [
  'javascript:alert(1)', 'JaVaScRiPt:alert(1)', ' javascript:alert(1)', '\tjavascript:alert(1)',
  'data:text/html,<script>alert(1)</script>', 'vbscript:msgbox(1)', '//evil.example/', 'java\nscript:alert(1)',
];

test('validate: javascript:/data:/vbscript:/protocol-relative URLs in site.policyUrl and services[].privacyUrl are errors naming the pointer', (t) => {
  if (!existsSync(CLI)) { t.skip('native CLI not built (build/assent)'); return; }
  for (const url of BAD_URLS) {
    const p = mainPolicy();
    p.site.policyUrl = url;
    p.services[2].privacyUrl = url;
    const r = validate(p);
    assert.equal(r.status, 1, `${JSON.stringify(url)}: validate exits 1; got ${r.status}: ${r.stdout}${r.stderr}`);
    assert.match(r.stderr, /\/site\/policyUrl: /, `${JSON.stringify(url)}: error names /site/policyUrl: ${r.stderr}`);
    assert.match(r.stderr, /\/services\/2\/privacyUrl: /, `${JSON.stringify(url)}: error names /services/2/privacyUrl: ${r.stderr}`);
  }
  // Control: the same policy with ordinary URLs is valid.
  const ok = mainPolicy();
  ok.site.policyUrl = 'https://shop.example/privacy';
  ok.services[2].privacyUrl = '/privacy/pixel';
  assert.equal(validate(ok).status, 0);
});

// "/\host" looks like a same-site path but every browser reads it as "//host": a link to another site; a tab or
// newline is dropped by URL parsing, so "/<TAB>/host" is the same trick.
for (const url of ['/\\evil.example/', '/\t/evil.example/', '/\n/evil.example/']) {
  test(`validate: a path-looking URL that resolves to another host (${JSON.stringify(url)}) is rejected, naming the pointer`, (t) => {
    if (!existsSync(CLI)) { t.skip('native CLI not built'); return; }
    const p = mainPolicy();
    p.site.policyUrl = url;
    const r = validate(p);
    assert.equal(r.status, 1, `validate accepted ${JSON.stringify(p.site.policyUrl)} (a browser resolves it to http://evil.example/)`);
    assert.match(r.stdout + r.stderr, /\/site\/policyUrl/);
  });
}

test('browser: a policy whose policyUrl is javascript: fails closed; assent:error and the console name /site/policyUrl', async (t) => {
  const bad = mainPolicy();
  bad.site.policyUrl = "javascript:window.__pwned='policyUrl';void+0";
  const body = JSON.stringify(bad).replaceAll('{{TRACKER}}', env.server.trackerOrigin);
  const { page, log } = await openPage(t, env, '/index.html?region=DE&config=/policies/badurl.json', {
    ready: false,
    before: ({ page: p }) => p.route((u) => u.pathname === '/policies/badurl.json', (r) => r.fulfill({ contentType: 'application/json', body })),
  });
  const err = await waitForError(page);
  assert.match(JSON.stringify(err), /\/site\/policyUrl/, `assent:error names the pointer: ${JSON.stringify(err)}`);
  await settle(page, log);
  assert.ok(consoleErrorsMentioning(log, 'Assent').some((m) => m.text.includes('/site/policyUrl')),
    `console error names /site/policyUrl: ${JSON.stringify(log.console.filter((m) => m.type === 'error'))}`);
  assert.deepEqual(trackerRequests(log), [], 'fail closed: no tracker request');
  assert.deepEqual(trackerHitPaths(log), []);
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
});
