// Debian's Chromium through playwright-core (from tests/node_modules, whoever imports this): the executable,
// the one list of launch flags every suite uses, and launch().
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

const testsDir = new URL('../', import.meta.url);
let playwright;
try {
  playwright = createRequire(new URL('package.json', testsDir))('playwright-core');
} catch (e) {
  throw new Error(`playwright-core is not installed in tests/node_modules: run \`cd tests && npm ci\` (${e.message})`);
}
export const { chromium } = playwright;

export const CHROMIUM = process.env.ASSENT_CHROMIUM ?? '/usr/bin/chromium';

/** Host names under this domain resolve to 127.0.0.1 (parent-domain cookies need a real-looking host). */
export const TEST_DOMAIN = 'assent.test';

/**
 * The launch flags: no sandbox (containers), no GPU, no QUIC, and no traffic of the browser's own (background
 * networking, component updates, sync) so that every request a test sees comes from the page.
 */
export const LAUNCH_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-default-apps', '--disable-extensions',
  '--metrics-recording-only', '--mute-audio',
  `--host-resolver-rules=MAP *.${TEST_DOMAIN} 127.0.0.1`,
];

/** Throws a message that says what to install when the browser is missing. */
export function requireChromium() {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install chromium (or set ASSENT_CHROMIUM=/path/to/chromium)`);
  }
}

/** Launches headless Chromium with LAUNCH_ARGS (+ extraArgs). */
export async function launch(extraArgs = []) {
  requireChromium();
  return chromium.launch({ executablePath: CHROMIUM, args: [...LAUNCH_ARGS, ...extraArgs] });
}
