// Starts `build/assent serve` on a free loopback port for a test, and the CLI calls the tests make.
import { spawn, execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { waitFor } from './process.mjs';

export const root = fileURLToPath(new URL('../../../', import.meta.url));
export const assent = join(root, 'build/assent');

export function tempDir() {
  return mkdtempSync(join(tmpdir(), 'assent-receipts-'));
}

// A key pair in `dir`: { key, pub }.
export function keygen(dir) {
  const key = join(dir, 'key.pem');
  execFileSync(assent, ['keygen', '--out', key], { stdio: 'ignore' });
  return { key, pub: join(dir, 'key.pub.pem') };
}

export function writePolicy(dir, policy) {
  const path = join(dir, 'policy.json');
  writeFileSync(path, JSON.stringify(policy));
  return path;
}

// A fresh record from the engine, as the shim would write it after the choice. Each call: a new consent id.
let nonce = 0;
export function record(policyPath, { action = '--accept-all', region = 'DE', now } = {}) {
  const n = (++nonce).toString(16).padStart(8, '0') + Math.random().toString(16).slice(2, 10).padEnd(8, '0');
  const args = ['choose', policyPath, action, '--region', region, '--nonce', n.repeat(2).slice(0, 32)];
  if (now) args.push('--now', String(now));
  return JSON.parse(execFileSync(assent, args).toString()).record;
}

export async function startServer({ policy, db, key, args = [] }) {
  const child = spawn(assent, ['serve', '--policy', policy, '--db', db, '--key', key, '--listen', '127.0.0.1:0', ...args], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const server = { child, stderr: '', port: 0 };
  child.stderr.on('data', (d) => (server.stderr += d));
  await waitFor(() => {
    if (child.exitCode !== null) throw new Error(`assent serve exited ${child.exitCode}: ${server.stderr}`);
    const m = /listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(server.stderr);
    if (m) server.port = Number(m[1]);
    return server.port > 0;
  }, 20000, 'assent serve to listen');
  server.url = `http://127.0.0.1:${server.port}`;
  const exited = new Promise((r) => child.once('exit', (code, signal) => r({ code, signal })));
  server.stop = async (signal = 'SIGTERM') => {
    if (child.exitCode === null && child.signalCode === null) process.kill(child.pid, signal);
    return exited;
  };
  return server;
}

export function post(url, body, headers = {}) {
  return fetch(`${url}/assent/consent`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

export function cli(args, input) {
  return spawnSync(assent, args, { input, encoding: 'utf8' });
}

export function cleanup(dir) {
  rmSync(dir, { recursive: true, force: true });
}
