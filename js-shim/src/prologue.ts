// What must happen before any other script on the page: the Consent Mode default and the blocker; the wasm
// download starts at the same moment. Used by the script-tag prologue (assent.js) and by init() (npm).
import { installInterceptor } from './blocking';
import { pushDefault } from './gcm';
import { prefetchWasm } from './wasm-fetch';

/** `prefetch` false: the wasm is not needed for the first paint (a server-assisted page), it loads later. */
export function prologue(wasmUrl: string, prefetch = true): void {
  pushDefault(); // each step runs once per page, whoever calls first
  installInterceptor();
  if (prefetch) prefetchWasm(wasmUrl);
}
