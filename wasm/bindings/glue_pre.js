// --pre-js of the wasm build (MINIMAL_RUNTIME): the glue instantiates through Module.instantiateWasm, which
// MINIMAL_RUNTIME lacks (its postamble calls WebAssembly.instantiate(Module.wasm, imports)). This local
// WebAssembly (only .instantiate is used in the glue) hands the imports to the caller's hook and resolves with
// the instance it receives: the shim instantiates with instantiateStreaming from its early fetch; Node callers
// instantiate from the bytes (tests/wasm/engine.mjs). Closure sees this file at the top level (emcc wraps the
// glue in the factory function after Closure ran), hence the suppression; in the output it is a local.
/** @suppress {duplicate} */
var WebAssembly = {
  instantiate: (_, imports) => new Promise((resolve) => Module['instantiateWasm'](imports, (instance) => resolve({ instance }))),
};
// Embind's fallback for i64 signatures (none here) names MINIMAL_RUNTIME's dynCall table; declare it empty.
var dynCalls = {};
