// js-shim/src/locales.ts and npm-locales.ts: which built-in locale files a visitor downloads. From the README and
// the module's contract: the wasm embeds no texts; the built-in ones (config/locales/) are files next to the wasm
// (script tag) or in the package (npm). A visitor downloads only the file of their language ("pt-BR" is served by
// its base, pt); English when it is the language, when the language has no built-in file, or when that file
// fails (a warning, never a rejection, unless English fails too: then nothing can be shown, `locale-fetch`).
// The first language's file is prefetched when the policy names that language (a substring test, no second
// parse), else English.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { importTs, repoRoot } from './lib/load-ts.mjs';

const localesDir = join(repoRoot, 'config', 'locales');
const BUILT_IN = readdirSync(localesDir).filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -5));
// The shim's blocking module needs a DOM; the locale loader only needs its ownFetch, here a recording stub.
const { filesFor, LocaleLoader, localeFolder } = await importTs('js-shim/src/locales.ts',
  { __ASSENT_LOCALES__: JSON.stringify(BUILT_IN) },
  { stubs: { 'js-shim/src/blocking': 'export const ownFetch = (url, init) => globalThis.__localeFetch(url, init);' } });

const BASE = 'https://cdn.example/assent/locales/';
const policy = (languages, extra = {}) => JSON.stringify({ revision: '1', languages, ...extra });

/** A loader whose fetches are recorded; `answers` per file name: a status, or 'html' (an SPA's index.html). */
function loader(answers = {}, { badJson = [] } = {}) {
  const fetched = [];
  globalThis.__localeFetch = async (url) => {
    fetched.push(url);
    const name = url.split('/').pop();
    const answer = answers[name] ?? 200;
    const html = answer === 'html';
    return {
      ok: html || answer === 200,
      status: html ? 200 : answer,
      headers: new Map([['content-type', html ? 'text/html; charset=utf-8' : 'application/json']]),
      text: async () => (html ? '<!doctype html><title>app</title>' : JSON.stringify({ file: name })),
    };
  };
  const added = [];
  const engine = {
    addLocale: (code, json) => {
      if (badJson.includes(code)) throw new Error(`locale ${code} invalid JSON`);
      added.push([code, JSON.parse(json).file]);
    },
  };
  return { l: new LocaleLoader(localeFolder(BASE)), fetched, added, engine };
}

async function quietly(fn) {
  const warnings = [];
  const warn = console.warn;
  console.warn = (...a) => warnings.push(a.join(' '));
  try {
    return { result: await fn(), warnings };
  } catch (error) {
    return { error, warnings };
  } finally {
    console.warn = warn;
  }
}

test('every built-in locale has exactly the English keys, so a visitor needs one file', () => {
  const keys = (code) => Object.keys(JSON.parse(readFileSync(join(localesDir, `${code}.json`), 'utf8'))).sort();
  for (const code of BUILT_IN) assert.deepEqual(keys(code), keys('en'), `${code}.json`);
});

test('every built-in locale fills exactly the placeholders of the English text, key by key', () => {
  const read = (code) => JSON.parse(readFileSync(join(localesDir, `${code}.json`), 'utf8'));
  const holes = (text) => [...new Set(text.match(/\{[a-z]+\}/g) ?? [])].sort();
  const en = read('en');
  for (const code of BUILT_IN)
    for (const [key, text] of Object.entries(read(code))) assert.deepEqual(holes(text), holes(en[key]), `${code}.json ${key}`);
  assert.deepEqual(holes(en['placeholder.text']), ['{name}', '{vendor}'], 'an embed placeholder names the service and its vendor');
});

test('the README lists every text key (wasm/tools/sync-schema-text-keys.mjs writes its table)', () => {
  const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
  const en = JSON.parse(readFileSync(join(localesDir, 'en.json'), 'utf8'));
  for (const key of Object.keys(en)) assert.ok(readme.includes(`\`${key}\``), `README lacks the text key ${key}: run node wasm/tools/sync-schema-text-keys.mjs`);
});

test('filesFor: the tag and its base, only built-in ones; English when none is', () => {
  assert.deepEqual(filesFor('de'), ['de']);
  assert.deepEqual(filesFor('pt-BR'), ['pt'], 'pt-BR is not built in; its base pt is');
  assert.deepEqual(filesFor('de-AT'), ['de']);
  assert.deepEqual(filesFor('DE'), ['de'], 'language tags are case-insensitive (BCP 47)');
  assert.deepEqual(filesFor('en'), ['en']);
  assert.deepEqual(filesFor('en-GB'), ['en']);
  assert.deepEqual(filesFor('ja'), ['en'], 'not built in: the policy carries its own texts, on top of English');
});

