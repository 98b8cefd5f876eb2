// `assent scan <url> [options]`, read into ScanOptions; every mistake is a usage error naming the option.
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';

export interface ScanOptions {
  url: URL;
  pages: number;
  regions: string[];
  /** Each run is made with these GPC settings: without, then with. */
  gpc: boolean[];
  timeoutMs: number;
  concurrency: number;
  chromium: string | undefined;
  policy: string | undefined;
  failOn: Array<'leak' | 'undeclared' | 'stale'>;
  draftPolicy: string | undefined;
  json: string;
  html: string;
  quiet: boolean;
}

export const SCAN_HELP = `assent scan — crawl a site in headless Chromium and audit its cookies and trackers against its policy
usage: assent scan URL [options]
  --pages N             same-origin pages to visit, from links and sitemap.xml (default 10, at most 500)
  --region R,R          regions to scan as (default DE,US-CA); each is scanned without and with GPC
  --no-gpc-pass         only scan without GPC
  --timeout MS          limit for each page load, banner and click (default 15000; waiting for quiet: 5 s at most)
  --concurrency N       browser contexts at once (default 2, at most 8)
  --chromium PATH       the Chromium executable (default: found on PATH, ASSENT_CHROMIUM, or Playwright's)
  --policy FILE         audit against this policy instead of the one the Assent script tag names (data-config)
  --fail-on LIST        exit 1 on any of: leak, undeclared, stale (comma-separated)
  --draft-policy FILE   write a starting policy from what was found (for a site without one)
  --json FILE           write the JSON report (default: assent-scan.json)
  --html FILE           write the HTML report (default: assent-scan.html)
  --quiet               no progress line
Needs the optional dependency playwright-core (npm install playwright-core) and a Chromium.
exit status: 0 done (and nothing --fail-on names was found), 1 findings named by --fail-on or a failed scan, 2 usage error
`;

export class ScanUsageError extends Error {}

const REGION = /^[A-Z]{2}(-[A-Z0-9]{1,3})?$/;

function count(name: string, value: string | undefined, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) throw new ScanUsageError(`--${name}: "${value}" is not a whole number from ${min} to ${max}`);
  return Number(value);
}

export function readScanOptions(args: string[]): ScanOptions | 'help' {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      strict: true,
      options: {
        pages: { type: 'string' }, region: { type: 'string' }, 'no-gpc-pass': { type: 'boolean' }, timeout: { type: 'string' },
        concurrency: { type: 'string' }, chromium: { type: 'string' }, policy: { type: 'string' }, 'fail-on': { type: 'string' },
        'draft-policy': { type: 'string' }, json: { type: 'string' }, html: { type: 'string' }, quiet: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (e) {
    throw new ScanUsageError((e as Error).message.replace(/^Unknown option '(.*?)'.*$/s, 'unknown option $1'));
  }
  const v = parsed.values as Record<string, string | undefined> & Record<"no-gpc-pass" | "quiet" | "help", boolean | undefined>;
  if (v.help) return 'help';
  if (parsed.positionals.length !== 1) throw new ScanUsageError(parsed.positionals.length ? `unexpected argument "${parsed.positionals[1]}"` : 'URL is required');
  let url: URL;
  try {
    url = new URL(parsed.positionals[0]);
  } catch {
    throw new ScanUsageError(`"${parsed.positionals[0]}" is not an absolute URL (for example https://example.com/)`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new ScanUsageError(`${url.href}: only http and https URLs can be scanned`);
  url.hash = '';
  const regions = (v.region ?? 'DE,US-CA').split(',').map((r) => r.trim().toUpperCase()).filter(Boolean);
  const badRegion = regions.find((r) => !REGION.test(r));
  if (!regions.length || badRegion !== undefined) throw new ScanUsageError(`--region: "${badRegion ?? ''}" is not an ISO 3166 region such as DE, GB or US-CA`);
  const failOn = (v['fail-on'] ?? '').split(',').map((x) => x.trim()).filter(Boolean);
  const badFail = failOn.find((f) => !['leak', 'undeclared', 'stale'].includes(f));
  if (badFail !== undefined) throw new ScanUsageError(`--fail-on: "${badFail}" is not one of leak, undeclared, stale`);
  if (v.policy && v['draft-policy']) throw new ScanUsageError('--draft-policy drafts a policy for a site without one; it cannot be combined with --policy');
  // Where the reports go must exist before the crawl, not be found missing after it.
  for (const [option, path] of [['json', v.json], ['html', v.html], ['draft-policy', v['draft-policy']]] as const)
    if (typeof path === 'string' && !existsSync(dirname(resolve(path)))) throw new ScanUsageError(`--${option}: the folder of ${path} does not exist`);
  return {
    url,
    pages: count('pages', v.pages, 10, 1, 500),
    regions: [...new Set(regions)],
    gpc: v['no-gpc-pass'] ? [false] : [false, true],
    timeoutMs: count('timeout', v.timeout, 15000, 1000, 600000),
    concurrency: count('concurrency', v.concurrency, 2, 1, 8),
    chromium: v.chromium,
    policy: v.policy,
    failOn: failOn as ScanOptions['failOn'],
    draftPolicy: v['draft-policy'],
    json: v.json ?? 'assent-scan.json',
    html: v.html ?? 'assent-scan.html',
    quiet: Boolean(v.quiet),
  };
}
