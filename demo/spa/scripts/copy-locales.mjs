// Runs before `vite build` (npm's prebuild). assent-consent fetches the texts of each language the policy
// declares from a folder (default: locales/ next to the wasm). The wasm comes in through an `?url` import, which
// Vite hashes into dist/assets/; the locale folder has no such import, so it is copied into public/ as is and
// src/consent.ts passes its URL as `localesUrl`.
import { cpSync, rmSync } from 'node:fs';

const from = new URL('../node_modules/assent-consent/dist/locales/', import.meta.url);
const to = new URL('../public/assent-locales/', import.meta.url);
rmSync(to, { recursive: true, force: true });
cpSync(from, to, { recursive: true });
