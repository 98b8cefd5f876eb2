// `assent scan`'s report: config/scan-report.schema.json against a hand-written sample report (the types are
// js-shim/src/cli/scan/report-types.ts), and js-shim/src/cli/scan/html-report.ts rendering it: hostile strings
// escaped, nothing loaded from outside, leaks first, and the request timeline around the consent click.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import { importTs, repoRoot } from './lib/load-ts.mjs';

const { renderHtmlReport } = await importTs('js-shim/src/cli/scan/html-report.ts');
const schema = JSON.parse(readFileSync(join(repoRoot, 'config/scan-report.schema.json'), 'utf8'));

const SCRIPT = '<script>alert(1)</script>';
const BREAKOUT = '"><img src=x onerror=1>';
const escaped = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

const site = 'https://shop.example/';
const GA = { platform: 'Google Analytics', category: 'Analytics', purpose: 'ID used to identify users', retention: '2 years', controller: 'Google' };
const GA_HOST = { platforms: ['Google Analytics'], controllers: ['Google'], categories: ['Analytics'] };
const gtmUrl = 'https://www.googletagmanager.com/gtag/js?id=G-TEST123';
const collect = (n) => `https://www.google-analytics.com/g/collect?v=2&tid=G-TEST123&_p=${n}`;
const request = (url, t, type, initiators) => ({ url, type, method: type === 'Script' ? 'GET' : 'POST', t, status: 204, initiators, service: 'google-analytics' });
const hosts = (reqs) => [
  { host: 'www.googletagmanager.com', service: 'google-analytics', known: GA_HOST, requests: reqs.gtm },
  { host: 'www.google-analytics.com', service: 'google-analytics', known: GA_HOST, requests: reqs.ga },
];
const run = (pass, extra) => ({
  page: site, region: 'DE', gpc: false, pass, status: 'ok', notes: [], httpStatus: 200, finalUrl: site,
  clickAt: null, clicked: null, granted: { before: ['shop-session'], after: null }, grantedCategories: { before: ['essential'], after: null },
  cookies: [], storage: [], hosts: [], dataLayer: [], consentReadBeforeDefault: [], pageErrors: [], ...extra,
});
const sessionCookie = {
  name: 'shop_session', domain: 'shop.example', path: '/', expires: null, lifetimeDays: null, party: 'first',
  httpOnly: true, secure: true, sameSite: 'Lax', setBy: { kind: 'response', url: site }, firstSeen: 'before', goneAfter: false, transient: false, service: 'shop-session', known: null,
};
const gaCookie = {
  name: '_ga', domain: '.shop.example', path: '/', expires: 1830000000.5, lifetimeDays: 399, party: 'first',
  httpOnly: false, secure: false, sameSite: 'None', setBy: { kind: 'script', url: gtmUrl }, firstSeen: 'after', goneAfter: false, transient: false, service: 'google-analytics', known: GA,
};
const mysteryCookie = {
  name: 'mystery_id', domain: '.tracker.example', path: '/', expires: 1790000000, lifetimeDays: 30, party: 'third',
  httpOnly: false, secure: true, sameSite: 'None', setBy: null, firstSeen: 'after', goneAfter: false, transient: false, service: null, known: null,
};
const consentDefault = { t: 120, command: 'consent', detail: 'default', state: { analytics_storage: 'denied', ad_storage: 'denied' } };
const gtagJs = { t: 90, command: 'js', detail: '' };

