// `*` globs, the same semantics as the engine's glob_match (wasm/core/glob.cpp). Needed synchronously
// before the engine has loaded (to stop a matching script the moment it appears), hence in JS too;
// the engine still decides which services are granted. Both run the cases in tests/glob/vectors.json.
export function globMatch(pattern: string, text: string): boolean {
  let p = 0;
  let t = 0;
  let star = -1;
  let mark = 0;
  while (t < text.length) {
    if (p < pattern.length && pattern[p] === '*') {
      star = p++;
      mark = t;
    } else if (p < pattern.length && pattern[p] === text[t]) {
      p++;
      t++;
    } else if (star >= 0) {
      p = star + 1;
      t = ++mark;
    } else {
      return false;
    }
  }
  while (p < pattern.length && pattern[p] === '*') p++;
  return p === pattern.length;
}

/** A script pattern matches the absolute URL, or the URL without its scheme ("*.example.com/*"). */
export function urlMatches(pattern: string, url: string): boolean {
  return globMatch(pattern, url) || globMatch(pattern, url.replace(/^[a-z][a-z0-9+.-]*:\/\//i, ''));
}
