#!/usr/bin/env node
// Fails when a file in the repository cites a document that is not in the repository: a `.md` file that does
// not exist, a path that leaves the repository, or a `§Section` that the cited document has no heading for.
// CI and users only have the repository, so every reference must resolve inside it.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join, posix } from 'node:path';
import { fileURLToPath } from 'node:url';

const USAGE = `usage: node tests/scripts/check-references.mjs [--root DIR]

Scans every git-tracked text file (plus new files not yet added; not package-lock.json, node_modules or
binary files) for references to documents (in code, a string literal holding just a file name is data, not
a reference), and prints one line per problem:
  file:line: reference to X, which does not exist
  file:line: reference to X, which is outside the repository
  file:line: X has no section "Y"
A reference is a path or bare name ending in .md (a bare name resolves to any file with that name; a path
resolves from the citing file's folder, the repository root, or as the tail of a repository path; DIR or
<name> segments are placeholders), any path into a "shared" folder above the repository or into the
machine's /work tree, and a §Section right after a .md reference or after a ";", "," or "+" that continues
it, e.g. "wasm/core/SPEC.md §Regions" or "config/jurisdictions.md §0 row EU-27; §5" (a numbered section
matches a heading that starts with that number; a § after other words, as in "11 CCR §7025", is a law's).
The retired spec name (assent-spec + .md) is always reported.
Exit status: 0 when everything resolves, 1 when something is missing, 2 on a usage error.
  --root DIR   the repository to check (default: the one this script is in)`;

const args = process.argv.slice(2);
if (args.includes('--help') || args.includes('-h')) {
  console.log(USAGE);
  process.exit(0);
}
let root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--root' && args[i + 1]) root = args[++i];
  else if (args[i] === '--root') usageError('--root needs a directory');
  else usageError(`unknown argument "${args[i]}"`);
}
function usageError(message) {
  console.error(`check-references: ${message}\n\n${USAGE}`);
  process.exit(2);
}

// Tracked files, and new ones not ignored, so a document counts before its first commit.
let listed;
try {
  listed = execFileSync('git', ['-C', root, 'ls-files', '-z', '--cached', '--others', '--exclude-standard'],
    { stdio: ['ignore', 'pipe', 'pipe'] }).toString().split('\0').filter(Boolean);
} catch {
  usageError(`${root} is not a git repository`);
}
const files = [...new Set(listed)].filter((f) => !/(^|\/)(node_modules\/|package-lock\.json$)/.test(f));
const read = (f) => { try { return readFileSync(join(root, f)); } catch { return null; } };  // deleted, not yet staged
const present = new Set(files.filter((f) => read(f) !== null));

