// npm entry (ESM): `import { init } from 'assent-consent'`. The wasm defaults to the package's own
// assent.wasm, resolved from this module's URL (bundlers such as Vite emit it as an asset).
import { boot } from './boot';
import type { AssentInstance, InitOptions } from './types';

export type * from './types';
export { AssentError } from './errors';

export function init(options: InitOptions): Promise<AssentInstance> {
  return boot({ ...options, wasmUrl: options.wasmUrl || new URL('./assent.wasm', import.meta.url) });
}

const Assent = { init };
export default Assent;
