import type { AssentErrorCode, AssentErrorDetail } from './types';

/**
 * Every rejection and `error` event of Assent: a stable `code` (README "Error codes"), a message naming the
 * cause and the fix, and for policy errors the JSON Pointer of the first problem.
 */
export class AssentError extends Error {
  constructor(
    readonly code: AssentErrorCode,
    message: string,
    readonly path?: string,
  ) {
    super(message);
    this.name = 'AssentError';
  }
}

/** The plain `{ code, message, path }` of `assent:error` events and `on('error')` listeners. */
export function errorDetail(e: AssentError): AssentErrorDetail {
  return e.path === undefined ? { code: e.code, message: e.message } : { code: e.code, message: e.message, path: e.path };
}

/**
 * Any thrown value as an AssentError. By name, not instanceof: the script tag is two bundles (assent.js,
 * assent-core.js), each with its own AssentError class.
 */
export function asAssentError(e: unknown): AssentError {
  if (e instanceof Error && e.name === 'AssentError') return e as AssentError;
  return new AssentError('internal', `Assent: ${e instanceof Error ? e.message : String(e)}`);
}
