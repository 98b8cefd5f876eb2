// The Emscripten/Embind glue built into js-shim/engine/assent.js by the wasm build (one glue for both wasms).
declare module '*/engine/assent.js' {
  interface EngineModule {
    load(policyJson: string): string;
    decide(contextJson: string): string;
    choose(contextJson: string, actionJson: string): string;
    language(contextJson: string): string;
    /** The Content-Security-Policy for a visitor: {directives, header, granted, notes} or {error}. */
    csp(contextJson: string): string;
    /** Full build only (assent-full.wasm); the visitor build (assent.wasm) has no cookie-section renderer. */
    policyText(language: string): string;
    /** Full build only: the section as `assent policy --format md|html|json` prints it (the npm CLI). */
    policySection?(language: string, format: string): string;
    /** Full build only: {warnings:[{rule, path, message, fix}]}, as `assent lint` prints it (the npm CLI). */
    lint?(): string;
    /** {language, texts, services:[{id, vendor, cookies, name?, purpose?, retention?, privacyUrl?}]} or {error}. */
    words(language: string): string;
    addLocale(language: string, localeJson: string): string;
    version(): string;
  }
  /** MINIMAL_RUNTIME glue: it never fetches or compiles the wasm itself; the caller instantiates it with the
   *  imports it is handed and passes the instance to receive (wasm/bindings/glue_pre.js). */
  interface ModuleOptions {
    instantiateWasm(
      imports: WebAssembly.Imports,
      receive: (instance: WebAssembly.Instance) => void,
    ): object;
  }
  const createAssentEngine: (options: ModuleOptions) => Promise<EngineModule>;
  export default createAssentEngine;
}
