#!/usr/bin/env node
// Regenerates the text keys listed in config/policy.schema.json ($defs.textSet) from config/locales/en.json,
// with each key's English default as its description (editors show it on completion).
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
