/**
 * The Apollo client: every request carries the session's ESIA token. A 401 from the gateway ends the
 * session (expired or revoked token); a 403 with a login refusal code shows the refusal page. Public pages
 * (issue 11) use a client of their own that sends no token at all, so the gateway answers them as an
 * anonymous caller and a refusal there never touches the session.
 */
import { ApolloClient, HttpLink, InMemoryCache } from '@apollo/client';
import { bearerToken, expire, isLoginRefusalCode, refuseSession } from '../auth/session.ts';

export async function authorizedFetch(input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  const token = bearerToken();
  if (token) headers.set('authorization', `Bearer ${token}`);
  const response = await fetch(input, { ...init, headers });
  if (response.status === 401) expire();
  if (response.status === 403) {
    const body = (await response
      .clone()
      .json()
      .catch(() => null)) as {
      errors?: { message: string; extensions?: { code?: string } }[];
    } | null;
    const refusal = body?.errors?.find((error) => isLoginRefusalCode(error.extensions?.code));
    const code = refusal?.extensions?.code;
    if (refusal && isLoginRefusalCode(code)) refuseSession(code, refusal.message);
  }
  return response;
}

export function createApolloClient({ anonymous = false }: { anonymous?: boolean } = {}): ApolloClient {
  return new ApolloClient({
    // No Authorization header: a public page reads only what the gateway opens to anyone.
    link: new HttpLink({ uri: '/graphql', fetch: anonymous ? (input, init) => fetch(input, init) : authorizedFetch }),
    cache: new InMemoryCache({
      typePolicies: {
        // The signed-in person is one object however many queries select from it.
        Me: { keyFields: [] },
        // Marks and attendance have ids; diary and portfolio are views computed per request.
        Diary: { keyFields: false },
        Portfolio: { keyFields: false },
        // A lesson's homework has no id: the diary, the journal and the files panel select different fields of
        // it, which merge instead of replacing one another (issue 15 §2).
        Homework: { merge: true },
        // A class's journal has no id either: the grid and the year marks below it (issue 15 §2) select different
        // fields of the same `journal(subjectId)`; replacing would blank the grid after each answer of the other.
        JournalGrid: { merge: true },
      },
    }),
    defaultOptions: {
      // A field the role may not read comes back as null with FORBIDDEN; the rest of the page still shows.
      watchQuery: { errorPolicy: 'all', fetchPolicy: 'cache-and-network' },
      query: { errorPolicy: 'all' },
    },
  });
}

declare module '@apollo/client' {
  export namespace ApolloClient {
    export namespace DeclareDefaultOptions {
      interface WatchQuery {
        errorPolicy: 'all';
      }
      interface Query {
        errorPolicy: 'all';
      }
    }
  }
}
