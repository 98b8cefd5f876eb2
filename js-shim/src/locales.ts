// The wasm engine embeds only English. The languages a policy declares are fetched here, next to the wasm,
// in parallel with its download, and handed to the engine before the first decision. Reading the policy's
// `languages` list is data plumbing; choosing the visitor's language stays in the engine.
declare const __ASSENT_LOCALES__: string[]; // built-in locale codes, injected by build.mjs

export async function fetchLocales(policyText: string, base: string): Promise<[string, string][]> {
  let languages: unknown;
  try {
    languages = (JSON.parse(policyText) as { languages?: unknown }).languages;
  } catch {
    return []; // the engine reports the broken policy
  }
  if (!Array.isArray(languages)) return [];
  const wanted = new Set<string>();
  for (const tag of languages) {
    if (typeof tag !== 'string') continue;
    for (const code of [tag, tag.split('-')[0]]) if (code !== 'en' && __ASSENT_LOCALES__.includes(code)) wanted.add(code);
  }
  const results = await Promise.all(
    Array.from(wanted, async (code): Promise<[string, string] | null> => {
      const url = new URL(`${code}.json`, base).href;
      try {
        const res = await fetch(url, { credentials: 'same-origin' });
        if (res.ok) return [code, await res.text()];
        console.warn(`Assent: ${url} answered HTTP ${res.status}; "${code}" falls back to English texts.`);
      } catch (e) {
        console.warn(`Assent: could not fetch ${url} (${String(e)}); "${code}" falls back to English texts.`);
      }
      return null;
    }),
  );
  return results.filter((r): r is [string, string] => r !== null);
}
