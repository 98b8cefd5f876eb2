// --extern-post-js of the wasm build: MINIMAL_RUNTIME's MODULARIZE output only declares the factory; the shim
// (esbuild) and Node (require) load the glue as a CommonJS module.
module.exports = createAssentEngine;
