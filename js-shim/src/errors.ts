/** An Assent failure with a stable code (and, for policy errors, the JSON Pointer of the first problem). */
export class AssentError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly path?: string,
  ) {
    super(message);
    this.name = 'AssentError';
  }
}
