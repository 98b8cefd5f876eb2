#!/usr/bin/env node
// Seed corpora for the fuzz targets, from the golden vectors and example policies: one file per distinct
// input under <out>/<target>/, named by content hash (as libFuzzer names its own corpus files).
// Usage: node tests/fuzz/make-seeds.mjs <out dir>
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('../..', import.meta.url).pathname;
const out = process.argv[2];
if (!out) throw new Error('usage: make-seeds.mjs <out dir>');
const seeds = { policy: new Set(), record: new Set(), language: new Set(), region: new Set(), decide: new Set() };
const jsonFiles = (dir) => readdirSync(join(root, dir)).filter((f) => f.endsWith('.json')).map((f) => join(root, dir, f));

for (const f of [...jsonFiles('tests/vectors/policies'), ...jsonFiles('config/examples')]) seeds.policy.add(readFileSync(f, 'utf8'));

for (const f of jsonFiles('tests/vectors')) {
  const v = JSON.parse(readFileSync(f, 'utf8'));
  const ctx = v.context ?? {};
  seeds.decide.add(JSON.stringify(ctx) + (v.action ? '\n' + JSON.stringify(v.action) : ''));
  if (v.setup) seeds.decide.add(JSON.stringify(v.setup.context) + '\n' + JSON.stringify(v.setup.action));
  if (typeof ctx.record === 'string') seeds.record.add(ctx.record);
  if (Array.isArray(ctx.languages)) seeds.language.add(ctx.languages.join(','));
  if (ctx.region !== undefined || ctx.timeZone !== undefined) seeds.region.add(`${ctx.region ?? ''}\n${ctx.timeZone ?? ''}`);
}

// Accept-Language headers as browsers send them.
for (const h of ['de-AT,de;q=0.9,en;q=0.8', 'pt-br', 'zh-Hant-TW, zh;q=0.5', 'en-US,en;q=0.5', '*', 'es-419,fr-CA_x'])
  seeds.language.add(h);

// Well-formed records for the fuzz policy (tests/fuzz/support.cpp, revision "fuzz-rich-1"): the fuzzer
// would rarely build a checksum on its own. FNV-1a as in wasm/core/hash.hpp.
const fnv1a = (s) => {
  let h = 0x811c9dc5;
  for (const b of Buffer.from(s, 'utf8')) h = Math.imul(h ^ b, 16777619) >>> 0;
  return h.toString(16).padStart(8, '0');
};
const now = 1795000000;
const records = [
  [now - 1000, 'i', 'a', 'preference~analytics~marketing~social', ''],
  [now - 5, 'o', 'rg', '', 'video'],
  [now - 400 * 86400, 'n', 'k', 'analytics', ''],
  [now + 2 * 86400, 'i', 'c', 'analytics', 'pixel~chat'],
  [0, 'x', 'o', 'preference', ''],
];
for (const [ts, model, action, cats, svcs] of records) {
  const body = `1.${fnv1a('fuzz-rich-1')}.${ts}.${model}.${action}.${cats}.${svcs}.0123456789abcdef`;
  seeds.record.add(`${body}.${fnv1a(body)}`);
}

rmSync(out, { recursive: true, force: true });
for (const [target, set] of Object.entries(seeds)) {
  mkdirSync(join(out, target), { recursive: true });
  for (const s of set) writeFileSync(join(out, target, createHash('sha1').update(s).digest('hex')), s);
}
writeFileSync(join(out, '.stamp'), Object.entries(seeds).map(([t, s]) => `${t} ${s.size}`).join('\n') + '\n');
