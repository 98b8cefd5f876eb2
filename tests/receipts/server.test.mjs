// `assent serve` over real HTTP: the contract of POST /assent/consent and the receipt endpoints, a stalled
// client, and the offline tools (verify, export, purge). Faults and PostgreSQL: faults.test.mjs.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir, keygen, writePolicy, record, startServer, post, cli, cleanup } from './lib/assent-server.mjs';

const dir = tempDir();
const { key, pub } = keygen(dir);
const policy = writePolicy(dir, { revision: '2026-11-01', site: { name: 'Shop' }, storage: { cookie: 'shop_consent', maxAgeDays: 180 } });
const adminToken = 'receipts-admin-token-for-tests';
writeFileSync(join(dir, 'admin-token'), adminToken + '\n');
let server;

before(async () => {
  server = await startServer({
    policy, db: `sqlite:${join(dir, 'receipts.db')}`, key,
    args: ['--admin-token-file', join(dir, 'admin-token'), '--rate-limit', '0', '--timeout', '1', '--allow-origin', 'https://www.shop.example'],
  });
});
after(async () => {
  await server?.stop();
  cleanup(dir);
});

test('201 with a signed receipt and the consent cookie; the same record again: the same receipt', async () => {
  const rec = record(policy);
  const res = await post(server.url, { record: rec, url: `${server.url}/pricing?q=1` });
  assert.equal(res.status, 201);
  const body = await res.json();
  assert.match(body.id, /^[0-9a-f]{32}$/);
  const cookie = res.headers.get('set-cookie');
  assert.equal(cookie, `shop_consent=${rec}; Path=/; Max-Age=${/Max-Age=(\d+)/.exec(cookie)[1]}; SameSite=Lax`);
  assert.ok(Number(/Max-Age=(\d+)/.exec(cookie)[1]) > 179 * 86400, cookie);
  const again = await post(server.url, { record: rec });
  assert.equal(again.status, 200);
  assert.deepEqual(await again.json(), body);

  // Offline, with only the public key: valid; one character changed: not.
  const ok = cli(['receipts', 'verify', body.receipt, '--public-key', pub]);
  assert.equal(ok.status, 0, ok.stderr);
  const payload = JSON.parse(ok.stdout);
  assert.equal(payload.jti, body.id);
  assert.equal(payload.record, rec);
  assert.equal(payload.revision, '2026-11-01');
  const parts = body.receipt.split('.');
  const claims = JSON.parse(Buffer.from(parts[1], 'base64url'));
  claims.record = record(policy, { action: '--reject-all' });
  const tampered = [parts[0], Buffer.from(JSON.stringify(claims)).toString('base64url'), parts[2]].join('.');
  const bad = cli(['receipts', 'verify', tampered, '--public-key', pub]);
  assert.equal(bad.status, 1);
  assert.match(bad.stderr, /bad-signature/);
  // From stdin too.
  assert.equal(cli(['receipts', 'verify', '-', '--public-key', pub], body.receipt + '\n').status, 0);
});

test('the public key is served, and verifies receipts with WebCrypto as a visitor would', async () => {
  const rec = record(policy);
  const { receipt } = await (await post(server.url, { record: rec })).json();
  const res = await fetch(`${server.url}/assent/receipts/key`);
  assert.equal(res.status, 200);
  const { jwk, pem } = await res.json();
  assert.match(pem, /BEGIN PUBLIC KEY/);
  const cryptoKey = await crypto.subtle.importKey('jwk', jwk, { name: 'Ed25519' }, false, ['verify']);
  const [h, p, s] = receipt.split('.');
  const valid = await crypto.subtle.verify('Ed25519', cryptoKey, Buffer.from(s, 'base64url'), Buffer.from(`${h}.${p}`));
  assert.equal(valid, true);
});

test('refusals: 413, 415, 400, 422 (with the reason), 403 cross-origin; nothing stored', async () => {
  const before = cli(['receipts', 'export', '--db', `sqlite:${join(dir, 'receipts.db')}`]).stdout.split('\n').filter(Boolean).length;
  const big = await post(server.url, { record: 'x'.repeat(9000) });
  assert.equal(big.status, 413);
  assert.equal((await big.json()).error.code, 'too-large');
  assert.equal((await post(server.url, { record: record(policy) }, { 'Content-Type': 'text/plain' })).status, 415);
  const broken = await post(server.url, '{"record":');
  assert.equal(broken.status, 400);
  assert.match((await broken.json()).error.message, /line 1/);
  const old = await post(server.url, { record: record(policy, { now: '2026-01-01T00:00:00Z' }) });
  assert.equal(old.status, 422);
  assert.equal((await old.json()).error.reason, 'expired');
  const cross = await post(server.url, { record: record(policy) }, { Origin: 'https://evil.example' });
  assert.equal(cross.status, 403);
  assert.equal(cross.headers.get('set-cookie'), null);
  const after = cli(['receipts', 'export', '--db', `sqlite:${join(dir, 'receipts.db')}`]).stdout.split('\n').filter(Boolean).length;
  assert.equal(after, before);
});

test('--allow-origin: the preflight and the post carry CORS headers for that origin only', async () => {
  const pre = await fetch(`${server.url}/assent/consent`, {
    method: 'OPTIONS',
    headers: { Origin: 'https://www.shop.example', 'Access-Control-Request-Method': 'POST' },
  });
  assert.equal(pre.status, 204);
  assert.equal(pre.headers.get('access-control-allow-origin'), 'https://www.shop.example');
  const res = await post(server.url, { record: record(policy) }, { Origin: 'https://www.shop.example' });
  assert.equal(res.status, 201);
  assert.match(res.headers.get('set-cookie'), /; Secure$/);
});

