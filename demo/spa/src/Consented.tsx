// Renders its children only while `category` is granted; until then a placeholder that says why and offers
// to allow that category. It follows every consent change (the useConsent hook listens to `change`).
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
  const allow = () => {
    if (!instance || !decision) return;
    const categories = decision.categories.filter((c) => c.granted && !c.locked).map((c) => c.id);
    const services = decision.services.filter((s) => s.granted && !instance.has(s.category)).map((s) => s.id);
    void instance.set({ categories: [...categories, category], services });
  };
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
