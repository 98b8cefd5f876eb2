// Runs the npm package's `assent scan` (js-shim/dist/cli.mjs) as a user would, in a temporary folder, with the
// Debian Chromium; bounded in time (killed by its PID past `limitMs`). Returns the exit code, both outputs, and
// the reports it wrote, parsed.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv2020 from 'ajv/dist/2020.js';
import { CHROMIUM } from '../../lib/chromium.mjs';

export const root = fileURLToPath(new URL('../../../', import.meta.url));
export const CLI = join(root, 'js-shim/dist/cli.mjs');
const schema = JSON.parse(readFileSync(join(root, 'js-shim/dist/scan-report.schema.json'), 'utf8'));
export const validateReport = new Ajv2020({ strict: true, allErrors: true }).compile(schema);

export function runScan(args, { dir = mkdtempSync(join(tmpdir(), 'assent-scan-')), limitMs = 300000 } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, 'scan', ...args], { cwd: dir, env: { ...process.env, ASSENT_CHROMIUM: CHROMIUM }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => {
      process.kill(child.pid, 'SIGKILL');
      reject(new Error(`assent scan ${args.join(' ')} ran past ${limitMs} ms\n${stderr}`));
    }, limitMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      const read = (f) => (existsSync(join(dir, f)) ? readFileSync(join(dir, f), 'utf8') : null);
      const json = read('assent-scan.json');
      resolve({ code, stdout, stderr, dir, report: json && JSON.parse(json), html: read('assent-scan.html') });
    });
  });
}