/** A small but complete report: a 'before' run without a click (with one leak) and an 'accept' run with one. */
function sampleReport() {
  return structuredClone({
    version: 1,
    tool: { name: 'assent scan', version: '1.4.0', browser: 'Chromium 131.0.6778.85' },
    url: site,
    origin: 'https://shop.example',
    startedAt: '2026-11-02T10:00:00.000Z',
    finishedAt: '2026-11-02T10:00:41.500Z',
    options: { pages: 1, regions: ['DE'], gpc: [false], timeoutMs: 30000, concurrency: 2, failOn: ['leak'] },
    assent: { present: true, script: 'https://shop.example/assent/assent.js' },
    policy: { source: 'data-config', location: 'https://shop.example/assent/policy.json', revision: '2026-11-01', error: null },
    pages: [{ url: site, httpStatus: 200, notes: [] }],
    summary: [
      { region: 'DE', gpc: false, pass: 'before', runs: 1, skipped: 0, errors: 0, requests: 2, thirdPartyHosts: 2, cookies: 1, leaks: 1 },
      { region: 'DE', gpc: false, pass: 'accept', runs: 1, skipped: 0, errors: 0, requests: 3, thirdPartyHosts: 2, cookies: 3, leaks: 0 },
    ],
    leaks: [{
      kind: 'request', page: site, region: 'DE', gpc: false, pass: 'before', when: 'before', item: collect(1),
      service: 'google-analytics', category: 'analytics', reason: 'google-analytics (analytics) is not granted before a choice in DE',
    }],
    undeclared: [{ kind: 'cookie', name: 'mystery_id', pages: [site], known: null }],
    stale: [{ service: 'hotjar', category: 'analytics', patterns: ['_hj*', 'static.hotjar.com'] }],
    runs: [
      run('before', {
        cookies: [sessionCookie],
        hosts: hosts({ gtm: [request(gtmUrl, 310, 'Script', [site])], ga: [request(collect(1), 980.5, 'Fetch', [gtmUrl, site])] }),
        dataLayer: [gtagJs, consentDefault],
        consentReadBeforeDefault: [gtagJs],
      }),
      run('accept', {
        clickAt: 1500, clicked: 'accept-all', granted: { before: ['shop-session'], after: ['shop-session', 'google-analytics'] },
        grantedCategories: { before: ['essential'], after: ['essential', 'analytics'] },
        cookies: [sessionCookie, gaCookie, mysteryCookie],
        storage: [{ kind: 'localStorage', origin: 'https://shop.example', key: 'cart', firstSeen: 'before', goneAfter: false, service: 'shop-session', known: null }],
        hosts: hosts({ gtm: [request(gtmUrl, 400, 'Script', [site])], ga: [request(collect(2), 1810, 'Fetch', [gtmUrl, site]), request(collect(3), 3200, 'Fetch', [gtmUrl, site])] }),
        dataLayer: [consentDefault, { t: 1510, command: 'consent', detail: 'update', state: { analytics_storage: 'granted' } }],
      }),
    ],
    knowledge: { source: 'Open Cookie Database', entries: 2250 },
  }); // a deep copy: tests mutate it
}

const totalRequests = (report) => report.runs.reduce((n, r) => n + r.hosts.reduce((m, h) => m + h.requests.length, 0), 0);
const count = (html, re) => (html.match(re) ?? []).length;

// ---- schema ------------------------------------------------------------------------------------------------

const ajv = new Ajv2020({ strict: true, allErrors: true });
const validate = ajv.compile(schema); // strict mode: throws on anything the schema should not say

