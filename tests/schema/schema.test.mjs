// Checks config/policy.schema.json against the examples and the broken-policy fixtures.
// Run: cd tests && node --test schema/
//
// The engine half of the agreement (the native engine rejects every broken file with its
// expectPath) lives with the engine tests; this file only covers the schema.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Ajv2020 from 'ajv/dist/2020.js';

const here = (rel) => fileURLToPath(new URL(rel, import.meta.url));
const readJson = (path) => JSON.parse(readFileSync(path, 'utf8'));
const jsonFiles = (dir) =>
  existsSync(dir)
    ? readdirSync(dir).filter((f) => f.endsWith('.json')).sort().map((f) => ({ name: f, path: `${dir}/${f}` }))
    : [];

const schemaPath = here('../../config/policy.schema.json');
const localePath = here('../../config/locales/en.json');
const examplesDir = here('../../config/examples');
const vectorPoliciesDir = here('../vectors/policies');
const brokenDir = here('./broken');

const schema = readJson(schemaPath);

function makeAjv() {
  return new Ajv2020({ strict: true, allErrors: true });
}

let ajv;
let validate;

test('schema compiles in strict mode', () => {
  ajv = makeAjv();
  validate = ajv.compile(schema); // throws if the schema itself is invalid
  assert.equal(schema.$schema, 'https://json-schema.org/draft/2020-12/schema');
  assert.equal(schema.$id, 'https://assent.dev/policy.schema.json');
});

function getValidate() {
  if (!validate) {
    ajv = makeAjv();
    validate = ajv.compile(schema);
  }
  return validate;
}

