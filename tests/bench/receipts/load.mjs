// Load benchmark of the receipts server (`assent serve`): receipts per second and latency (p50, p99) on
// loopback, for SQLite and PostgreSQL, at 1, 16 and 64 concurrent clients. Every request posts a new record
// (a real insert, acknowledged only after its commit). Records come from the wasm engine in this process, so
// making them costs the server nothing. Prints a table and writes results/receipts-load.{md,json,png}.
//
//   node tests/bench/receipts/load.mjs [--seconds 5] [--clients 1,16,64] [--db sqlite,postgresql] [--out DIR]
import { createRequire } from 'node:module';
import { readFileSync, mkdirSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { quantile } from '../lib/stats.mjs';
import { tempDir, keygen, writePolicy, startServer, cleanup, root } from '../../receipts/lib/assent-server.mjs';
import { startPostgres } from '../../receipts/lib/postgres.mjs';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '5' },
    clients: { type: 'string', default: '1,16,64' },
    db: { type: 'string', default: 'sqlite,postgresql' },
    out: { type: 'string', default: join(root, 'tests/bench/results') },
  },
});
const seconds = Number(values.seconds);
const clientCounts = values.clients.split(',').map(Number);
const kinds = values.db.split(',');
const POLICY = { revision: '2026-11-01', site: { name: 'Shop' } };

async function engine() {
  const dir = join(root, 'js-shim/engine');
  const bytes = readFileSync(join(dir, 'assent.wasm'));
  const create = createRequire(import.meta.url)(join(dir, 'assent.js'));
  const m = await create({ instantiateWasm: (imports, receive) => (WebAssembly.instantiate(bytes, imports).then((r) => receive(r.instance)), {}) });
  const loaded = JSON.parse(m.load(JSON.stringify(POLICY)));
  if (!loaded.ok) throw new Error(JSON.stringify(loaded));
  let n = 0;
  return () => {
    const nonce = (++n).toString(16).padStart(16, '0') + Math.floor(Math.random() * 2 ** 48).toString(16).padStart(16, '0');
    const ctx = JSON.stringify({ region: 'DE', now: Math.floor(Date.now() / 1000), nonce });
    return JSON.parse(m.choose(ctx, '{"type":"accept-all"}')).record;
  };
}

function postOnce(agent, port, body) {
  return new Promise((resolve) => {
    const t0 = performance.now();
    const req = http.request({ host: '127.0.0.1', port, path: '/assent/consent', method: 'POST', agent,
      headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) } }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode, ms: performance.now() - t0 }));
    });
    req.on('error', () => resolve({ status: 0, ms: performance.now() - t0 }));
    req.end(body);
  });
}

async function cell(port, clients, nextRecord) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: clients });
  const latencies = [];
  const statuses = {};
  const end = performance.now() + seconds * 1000;
  const t0 = performance.now();
  const worker = async () => {
    while (performance.now() < end) {
      const { status, ms } = await postOnce(agent, port, JSON.stringify({ record: nextRecord() }));
      statuses[status] = (statuses[status] || 0) + 1;
      if (status === 201) latencies.push(ms);
    }
  };
  await Promise.all(Array.from({ length: clients }, worker));
  const elapsed = (performance.now() - t0) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return { clients, receipts: latencies.length, perSecond: latencies.length / elapsed, p50: quantile(latencies, 0.5), p99: quantile(latencies, 0.99), statuses };
}

async function main() {
  const nextRecord = await engine();
  const dir = tempDir();
  const { key } = keygen(dir);
  const policy = writePolicy(dir, POLICY);
  const results = {};
  let pg;
  try {
    for (const kind of kinds) {
      if (kind === 'postgresql') pg = await startPostgres();
      const db = kind === 'sqlite' ? `sqlite:${join(dir, 'load.db')}` : pg.url;
      const server = await startServer({ policy, db, key, args: ['--rate-limit', '0', '--threads', '128'] });
      try {
        await cell(server.port, 4, nextRecord); // warm-up: connections, caches, the table's first pages
        results[kind] = [];
        for (const clients of clientCounts) {
          const r = await cell(server.port, clients, nextRecord);
          results[kind].push(r);
          process.stderr.write(`${kind} ${clients} client(s): ${Math.round(r.perSecond)}/s, p50 ${r.p50?.toFixed(2)} ms, p99 ${r.p99?.toFixed(2)} ms ${JSON.stringify(r.statuses)}\n`);
        }
      } finally {
        await server.stop();
      }
    }
  } finally {
    await pg?.remove();
    cleanup(dir);
  }
  const rows = kinds.flatMap((k) => results[k].map((r) => `| ${k} | ${r.clients} | ${Math.round(r.perSecond).toLocaleString('en')} | ${r.p50.toFixed(2)} | ${r.p99.toFixed(2)} | ${r.receipts.toLocaleString('en')} |`));
  const md = `# Receipts server load (loopback, ${seconds} s per cell)\n\n` +
    `Every request posts a new record; a 201 is sent after its commit (SQLite WAL synchronous=FULL; PostgreSQL fsync=on).\n` +
    `Client and server share this machine's cores. ${new Date().toISOString().slice(0, 10)}.\n\n` +
    `| database | clients | receipts/s | p50 ms | p99 ms | receipts |\n|---|---|---|---|---|---|\n${rows.join('\n')}\n`;
  console.log(`\n${md}`);
  mkdirSync(values.out, { recursive: true });
  writeFileSync(join(values.out, 'receipts-load.md'), md);
  writeFileSync(join(values.out, 'receipts-load.json'), JSON.stringify({ seconds, results }, null, 2));
  await chart(results, join(values.out, 'receipts-load.png'));
  console.log(`wrote ${join(values.out, 'receipts-load.md')}, receipts-load.json, receipts-load.png`);
}

async function chart(results, path) {
  const W = 760, rowH = 22, x0 = 190, barW = W - x0 - 170;
  const all = Object.values(results).flat();
  const max = Math.max(1, ...all.map((r) => r.perSecond));
  const parts = [];
  let y = 44;
  for (const [kind, rows] of Object.entries(results)) {
    for (const r of rows) {
      const w = Math.max(1, (r.perSecond / max) * barW);
      parts.push(`<text x="10" y="${y + 14}" font-size="13">${kind}, ${r.clients} client(s)</text>`,
        `<rect x="${x0}" y="${y}" width="${w}" height="${rowH - 6}" fill="${kind === 'sqlite' ? '#1f6feb' : '#16a34a'}"/>`,
        `<text x="${x0 + w + 6}" y="${y + 13}" font-size="11">${Math.round(r.perSecond)}/s · p99 ${r.p99.toFixed(1)} ms</text>`);
      y += rowH;
    }
    y += 10;
  }
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${y}" font-family="system-ui, sans-serif" fill="#102a43"><rect width="100%" height="100%" fill="#fff"/><text x="10" y="24" font-size="15" font-weight="600">Receipts per second (each durable before its 201)</text>${parts.join('')}</svg>`;
  const { launch } = await import('../../lib/chromium.mjs');
  const browser = await launch();
  try {
    const page = await browser.newPage({ viewport: { width: W, height: y } });
    await page.setContent(`<!doctype html><body style="margin:0">${svg}</body>`);
    await page.locator('svg').screenshot({ path });
  } finally {
    await browser.close();
  }
}

await main();
