// The Node built-ins the server entries, the CLI and `assent scan` use (the package carries no @types/node dependency).
declare module 'node:fs/promises' {
  export function readFile(path: string | URL): Promise<Uint8Array>;
}
declare module 'node:fs' {
  export function readFileSync(path: string | URL): Uint8Array;
  export function readFileSync(path: string | URL, encoding: 'utf8'): string;
  export function readdirSync(path: string | URL): string[];
  export function existsSync(path: string | URL): boolean;
  export function writeFileSync(path: string | URL, data: string): void;
}
declare module 'node:path' {
  export const delimiter: string;
  export function join(...parts: string[]): string;
  export function dirname(path: string): string;
  export function resolve(...parts: string[]): string;
}
declare module 'node:url' {
  export function pathToFileURL(path: string): URL;
  export function fileURLToPath(url: string | URL): string;
}
declare module 'node:util' {
  export function parseArgs(config: {
    args: string[];
    options: Record<string, { type: 'string' | 'boolean'; short?: string }>;
    allowPositionals: boolean;
    strict: boolean;
  }): { values: Record<string, string | boolean | undefined>; positionals: string[] };
}
declare const process: {
  argv: string[];
  env: Record<string, string | undefined>;
  exitCode: number | undefined;
  stdout: { write(s: string): boolean };
  stderr: { write(s: string): boolean; isTTY?: boolean };
};
