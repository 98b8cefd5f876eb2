// npm entry: where the built-in locale files come from. Each file is named in a literal
// `new URL('./locales/<code>.json', import.meta.url)`, the pattern bundlers (Vite, webpack 5, Rollup, Parcel)
// follow to emit the file as an asset beside the app's code; a URL built from a variable would not be followed,
// and the app would get its index.html back. English is in the bundle (build.mjs), so a failed fetch always has a
// fallback and init() never rejects over texts. tests/shim/locales.test.mjs checks this list against config/locales/.
import type { LocaleSource } from './locales';

declare const __ASSENT_EN_TEXT__: string; // config/locales/en.json, minified, injected by build.mjs

const files: Record<string, () => URL> = {
  de: () => new URL('./locales/de.json', import.meta.url),
  es: () => new URL('./locales/es.json', import.meta.url),
  fr: () => new URL('./locales/fr.json', import.meta.url),
  it: () => new URL('./locales/it.json', import.meta.url),
  nl: () => new URL('./locales/nl.json', import.meta.url),
  pl: () => new URL('./locales/pl.json', import.meta.url),
  pt: () => new URL('./locales/pt.json', import.meta.url),
};

export const packageLocales: LocaleSource = (code) =>
  code === 'en' || !files[code] ? { text: __ASSENT_EN_TEXT__ } : { url: files[code]().href };
