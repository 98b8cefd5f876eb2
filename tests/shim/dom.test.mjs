// js-shim/src/ui/dom.ts: config text only ever becomes text nodes; links in texts ([label](url)) accept only
// https:, http:, mailto: and same-site paths (README "Security"), never javascript:, data:, //host, /\host or a
// URL with spaces or control characters; right-to-left languages are laid out RTL (README "Accessibility").
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { importTs } from './lib/load-ts.mjs';

const { isRtl, richText, safeHref } = await importTs('js-shim/src/ui/dom.ts');

test('safeHref: http(s), mailto and same-site paths pass unchanged', () => {
  for (const url of ['https://shop.example/privacy', 'http://shop.example/', 'HTTPS://SHOP.EXAMPLE/P', 'mailto:dpo@shop.example',
    '/privacy', '/privacy?lang=de#cookies', '/']) {
    assert.equal(safeHref(url), url, url);
  }
});

test('safeHref: script and data schemes, other hosts in disguise, relative and odd URLs are refused', () => {
  for (const url of ['javascript:alert(1)', 'JaVaScRiPt:alert(1)', 'vbscript:msgbox(1)', 'data:text/html,<b>x</b>',
    'java\nscript:alert(1)', 'java\tscript:alert(1)', '//evil.example/', '/\\evil.example/', '/\t/evil.example/',
    '/\n/evil.example/', 'https://evil.example/a b', 'https://evil\u0000.example/', 'https://evil\u007f.example/',
    'ftp://files.example/', 'privacy.html', './privacy', '#cookies', '?x=1', '']) {
    assert.equal(safeHref(url), null, JSON.stringify(url));
  }
});

test('isRtl: languages written right to left (Arabic, Hebrew, Persian, Urdu, …) with or without a region', () => {
  for (const lang of ['ar', 'ar-EG', 'AR', 'he', 'he-IL', 'fa', 'fa-IR', 'ur', 'ps', 'yi', 'dv', 'ckb']) assert.equal(isRtl(lang), true, lang);
  for (const lang of ['en', 'de', 'fr-CA', 'pt-BR', 'arn', 'hr', 'ha', 'ja', 'zh-Hant', '']) assert.equal(isRtl(lang), false, lang);
});

// A DOM just big enough for richText: elements and fragments that record attributes and children. Strings
// stay strings (the DOM's append() makes them text nodes); no HTML parser exists here at all.
class FakeNode {
  constructor(tag) { this.tag = tag; this.attrs = {}; this.children = []; }
  setAttribute(k, v) { this.attrs[k] = String(v); }
  append(...c) { this.children.push(...c); }
}
function withDocument(fn) {
  globalThis.document = { createElement: (t) => new FakeNode(t), createDocumentFragment: () => new FakeNode('#fragment') };
  try { return fn(); } finally { delete globalThis.document; }
}
/** The fragment as [text | {a: href, target, rel, text}], adjacent texts joined and empty ones dropped. */
function shape(frag) {
  const out = [];
  for (const c of frag.children) {
    if (typeof c === 'string') {
      if (typeof out.at(-1) === 'string') out[out.length - 1] += c;
      else if (c) out.push(c);
    } else {
      assert.equal(c.tag, 'a', `only <a> elements are created: ${c.tag}`);
      assert.ok(c.children.every((x) => typeof x === 'string'), 'a link label is text');
      out.push({ a: c.attrs.href, target: c.attrs.target ?? null, rel: c.attrs.rel ?? null, text: c.children.join('') });
    }
  }
  return out;
}
const rich = (text, vars) => withDocument(() => shape(richText(text, vars)));

test('richText: markup stays text; only [label](safe url) becomes a link', () => {
  assert.deepEqual(rich('Hello <img src=x onerror=alert(1)> & <b>bold</b>'), ['Hello <img src=x onerror=alert(1)> & <b>bold</b>']);
  assert.deepEqual(rich('See our [privacy policy](/privacy).'), ['See our ', { a: '/privacy', target: null, rel: 'noopener', text: 'privacy policy' }, '.']);
  const ext = rich('[Vendor](https://vendor.example/privacy)')[0];
  assert.equal(ext.a, 'https://vendor.example/privacy');
  if (ext.target === '_blank') assert.match(ext.rel ?? '', /\bnoopener\b/, 'a new tab gets no window.opener');
  assert.deepEqual(rich('Write to [us](mailto:dpo@shop.example)')[1].a, 'mailto:dpo@shop.example');
});

test('richText: a link to an unsafe URL is left as its literal text', () => {
  for (const url of ['javascript:alert(1)', 'data:text/html,hi', '//evil.example/', 'vbscript:x']) {
    assert.deepEqual(rich(`Click [here](${url}) now`), [`Click [here](${url}) now`], url);
  }
  assert.deepEqual(rich('[a](https://x.example/a b)'), ['[a](https://x.example/a b)'], 'a space ends the URL: no link');
});

test('richText: {placeholders} are filled from vars as text; unknown ones stay as written', () => {
  assert.deepEqual(rich('Provided by {vendor}.', { vendor: '<img src=x onerror=alert(1)>Vid' }), ['Provided by <img src=x onerror=alert(1)>Vid.']);
  assert.deepEqual(rich('Hello {name}, {missing}', { name: 'Ana' }), ['Hello Ana, {missing}']);
  assert.deepEqual(rich('Two: [a](/a) and [b](https://b.example)').filter((x) => typeof x !== 'string').map((x) => x.a), ['/a', 'https://b.example']);
});
