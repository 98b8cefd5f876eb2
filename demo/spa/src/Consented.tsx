// Renders its children only while `category` is granted; until then a placeholder that says why and offers
// to allow that category, through the engine's `grant` (everything already granted stays granted: the rule
// is the engine's, not recomputed here). It follows every consent change (useConsent listens to `change`).
import type { ReactNode } from 'react';
import { useConsent } from './consent';

interface Props {
  category: string;
  /** What the placeholder calls the content, e.g. "The product video". */
  what: string;
  children: ReactNode;
}

export function Consented({ category, what, children }: Props) {
  const { instance, decision } = useConsent();
  if (instance && decision && instance.has(category)) return <>{children}</>;

  const title = decision?.texts[`category.${category}.title`] ?? category;
  // A refusal (e.g. an unknown category) is reported by the shim: console, on('error'), assent:error.
  const allow = () => void instance?.grant({ categories: [category] }).catch(() => undefined);
  return (
    <div className="consent-placeholder" data-consented={category}>
      <p>
        {what} needs <strong>{title}</strong> cookies, which you have not allowed.
      </p>
      <p className="consent-placeholder__actions">
        <button type="button" className="button" onClick={allow} disabled={!instance}>
          Allow {title.toLowerCase()} cookies
        </button>
        <button type="button" className="button button--quiet" onClick={() => instance?.showPreferences()} disabled={!instance}>
          Cookie settings
        </button>
      </p>
    </div>
  );
}
