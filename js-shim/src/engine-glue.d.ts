// The Emscripten/Embind glue built into js-shim/engine/assent.js by the wasm build.
declare module '*/engine/assent.js' {
  interface EngineModule {
    load(policyJson: string): string;
    decide(contextJson: string): string;
    choose(contextJson: string, actionJson: string): string;
    language(contextJson: string): string;
    /** The Content-Security-Policy for a visitor: {directives, header, granted, notes} or {error}. */
    csp(contextJson: string): string;
    policyText(language: string): string;
    /** {language, texts, services:[{id, vendor, cookies, name?, purpose?, retention?, privacyUrl?}]} or {error}. */
    words(language: string): string;
    addLocale(language: string, localeJson: string): string;
    version(): string;
  }
  interface ModuleOptions {
    instantiateWasm?(
      imports: WebAssembly.Imports,
      receive: (instance: WebAssembly.Instance) => void,
    ): object;
    wasmBinary?: ArrayBuffer | Uint8Array;
  }
  const createAssentEngine: (options: ModuleOptions) => Promise<EngineModule>;
  export default createAssentEngine;
}
