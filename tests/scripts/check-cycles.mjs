#!/usr/bin/env node
// Fails when a file under js-shim/src or wasm/ is part of an import cycle: TypeScript `import … from` /
// `export … from` (type-only imports included: a cycle of types is still a tangle) and C++ `#include "…"`.
// A cycle makes module order matter and hides which module owns what; the blocking modules share a leaf
// (js-shim/src/blocking/hold-state.ts) instead.
//   node tests/scripts/check-cycles.mjs [--root DIR]
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { root: { type: 'string' }, help: { type: 'boolean' } } });
if (values.help) {
  console.log('usage: node tests/scripts/check-cycles.mjs [--root DIR]\nExit 1 and one line per cycle when js-shim/src or wasm/ has an import cycle.');
  process.exit(0);
}
const root = resolve(values.root ?? join(dirname(new URL(import.meta.url).pathname), '..', '..'));

function files(dir, exts) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return name === 'node_modules' ? [] : files(p, exts);
    return exts.some((e) => name.endsWith(e)) ? [p] : [];
  });
}

/** TypeScript: relative specifiers resolved to a .ts file or a folder's index.ts. */
function tsEdges(file) {
  const text = readFileSync(file, 'utf8');
  const out = [];
  for (const m of text.matchAll(/^\s*(?:import|export)\b[^'"]*?from\s*['"](\.[^'"]+)['"]/gm)) {
    const base = resolve(dirname(file), m[1]);
    const hit = [`${base}.ts`, `${base}.d.ts`, join(base, 'index.ts'), base].find((p) => existsSync(p) && statSync(p).isFile());
    if (hit) out.push(hit);
  }
  return out;
}

/** C++: quoted includes, looked up beside the file, then in wasm/core (the core's public include dir). */
function cppEdges(file) {
  const text = readFileSync(file, 'utf8');
  const out = [];
  for (const m of text.matchAll(/^\s*#\s*include\s+"([^"]+)"/gm)) {
    const hit = [resolve(dirname(file), m[1]), join(root, 'wasm', 'core', m[1])].find((p) => existsSync(p));
    if (hit) out.push(hit);
  }
  return out;
}

const graph = new Map();
for (const f of files(join(root, 'js-shim', 'src'), ['.ts'])) graph.set(f, tsEdges(f));
for (const f of files(join(root, 'wasm'), ['.cpp', '.hpp', '.h'])) graph.set(f, cppEdges(f));

// Tarjan's strongly connected components: every component with more than one file (or a self-import) is a cycle.
let index = 0;
const idx = new Map(), low = new Map(), stack = [], onStack = new Set(), cycles = [];
function connect(v) {
  idx.set(v, index); low.set(v, index); index++;
  stack.push(v); onStack.add(v);
  for (const w of graph.get(v) ?? []) {
    if (!idx.has(w)) { connect(w); low.set(v, Math.min(low.get(v), low.get(w))); }
    else if (onStack.has(w)) low.set(v, Math.min(low.get(v), idx.get(w)));
  }
  if (low.get(v) !== idx.get(v)) return;
  const comp = [];
  let w;
  do { w = stack.pop(); onStack.delete(w); comp.push(w); } while (w !== v);
  if (comp.length > 1 || (graph.get(v) ?? []).includes(v)) cycles.push(comp);
}
for (const v of graph.keys()) if (!idx.has(v)) connect(v);

const rel = (p) => relative(root, p);
for (const c of cycles) console.error(`import cycle: ${c.map(rel).sort().join(' ↔ ')}`);
if (cycles.length) process.exit(1);
console.log(`import cycles: none among ${graph.size} files in js-shim/src and wasm/`);