test('prefetch: the visitor\'s first language when the policy names it, else English', () => {
  const en = loader();
  en.l.prefetch(policy(['en', 'de', 'fr']), ['en-US', 'en']);
  assert.deepEqual(en.fetched, [`${BASE}en.json`]);

  const de = loader();
  de.l.prefetch(policy(['en', 'de', 'fr']), ['de-AT', 'de', 'en']);
  assert.deepEqual(de.fetched, [`${BASE}de.json`], 'a German visitor downloads no English');

  const second = loader();
  second.l.prefetch(policy(['en', 'fr']), ['de-AT', 'fr']);
  assert.deepEqual(second.fetched, [`${BASE}en.json`], 'only the first preference is a prefetch; the engine\'s choice (fr) is fetched at install');

  const lookalike = loader();
  lookalike.l.prefetch(policy(['en', 'fr'], { texts: { en: { 'banner.description': 'x' } } }), ['de-DE']);
  assert.deepEqual(lookalike.fetched, [`${BASE}en.json`], '"description" does not name German');

  const br = loader();
  br.l.prefetch(policy(['en', 'pt-BR']), ['pt-BR']);
  assert.deepEqual(br.fetched, [`${BASE}pt.json`]);

  const broken = loader();
  broken.l.prefetch('{ broken', ['de']);
  assert.deepEqual(broken.fetched, [`${BASE}en.json`]);
});

test('install: adds every prefetched file plus what the chosen language needs, each fetched once', async () => {
  const { l, fetched, added, engine } = loader();
  l.prefetch(policy(['en', 'de', 'fr']), ['de-AT', 'fr']);
  await l.install(engine, 'fr'); // say the engine chose fr: the prefetched de is added too (harmless), fr fetched now
  assert.deepEqual([...fetched].sort(), [`${BASE}de.json`, `${BASE}fr.json`]);
  assert.deepEqual([...added].sort(), [['de', 'de.json'], ['fr', 'fr.json']]);

  const late = loader();
  late.l.prefetch(policy(['en', 'it']), ['en']);
  await late.l.install(late.engine, 'it'); // the engine chose a language no preference predicted
  assert.deepEqual(late.fetched, [`${BASE}en.json`, `${BASE}it.json`]);
  assert.deepEqual(late.added, [['en', 'en.json'], ['it', 'it.json']]);

  const english = loader();
  await english.l.install(english.engine, 'en-GB');
  assert.deepEqual([english.fetched, english.added], [[`${BASE}en.json`], [['en', 'en.json']]]);
});

for (const [what, answers, options, why] of [
  ['HTTP 404', { 'de.json': 404 }, {}, /de\.json.*404/],
  ["an SPA host's index.html", { 'de.json': 'html' }, {}, /de\.json.*text\/html.*not JSON/],
  ['a file the engine refuses', {}, { badJson: ['de'] }, /"de" texts are not a locale file.*invalid JSON/],
]) {
  test(`install: ${what} for the visitor's language falls back to English with a warning`, async () => {
    const { l, fetched, added, engine } = loader(answers, options);
    const { error, warnings } = await quietly(() => l.install(engine, 'de'));
    assert.equal(error, undefined);
    assert.deepEqual(fetched, [`${BASE}de.json`, `${BASE}en.json`]);
    assert.deepEqual(added, [['en', 'en.json']], 'English instead');
    assert.equal(warnings.length, 1);
    assert.match(warnings[0], /^Assent: /);
    assert.match(warnings[0], why, warnings[0]);
  });
}

test('install: without English too there is nothing to show: a locale-fetch AssentError (fails closed)', async () => {
  const { l, engine } = loader({ 'de.json': 404, 'en.json': 503 });
  const { error, warnings } = await quietly(() => l.install(engine, 'de'));
  assert.equal(error?.name, 'AssentError');
  assert.equal(error.code, 'locale-fetch');
  assert.match(error.message, /locales\/en\.json.*localesUrl/);
  assert.equal(warnings.length, 2, 'each failed file is named once');

  const english = loader({ 'en.json': 404 });
  const r = await quietly(() => english.l.install(english.engine, 'en'));
  assert.equal(r.error?.code, 'locale-fetch');
});

test('npm: each non-English built-in locale is a literal new URL(…, import.meta.url) a bundler can follow; English is in the bundle', async () => {
  const source = readFileSync(join(repoRoot, 'js-shim/src/npm-locales.ts'), 'utf8');
  const literal = [...source.matchAll(/new URL\('\.\/locales\/([a-z-]+)\.json', import\.meta\.url\)/g)].map((m) => m[1]).sort();
  assert.deepEqual(literal, BUILT_IN.filter((c) => c !== 'en').sort());
  const EN = readFileSync(join(localesDir, 'en.json'), 'utf8');
  const { packageLocales } = await importTs('js-shim/src/npm-locales.ts', { __ASSENT_EN_TEXT__: JSON.stringify(EN) });
  assert.deepEqual(packageLocales('en'), { text: EN });
  assert.match(packageLocales('de').url, /\/locales\/de\.json$/);
  assert.deepEqual(packageLocales('xx'), { text: EN }, 'a code without a file gets English, never a guessed URL');
});
