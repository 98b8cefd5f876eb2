// Script-tag entry, part 2 of 2: assent-core.js, loaded async by the prologue (assent.js). Starts the engine
// on the policy and wasm the prologue is already fetching, and settles window.Assent.ready.
import { boot } from './boot';
import { shared } from './shared-state';
import type { AssentInstance, InitOptions } from './types';

const tag = document.currentScript as HTMLScriptElement | null;
const attr = (name: string) => tag?.getAttribute(name) || undefined;
const wasmUrl = attr('data-wasm') || new URL('assent.wasm', tag?.src || document.baseURI).href;
const state = shared() as ReturnType<typeof shared> & { pendingInit?: InitOptions };

function init(options: InitOptions): Promise<AssentInstance> {
  const started = boot({ ...options, wasmUrl: options?.wasmUrl || wasmUrl }); // no options: policy-missing
  started.then((c) => state.ready?.resolve(c), (e) => state.ready?.reject(e));
  return started;
}

const fromTag: InitOptions | undefined = tag?.hasAttribute('data-manual')
  ? state.pendingInit
  : { config: attr('data-config') || '', region: attr('data-region'), languages: attr('data-lang')?.split(','), csp: attr('data-csp') as 'strict' | undefined };
if (fromTag) void init(fromTag).catch(() => undefined); // reported as assent:error + console
window.Assent = { ready: window.Assent?.ready ?? init(state.pendingInit ?? { config: '' }), init };
