// Google Consent Mode v2 and the dataLayer. gtag.js reads `arguments` objects from dataLayer, so commands are
// pushed exactly as the official gtag() stub does.
import { GCM_DEFAULT } from './generated/engine-constants';
import { shared } from './shared-state';
import type { GcmState } from './types';

type DataLayer = unknown[];
const w = window as unknown as { dataLayer?: DataLayer };

function dataLayer(): DataLayer {
  return (w.dataLayer = w.dataLayer || []);
}

// eslint-disable-next-line @typescript-eslint/no-unused-vars
function gtag(..._args: unknown[]): void {
  // eslint-disable-next-line prefer-rest-params
  dataLayer().push(arguments);
}

/**
 * The engine's Consent Mode state before any decision (every type denied except security_storage), issued
 * before any tag runs. The engine has not loaded yet, so it comes baked in from the engine at build time
 * (generated/engine-constants.ts); the engine's decision then arrives as the `update`.
 */
export function pushDefault(): void {
  if (shared().gcmDefaultPushed) return;
  shared().gcmDefaultPushed = true;
  gtag('consent', 'default', { ...GCM_DEFAULT });
}

export function pushUpdate(state: GcmState): void {
  gtag('consent', 'update', { ...state });
}

/** Back to "not decided" (reset, or another tab's reset): the default state, as an update that undoes the last one. */
export function pushUndecided(): void {
  const { wait_for_update: _, ...state } = GCM_DEFAULT;
  gtag('consent', 'update', state);
}

/** A plain event for tag managers (GTM triggers), after every visitor choice. */
export function pushEvent(categories: Record<string, boolean>, services: Record<string, boolean>): void {
  dataLayer().push({ event: 'assent_update', assent: { categories, services } });
}
