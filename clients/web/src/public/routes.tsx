/**
 * Pages reachable without signing in (issue 11). They render outside the session gate, with an Apollo client
 * of their own that sends no token, so what they show is exactly what the gateway opens to anyone — also
 * when a person is signed in in the same tab — and nothing of a session reaches their cache.
 */
import { ApolloProvider } from '@apollo/client/react';
import { useMemo, type ReactNode } from 'react';
import { Link, Outlet } from 'react-router';
import { createApolloClient } from '../api/client.ts';
import { CataloguePage, PublicProgrammePage } from './catalogue.tsx';

/** Each public page: its path and element. A new public page is one entry here. */
export const PUBLIC_PAGES: readonly { path: string; element: ReactNode }[] = [
  { path: '/catalogue', element: <CataloguePage /> },
  { path: '/catalogue/:programmeId', element: <PublicProgrammePage /> },
];

export function PublicLayout() {
  const client = useMemo(() => createApolloClient({ anonymous: true }), []);
  return (
    <ApolloProvider client={client}>
      <header className="app-header">
        <Link to="/catalogue" className="brand">
          Образование региона
        </Link>
        <Link to="/" className="button public-sign-in">
          Войти
        </Link>
      </header>
      <main id="main" className="public-main">
        <Outlet />
      </main>
    </ApolloProvider>
  );
}
