// Wasm engine benchmark in Node: js-shim/engine/assent.{js,wasm} loaded as tests/wasm/engine.mjs does
// (createRequire + instantiateWasm with the bytes). Steady-state ops (engine/bench-core.mjs) in this process; cold start
// (compile + instantiate + first load/decide/choose) in fresh child processes, because V8 caches compiled
// wasm modules by their bytes within a process.
//   node engine/engine-node.mjs <small.json> <large.json> [--min-ms N] [--cold N]   → JSON on stdout
//   node engine/engine-node.mjs --cold-child <small.json>                              (internal)
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { coldCalls, run } from './bench-core.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const engineDir = process.env.ASSENT_ENGINE_DIR ?? join(here, '..', '..', '..', 'js-shim', 'engine');
const now = () => performance.now();
// The glue's options: it hands its imports to instantiateWasm (older Assent glues accept this too).
const withBytes = (bytes) => ({
  instantiateWasm(imports, receive) {
    WebAssembly.instantiate(bytes, imports).then((r) => receive(r.instance));
    return {};
  },
});

async function coldChild(policyPath) {
  const t0 = now();
  const bytes = readFileSync(join(engineDir, 'assent.wasm'));
  const create = createRequire(import.meta.url)(join(engineDir, 'assent.js'));
  const t1 = now();
  const mod = await WebAssembly.compile(bytes); // compile alone (then discarded): the compile share
  const t2 = now();
  void mod;
  const m = await create(withBytes(bytes)); // what a page pays: compile + instantiate + glue init
  const t3 = now();
  const calls = coldCalls(m, readFileSync(policyPath, 'utf8'), now);
  process.stdout.write(JSON.stringify({ readAndRequireMs: t1 - t0, compileMs: t2 - t1, instantiateMs: t3 - t2, ...calls }));
}

const args = process.argv.slice(2);
if (args[0] === '--cold-child') {
  await coldChild(args[1]);
} else {
  const opt = (name, dflt) => { const i = args.indexOf(name); return i >= 0 ? Number(args[i + 1]) : dflt; };
  const minMs = opt('--min-ms', 1000);
  const coldRuns = opt('--cold', 7);
  const [small, large] = args.filter((a, i) => !a.startsWith('--') && !(args[i - 1] || '').startsWith('--'));
  const cold = [];
  for (let i = 0; i < coldRuns; i++) {
    cold.push(JSON.parse(execFileSync(process.execPath, [fileURLToPath(import.meta.url), '--cold-child', small], { encoding: 'utf8' })));
  }
  const create = createRequire(import.meta.url)(join(engineDir, 'assent.js'));
  const m = await create(withBytes(readFileSync(join(engineDir, 'assent.wasm'))));
  const out = {
    runtime: `node ${process.version}`,
    wasmBytes: readFileSync(join(engineDir, 'assent.wasm')).length,
    cold,
    small: run(m, readFileSync(small, 'utf8'), now, { minMs, label: 'small' }),
    large: run(m, readFileSync(large, 'utf8'), now, { minMs, label: 'large' }),
  };
  process.stdout.write(JSON.stringify(out) + '\n');
}