test('reading a receipt needs the admin token', async () => {
  const { id, receipt } = await (await post(server.url, { record: record(policy) })).json();
  assert.equal((await fetch(`${server.url}/assent/receipts/${id}`)).status, 401);
  const res = await fetch(`${server.url}/assent/receipts/${id}`, { headers: { Authorization: `Bearer ${adminToken}` } });
  assert.equal(res.status, 200);
  const stored = await res.json();
  assert.equal(stored.receipt, receipt);
  assert.equal(stored.network, '127.0.0.0/24');  // never the address itself
  assert.equal(stored.browser, 'other');
});

test('a stalled client is dropped after --timeout while others are served', async () => {
  const socket = connect(server.port, '127.0.0.1');
  await new Promise((r) => socket.once('connect', r));
  socket.write('POST /assent/consent HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"rec');
  socket.resume(); // read what the server answers, so that its close is seen
  const closed = new Promise((r) => socket.once('close', r));
  assert.equal((await post(server.url, { record: record(policy) })).status, 201);
  await closed;  // bounded by the test runner's timeout; the server closes it after ~1 s
});

test('the rate limit answers 429 with Retry-After', async () => {
  const limited = await startServer({ policy, db: `sqlite:${join(dir, 'limited.db')}`, key, args: ['--rate-limit', '2'] });
  try {
    const rec = record(policy);
    assert.equal((await post(limited.url, { record: rec })).status, 201);
    assert.equal((await post(limited.url, { record: rec })).status, 200);
    const res = await post(limited.url, { record: rec });
    assert.equal(res.status, 429);
    assert.ok(Number(res.headers.get('retry-after')) >= 1);
  } finally {
    await limited.stop();
  }
});

test('export as JSON lines and CSV, --since, and purge by age', async () => {
  const db = `sqlite:${join(dir, 'receipts.db')}`;
  const lines = cli(['receipts', 'export', '--db', db]);
  assert.equal(lines.status, 0, lines.stderr);
  const rows = lines.stdout.trim().split('\n').map((l) => JSON.parse(l));
  assert.ok(rows.length >= 4);
  for (const r of rows) assert.deepEqual(Object.keys(r), ['browser', 'id', 'model', 'network', 'page', 'policyHash', 'receipt', 'record', 'region', 'revision', 'time']);
  const csv = cli(['receipts', 'export', '--db', db, '--format', 'csv']).stdout.trim().split('\n');
  assert.equal(csv[0], 'id,time,revision,policy_hash,record,region,model,network,browser,page,receipt');
  assert.equal(csv.length, rows.length + 1);
  assert.equal(cli(['receipts', 'export', '--db', db, '--since', '2999-01-01']).stdout, '');
  assert.equal(cli(['receipts', 'export', '--db', db, '--since', 'yesterday']).status, 1);
  const keep = cli(['receipts', 'purge', '--db', db, '--older-than', '5y']);
  assert.equal(keep.status, 0, keep.stderr);
  assert.deepEqual(JSON.parse(keep.stdout), { deleted: 0 });
  assert.equal(cli(['receipts', 'purge', '--db', db, '--older-than', 'five years']).status, 1);
  // Every receipt so far is over a second old: "0d" (older than now) deletes them all.
  await new Promise((r) => setTimeout(r, 1100));
  const all = cli(['receipts', 'purge', '--db', db, '--older-than', '0d']);
  assert.equal(all.status, 0, all.stderr);
  assert.equal(JSON.parse(all.stdout).deleted, rows.length);
  assert.equal(cli(['receipts', 'export', '--db', db]).stdout, '');
});

test('the server refuses to start on a bad policy, key or address, saying which', () => {
  const pubOnly = cli(['serve', '--policy', policy, '--key', pub, '--db', `sqlite:${join(dir, 'x.db')}`]);
  assert.equal(pubOnly.status, 1);
  assert.match(pubOnly.stderr, /public key/);
  const badListen = cli(['serve', '--policy', policy, '--key', key, '--listen', 'nowhere']);
  assert.equal(badListen.status, 1);
  assert.match(badListen.stderr, /--listen/);
  const badDb = cli(['serve', '--policy', policy, '--key', key, '--db', 'mysql://x']);
  assert.equal(badDb.status, 1);
  assert.match(badDb.stderr, /--db/);
  const brokenPolicy = writePolicy(tempDir(), { revision: '1' });
  const broken = cli(['serve', '--policy', brokenPolicy, '--key', key]);
  assert.equal(broken.status, 1);
  assert.match(broken.stderr, /\/site/);
  const exists = cli(['keygen', '--out', key]);
  assert.equal(exists.status, 1);
  assert.match(exists.stderr, /--force/);
});

test('SIGTERM stops the server cleanly: exit 0, and what it acknowledged is stored', async () => {
  const db = `sqlite:${join(dir, 'stop.db')}`;
  const s = await startServer({ policy, db, key, args: ['--rate-limit', '0'] });
  const { id } = await (await post(s.url, { record: record(policy) })).json();
  const { code, signal } = await s.stop('SIGTERM');
  assert.equal(code, 0, `exit ${code} ${signal}`);
  assert.match(s.stderr, /stopped/);
  assert.ok(cli(['receipts', 'export', '--db', db]).stdout.includes(id));
});
