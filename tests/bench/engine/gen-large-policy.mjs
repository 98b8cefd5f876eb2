// Generates the "large" benchmark policy: the saas-full.json example grown to the 512-service limit
// (README "Limits"), each service with cookie globs, script URL patterns, a purpose and a retention, so
// that decide/choose walk a realistic worst case. Deterministic (no randomness): same bytes every run.
//   node engine/gen-large-policy.mjs [out.json]   (default: stdout)
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const base = JSON.parse(readFileSync(join(repo, 'config', 'examples', 'saas-full.json'), 'utf8'));
const cats = base.categories.map((c) => c.id); // essential, preference, analytics, marketing, support
const services = [];
for (let i = 0; services.length < 512; i++) {
  const category = cats[i % cats.length];
  const n = String(i).padStart(3, '0');
  services.push({
    id: `svc-${n}`,
    category,
    vendor: `Vendor ${n} Ltd.`,
    name: `Service ${n}`,
    purpose: `Purpose of service ${n} (${category}).`,
    cookies: [`_s${n}`, `_s${n}_*`],
    scripts: [`https://cdn${n}.example/*`, `https://*.t${n}.example/js*`],
    retention: `${(i % 24) + 1} months`,
  });
}
const policy = { ...base, revision: 'bench-large-512', services };
const text = JSON.stringify(policy, null, 1);
if (text.length > 256 * 1024) throw new Error(`large policy is ${text.length} bytes, over the 256 KiB limit`);
if (process.argv[2]) writeFileSync(process.argv[2], text + '\n');
else process.stdout.write(text + '\n');
