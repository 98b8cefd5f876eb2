// Just enough of a browser for the shim's cookie and storage modules in Node: a cookie jar that follows
// RFC 6265 §5.3 (storage: name + domain + path, host-only, default-path, Max-Age=0 deletes, public suffixes
// refused) and §5.4 (document.cookie: what domain- and path-matches the page, longer paths first), a
// localStorage, and location. install() puts them on globalThis and returns an undo function.

/** RFC 6265 §5.1.3: does `host` domain-match `domain`? (Never a part of an IP address.) */
export function domainMatch(host, domain) {
  if (host === domain) return true;
  return !/^[\d.]+$/.test(host) && host.endsWith(`.${domain}`);
}

/** RFC 6265 §5.1.4: does `requestPath` path-match `cookiePath`? */
export function pathMatch(requestPath, cookiePath) {
  if (requestPath === cookiePath) return true;
  return requestPath.startsWith(cookiePath) && (cookiePath.endsWith('/') || requestPath[cookiePath.length] === '/');
}

/** RFC 6265 §5.1.4: the default path of a cookie set by a page at `path` (its "directory"). */
export function defaultPath(path) {
  if (!path.startsWith('/') || path.lastIndexOf('/') === 0) return '/';
  return path.slice(0, path.lastIndexOf('/'));
}

/**
 * A cookie jar for pages of `url`. `publicSuffixes` lists domains that take no cookies of their own (the
 * browser's public-suffix list, in miniature). jar.cookies holds {name, value, domain, hostOnly, path}.
 */
export function cookieJar(url, { publicSuffixes = ['uk', 'co.uk', 'com', 'example', 'test'] } = {}) {
  const page = new URL(url);
  const jar = {
    cookies: [],
    writes: [],
    /** document.cookie = string (the §5.2 parser, reduced to the attributes the shim writes). */
    set(str) {
      jar.writes.push(str);
      const [pair, ...attrs] = str.split(';');
      const eq = pair.indexOf('=');
      if (eq < 0) return;
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      let domain = null;
      let path = null;
      let maxAge = null;
      for (const a of attrs) {
        const [k, v = ''] = a.split('=').map((x) => x.trim());
        if (/^domain$/i.test(k)) domain = v.replace(/^\./, '').toLowerCase();
        else if (/^path$/i.test(k) && v.startsWith('/')) path = v;
        else if (/^max-age$/i.test(k)) maxAge = Number(v);
      }
      if (domain !== null && (!domainMatch(page.hostname, domain) || publicSuffixes.includes(domain))) return; // refused
      const c = { name, value, domain: domain ?? page.hostname, hostOnly: domain === null, path: path ?? defaultPath(page.pathname) };
      // §5.3 step 11: the same name, domain and path is the same cookie (replaced, or deleted by Max-Age=0).
      jar.cookies = jar.cookies.filter((x) => !(x.name === c.name && x.domain === c.domain && x.path === c.path));
      if (maxAge === null || maxAge > 0) jar.cookies.push(c);
    },
    /** document.cookie as the page reads it. */
    get() {
      return jar.cookies
        .filter((c) => (c.hostOnly ? c.domain === page.hostname : domainMatch(page.hostname, c.domain)) && pathMatch(page.pathname, c.path))
        .sort((a, b) => b.path.length - a.path.length)
        .map((c) => `${c.name}=${c.value}`)
        .join('; ');
    },
    /** Adds a cookie as a server (or another page) could have set it. */
    add(c) { jar.cookies.push({ hostOnly: false, path: '/', ...c }); },
  };
  return jar;
}

/** A localStorage (Storage API subset); `blocked: true` throws on every access, as a sandboxed frame does. */
export function fakeStorage({ blocked = false } = {}) {
  const m = new Map();
  const guard = () => { if (blocked) throw new Error('SecurityError: storage is blocked'); };
  return {
    map: m,
    getItem: (k) => { guard(); return m.has(k) ? m.get(k) : null; },
    setItem: (k, v) => { guard(); m.set(k, String(v)); },
    removeItem: (k) => { guard(); m.delete(k); },
  };
}

/** Installs document.cookie (from `jar`), location (from `url`) and localStorage on globalThis; returns undo. */
export function install({ url, jar = cookieJar(url), storage = fakeStorage() }) {
  const saved = {};
  const set = (k, v) => { saved[k] = Object.getOwnPropertyDescriptor(globalThis, k); Object.defineProperty(globalThis, k, { value: v, configurable: true, writable: true }); };
  const document = {};
  Object.defineProperty(document, 'cookie', { get: () => jar.get(), set: (s) => jar.set(s) });
  const u = new URL(url);
  set('document', document);
  set('location', { href: u.href, protocol: u.protocol, hostname: u.hostname, pathname: u.pathname, origin: u.origin });
  set('localStorage', storage);
  return () => {
    for (const [k, d] of Object.entries(saved)) {
      if (d) Object.defineProperty(globalThis, k, d);
      else delete globalThis[k];
    }
  };
}
