// A policy's bytes as the text the engine is given, for every command that reads one (validate, lint, policy,
// decide, and scan's --policy or the site's data-config policy).
import { POLICY_BYTES } from '../generated/engine-constants';

/** A policy the engine cannot be given at all; reported as validation errors are (exit 1). */
export class InvalidPolicy extends Error {}

export function policyText(bytes: Uint8Array): string {
  try {
    // Past the limit, as the native CLI reads, so the validator reports an oversized file as such.
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, POLICY_BYTES + 2));
  } catch {
    // A JS string cannot carry invalid UTF-8 to the engine, which would refuse it: refused here instead.
    throw new InvalidPolicy('the file is not valid UTF-8 text');
  }
}
