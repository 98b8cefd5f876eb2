// npm entry (ESM): `import { init } from 'assent-consent'`. The wasm defaults to the package's own
// assent.wasm, resolved from this module's URL (bundlers such as Vite emit it as an asset); so does
// assent-full.wasm, which only pages with [data-assent-policy] download, and the locale files (npm-locales.ts).
// What this file exports is the package's whole public API: build.mjs rolls it up into dist/index.d.ts.
import { boot } from './boot';
import { packageLocales } from './npm-locales';
import type { AssentInstance, InitOptions } from './types';

export type {
  AssentErrorCode,
  AssentErrorDetail,
  AssentGlobal,
  AssentInstance,
  ButtonId,
  CategoryDecision,
  ChangeDetail,
  ConsentModel,
  Decision,
  EventName,
  GcmState,
  GcmValue,
  InitOptions,
  ServiceDecision,
} from './types';
export { AssentError } from './errors';

/** Starts Assent once per page (memoised); rejects with an AssentError naming the cause and the fix. */
export function init(options: InitOptions): Promise<AssentInstance> {
  // No options at all is reported like a missing config (code policy-missing), not thrown synchronously.
  // assent-full.wasm (pages with [data-assent-policy] only): as given, else beside a given wasmUrl, else the package's.
  const fullWasmUrl = options?.fullWasmUrl || (options?.wasmUrl ? undefined : new URL('./assent-full.wasm', import.meta.url));
  const locales = options?.localesUrl ? undefined : packageLocales;
  return boot({ ...options, wasmUrl: options?.wasmUrl || new URL('./assent.wasm', import.meta.url), fullWasmUrl }, locales);
}

const Assent = { init };
export default Assent;
