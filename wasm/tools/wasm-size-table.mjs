// Prints where a wasm engine's bytes go, after every Emscripten build: each section's size, and the 15 biggest
// functions (code bytes, names from the symbol map the build's last wasm-opt pass writes with --symbolmap), so
// that a change that grows the engine shows which function grew. Reads the binary format directly (no wabt).
//   node wasm/tools/wasm-size-table.mjs js-shim/engine/assent.wasm [js-shim/engine/assent.wasm.symbols]
import { existsSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';

const [wasmPath, symbolsPath = `${wasmPath}.symbols`] = process.argv.slice(2);
const bytes = readFileSync(wasmPath);
let pos = 8; // magic + version
const leb = () => {
  let result = 0;
  let shift = 0;
  for (;;) {
    const b = bytes[pos++];
    result += (b & 0x7f) * 2 ** shift;
    shift += 7;
    if (b < 0x80) return result;
  }
};
const NAMES = ['custom', 'type', 'import', 'function', 'table', 'memory', 'global', 'export', 'start', 'element', 'code', 'data', 'data count'];

const sections = [];
let imported = 0; // function indices start after the imported functions
let bodies = [];
while (pos < bytes.length) {
  const id = bytes[pos++];
  const size = leb();
  const start = pos;
  let name = NAMES[id] ?? `id ${id}`;
  if (id === 0) {
    const len = leb();
    name = `custom "${bytes.subarray(pos, pos + len).toString()}"`;
  } else if (id === 2) {
    for (let n = leb(); n > 0; n--) {
      // Not `pos += leb()`: that reads pos before leb() moves it past the length (the names then misalign).
      for (let k = 0; k < 2; k++) { const len = leb(); pos += len; } // module name, field name
      const kind = bytes[pos++];
      if (kind === 0) { imported++; leb(); } else if (kind === 1) { pos++; const f = bytes[pos++]; leb(); if (f & 1) leb(); }
      else if (kind === 2) { const f = bytes[pos++]; leb(); if (f & 1) leb(); } else if (kind === 3) { pos += 2; }
    }
  } else if (id === 10) {
    bodies = [];
    for (let n = leb(), i = 0; i < n; i++) {
      const len = leb();
      bodies.push({ index: imported + i, size: len });
      pos += len;
    }
  }
  sections.push({ name, size });
  pos = start + size;
}

const names = new Map();
if (existsSync(symbolsPath))
  for (const line of readFileSync(symbolsPath, 'utf8').split('\n')) {
    const i = line.indexOf(':');
    if (i > 0) names.set(Number(line.slice(0, i)), line.slice(i + 1).replace(/\\([0-9a-f]{2})/g, (_, h) => String.fromCharCode(parseInt(h, 16))));
  }

const pad = (s, n) => String(s).padStart(n);
console.log(`${basename(wasmPath)}: ${bytes.length} bytes; sections:`);
for (const s of sections.sort((a, b) => b.size - a.size)) console.log(`  ${pad(s.size, 8)}  ${s.name}`);
// -Oz merges identical functions: a merged body carries one of its names, not necessarily the biggest user's.
console.log(`the 15 biggest of ${bodies.length} functions (code bytes; ${names.size ? 'a merged body shows one of its names' : 'no symbol map: indices only'}):`);
for (const f of bodies.sort((a, b) => b.size - a.size).slice(0, 15))
  console.log(`  ${pad(f.size, 8)}  ${(names.get(f.index) ?? `function ${f.index}`).slice(0, 110)}`);
