// Starts `build/assent serve` on a free loopback port for a test, and the CLI calls the tests make.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assentBinary, root, startReceiptsServer } from '../../../demo/lib/receipts-server.mjs';

export { root };
export const assent = assentBinary;

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

/** `assent serve` on a free loopback port (demo/lib/receipts-server.mjs); stop() by its PID. */
export function startServer({ policy, db, key, args = [] }) {
  return startReceiptsServer({ policy, db, key, args });
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
