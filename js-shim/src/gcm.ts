// Google Consent Mode v2 and the dataLayer. gtag.js reads `arguments` objects from dataLayer, so commands are
// pushed exactly as the official gtag() stub does.
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

/** Every type denied except security_storage, until the engine has decided (issued before any tag runs). */
export function pushDefault(): void {
  if (shared().gcmDefaultPushed) return;
  shared().gcmDefaultPushed = true;
  gtag('consent', 'default', {
    ad_storage: 'denied',
    ad_user_data: 'denied',
    ad_personalization: 'denied',
    analytics_storage: 'denied',
    functionality_storage: 'denied',
    personalization_storage: 'denied',
    security_storage: 'granted',
    wait_for_update: 500,
  });
}

export function pushUpdate(state: GcmState): void {
  gtag('consent', 'update', { ...state });
}

/** A plain event for tag managers (GTM triggers), after every visitor choice. */
export function pushEvent(categories: Record<string, boolean>, services: Record<string, boolean>): void {
  dataLayer().push({ event: 'assent_update', assent: { categories, services } });
}