const escapePointer = (s) => String(s).replace(/~/g, '~0').replace(/\//g, '~1');

// JSON Pointer of the value an ajv error is about, in the engine's convention:
// a missing or unknown key points at the key itself, a duplicate at its later occurrence.
function offendingPointer(err) {
  const p = err.params ?? {};
  if (err.keyword === 'required') return `${err.instancePath}/${escapePointer(p.missingProperty)}`;
  if (err.keyword === 'additionalProperties') return `${err.instancePath}/${escapePointer(p.additionalProperty)}`;
  if (err.keyword === 'uniqueItems') return `${err.instancePath}/${Math.max(p.i, p.j)}`;
  const propertyName = err.propertyName ?? p.propertyName;
  if (propertyName !== undefined) return `${err.instancePath}/${escapePointer(propertyName)}`;
  return err.instancePath;
}

const isSameOrAncestor = (pointer, target) => pointer === target || target.startsWith(`${pointer}/`);
const describe = (errors) => JSON.stringify(errors, null, 2);

// ---- examples and vector policies must be accepted --------------------------------------------

const acceptFiles = [
  ...jsonFiles(examplesDir).map((f) => ({ ...f, label: `config/examples/${f.name}` })),
  ...jsonFiles(vectorPoliciesDir).map((f) => ({ ...f, label: `tests/vectors/policies/${f.name}` })),
];

test('there are examples to check', () => {
  const names = jsonFiles(examplesDir).map((f) => f.name);
  assert.ok(names.includes('minimal.json'), 'config/examples/minimal.json is missing');
  assert.ok(names.includes('saas-full.json'), 'config/examples/saas-full.json is missing');
});

for (const file of acceptFiles) {
  test(`accepts ${file.label}`, () => {
    const v = getValidate();
    const policy = readJson(file.path);
    assert.ok(v(policy), `${file.label} should be valid:\n${describe(v.errors)}`);
  });
}

for (const file of jsonFiles(examplesDir)) {
  test(`config/examples/${file.name} points its $schema at the schema`, () => {
    assert.equal(readJson(file.path).$schema, '../policy.schema.json');
  });
}

// ---- broken policies ---------------------------------------------------------------------------

const brokenFiles = jsonFiles(brokenDir);

test('there are at least 15 broken policies, well formed', () => {
  assert.ok(brokenFiles.length >= 15, `only ${brokenFiles.length} broken files`);
  for (const file of brokenFiles) {
    const doc = readJson(file.path);
    assert.deepEqual(Object.keys(doc).sort(), ['expectPath', 'policy', 'schemaRejects', 'why'], file.name);
    assert.equal(typeof doc.why, 'string', `${file.name}: why`);
    assert.ok(doc.expectPath === '' || doc.expectPath.startsWith('/'), `${file.name}: expectPath must be a JSON Pointer`);
    assert.equal(typeof doc.schemaRejects, 'boolean', `${file.name}: schemaRejects`);
    assert.ok(doc.policy && typeof doc.policy === 'object' && !Array.isArray(doc.policy), `${file.name}: policy`);
  }
});

for (const file of brokenFiles) {
  const doc = readJson(file.path);
  if (doc.schemaRejects) {
    test(`rejects broken/${file.name} at ${doc.expectPath}`, () => {
      const v = getValidate();
      assert.equal(v(doc.policy), false, `${file.name} should be rejected (${doc.why})`);
      const pointers = v.errors.map(offendingPointer);
      assert.ok(
        pointers.includes(doc.expectPath),
        `${file.name}: no error at ${doc.expectPath}; got:\n${describe(v.errors)}`,
      );
      // One defect per file: every error is about the expected value or a schema
      // combinator (if/anyOf/...) on one of its ancestors. A failed `contains` also reports
      // why each item did not match; those explain the same defect.
      for (const [i, pointer] of pointers.entries()) {
        if (v.errors[i].schemaPath.includes('/contains/')) continue;
        assert.ok(
          isSameOrAncestor(pointer, doc.expectPath),
          `${file.name}: unexpected second defect at ${pointer}:\n${describe(v.errors[i])}`,
        );
      }
    });
  } else {
    test(`broken/${file.name} is engine-only: the schema accepts it`, () => {
      // If this fails, either the schema can express the defect (set schemaRejects: true)
      // or the fixture has a second, unintended defect.
      const v = getValidate();
      assert.ok(v(doc.policy), `${file.name} should pass the schema:\n${describe(v.errors)}`);
    });
  }
}

// The engine half (every example accepted, every broken file rejected at expectPath) is checked against the
// real engine in tests/unit/policy_validation_test.cpp, so no copy of the engine rules lives here.

// ---- schema self-consistency -------------------------------------------------------------------

test('every text key of config/locales/en.json is accepted, and the schema lists no other key', () => {
  const v = getValidate();
  const locale = readJson(localePath);
  for (const key of Object.keys(locale)) {
    const policy = { revision: 'r', site: { name: 'n' }, texts: { en: { [key]: 'x' } } };
    assert.ok(v(policy), `text key "${key}" from en.json is rejected by the schema:\n${describe(v.errors)}`);
  }
  const listed = Object.keys(schema.$defs.textSet.properties);
  const stale = listed.filter((key) => !(key in locale));
  assert.deepEqual(stale, [], 'the schema lists text keys that config/locales/en.json no longer has');
});

test('every default in the schema is valid for its own property', () => {
  const v = getValidate(); // makes sure the schema is registered under its $id
  assert.ok(v);
  const found = [];
  const walk = (node, pointer) => {
    if (Array.isArray(node)) {
      node.forEach((child, i) => walk(child, `${pointer}/${i}`));
      return;
    }
    if (!node || typeof node !== 'object') return;
    if (Object.hasOwn(node, 'default')) found.push(pointer);
    for (const [key, child] of Object.entries(node)) {
      if (key === 'default' || key === 'examples' || key === 'const' || key === 'enum') continue;
      walk(child, `${pointer}/${escapePointer(key)}`);
    }
  };
  walk(schema, '');
  assert.ok(found.length > 0);
  for (const pointer of found) {
    const sub = ajv.getSchema(`${schema.$id}#${pointer}`);
    assert.ok(sub, `cannot compile the subschema at ${pointer}`);
    const value = pointer.split('/').slice(1).reduce((node, key) => node[key.replace(/~1/g, '/').replace(/~0/g, '~')], schema).default;
    assert.ok(sub(value), `default at ${pointer} is invalid:\n${describe(sub.errors)}`);
  }
});
