// `npx assent validate|lint|policy|decide POLICY [options]`: the native CLI's commands for a site owner without
// a C++ toolchain, run by the package's own assent-full.wasm in Node. Same stdout, stderr and exit codes as the
// native `assent` (wasm/cli/main.cpp; tests/package/cli.test.mjs runs both over every policy of the vectors):
// JSON on stdout, diagnostics on stderr; exit 0 ok, 1 invalid policy or input, 2 usage error.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { addNodeLocales, instantiateNodeEngine, localesBeside } from '../server/node-engine';
import { InvalidPolicy, policyText } from './policy-text';
import { scanCommand } from './scan/scan-command';
import { ScanUsageError } from './scan/options';
import { parseTime } from './time';

const COMMANDS = ['validate', 'lint', 'policy', 'decide'] as const;
type Command = (typeof COMMANDS)[number];

const CONTEXT = {
  region: { type: 'string' },
  tz: { type: 'string' },
  lang: { type: 'string' },
  gpc: { type: 'boolean' },
  dnt: { type: 'boolean' },
  record: { type: 'string' },
  now: { type: 'string' },
} as const;
const OPTIONS: Record<Command, Record<string, { type: 'string' | 'boolean' }>> = {
  validate: {},
  lint: { strict: { type: 'boolean' } },
  policy: { lang: { type: 'string' }, format: { type: 'string' } },
  decide: CONTEXT,
};

const HELP = `assent — cookie consent policy engine (npm package: the same engine as wasm in Node)
usage: assent <command> POLICY-FILE [options]
  validate POLICY                         check a policy; prints every error with its JSON Pointer
  lint POLICY [--strict]                  warnings beyond validity, each with a fix (--strict: exit 1 on any)
  policy POLICY [--lang L] [--format md|html|json]
                                          the cookie section of your privacy policy
  decide POLICY [--region R] [--tz ZONE] [--lang LANGS] [--gpc] [--dnt] [--record R] [--now TIME]
                                          what the banner does for a visitor in this context
  scan URL [options]                      crawl a site in Chromium, audit it against its policy (assent scan --help)
JSON on stdout, diagnostics on stderr
exit status: 0 ok, 1 invalid policy or input (lint --strict: also any warning), 2 usage error
`;

class UsageError extends Error {
  constructor(readonly command: string, message: string) {
    super(message);
  }
}

const out = (s: string) => process.stdout.write(s);
const err = (s: string) => process.stderr.write(s);
// The engine's compact JSON, indented by 2 as the native CLI prints it.
const pretty = (compact: string) => JSON.stringify(JSON.parse(compact), null, 2);
const splitList = (s: string) => s.split(',').map((x) => x.replace(/ /g, '')).filter(Boolean);

function readPolicy(command: string, path: string): string {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    const code = (e as { code?: string }).code;
    throw new UsageError(command, code === 'EISDIR' ? `policy-file: ${path} is a directory` : `policy-file: File does not exist: ${path}`);
  }
  return policyText(bytes);
}


function reportErrors(path: string, errors: Array<{ path: string; message: string }>): number {
  for (const e of errors) err(`${path}: ${e.path || '(policy)'}: ${e.message}\n`);
  err(`${errors.length} ${errors.length === 1 ? 'error' : 'errors'}\n`);
  out(JSON.stringify({ errors, ok: false }, null, 2) + '\n'); // keys sorted, as the engine writes them
  return 1;
}

