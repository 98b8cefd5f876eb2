// Starts the .wasm download as early as possible (the prologue), once per page even across bundles.
import { ownFetch } from './blocking';
import { shared } from './shared-state';

export function prefetchWasm(url: string): void {
  const s = shared();
  if (s.wasm?.url === url) return;
  const response = ownFetch(url, { credentials: 'same-origin' });
  response.catch(() => undefined); // reported when the engine starts, not as an unhandled rejection
  s.wasm = { url, response };
}

export function wasmResponse(url: string): Promise<Response> {
  prefetchWasm(url);
  return shared().wasm!.response;
}
