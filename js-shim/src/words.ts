// A decision is only ids and answers (wasm/core/SPEC.md §Decision); the banner, the dialog and the public
// decision also carry the words of its language, which the engine gives once per language (§Words). Shared by
// the browser engine wrapper (engine.ts) and the server entry (server/index.ts).
import type { Decision, ServiceDecision } from './types';

export interface Words {
  texts: Record<string, string>;
  services: Omit<ServiceDecision, 'category' | 'granted'>[];
}

/** Merges each decision with its language's words, asking `fetch` once per language until `reset()`. */
export function wordsMerger(fetch: (language: string) => Words): { merge<D extends Decision>(d: D): D; reset(): void } {
  let cache = new Map<string, Words>();
  return {
    merge(d) {
      let w = cache.get(d.language);
      if (!w) cache.set(d.language, (w = fetch(d.language)));
      const byId = new Map(w.services.map((s) => [s.id, s]));
      return { ...d, texts: w.texts, services: d.services.map((s) => ({ ...byId.get(s.id), ...s })) };
    },
    reset: () => void (cache = new Map()),
  };
}