const URL_RE = /\b[a-z][a-z0-9+.-]*:\/\/[^\s)>\]"'`]*/gi;          // URLs cite the web, not the repository
const OUTSIDE_RE = /(?:(?:\.\.\/)+shared\/|(?<![\w.])\/work\/)[^\s"'`)\],;]*/g;
const MD_RE = /(?<![\w.\/<>-])((?:\.{1,2}\/|\/)?(?:[\w.<>-]+\/)*[\w<>-][\w.<>-]*\.md)(?![\w-])/g;
const RETIRED = 'assent-spec' + '.md';
const CODE_RE = /\.(c|m)?js$|\.tsx?$|\.(cpp|hpp|h|cc)$/;
// In code, a string literal holding just a file name is data the program reads or writes, not a citation.
function isLiteral(file, line, m) {
  const quote = line[m.index - 1];
  return CODE_RE.test(file) && (quote === "'" || quote === '"') && line[m.index + m[0].length] === quote;
}
const placeholder = (seg) => /^[A-Z][A-Z_]*$/.test(seg) || /^<[^>]+>$/.test(seg);

// The repository files a reference can mean: [] when none, null when it leaves the repository.
function resolveRef(ref, from) {
  if (ref.startsWith('/')) return null;
  if (!ref.includes('/')) return [...present].filter((f) => posix.basename(f) === ref);
  const relative = posix.normalize(posix.join(posix.dirname(from), ref));
  const fromRoot = posix.normalize(ref);
  if (fromRoot.startsWith('../') && relative.startsWith('../')) return null;
  const found = [relative, fromRoot].filter((p) => present.has(p));
  if (found.length) return found;
  const segment = (s) => (placeholder(s) ? '[^/]+' : s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const tail = new RegExp('(^|/)' + fromRoot.split('/').map(segment).join('/') + '$');
  return [...present].filter((p) => tail.test(p));
}

const headingCache = new Map();
function headings(doc) {  // lowercased heading texts, plus the leading number of numbered ones ("0", "2a")
  if (!headingCache.has(doc)) {
    const keys = [];
    let fenced = false;
    for (const line of read(doc).toString('utf8').split('\n')) {
      if (/^\s*(```|~~~)/.test(line)) fenced = !fenced;
      const m = !fenced && /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
      if (!m) continue;
      const text = m[1].replace(/[`*_]/g, '').replace(/^§\s*/, '').toLowerCase();
      keys.push(text);
      const num = /^(\d+[a-z]?)(?=[.)\s]|$)/.exec(text);
      if (num) keys.push(num[1]);
    }
    headingCache.set(doc, keys);
  }
  return headingCache.get(doc);
}

// The section name after "§": up to punctuation that ends it, a " + ", a " — " or the end of the line.
function sectionName(text) {
  return text.split(/[;,:()"'`\[\]]| \+ | — |\.(?:\s|$)/)[0].trim();
}
const hasSection = (docs, name) => docs.some((d) => headings(d).some((k) => {
  const n = name.toLowerCase();
  return n === k || (n.startsWith(k) && !/[\p{L}\p{N}]/u.test(n[k.length]));
}));

const problems = [];
let checked = 0;
for (const file of [...present].sort()) {
  const bytes = read(file);
  if (bytes.subarray(0, 8000).includes(0)) continue;  // binary
  bytes.toString('utf8').split('\n').forEach((raw, i) => {
    const where = `${file}:${i + 1}`;
    // JSON may escape "§" as \u00a7.
    const unescape = (_, hex) => String.fromCharCode(parseInt(hex, 16));
    const text = file.endsWith('.json') ? raw.replace(/\\u([0-9a-fA-F]{4})/g, unescape) : raw;
    const line = text.replace(URL_RE, (m) => ' '.repeat(m.length));
    const outside = [];
    for (const m of line.matchAll(OUTSIDE_RE)) {
      checked++;
      outside.push([m.index, m.index + m[0].length]);
      problems.push(`${where}: reference to ${m[0]}, which is outside the repository`);
    }
    const refs = [...line.matchAll(MD_RE)]
      .filter((m) => !outside.some(([a, b]) => m.index >= a && m.index < b) && !isLiteral(file, line, m));
    refs.forEach((m, r) => {
      const ref = m[1];
      checked++;
      if (posix.basename(ref) === RETIRED)
        return problems.push(`${where}: reference to ${ref}, which does not exist (the spec is wasm/core/SPEC.md)`);
      const docs = resolveRef(ref, file);
      if (docs === null) return problems.push(`${where}: reference to ${ref}, which is outside the repository`);
      if (!docs.length) return problems.push(`${where}: reference to ${ref}, which does not exist`);
      // Sections after this reference, up to the next one: "<doc> §A", "<doc> §A (…); §B", "§A + §B".
      const end = r + 1 < refs.length ? refs[r + 1].index : line.length;
      const after = m.index + ref.length;
      for (const s of line.slice(after, end).matchAll(/§/g)) {
        const at = after + s.index;
        const before = line.slice(0, at).trimEnd();
        const continues = before.length === after || /[;,+]$/.test(before);
        if (!continues) continue;  // e.g. "11 CCR §7025": a section of a law, not of this document
        const name = sectionName(line.slice(at + 1, end));
        checked++;
        if (!hasSection(docs, name)) problems.push(`${where}: ${ref} has no section "${name}"`);
      }
    });
  });
}

for (const p of problems) console.log(p);
console.log(`references: ${checked} checked, ${problems.length} missing`);
process.exit(problems.length ? 1 : 0);
