// The app shell: header with routes, the current page, and a footer with the cookie settings button.
import type { ComponentType } from 'react';
import { useConsent } from './consent';
import { Features } from './pages/Features';
import { Home } from './pages/Home';
import { Privacy } from './pages/Privacy';
import { useRoute } from './router';

const ROUTES: Record<string, { title: string; page: ComponentType }> = {
  '/': { title: 'Home', page: Home },
  '/features': { title: 'Features', page: Features },
  '/privacy': { title: 'Privacy', page: Privacy },
};

export function App() {
  const route = useRoute();
  const { instance } = useConsent();
  const Page = ROUTES[route]?.page ?? NotFound;
  return (
    <>
      <header className="app-header">
        <a className="brand" href="#/">
          Wren <span>AI</span> app
        </a>
        <nav aria-label="Main">
          <ul>
            {Object.entries(ROUTES).map(([path, { title }]) => (
              <li key={path}>
                <a href={`#${path}`} aria-current={route === path ? 'page' : undefined}>
                  {title}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      </header>
      <main>
        <Page />
      </main>
      <footer className="app-footer">
        <p>Wren AI is fictional. This single-page app uses the assent-consent npm package.</p>
        <button type="button" className="button button--quiet" onClick={() => instance?.showPreferences()} disabled={!instance}>
          Cookie settings
        </button>
      </footer>
    </>
  );
}

function NotFound() {
  return (
    <>
      <h1>Not found</h1>
      <p>
        There is no page here. <a href="#/">Go home</a>.
      </p>
    </>
  );
}
