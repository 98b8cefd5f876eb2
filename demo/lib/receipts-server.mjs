// Starts the native receipts server (`build/assent serve`) as a child process on a loopback port, waits for its
// "listening on" line, and stops it by its PID. Used by demo/serve.mjs (beside the site) and by the receipts
// tests and benchmark (tests/receipts/lib/assent-server.mjs).
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('../../', import.meta.url));
export const assentBinary = join(root, 'build/assent');

/**
 * @param {{policy: string, db: string, key: string, listen?: string, args?: string[]}} options
 * @returns {Promise<{url: string, port: number, child: import('node:child_process').ChildProcess, stderr: string, stop: Function}>}
 */
export function startReceiptsServer({ policy, db, key, listen = '127.0.0.1:0', args = [] }) {
  const child = spawn(assentBinary, ['serve', '--policy', policy, '--db', db, '--key', key, '--listen', listen, ...args], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const server = { child, stderr: '', port: 0, url: '' };
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  server.stop = async (signal = 'SIGTERM') => {
    if (child.exitCode === null && child.signalCode === null) process.kill(child.pid, signal);
    return exited;
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`assent serve did not start within 20 s: ${server.stderr}`));
    }, 20000);
    child.stderr.on('data', (d) => {
      server.stderr += d;
      const m = /listening on http:\/\/(\S+):(\d+)/.exec(server.stderr);
      if (m && !server.port) {
        clearTimeout(timer);
        server.port = Number(m[2]);
        server.url = `http://${m[1]}:${m[2]}`;
        resolve(server);
      }
    });
    child.once('error', (e) => {
      clearTimeout(timer);
      reject(new Error(`cannot run ${assentBinary} (build it with demo/run.sh --no-serve): ${e.message}`));
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      if (!server.port) reject(new Error(`assent serve exited ${code}: ${server.stderr}`));
    });
  });
}
