// Chromium through playwright-core, an optional dependency: `assent scan` is the only command that needs a
// browser, so the package does not make every install download one. The system's Chromium is preferred.
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import type { Browser } from 'playwright-core';

const NAMES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable', 'chrome'];

/** --chromium, then ASSENT_CHROMIUM, then a Chromium on PATH; undefined lets Playwright use its own download. */
export function findChromium(given: string | undefined): string | undefined {
  if (given !== undefined) {
    if (!existsSync(given)) throw new Error(`--chromium: ${given} does not exist`);
    return given;
  }
  const env = process.env.ASSENT_CHROMIUM;
  if (env && existsSync(env)) return env;
  for (const dir of (process.env.PATH ?? '').split(delimiter))
    for (const name of NAMES) if (dir && existsSync(join(dir, name))) return join(dir, name);
  return undefined;
}

// Site isolation off so one CDP session per page sees the requests of its cross-origin frames too; no traffic of
// the browser's own, so every request in the report comes from the site.
const ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-default-apps', '--disable-extensions', '--mute-audio',
  '--disable-site-isolation-trials', '--disable-features=IsolateOrigins,site-per-process',
];

export async function launchBrowser(chromiumPath: string | undefined): Promise<Browser> {
  let playwright: typeof import('playwright-core');
  try {
    playwright = await import('playwright-core');
  } catch {
    throw new Error('assent scan needs playwright-core, an optional dependency of this package: npm install playwright-core');
  }
  const executablePath = findChromium(chromiumPath);
  try {
    return await playwright.chromium.launch({ executablePath, args: ARGS });
  } catch (e) {
    const hint = executablePath ? `at ${executablePath}` : 'on PATH (apt-get install chromium, or give --chromium PATH)';
    throw new Error(`could not start Chromium ${hint}: ${(e as Error).message.split('\n')[0]}`);
  }
}
