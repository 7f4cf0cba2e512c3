/**
 * A child's birth date as people knows it, asked with the request's own internal token (an `_entities`
 * request, as `people-organizations.ts` asks for an organization): the programme's age range and the
 * 14-year rule of applying for oneself are judged on it (issue 11). People's row scope and consent masking
 * apply: a guardian reads a linked child's birth date, a student their own. No answer is an error, never a guess.
 */
import { AppError } from '@region/kit';

/** The birth date (YYYY-MM-DD), or null when people does not give it to the caller. */
export type BirthDateLookup = (personId: string) => Promise<string | null>;

const ENTITIES = /* GraphQL */ `
  query ($representations: [_Any!]!) {
    _entities(representations: $representations) {
      ... on Person {
        id
        birthDate
      }
    }
  }
`;

const TIMEOUT_MS = 5_000;

function unavailable(): AppError {
  return new AppError(
    'SUBGRAPH_UNAVAILABLE',
    'Реестр обучающихся сейчас не отвечает: заявление не удалось подать. Повторите позже.',
    { service: 'people' },
  );
}

export function peopleBirthDateLookup(peopleUrl: string | undefined, token: string): BirthDateLookup {
  return async (personId) => {
    if (!peopleUrl) throw unavailable();
    let body: { data?: { _entities?: ({ id?: string; birthDate?: string | null } | null)[] } } | null;
    try {
      const response = await fetch(peopleUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({
          query: ENTITIES,
          variables: { representations: [{ __typename: 'Person', id: personId }] },
        }),
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
      body = response.ok ? ((await response.json()) as typeof body) : null;
    } catch {
      throw unavailable();
    }
    const entities = body?.data?._entities;
    if (!Array.isArray(entities)) throw unavailable();
    const found = entities[0];
    return typeof found?.birthDate === 'string' ? found.birthDate : null;
  };
}
