import { ApolloProvider } from '@apollo/client/react';
import { useEffect, useMemo } from 'react';
import { BrowserRouter, Route, Routes } from 'react-router';
import { createApolloClient } from './api/client.ts';
import { CallbackPage, RefusalPage, SignInPage } from './auth/pages.tsx';
import { useSession } from './auth/session.ts';
import { MeProvider } from './me.tsx';
import { PUBLIC_PAGES, PublicLayout } from './public/routes.tsx';
import { Shell } from './shell.tsx';

function SessionGate() {
  const session = useSession();
  const client = useMemo(() => createApolloClient(), []);
  useEffect(() => {
    // Nothing one person saw may stay in memory for the next one at the same computer.
    if (session.kind === 'signedOut') void client.clearStore();
  }, [session.kind, client]);
  switch (session.kind) {
    case 'signedOut':
      return <SignInPage reason={session.reason} />;
    case 'refused':
      return <RefusalPage code={session.code} message={session.message} />;
    case 'signedIn':
      return (
        <ApolloProvider client={client}>
          <MeProvider>
            <Shell />
          </MeProvider>
        </ApolloProvider>
      );
  }
}

export function App() {
  return (
    <BrowserRouter>
      <Routes>
        <Route path="/auth/callback" element={<CallbackPage />} />
        {/* Public pages need no sign-in (issue 11); everything else goes through the session gate. */}
        <Route element={<PublicLayout />}>
          {PUBLIC_PAGES.map((page) => (
            <Route key={page.path} path={page.path} element={page.element} />
          ))}
        </Route>
        <Route path="*" element={<SessionGate />} />
      </Routes>
    </BrowserRouter>
  );
}
