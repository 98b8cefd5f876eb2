// The Node built-ins the server entries use (the package carries no @types/node dependency).
declare module 'node:fs/promises' {
  export function readFile(path: string | URL): Promise<Uint8Array>;
}
declare module 'node:url' {
  export function pathToFileURL(path: string): URL;
}
