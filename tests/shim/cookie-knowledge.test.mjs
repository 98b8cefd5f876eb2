// js-shim/src/cli/scan/cookie-knowledge.ts over the vendored Open Cookie Database
// (config/data/open-cookie-database/): RFC 4180 parsing, exact names before wildcard prefixes (the longest
// prefix first), the category mapping, and unknown names left unknown. Expected values are the database's rows.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { importTs, repoRoot } from './lib/load-ts.mjs';

const { CookieKnowledge, domainsOf, parseCsv } = await importTs('js-shim/src/cli/scan/cookie-knowledge.ts');
const csv = readFileSync(join(repoRoot, 'config/data/open-cookie-database/open-cookie-database.csv'), 'utf8');
const known = new CookieKnowledge(csv);

test('RFC 4180: quoted commas, doubled quotes, line breaks in quotes, CRLF, a last line without a break', () => {
  assert.deepEqual(parseCsv('a,"b,c","say ""hi"""\r\n"two\nlines",,x\n1,2,3'), [
    ['a', 'b,c', 'say "hi"'],
    ['two\nlines', '', 'x'],
    ['1', '2', '3'],
  ]);
});

test('every row of the vendored database is read', () => {
  // 2,264 rows in its README; a name listed twice (exactly) counts once.
  const rows = parseCsv(csv).length - 1;
  assert.equal(rows, 2264);
  assert.ok(known.size > 2200 && known.size <= rows, `${known.size} entries`);
});

test('exact names: Google Analytics _ga, Facebook _fbp, PHP PHPSESSID', () => {
  const ga = known.lookup('_ga');
  assert.equal(ga.platform, 'Google Analytics');
  assert.equal(ga.category, 'Analytics');
  assert.equal(ga.assentCategory, 'analytics');
  assert.equal(ga.retention, '2 years');
  assert.equal(ga.controller, 'Google');
  assert.equal(ga.wildcard, false);
  const fbp = known.lookup('_fbp');
  assert.equal(fbp.platform, 'Facebook');
  assert.equal(fbp.assentCategory, 'marketing');
  assert.equal(fbp.domain, 'facebook.com', 'the "(3rd party)" note is dropped');
  assert.equal(fbp.retention, '4 months');
  assert.equal(known.lookup('PHPSESSID').category, 'Functional');
  assert.equal(known.lookup('PHPSESSID').assentCategory, 'preference', 'functional: the owner decides whether it is essential');
});

test('wildcard entries are prefixes; the exact name wins, then the longest prefix', () => {
  const property = known.lookup('_ga_ABC123XYZ');
  assert.equal(property.name, '_ga_');
  assert.equal(property.wildcard, true);
  assert.equal(property.platform, 'Google Analytics');
  assert.equal(known.lookup('_ga').name, '_ga', 'exact _ga, not the _ga_ prefix');
  assert.equal(known.lookup('_gat_gtag_UA_12345_1').name, '_gat_gtag_', 'the longer prefix _gat_gtag_ before _gat');
  assert.equal(known.lookup('_gat_UA-12345-1').name, '_gat');
});

test('names the database does not hold are unknown, never guessed', () => {
  for (const name of ['assent', 'my_shop_cart', '_g', '', 'ga']) assert.equal(known.lookup(name), null, name);
});

test('hosts: the Domain column\'s domains, matched by the host or a parent domain; others unknown', () => {
  assert.deepEqual(domainsOf('.bing.com (3rd party) or .microsoft.com (3rd party)'), ['bing.com', 'microsoft.com']);
  assert.deepEqual(domainsOf('google-analytics.com (3rd party) or '), ['google-analytics.com']);
  assert.deepEqual(domainsOf('not a domain'), []);
  assert.deepEqual(known.lookupHost('www.facebook.com').platforms, ['Facebook']);
  assert.ok(known.lookupHost('www.facebook.com').categories.includes('Marketing'));
  assert.equal(known.lookupHost('px.ads.linkedin.com').domain, 'linkedin.com');
  assert.equal(known.lookupHost('region1.google-analytics.com').domain, 'google-analytics.com');
  assert.ok(known.lookupHost('region1.google-analytics.com').platforms.includes('Google Analytics'));
  for (const host of ['cdn.example.org', 'com', '127.0.0.1', 'localhost']) assert.equal(known.lookupHost(host), null, host);
});

test('a CSV without the expected columns is refused, naming the column', () => {
  assert.throws(() => new CookieKnowledge('ID,Name\n1,x\n'), /no column "Platform"/);
});
