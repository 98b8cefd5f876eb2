// The one Node built-in the server middleware uses (the package carries no @types/node dependency).
declare module 'node:fs/promises' {
  export function readFile(path: string | URL): Promise<Uint8Array>;
}
