// Deletes cookies of denied services wherever they may have been set: every path prefix of this page and
// the host plus each parent domain up to the registrable domain (so `_fbp` on .example.co.uk goes too).
import { globMatch } from './glob';

/** The registrable-domain probe's cookie: cookie-guard.ts never holds it back. */
export const PROBE = '__assent_probe';
let registrable: string | null = null;

/** The shortest parent domain that accepts a cookie: found by probing, no public-suffix list needed. */
export function registrableDomain(host = location.hostname): string {
  if (registrable) return registrable;
  const labels = host.split('.');
  registrable = host;
  if (/^[\d.]+$/.test(host) || host.includes(':') || labels.length < 2) return registrable;
  for (let i = labels.length - 2; i >= 0; i--) {
    const candidate = labels.slice(i).join('.');
    const probe = `${PROBE}=${Math.random().toString(36).slice(2)}`;
    document.cookie = `${probe}; Path=/; Domain=${candidate}; SameSite=Lax`;
    if (document.cookie.includes(probe)) {
      document.cookie = `${PROBE}=; Path=/; Domain=${candidate}; Max-Age=0`;
      registrable = candidate;
      break;
    }
  }
  return registrable;
}

/**
 * Every Domain attribute a cookie visible on `host` can carry: none (host-only), then the host and each parent
 * domain down to `stop` (the registrable domain), with and without the leading dot.
 */
export function domainVariants(host: string, stop: string): (string | null)[] {
  const out: (string | null)[] = [null]; // host-only cookie
  const labels = host.split('.');
  for (let i = 0; i < labels.length; i++) {
    const d = labels.slice(i).join('.');
    out.push(d, `.${d}`);
    if (d === stop) break;
  }
  return out;
}

/** Every Path a cookie visible on `pathname` can carry: "/" and each prefix, with and without a trailing "/". */
export function pathVariants(pathname: string): string[] {
  const out = ['/'];
  const parts = pathname.split('/').filter(Boolean);
  let p = '';
  for (const part of parts) {
    p += `/${part}`;
    out.push(p, `${p}/`);
  }
  return out;
}

/** The names in a cookie string (document.cookie) that match one of `globs`, each once. */
export function matchingNames(cookies: string, globs: string[]): string[] {
  const names = cookies
    .split(';')
    .map((c) => c.trim().split('=')[0])
    .filter((n) => n && globs.some((g) => globMatch(g, n)));
  return Array.from(new Set(names));
}

/** Removes every readable cookie whose name matches one of `globs`. Returns the names removed. */
export function deleteCookies(globs: string[]): string[] {
  return globs.length ? removeCookies(matchingNames(document.cookie, globs)) : [];
}

/** Removes the cookies named `names` on every domain and path they may have been set with. */
export function removeCookies(names: string[]): string[] {
  if (!names.length) return names; // nothing to do: no probing either
  const domains = domainVariants(location.hostname, registrableDomain(location.hostname));
  const paths = pathVariants(location.pathname);
  for (const name of names) {
    for (const d of domains) {
      for (const p of paths) {
        document.cookie = `${name}=; Max-Age=0; Path=${p}${d ? `; Domain=${d}` : ''}`;
      }
    }
  }
  return names;
}
