// What the site's policy allows, asked of the engine (the same wasm the banner runs): which services are granted
// for a visitor of a region, with or without GPC, before a choice or with the record a click stored, and which
// of Assent's buttons that visitor's banner shows. Nothing here re-derives a rule.
import type { RawEngine } from '../../server/node-engine';
import type { PolicySummary } from '../../types';
import type { Pass } from './report-types';

interface Decision {
  showBanner: boolean;
  ui: { buttons: string[] };
  categories: Array<{ id: string; granted: boolean }>;
  services: Array<{ id: string; granted: boolean }>;
  error?: { message: string };
}

export class PolicyDecisions {
  private readonly cache = new Map<string, Decision>();

  constructor(private readonly engine: RawEngine, readonly summary: PolicySummary) {}

  private decide(region: string, gpc: boolean, record: string | null): Decision {
    const key = JSON.stringify([region, gpc, record]);
    let d = this.cache.get(key);
    if (!d) {
      d = JSON.parse(this.engine.decide(JSON.stringify({ region, gpc, record: record ?? undefined, languages: ['en'], now: Math.floor(Date.now() / 1000) }))) as Decision;
      if (d.error) throw new Error(`the engine could not decide for ${region}: ${d.error.message}`);
      this.cache.set(key, d);
    }
    return d;
  }

  /** The services and categories granted: before any choice (record null), or under the stored record. */
  granted(region: string, gpc: boolean, record: string | null): { services: string[]; categories: string[] } {
    const d = this.decide(region, gpc, record);
    return { services: d.services.filter((s) => s.granted).map((s) => s.id), categories: d.categories.filter((c) => c.granted).map((c) => c.id) };
  }

  /**
   * The button a visitor clicks for the pass: Accept all (or acknowledge, where the banner only informs), Reject all
   * (or the US opt-out). Null with the reason when this visitor's banner has no such button.
   */
  button(region: string, gpc: boolean, pass: Pass): { action: string | null; reason: string } {
    const d = this.decide(region, gpc, null);
    if (pass === 'before') return { action: null, reason: '' };
    if (!d.showBanner) return { action: null, reason: 'the engine shows no banner to this visitor' };
    const wanted = pass === 'accept' ? ['accept-all', 'acknowledge'] : ['reject-all', 'opt-out'];
    const action = wanted.find((a) => d.ui.buttons.includes(a)) ?? null;
    return { action, reason: action ? '' : `this visitor's banner has no ${wanted.join(' or ')} button (it shows ${d.ui.buttons.join(', ') || 'none'})` };
  }

  /** The category of each service. */
  categoryOf(service: string): string | null {
    return this.summary.services.find((s) => s.id === service)?.category ?? null;
  }
}
