// What a decision grants, as the blocker asks it: used by the controller and by the early start (early.ts),
// which acts on a decision the engine made earlier (on the server, or cached) before this page's engine runs.
import { applyEmbeds, releaseTagged, tagOf, type Declared, type EmbedElement } from './blocking';
import type { Decision } from './types';

/** The engine's answer for a category or service id (categories first, as the engine names them apart). */
export function grantedIn(d: Decision): (id: string) => boolean {
  return (id) => {
    const c = d.categories.find((x) => x.id === id);
    if (c) return c.granted;
    return !!d.services.find((s) => s.id === id)?.granted;
  };
}

export function declaredIn(d: Decision): Declared {
  return { categories: d.categories.map((c) => c.id), services: d.services.map((s) => s.id) };
}

/** Whether a tagged element may run: its service's answer when it names a declared one, else its category's. */
export function allowedIn(d: Decision): (el: Element) => boolean {
  const declared = declaredIn(d);
  const has = grantedIn(d);
  return (el) => {
    const { category, service } = tagOf(el, declared);
    return service && declared.services.includes(service) ? has(service) : has(category);
  };
}

/** Releases the granted tagged scripts and embeds under each root; placeholders only when a factory is given. */
export function releaseFor(d: Decision, roots: ParentNode[], placeholder: ((el: EmbedElement) => HTMLElement) | null): void {
  const allowed = allowedIn(d);
  for (const root of roots) {
    void releaseTagged(allowed, root);
    applyEmbeds(allowed, placeholder, root);
  }
}
