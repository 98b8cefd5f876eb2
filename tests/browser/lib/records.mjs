// Cookies and the stored consent record: read them from a context, build records by hand, seed localStorage.

/** The cookies of the context by name → array of {domain, path, value} (a name can exist on several domains/paths). */
export async function cookieMap(context) {
  const map = {};
  for (const c of await context.cookies()) (map[c.name] ??= []).push({ domain: c.domain, path: c.path, value: c.value });
  return map;
}

/** The stored consent: the cookie (value, expires, attributes) and its localStorage mirror. */
export async function consentRecord(context, page, name = 'assent') {
  const cookie = (await context.cookies()).find((c) => c.name === name) ?? null;
  const local = await page.evaluate((k) => localStorage.getItem(k), `assent:${name}`);
  return { cookie, local };
}

/**
 * Put localStorage entries on `origin` before the page under test loads: visits a same-origin plain-text URL
 * (no shim there) and writes them. `entries` maps key → value (null removes).
 */
export async function seedLocalStorage(page, origin, entries) {
  await page.goto(`${origin}/set-cookie?name=__seed&value=1`);
  await page.evaluate((e) => {
    for (const [k, v] of Object.entries(e)) (v === null ? localStorage.removeItem(k) : localStorage.setItem(k, v));
  }, entries);
}

/** FNV-1a 32-bit as lowercase hex8 — the record's checksum (wasm/core/hash.hpp), to build records by hand. */
export function fnv1aHex(s) {
  let h = 0x811c9dc5;
  for (const b of Buffer.from(s, 'utf8')) { h ^= b; h = Math.imul(h, 0x01000193) >>> 0; }
  return h.toString(16).padStart(8, '0');
}
