// The wasm engine embeds only English. Other built-in locales are fetched from `locales/` next to the wasm:
// while the wasm downloads, the one for the visitor's first language is prefetched when the policy text
// mentions that language (a substring test, not a second parse of the policy: the engine parses it once; a
// network hint only); once the engine has chosen the language, a miss is fetched. Choosing stays in the engine.
import { ownFetch } from './blocking';
import type { Engine } from './engine';

declare const __ASSENT_LOCALES__: string[]; // built-in locale codes, injected by build.mjs

const primary = (tag: string) => tag.toLowerCase().split(/[-_]/)[0];

/** Built-in locale files that serve a language tag: the tag itself and its base ("pt-BR" → pt-BR, pt). */
export function filesFor(tag: string): string[] {
  return Array.from(new Set([tag, primary(tag)])).filter((c) => c !== 'en' && __ASSENT_LOCALES__.includes(c));
}

async function fetchOne(code: string, base: string): Promise<[string, string] | null> {
  try {
    const url = new URL(`${code}.json`, base).href;
    const res = await ownFetch(url, { credentials: 'same-origin' });
    if (res.ok) return [code, await res.text()];
    console.warn(`Assent: ${url} answered HTTP ${res.status}; "${code}" texts fall back to English. Serve dist/locales/ next to assent.wasm, or set localesUrl.`);
  } catch (e) {
    console.warn(`Assent: could not fetch the "${code}" texts from ${base} (${String(e)}); they fall back to English.`);
  }
  return null;
}

export class LocaleLoader {
  private readonly pending = new Map<string, Promise<[string, string] | null>>();

  constructor(private readonly base: string) {}

  /** Starts fetching the built-in locale of the visitor's first language, if the policy names it (none for English). */
  prefetch(policyText: string, preferred: readonly string[]): void {
    const first = preferred[0];
    if (first && policyText.includes(`"${primary(first)}`)) for (const code of filesFor(first)) this.get(code);
  }

  /** Adds to the engine every prefetched locale plus whatever the engine's chosen language needs. */
  async install(engine: Engine, chosenLanguage: string): Promise<void> {
    for (const code of filesFor(chosenLanguage)) this.get(code);
    for (const entry of await Promise.all(this.pending.values())) if (entry) engine.addLocale(entry[0], entry[1]);
  }

  private get(code: string): void {
    if (!this.pending.has(code)) this.pending.set(code, fetchOne(code, this.base));
  }
}
