// Load benchmark of the receipts server (`assent serve`): receipts per second and latency (p50, p99) on
// loopback, for SQLite and PostgreSQL, at 1, 16 and 64 concurrent clients. Every request posts a new record
// (a real insert, acknowledged only after its commit). The records are made beforehand by the wasm engine in
// this process, and posted by a small C++ client (load_client.cpp, built on demand into build/), so that the
// client takes little of the cores the server runs on. Prints a table, writes results/receipts-load.{md,json,png}.
//
//   node tests/bench/receipts/load.mjs [--seconds 5] [--clients 1,16,64] [--db sqlite,postgresql] [--out DIR]
import { mkdirSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { quantile } from '../lib/stats.mjs';
import { tempDir, keygen, writePolicy, startServer, cleanup, root } from '../../receipts/lib/assent-server.mjs';
import { startPostgres } from '../../receipts/lib/postgres.mjs';
import { recordMaker } from '../../receipts/lib/records.mjs';

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

const loadClient = join(root, 'build/load_client');

// Builds the client (cmake target assent_load_client) unless it is there.
function buildClient() {
  execFileSync('cmake', ['--build', join(root, 'build'), '--target', 'assent_load_client'], { stdio: ['ignore', 'ignore', 'inherit'] });
}

// Enough fresh records for one cell: the server takes at most ~8,000 a second here.
function recordsFile(dir, nextRecord, n) {
  const path = join(dir, 'records.txt');
  writeFileSync(path, Array.from({ length: n }, () => nextRecord()).join('\n') + '\n');
  return path;
}

function cell(port, clients, file) {
  const out = JSON.parse(execFileSync(loadClient, [String(port), String(clients), String(seconds), file], { maxBuffer: 1 << 28 }).toString());
  const latencies = out.latenciesMs.sort((a, b) => a - b);
  if (out.exhausted) process.stderr.write('  (the records ran out before the time: raise the count in recordsFile)\n');
  return { clients, receipts: latencies.length, perSecond: latencies.length / out.seconds, p50: quantile(latencies, 0.5), p99: quantile(latencies, 0.99), statuses: out.statuses };
}

async function main() {
  buildClient();
  const nextRecord = await recordMaker(POLICY);
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
        cell(server.port, 4, recordsFile(dir, nextRecord, 2000)); // warm-up: caches, the table's first pages
        results[kind] = [];
        for (const clients of clientCounts) {
          const r = cell(server.port, clients, recordsFile(dir, nextRecord, Math.ceil(seconds * 12000)));
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
