// The consent cookie's attributes on http and https (www.assent.test → 127.0.0.1): host-only, Path=/,
// SameSite=Lax, readable by the page, Secure exactly on https, lifetime = the served policy's storage.maxAgeDays.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { clickBanner, EN, openPage, requireShim, setup, TEST_DOMAIN, until } from './lib/harness.mjs';
import { policiesDir } from './lib/site.mjs';

let env;
let tls; // the same servers over https
before(async () => { requireShim(); env = await setup(); });
after(async () => { await env?.close(); await tls?.close(); });

for (const scheme of ['http', 'https']) {
  for (const policy of ['main.json', 'maxage.json']) {
    test(`consent cookie on ${scheme} (${policy}): host-only, Path=/, SameSite=Lax, not HttpOnly, ${scheme === 'https' ? '' : 'not '}Secure, lifetime from the policy`, async (t) => {
      if (scheme === 'https') tls ??= await setup({ https: true });
      const e = scheme === 'https' ? tls : env;
      const host = `www.${TEST_DOMAIN}`;
      const origin = `${scheme}://${host}:${e.server.sitePort}`;
      // Expected lifetime from the served policy (README: storage.maxAgeDays, default 182).
      const served = JSON.parse(readFileSync(join(policiesDir, policy), 'utf8'));
      const days = served.storage?.maxAgeDays ?? 182;
      const { context, page } = await openPage(t, e, `${origin}/own-origin.html?region=DE&config=/policies/${policy}`,
        { context: { ignoreHTTPSErrors: true } });
      assert.equal(new URL(page.url()).protocol, `${scheme}:`);
      const t0 = Date.now() / 1000;
      await clickBanner(page, EN.acceptAll);
      const c = await until(async () => (await context.cookies()).find((x) => x.name === 'assent'), 'assent cookie written');
      assert.equal(c.domain, host, `host-only (no Domain attribute): domain ${c.domain}`);
      assert.equal(c.path, '/');
      assert.equal(c.sameSite, 'Lax');
      assert.equal(c.httpOnly, false, 'readable by the page (the shim reads it)');
      assert.equal(c.secure, scheme === 'https', `Secure ${scheme === 'https' ? 'set on https' : 'not set on http'}`);
      const lifetime = (c.expires - t0) / 86400;
      assert.ok(Math.abs(lifetime - days) < 0.1, `lifetime ≈ ${days} days (policy ${policy}); got ${lifetime.toFixed(3)} days`);
      assert.ok(await page.evaluate(() => document.cookie.includes('assent=')), 'visible in document.cookie');
    });
  }
}
