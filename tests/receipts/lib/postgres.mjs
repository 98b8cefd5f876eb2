// A throw-away PostgreSQL cluster for the receipts tests: Debian's `postgresql` binaries, a data directory in a
// temp dir, loopback only, trust auth, run as the `postgres` user when the tests run as root (PostgreSQL refuses
// root). The server is our child: stopped by its PID, and the directory is removed afterwards.
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, chownSync, existsSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, waitFor } from './process.mjs';

function binDir() {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).filter((v) => existsSync(join(root, v, 'bin/postgres'))) : [];
  if (!versions.length) throw new Error('PostgreSQL is not installed (Debian package postgresql; tests/scripts/setup.sh installs it)');
  return join(root, versions.sort((a, b) => Number(b) - Number(a))[0], 'bin');
}

const asRoot = process.getuid?.() === 0;
const postgresUser = () => Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
const postgresGroup = () => Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
// The command line, run as `postgres` when we are root.
const as = (cmd, args) => (asRoot ? ['runuser', ['-u', 'postgres', '--', cmd, ...args]] : [cmd, args]);

export async function startPostgres() {
  const bin = binDir();
  const dir = mkdtempSync(join(tmpdir(), 'assent-pg-'));
  if (asRoot) chownSync(dir, postgresUser(), postgresGroup());
  const data = join(dir, 'data');
  const [initCmd, initArgs] = as(join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-instructions']);
  execFileSync(initCmd, initArgs, { stdio: ['ignore', 'ignore', 'pipe'] });
  const port = await freePort();
  const pg = {
    dir,
    port,
    url: `postgresql://postgres@127.0.0.1:${port}/postgres`,
    child: null,
    pid: 0,
    log: '',
    async start() {
      const [cmd, args] = as(join(bin, 'postgres'), ['-D', data, '-p', String(port), '-k', dir, '-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=on']);
      this.child = spawn(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'] });
      this.child.stderr.on('data', (d) => (this.log += d));
      const [readyCmd, readyArgs] = as(join(bin, 'pg_isready'), ['-h', '127.0.0.1', '-p', String(port), '-t', '1']);
      await waitFor(() => {
        try {
          execFileSync(readyCmd, readyArgs, { stdio: 'ignore' });
          return true;
        } catch {
          if (this.child.exitCode !== null) throw new Error(`PostgreSQL exited: ${this.log}`);
          return false;
        }
      }, 30000, 'PostgreSQL to accept connections');
      // The postmaster's own PID (runuser sits between us and it when we are root).
      this.pid = Number(readFileSync(join(data, 'postmaster.pid'), 'utf8').split('\n')[0]);
    },
    // Fast shutdown (SIGINT): clients are disconnected, the data stays.
    async stop() {
      if (!this.pid) return;
      const alive = () => {
        try {
          process.kill(this.pid, 0);
          return true;
        } catch {
          return false;
        }
      };
      if (alive()) process.kill(this.pid, 'SIGINT');
      try {
        await waitFor(() => !alive(), 15000, 'PostgreSQL to stop');
      } catch {
        if (alive()) process.kill(this.pid, 'SIGKILL');
      }
      this.pid = 0;
      if (this.child?.exitCode === null) await new Promise((r) => this.child.once('exit', r));
    },
    async remove() {
      await this.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  await pg.start();
  return pg;
}
