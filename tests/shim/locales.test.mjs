// js-shim/src/locales.ts: which built-in locale files a visitor downloads. From the README and the module's
// contract: the wasm embeds only English; the other built-in texts (en de fr es it nl pt pl, config/locales/)
// are files next to the wasm; a file is prefetched only for the visitor's first language when the policy
// names it (no second parse of the policy: a substring test), else fetched for the one the engine chose, at
// most once; "pt-BR" is served by pt-BR and its base, pt.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { importTs } from './lib/load-ts.mjs';

const BUILT_IN = ['en', 'de', 'fr', 'es', 'it', 'nl', 'pt', 'pl'];
// The shim's blocking module needs a DOM; the locale loader only needs its ownFetch, here a recording stub.
const { filesFor, LocaleLoader } = await importTs('js-shim/src/locales.ts',
  { __ASSENT_LOCALES__: JSON.stringify(BUILT_IN) },
  { stubs: { 'js-shim/src/blocking': 'export const ownFetch = (url, init) => globalThis.__localeFetch(url, init);' } });

const BASE = 'https://cdn.example/assent/locales/';
const policy = (languages) => JSON.stringify({ revision: '1', languages });

/** A loader whose fetches are recorded; `status` answers per file name (200 by default). */
function loader(status = {}) {
  const fetched = [];
  globalThis.__localeFetch = async (url) => {
    fetched.push(url);
    const name = url.split('/').pop();
    const code = status[name] ?? 200;
    return { ok: code === 200, status: code, text: async () => JSON.stringify({ file: name }) };
  };
  const added = [];
  const engine = { addLocale: (code, json) => added.push([code, JSON.parse(json).file]) };
  return { l: new LocaleLoader(BASE), fetched, added, engine };
}

test('filesFor: the tag and its base, only built-in ones, never English', () => {
  assert.deepEqual(filesFor('de'), ['de']);
  assert.deepEqual(filesFor('pt-BR'), ['pt'], 'pt-BR is not built in; its base pt is');
  assert.deepEqual(filesFor('de-AT'), ['de']);
  assert.deepEqual(filesFor('DE'), ['de'], 'language tags are case-insensitive (BCP 47)');
  assert.deepEqual(filesFor('en'), []);
  assert.deepEqual(filesFor('en-GB'), []);
  assert.deepEqual(filesFor('ja'), [], 'not built in: the policy must carry its own texts');
});

test('prefetch: the visitor\'s first language when the policy names it; English fetches nothing', async () => {
  const en = loader();
  en.l.prefetch(policy(['en', 'de', 'fr']), ['en-US', 'en']);
  assert.deepEqual(en.fetched, [], 'an English visitor downloads no locale file');

  const de = loader();
  de.l.prefetch(policy(['en', 'de', 'fr']), ['de-AT', 'de', 'en']);
  assert.deepEqual(de.fetched, [`${BASE}de.json`]);

  const second = loader();
  second.l.prefetch(policy(['en', 'fr']), ['de-AT', 'fr']);
  assert.deepEqual(second.fetched, [], 'only the first preference is a prefetch; the engine\'s choice (fr) is fetched at install');

  const undeclared = loader();
  undeclared.l.prefetch(policy(['en', 'fr']), ['de-DE']);
  assert.deepEqual(undeclared.fetched, [], 'German is not declared by this policy');

  const br = loader();
  br.l.prefetch(policy(['en', 'pt-BR']), ['pt-BR']);
  assert.deepEqual(br.fetched, [`${BASE}pt.json`]);

  const broken = loader();
  broken.l.prefetch('{ broken', ['de']);
  assert.deepEqual(broken.fetched, []);
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
  assert.deepEqual(late.fetched, [`${BASE}it.json`]);
  assert.deepEqual(late.added, [['it', 'it.json']]);

  const english = loader();
  await english.l.install(english.engine, 'en');
  assert.deepEqual([english.fetched, english.added], [[], []], 'English is built into the wasm');
});

test('install: a missing locale file falls back to English with a warning, never an exception', async () => {
  const { l, fetched, added, engine } = loader({ 'de.json': 404 });
  const warnings = [];
  const warn = console.warn;
  console.warn = (...a) => warnings.push(a.join(' '));
  try {
    await l.install(engine, 'de');
  } finally {
    console.warn = warn;
  }
  assert.deepEqual(fetched, [`${BASE}de.json`]);
  assert.deepEqual(added, [], 'nothing added: the engine keeps English');
  assert.equal(warnings.length, 1);
  assert.match(warnings[0], /Assent: .*de\.json.*404/, `names the file and the status: ${warnings[0]}`);
});
