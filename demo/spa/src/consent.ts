// Assent for the whole app: started once (init() is memoised, so React StrictMode's double effects are fine),
// and a hook that gives components the current decision and re-renders them on every `change`.
import { init, type AssentInstance, type Decision } from 'assent-consent';
import { useEffect, useState } from 'react';

// Demo only: ?region=DE (or US-CA, JP…) plays a visitor from there, otherwise the browser time zone decides;
// ?lang=de overrides the browser's languages.
const query = new URLSearchParams(location.search);
const region = query.get('region') ?? undefined;
const languages = query.get('lang')?.split(',');

// The README's npm snippet and nothing more: the package names its wasm and locale files with
// `new URL(…, import.meta.url)`, so Vite emits them into dist/assets/ by itself.
export const assent: Promise<AssentInstance> = init({ config: '/assent.json', region, languages });

export interface ConsentState {
  instance: AssentInstance | null;
  decision: Decision | null;
  error: string | null;
}

export function useConsent(): ConsentState {
  const [state, setState] = useState<ConsentState>({ instance: null, decision: null, error: null });
  useEffect(() => {
    let instance: AssentInstance | null = null;
    let active = true;
    const onChange = ({ decision }: { decision: Decision }) => setState({ instance, decision, error: null });
    assent.then(
      (i) => {
        if (!active) return;
        instance = i;
        setState({ instance: i, decision: i.decision, error: null });
        i.on('change', onChange);
      },
      (e: unknown) => active && setState({ instance: null, decision: null, error: String((e as Error)?.message ?? e) }),
    );
    return () => {
      active = false;
      instance?.off('change', onChange);
    };
  }, []);
  return state;
}

/** A third-party origin for the demo's embeds, written into index.html by demo/serve.mjs. */
export const thirdPartyOrigin = document.querySelector<HTMLMetaElement>('meta[name="demo-third-party"]')?.content ?? '';
