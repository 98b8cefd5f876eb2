#!/usr/bin/env node
// Regenerates the text keys listed in config/policy.schema.json ($defs.textSet) from config/locales/en.json,
// with each key's English default as its description (editors show it on completion), and the README's table
// of text keys with the placeholders each may use (between the text-keys markers).
// Run after adding or renaming a locale key; tests/schema checks that the two agree.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const schemaPath = join(root, 'config', 'policy.schema.json');
const schema = JSON.parse(readFileSync(schemaPath, 'utf8'));
const en = JSON.parse(readFileSync(join(root, 'config', 'locales', 'en.json'), 'utf8'));
schema.$defs.textSet.properties = Object.fromEntries(
  Object.entries(en)
    .filter(([key]) => !key.startsWith('category.')) // covered by the schema's category.<id>.* pattern
    .map(([key, text]) => [key, { $ref: '#/$defs/text', description: `Default (en): ${text}` }]),
);
writeFileSync(schemaPath, JSON.stringify(schema, null, 2) + '\n');
console.log(`schema lists ${Object.keys(schema.$defs.textSet.properties).length} text keys (+ category.<id>.* by pattern)`);

// The README's table: keys by group, each with the placeholders its English text uses (the ones validation allows).
const what = {
  banner: 'the first layer', purpose: 'words for `{purposes}`, one per built-in category', list: 'how `{purposes}` joins its words',
  prefs: 'the preferences dialog', category: 'built-in category titles and descriptions (any category: `category.<id>.title` / `.description`)',
  placeholder: 'the stand-in for a blocked embed', settings: 'the settings control in the cookie section', policy: 'the generated cookie section',
  duration: 'cookie lifetimes (plural forms one/few/many/other)', date: 'dates (`revision`) in the cookie section',
  country: 'country names for a service `location` (ISO 3166 codes)',
};
const groups = {};
for (const [key, text] of Object.entries(en)) {
  const holes = [...new Set(text.match(/\{[a-z]+\}/g) ?? [])];
  (groups[key.split('.')[0]] ??= []).push(`\`${key}\`${holes.length ? ` (${holes.map((h) => `\`${h}\``).join(' ')})` : ''}`);
}
const table = ['| group | keys (placeholders the text may use) |', '|---|---|',
  ...Object.entries(groups).map(([g, keys]) => `| ${what[g] ?? g} | ${keys.join(', ')} |`)].join('\n');
const readmePath = join(root, 'README.md');
const readme = readFileSync(readmePath, 'utf8');
const begin = '<!-- text-keys:begin (wasm/tools/sync-schema-text-keys.mjs) -->\n', end = '\n<!-- text-keys:end -->';
const a = readme.indexOf(begin), b = readme.indexOf(end);
if (a < 0 || b < a) throw new Error('README.md lacks the text-keys markers');
writeFileSync(readmePath, readme.slice(0, a + begin.length) + table + readme.slice(b));
console.log(`README lists ${Object.keys(en).length} text keys`);