async function run(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h') return out(HELP), command ? 0 : 2;
  if (command === 'scan') {
    try {
      return await scanCommand(rest);
    } catch (e) {
      throw e instanceof ScanUsageError ? new UsageError('scan', e.message) : e;
    }
  }
  if (command === '--version') return out(`assent ${JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version}\n`), 0;
  if (!(COMMANDS as readonly string[]).includes(command))
    throw new UsageError('', command.startsWith('-') ? `unknown option ${command}` : `unknown command "${command}" (commands: ${COMMANDS.join(', ')}, scan; choose, words and csp: native CLI)`);
  const cmd = command as Command;
  let parsed;
  try {
    parsed = parseArgs({ args: rest, options: { ...OPTIONS[cmd], help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: true });
  } catch (e) {
    throw new UsageError(cmd, (e as Error).message.replace(/^Unknown option '(.*?)'.*$/s, 'unknown option $1'));
  }
  const v = parsed.values as Record<string, string | boolean | undefined>;
  if (v.help) return out(HELP), 0;
  if (parsed.positionals.length !== 1) throw new UsageError(cmd, parsed.positionals.length ? `unexpected argument "${parsed.positionals[1]}"` : 'policy-file is required');
  const path = parsed.positionals[0];
  const format = (v.format as string | undefined) ?? 'md';
  if (!['md', 'html', 'json'].includes(format)) throw new UsageError(cmd, `--format: ${format} not in {md,html,json}`);
  let now: number | undefined;
  if (typeof v.now === 'string') {
    now = parseTime(v.now) ?? undefined;
    if (now === undefined) throw new UsageError(cmd, `--now: "${v.now}" is not an ISO date such as 2026-11-24T10:00:00Z, nor unix seconds`);
  }
  let text: string;
  try {
    text = readPolicy(cmd, path);
  } catch (e) {
    if (e instanceof InvalidPolicy) return reportErrors(path, [{ message: e.message, path: '' }]);
    throw e;
  }

  // Every built-in locale, as the native CLI embeds them all (`policy --lang de` works for any policy).
  const wasmPath = fileURLToPath(new URL('./assent-full.wasm', import.meta.url));
  const engine = await instantiateNodeEngine('assent', wasmPath);
  await addNodeLocales('assent', engine, wasmPath, readdirSync(localesBeside(wasmPath)).filter((f: string) => f.endsWith('.json')).map((f: string) => f.slice(0, -5)));
  const loaded = JSON.parse(engine.load(text)) as { ok?: boolean; policy?: { categories: unknown[]; services: unknown[] }; error?: { errors?: Array<{ path: string; message: string }> } };
  if (!loaded.ok) return reportErrors(path, loaded.error?.errors ?? []);
  const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
  switch (cmd) {
    case 'validate':
      err(`${path}: valid (${count(loaded.policy!.categories.length, 'category', 'categories')}, ${count(loaded.policy!.services.length, 'service', 'services')})\n`);
      out(pretty(JSON.stringify(loaded)) + '\n');
      return 0;
    case 'lint': {
      const result = JSON.parse(engine.lint!()) as { warnings: Array<{ rule: string; path: string; message: string; fix: string; severity: string }> };
      const errors = result.warnings.filter((w) => w.severity === 'error').length;
      for (const w of result.warnings)
        err(`${path}: ${w.path || '(policy)'}: ${w.severity === 'error' ? 'error: ' : ''}${w.message}\n  fix: ${w.fix} [${w.rule}]\n`);
      err(`${path}: ${count(result.warnings.length, 'finding', 'findings')} (${count(errors, 'error', 'errors')})\n`);
      out(JSON.stringify(result, null, 2) + '\n');
      return errors || (v.strict && result.warnings.length) ? 1 : 0;
    }
    case 'policy':
      out(engine.policySection!(typeof v.lang === 'string' ? splitList(v.lang)[0] ?? '' : '', format));
      return 0;
    case 'decide': {
      const context = {
        region: v.region || undefined,
        timeZone: v.tz || undefined,
        languages: typeof v.lang === 'string' && splitList(v.lang).length ? splitList(v.lang) : undefined,
        gpc: v.gpc || undefined,
        dnt: v.dnt || undefined,
        record: v.record || undefined,
        now: now ?? Math.floor(Date.now() / 1000),
      };
      const answer = engine.decide(JSON.stringify(context));
      const error = (JSON.parse(answer) as { error?: { message: string } }).error;
      if (error) return err(`assent: ${error.message}\n`), 1;
      out(pretty(answer) + '\n');
      return 0;
    }
  }
}

run(process.argv.slice(2)).then(
  (status) => (process.exitCode = status),
  (e) => {
    if (!(e instanceof UsageError)) {
      err(`assent: ${e instanceof Error ? e.message : String(e)}\n`);
      process.exitCode = 1;
      return;
    }
    const name = e.command ? `assent ${e.command}` : 'assent';
    err(`${name}: ${e.message}\n(run \`${name} --help\` for usage)\n`);
    process.exitCode = 2;
  },
);
