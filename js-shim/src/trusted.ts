// Trusted Types: on a page that enforces them (CSP `require-trusted-types-for 'script'`), a script's src and text
// and any HTML handed to a parser sink must be typed values. Assent only ever passes on what the page's own
// markup or code supplied (a tagged script's src/text, a held element's URL, HTML a page script was writing),
// through one policy named "assent", so the site owner allows it with `trusted-types assent` (documented).
// Without Trusted Types these are plain strings. One policy per page: both bundles share it.
import { shared } from './shared-state';

interface Policy {
  createHTML(s: string): unknown;
  createScript(s: string): unknown;
  createScriptURL(s: string): unknown;
}
interface TrustedTypesFactory {
  createPolicy(name: string, rules: Record<string, (s: string) => string>): Policy;
}

function policy(): Policy | null {
  const state = shared();
  if (state.tt === undefined) {
    const factory = (window as unknown as { trustedTypes?: TrustedTypesFactory }).trustedTypes;
    const same = (s: string) => s;
    try {
      state.tt = factory ? factory.createPolicy('assent', { createHTML: same, createScript: same, createScriptURL: same }) : null;
    } catch {
      // The page's `trusted-types` directive does not allow "assent": strings are refused by enforcing
      // pages, so whatever Assent holds stays blocked (fail closed), and this says why.
      console.error('Assent: the Trusted Types policy "assent" is not allowed. Add `assent` to your CSP `trusted-types` directive.');
      state.tt = null;
    }
  }
  return state.tt as Policy | null;
}

export const trustedScriptURL = (url: string): string => (policy()?.createScriptURL(url) ?? url) as string;
export const trustedScript = (text: string): string => (policy()?.createScript(text) ?? text) as string;
export const trustedHTML = (html: string): string => (policy()?.createHTML(html) ?? html) as string;
