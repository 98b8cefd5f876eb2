// A tiny hash router: the route is the part of location.hash after "#", e.g. "#/pricing" → "/pricing".
// Navigation never reloads the page, so Assent's instance and the app state survive it.
import { useEffect, useState } from 'react';

const current = () => location.hash.replace(/^#/, '') || '/';

export function useRoute(): string {
  const [route, setRoute] = useState(current);
  useEffect(() => {
    const onChange = () => setRoute(current());
    addEventListener('hashchange', onChange);
    return () => removeEventListener('hashchange', onChange);
  }, []);
  return route;
}
