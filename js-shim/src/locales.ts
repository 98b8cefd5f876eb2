// The wasm engine embeds no texts, not even English: the built-in locales are files (locales/<code>.json next
// to the wasm, or in the npm package) and a visitor downloads only the language they get. Every built-in locale
// has every key (tests/shim/locales.test.mjs), so a German visitor needs de.json alone; English is fetched when
// it is the language, when the language has no built-in file (the policy's own texts sit on top of English),
// or when a file fails to load (a warning, then English). While the wasm downloads, the file for the visitor's
// first language is prefetched when the policy text names that language (a substring test, not a second parse
// of the policy: the engine parses it once), else English, the usual default. Choosing stays in the engine.
import { ownFetch } from './blocking';
import type { Engine } from './engine';
import { AssentError } from './errors';

declare const __ASSENT_LOCALES__: string[]; // built-in locale codes, injected by build.mjs

const primary = (tag: string) => tag.toLowerCase().split(/[-_]/)[0];

/** Built-in locale files that serve a language tag: the tag itself and its base ("pt-BR" → pt-BR, pt); English when none is built in. */
export function filesFor(tag: string): string[] {
  const own = Array.from(new Set([tag.toLowerCase(), primary(tag)])).filter((c) => __ASSENT_LOCALES__.includes(c));
  return own.length ? own : ['en'];
}

/** Where a built-in locale comes from: a URL to fetch, or (npm: English) its text already in the bundle. */
export type LocaleSource = (code: string) => { url: string } | { text: string };

/** Locale files in one folder (the script tag: locales/ next to the wasm, or `localesUrl`). */
export const localeFolder = (base: string): LocaleSource => (code) => ({ url: new URL(`${code}.json`, base).href });

async function fetchOne(code: string, source: LocaleSource): Promise<[string, string] | null> {
  const where = source(code);
  if ('text' in where) return [code, where.text];
  try {
    const res = await ownFetch(where.url, { credentials: 'same-origin' });
    // An SPA host answers a missing file with its index.html (200, text/html): not a locale.
    const type = res.headers?.get('content-type') || '';
    if (res.ok && !/html/i.test(type)) return [code, await res.text()];
    console.warn(`Assent: ${where.url} answered ${res.ok ? `with ${type}, not JSON` : `HTTP ${res.status}`}; "${code}" texts fall back to English. Serve dist/locales/ next to assent.wasm, or set localesUrl.`);
  } catch (e) {
    console.warn(`Assent: could not fetch the "${code}" texts from ${where.url} (${String(e)}); they fall back to English.`);
  }
  return null;
}

export class LocaleLoader {
  private readonly pending = new Map<string, Promise<[string, string] | null>>();

  constructor(private readonly source: LocaleSource) {}

  /** Starts fetching the file(s) of the visitor's first language if the policy names it, else English. */
  prefetch(policyText: string, preferred: readonly string[]): void {
    const first = preferred[0] ? primary(preferred[0]) : 'en';
    const named = policyText.includes(`"${first}"`) || policyText.includes(`"${first}-`);
    for (const code of filesFor(named ? preferred[0] : 'en')) this.get(code);
  }

  /**
   * Adds to the engine every file fetched so far plus what the engine's chosen language needs. A file that
   * fails is replaced by English (with a warning); without English there are no texts to show, so that fails
   * closed like a missing engine.
   */
  async install(engine: Engine, chosenLanguage: string): Promise<void> {
    const wanted = filesFor(chosenLanguage);
    for (const code of wanted) this.get(code);
    let complete = true;
    for (const [code, entry] of await this.settled()) {
      const added = entry !== null && this.add(engine, entry);
      if (!added && wanted.includes(code)) complete = false;
    }
    if (complete) return;
    if (!wanted.includes('en')) {
      this.get('en');
      const en = await this.pending.get('en');
      if (en && this.add(engine, en)) return;
    }
    throw new AssentError('locale-fetch', 'Assent: the English texts (locales/en.json) could not be loaded, so there is nothing to show in the banner. Serve dist/locales/ next to assent.wasm, or set localesUrl.');
  }

  private add(engine: Engine, [code, text]: [string, string]): boolean {
    try {
      engine.addLocale(code, text);
      return true;
    } catch (e) {
      console.warn(`Assent: the "${code}" texts are not a locale file (${e instanceof Error ? e.message : String(e)}); they fall back to English.`);
      return false;
    }
  }

  private async settled(): Promise<Array<[string, [string, string] | null]>> {
    const codes = Array.from(this.pending.keys());
    const entries = await Promise.all(this.pending.values());
    return codes.map((c, i) => [c, entries[i]]);
  }

  private get(code: string): void {
    if (!this.pending.has(code)) this.pending.set(code, fetchOne(code, this.source));
  }
}