const escapePointer = (s) => String(s).replace(/~/g, '~0').replace(/\//g, '~1');
/** The JSON Pointer an error is about: a missing or unknown key points at the key itself. */
const pointerOf = (err) =>
  err.keyword === 'required' ? `${err.instancePath}/${escapePointer(err.params.missingProperty)}`
    : err.keyword === 'additionalProperties' ? `${err.instancePath}/${escapePointer(err.params.additionalProperty)}`
      : err.instancePath;

function assertRefused(report, pointer) {
  assert.equal(validate(report), false, `should be refused at ${pointer}`);
  const pointers = validate.errors.map(pointerOf);
  assert.ok(pointers.includes(pointer), `no error at ${pointer}; got ${JSON.stringify(validate.errors, null, 2)}`);
}

test('the schema is draft 2020-12 with its $id and title', () => {
  assert.equal(schema.$schema, 'https://json-schema.org/draft/2020-12/schema');
  assert.equal(schema.$id, 'https://assent.dev/scan-report.schema.json');
  assert.equal(schema.title, 'Assent scan report');
});

test('every property in the schema has a description', () => {
  const missing = [];
  const walk = (node, path) => {
    if (!node || typeof node !== 'object') return;
    if (Array.isArray(node)) return node.forEach((child, i) => walk(child, `${path}/${i}`));
    for (const [name, prop] of Object.entries(node.properties ?? {})) {
      // if/then/else only narrow a property described where it is declared.
      if (!/\/(if|then|else)$/.test(path) && typeof prop.description !== 'string') missing.push(`${path}/properties/${name}`);
    }
    for (const [key, child] of Object.entries(node)) walk(child, `${path}/${key}`);
  };
  walk(schema, '#');
  assert.deepEqual(missing, []);
});

// The schema is written by hand; this keeps it in step with the TypeScript declarations it documents: the same
// keys, and the same ones required, for every interface and every object type written inline in one.
test('the schema has exactly the fields of report-types.ts, required where the types require them', () => {
  const ts = createRequire(join(repoRoot, 'js-shim', 'package.json'))('typescript');
  const source = ts.createSourceFile('report-types.ts', readFileSync(join(repoRoot, 'js-shim/src/cli/scan/report-types.ts'), 'utf8'), ts.ScriptTarget.Latest);
  const interfaces = new Map(source.statements.filter(ts.isInterfaceDeclaration).map((d) => [d.name.text, d.members]));
  const problems = [];
  const compare = (members, node, where) => {
    const props = members.filter(ts.isPropertySignature);
    const keys = props.map((m) => m.name.text).sort();
    const required = props.filter((m) => !m.questionToken).map((m) => m.name.text).sort();
    if (JSON.stringify(keys) !== JSON.stringify(Object.keys(node.properties ?? {}).sort())) problems.push(`${where}: TS has ${keys}, the schema ${Object.keys(node.properties ?? {})}`);
    if (JSON.stringify(required) !== JSON.stringify([...(node.required ?? [])].sort())) problems.push(`${where}: TS requires ${required}, the schema ${node.required}`);
    if (node.additionalProperties !== false) problems.push(`${where}: additionalProperties is not false`);
    for (const m of props) {
      // An object type written inline: `{…}`, `{…} | null`, `{…}[]` or `Array<{…}>`.
      const inner = (t) => (ts.isUnionTypeNode(t) ? t.types.map(inner).find(Boolean)
        : ts.isTypeLiteralNode(t) ? [t, false]
          : ts.isArrayTypeNode(t) && ts.isTypeLiteralNode(t.elementType) ? [t.elementType, true]
            : ts.isTypeReferenceNode(t) && t.typeName.text === 'Array' && ts.isTypeLiteralNode(t.typeArguments[0]) ? [t.typeArguments[0], true] : undefined);
      const found = inner(m.type);
      const prop = node.properties?.[m.name.text];
      if (found && prop) compare(found[0].members, found[1] ? prop.items : prop, `${where}.${m.name.text}`);
    }
  };
  compare(interfaces.get('ScanReport'), schema, 'ScanReport');
  for (const [name, members] of interfaces) {
    if (name === 'ScanReport') continue;
    const def = schema.$defs[name[0].toLowerCase() + name.slice(1)];
    if (!def) problems.push(`${name}: no $defs entry`);
    else compare(members, def, name);
  }
  assert.deepEqual(problems, []);
});

test('the sample report validates (Ajv2020, strict mode)', () => {
  assert.ok(validate(sampleReport()), JSON.stringify(validate.errors, null, 2));
  const empty = { ...sampleReport(), policy: null, leaks: [], undeclared: [], stale: [], runs: [], summary: [], pages: [] };
  assert.ok(validate(empty), JSON.stringify(validate.errors, null, 2));
  const broken = { ...sampleReport(), policy: { source: 'file', location: 'policy.json', revision: null, error: 'not JSON' } };
  assert.ok(validate(broken), JSON.stringify(validate.errors, null, 2));
});

test('a wrong enum value is refused at its path', () => {
  const report = sampleReport();
  report.runs[0].pass = 'later';
  assertRefused(report, '/runs/0/pass');
  const party = sampleReport();
  party.runs[1].cookies[2].party = 'none';
  assertRefused(party, '/runs/1/cookies/2/party');
});

test('a missing required field is refused at its path', () => {
  const report = sampleReport();
  delete report.runs[1].clickAt;
  assertRefused(report, '/runs/1/clickAt');
  const noState = sampleReport();
  delete noState.runs[0].dataLayer[1].state; // state is optional: still valid
  assert.ok(validate(noState), JSON.stringify(validate.errors, null, 2));
});

test('an extra property is refused at its path', () => {
  const report = sampleReport();
  report.leaks[0].severity = 'high';
  assertRefused(report, '/leaks/0/severity');
  const nested = sampleReport();
  nested.runs[0].hosts[0].requests[0].size = 100;
  assertRefused(nested, '/runs/0/hosts/0/requests/0/size');
});

test('null only where the types allow it, and an undeclared cookie is known as a cookie, not a host', () => {
  const report = sampleReport();
  report.runs[0].cookies[0].name = null;
  assertRefused(report, '/runs/0/cookies/0/name');
  const hostAsCookie = sampleReport();
  hostAsCookie.undeclared[0].known = GA_HOST;
  assertRefused(hostAsCookie, '/undeclared/0/known');
  const host = sampleReport();
  host.undeclared.push({ kind: 'host', name: 'www.google-analytics.com', pages: [site], known: GA_HOST });
  assert.ok(validate(host), JSON.stringify(validate.errors, null, 2));
});

// ---- HTML --------------------------------------------------------------------------------------------------

function hostileReport() {
  const report = sampleReport();
  report.url = `${site}${BREAKOUT}`;
  report.runs[1].cookies[2].name = SCRIPT;
  report.runs[1].hosts[1].requests[0].url = `${collect(2)}${BREAKOUT}`;
  report.runs[0].pageErrors = [`TypeError: it's ${SCRIPT}`];
  report.policy.error = `unexpected token ${SCRIPT}`;
  return report;
}

/** Every tag of the document, with its attributes (report text is escaped, so every raw `<` opens a real tag). */
function tags(html) {
  return [...html.matchAll(/<([a-zA-Z][\w-]*)((?:\s+[\w:-]+(?:="[^"]*")?)*)\s*\/?>/g)].map(([, name, rest]) => ({
    name: name.toLowerCase(),
    attrs: Object.fromEntries([...rest.matchAll(/([\w:-]+)(?:="([^"]*)")?/g)].map(([, k, v]) => [k.toLowerCase(), v ?? ''])),
  }));
}

test('hostile strings in a cookie name, a URL, a page error and the site URL are escaped', () => {
  const html = renderHtmlReport(hostileReport());
  assert.ok(!html.includes(SCRIPT), 'raw <script> from the report');
  assert.ok(!html.includes(BREAKOUT), 'raw attribute breakout from the report');
  assert.ok(!/<img/i.test(html), 'an <img> tag');
  assert.ok(html.includes(escaped(SCRIPT)), 'the escaped cookie name / page error');
  assert.ok(html.includes(escaped(BREAKOUT)), 'the escaped URL');
  assert.ok(html.includes(escaped(`${site}${BREAKOUT}`)), 'the escaped site URL');
  assert.ok(html.includes(escaped(`TypeError: it's ${SCRIPT}`)), "the escaped page error, ' included");
  assert.ok(html.includes(`Policy error:</strong> ${escaped(`unexpected token ${SCRIPT}`)}`), 'the escaped policy error');
  assert.ok(html.includes(`<title>Assent scan: ${escaped(`${site}${BREAKOUT}`)}</title>`));
});

test('the page loads nothing from outside and runs no script', () => {
  const html = renderHtmlReport(hostileReport());
  const all = tags(html);
  assert.ok(all.length > 50, 'the tag parser found the markup');
  assert.deepEqual(all.filter((t) => ['script', 'link', 'iframe', 'img', 'object', 'embed', 'base'].includes(t.name)).map((t) => t.name), []);
  for (const t of all) {
    for (const [k, v] of Object.entries(t.attrs)) {
      assert.ok(!['src', 'href', 'xlink:href', 'srcset', 'action', 'formaction'].includes(k), `<${t.name} ${k}="${v}">`);
      assert.ok(!k.startsWith('on'), `<${t.name} ${k}>: an event handler`);
    }
  }
  assert.ok(!/https?:\/\//.test(html.match(/<style>([\s\S]*?)<\/style>/)[1]), 'no URL in the stylesheet');
  assert.ok(!/@import|url\(/.test(html), 'no @import or url() anywhere');
  assert.match(html, /^<!doctype html>\n<html lang="en">/);
});

test('leaks come before the summary, the timeline and the cookie tables', () => {
  const html = renderHtmlReport(sampleReport());
  const at = (needle) => {
    const i = html.indexOf(needle);
    assert.ok(i >= 0, `${needle} is missing`);
    return i;
  };
  assert.ok(at('<section id="leaks">') < at('<section id="summary">'));
  assert.ok(at('<section id="summary">') < at('<section id="timeline">'));
  assert.ok(at('<section id="timeline">') < at('>Cookies, DE · GPC off · before · /</caption>'), 'cookie tables are captioned with their run');
  assert.ok(at('<section id="leaks">') < at('<th scope="row"><code>_ga</code></th>'));
  assert.match(html, /✗ Leaks found<\/strong>: 1 leak · 1 undeclared item · 1 stale declaration/);
  assert.equal(count(html, /<details class="run[^"]*"/g), 2, 'one <details> per run');
  assert.ok(html.includes('<summary>DE · GPC off · accept · /</summary>'), 'the run summary label');
  assert.ok(html.includes('<th scope="row"><code>mystery_id</code></th>') && html.includes('<td>unknown</td>'), 'an unknown cookie says so');
  assert.ok(html.includes('<td>Google Analytics (Analytics)</td>'), 'a known cookie names its platform and category');
  assert.ok(html.includes('<td>session</td>') && html.includes('<td>399 days</td>'));
});

test('an empty leaks list says so', () => {
  const html = renderHtmlReport({ ...sampleReport(), leaks: [] });
  const section = html.slice(html.indexOf('<section id="leaks">'), html.indexOf('<section id="summary">'));
  assert.match(section, /No leaks found/);
  assert.ok(!section.includes('<table'), 'no empty table');
  assert.match(html, /✓ No leaks found<\/strong>: 0 leaks/);
  assert.equal(count(html, /class="tick leak"/g), 0);
});

test('the timeline: a click line for the clicked run, a tick per request, numbers only in the SVG', () => {
  const report = sampleReport();
  const html = renderHtmlReport(report);
  const svgs = html.match(/<svg[\s\S]*?<\/svg>/g) ?? [];
  assert.equal(svgs.length, report.runs.length, 'one timeline per run');
  for (const svg of svgs) assert.match(svg, /^<svg class="timeline" viewBox="[\d. ]+" role="img" aria-label="[^"]+">\n<title>/);
  assert.equal(count(html, /<line class="click-line"/g), 1, 'only the accept run has a click');
  assert.match(svgs[1], /<line class="click-line"[^>]*\/><text class="click-label"[^>]*>click<\/text>/);
  assert.equal(count(html, /<line class="tick[ "]/g), totalRequests(report), 'one tick per request');
  assert.equal(count(svgs[0], /<line class="tick[ "]/g), 2);
  assert.equal(count(svgs[1], /<line class="tick[ "]/g), 3);
  assert.equal(count(html, /<line class="tick leak"/g), 1, 'the leaking request stands out');
  assert.match(svgs[0], /seconds from navigation start/);
  assert.match(svgs[1], /seconds from the click/);
  // gtag.js 1.1 s before the click sits left of the click line; the two hits 0.31 s and 1.7 s after it, right.
  const clickX = Number(svgs[1].match(/<line class="click-line" x1="([\d.]+)"/)[1]);
  const tickXs = [...svgs[1].matchAll(/<line class="tick[^"]*" x1="([\d.]+)"/g)].map((m) => Number(m[1]));
  assert.equal(tickXs.length, 3);
  assert.ok(tickXs[0] < clickX && tickXs[1] > clickX && tickXs[2] > tickXs[1], `${tickXs} vs click at ${clickX}`);
  assert.match(svgs[1], /<title>−1\.10 s: GET https:\/\/www\.googletagmanager\.com\//, 'a tick says when, relative to the click');
});

test('a malformed number cannot put markup into the SVG', () => {
  const report = sampleReport();
  report.runs[1].clickAt = `1" onload="alert(1)`;
  report.runs[1].hosts[0].requests[0].t = '"/><script>alert(1)</script>';
  const html = renderHtmlReport(report);
  for (const svg of html.match(/<svg[\s\S]*?<\/svg>/g)) {
    for (const t of tags(svg)) {
      for (const k of ['x', 'y', 'x1', 'x2', 'y1', 'y2', 'width', 'height']) {
        if (k in t.attrs) assert.match(t.attrs[k], /^-?\d+(\.\d+)?$/, `<${t.name} ${k}="${t.attrs[k]}">`);
      }
    }
  }
  assert.ok(!html.includes('<script>') && !html.includes('onload="'));
});
