// What the controller does with the blocker once the policy is known: configure it, refresh it when consent
// changes, hear about tagged elements. Apart from intercept.ts (the patches, installed by the prologue), so the
// core bundle does not carry the patches a second time.
import { releaseHeld } from './hold';
import { state } from './hold-state';
import { decideWaiting } from './network';

/** Calls `fn` with the added subtrees that hold tagged scripts or embeds (one call per batch of mutations). */
export function watchTagged(fn: (roots: Element[]) => void): void {
  state.onTagged = fn;
}

/** The policy has loaded: hold only what matches a service; let everything else through. */
export function configureInterceptor(
  services: { id: string; scripts: string[] }[],
  granted: (service: string) => boolean,
): void {
  // Hosts compare lowercased (URLs are normalised the same way, hold-state.ts).
  const lowerHost = (p: string) => p.replace(/^([^/]*\/\/)?[^/]*/, (m) => m.toLowerCase());
  state.patterns = services.flatMap((s) => s.scripts.map((pattern) => ({ service: s.id, pattern: lowerHost(pattern) })));
  state.isGranted = granted;
  refreshInterceptor();
  decideWaiting();
}

/** Consent changed: release what is now granted. */
export function refreshInterceptor(): void {
  releaseHeld();
  for (const fn of state.onRefresh) fn();
}

