// On a terminal, `assent scan` keeps one progress line up to date (rewritten in place with \r) while it crawls,
// and clears it before the summary; piped (as in CI) it writes none. The terminal is a pseudo-terminal from
// util-linux's `script`, which Debian always has.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHROMIUM } from '../lib/chromium.mjs';
import { startFixture } from './lib/fixture.mjs';
import { CLI, runScan } from './lib/run-scan.mjs';

let fx;
before(async () => (fx = await startFixture()));
after(() => fx?.close());

const quote = (s) => `'${s.replaceAll("'", "'\\''")}'`;

test('a progress line on a terminal: [done/total] region pass page, rewritten in place', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'assent-scan-tty-'));
  const command = [process.execPath, CLI, 'scan', `${fx.plain}/`, '--pages', '2', '--region', 'DE', '--no-gpc-pass', '--timeout', '5000'].map(quote).join(' ');
  const output = await new Promise((resolve, reject) => {
    const child = spawn('script', ['-qec', command, '/dev/null'], { cwd: dir, env: { ...process.env, ASSENT_CHROMIUM: CHROMIUM }, stdio: ['ignore', 'pipe', 'pipe'] });
    let text = '';
    child.stdout.on('data', (d) => (text += d));
    const timer = setTimeout(() => (process.kill(child.pid, 'SIGKILL'), reject(new Error('scan on a terminal did not end'))), 120000);
    child.on('close', (code) => (clearTimeout(timer), code === 0 ? resolve(text) : reject(new Error(`exit ${code}: ${text}`))));
  });
  assert.match(output, /\r\x1b\[2K\[0\/2\] DE before \//);
  assert.match(output, /\r\x1b\[2K\[2\/2\] DE before \/about\.html|\r\x1b\[2K\[2\/2\] DE before \//);
  assert.match(output, /\r\x1b\[2Kassent scan http:\/\/localhost:\d+\/: 2 page\(s\)/, 'the line is cleared before the summary');
});

test('piped, no progress line', async () => {
  const r = await runScan([`${fx.plain}/`, '--pages', '1', '--region', 'DE', '--no-gpc-pass', '--timeout', '5000']);
  assert.equal(r.code, 0, r.stderr);
  assert.doesNotMatch(r.stderr + r.stdout, /\r|\[\d+\/\d+\]/);
});
