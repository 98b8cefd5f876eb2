// npm entry (ESM): `import { init } from 'assent-consent'`. The wasm defaults to the package's own
// assent.wasm, resolved from this module's URL (bundlers such as Vite emit it as an asset).
import { boot } from './boot';
import type { AssentInstance, InitOptions } from './types';

export type * from './types';
export { AssentError } from './engine';

export function init(options: InitOptions): Promise<AssentInstance> {
  const wasmUrl = new URL(String(options.wasmUrl || new URL('./assent.wasm', import.meta.url)), document.baseURI).href;
  return boot({ ...options, wasmUrl, localesUrl: options.localesUrl ? new URL(String(options.localesUrl), document.baseURI).href : undefined });
}

const Assent = { init };
export default Assent;
