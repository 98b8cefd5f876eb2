// Faults, with real processes: receipts acknowledged with 201 survive `kill -9` of the server (SQLite and
// PostgreSQL); with PostgreSQL down the server answers 503, never 201, and recovers when it is back; two
// instances on one PostgreSQL serve the same receipts and agree on a record posted to both.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir, keygen, writePolicy, record, startServer, post, cli, cleanup } from './lib/assent-server.mjs';
import { startPostgres } from './lib/postgres.mjs';
import { recordMaker } from './lib/records.mjs';

const dir = tempDir();
const { key } = keygen(dir);
const POLICY = { revision: '2026-11-01', site: { name: 'Shop' } };
const policy = writePolicy(dir, POLICY);
const adminToken = 'receipts-admin-token-for-tests';
writeFileSync(join(dir, 'admin-token'), adminToken);
const admin = ['--admin-token-file', join(dir, 'admin-token'), '--rate-limit', '0'];
let pg;

before(async () => {
  pg = await startPostgres();
});
after(async () => {
  await pg?.remove();
  cleanup(dir);
});

// Posts distinct records from `clients` concurrent loops until `stopAfter` 201s, then kills the server with
// SIGKILL while requests are in flight. Returns the ids acknowledged with 201.
async function loadThenKill(server, records, clients, stopAfter) {
  const acked = [];
  let next = 0;
  let killed = false;
  const worker = async () => {
    while (next < records.length && !killed) {
      const rec = records[next++];
      try {
        const res = await post(server.url, { record: rec });
        if (res.status === 201) acked.push((await res.json()).id);
      } catch {
        /* the connection died with the server */
      }
      if (acked.length >= stopAfter && !killed) {
        killed = true;
        process.kill(server.child.pid, 'SIGKILL');
      }
    }
  };
  await Promise.all(Array.from({ length: clients }, worker));
  await server.stop();
  return acked;
}

function exportedIds(db) {
  const out = cli(['receipts', 'export', '--db', db]);
  assert.equal(out.status, 0, out.stderr);
  return new Set(out.stdout.split('\n').filter(Boolean).map((l) => JSON.parse(l).id));
}

for (const kind of ['sqlite', 'postgresql']) {
  test(`${kind}: every 201 survives kill -9 of the server mid-load`, async () => {
    const db = kind === 'sqlite' ? `sqlite:${join(dir, 'kill.db')}` : pg.url;
    const nextRecord = await recordMaker(POLICY);
    const records = Array.from({ length: 600 }, nextRecord);
    const server = await startServer({ policy, db, key, args: admin });
    const acked = await loadThenKill(server, records, 32, 300);
    assert.ok(acked.length >= 300, `only ${acked.length} acknowledged before the kill`);
    const stored = exportedIds(db);
    const lost = acked.filter((id) => !stored.has(id));
    assert.deepEqual(lost, [], `${lost.length} of ${acked.length} acknowledged receipts are missing after kill -9`);
    // The server starts again on the same database and answers a retry of an acknowledged record with its receipt.
    const again = await startServer({ policy, db, key, args: admin });
    try {
      const retry = await post(again.url, { record: records[0] });
      assert.ok([200, 201].includes(retry.status));
    } finally {
      await again.stop();
    }
    console.log(`# ${kind}: ${acked.length} acknowledged before kill -9, ${stored.size} rows after, 0 lost`);
  });
}

test('postgresql: two instances serve the same receipts and agree on a record posted to both', async () => {
  const a = await startServer({ policy, db: pg.url, key, args: admin });
  const b = await startServer({ policy, db: pg.url, key, args: admin });
  try {
    const rec = record(policy);
    const first = await post(a.url, { record: rec });
    assert.equal(first.status, 201);
    const { id, receipt } = await first.json();
    const read = await fetch(`${b.url}/assent/receipts/${id}`, { headers: { Authorization: `Bearer ${adminToken}` } });
    assert.equal(read.status, 200);
    assert.equal((await read.json()).receipt, receipt);
    const retry = await post(b.url, { record: rec });
    assert.equal(retry.status, 200);
    assert.equal((await retry.json()).id, id);
    // The same new record to both at once: one receipt.
    const both = record(policy);
    const [ra, rb] = await Promise.all([post(a.url, { record: both }), post(b.url, { record: both })]);
    assert.deepEqual([ra.status, rb.status].sort(), [200, 201]);
    assert.equal((await ra.json()).id, (await rb.json()).id);
  } finally {
    await a.stop();
    await b.stop();
  }
});

test('postgresql down: 503 with Retry-After and no cookie, never 201; back up: 201 again', async () => {
  const server = await startServer({ policy, db: pg.url, key, args: admin });
  try {
    assert.equal((await post(server.url, { record: record(policy) })).status, 201);
    await pg.stop();
    const down = await post(server.url, { record: record(policy) });
    assert.equal(down.status, 503);
    assert.equal(down.headers.get('retry-after'), '5');
    assert.equal(down.headers.get('set-cookie'), null);
    assert.equal((await down.json()).error.code, 'unavailable');
    await pg.start();
    const back = await post(server.url, { record: record(policy) });
    assert.equal(back.status, 201);
  } finally {
    await server.stop();
  }
});
