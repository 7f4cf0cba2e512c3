/**
 * Consent of several children at once, asked of people for a search (issue 9 §2). A field of an application
 * learns consent through `@requires`, but a search on personal data must drop the rows of a depersonalized
 * child before it answers — the list is decided before the gateway could bring consents. So the search asks
 * people's `ProcessingConsent` entities itself, exactly as the query planner does for `@requires`: the same
 * `_entities` request, with the caller's own internal token (admissions cannot mint one). People stays the
 * one source of truth; admissions keeps no copy of consent state. No answer is an error, not "nobody
 * consented": a support search that silently finds nothing would mislead.
 */
import { AppError } from '@region/kit';

/** The ids among `personIds` whose person has an active processing consent. */
export type ConsentLookup = (personIds: readonly string[]) => Promise<ReadonlySet<string>>;

const ENTITIES = /* GraphQL */ `
  query ($representations: [_Any!]!) {
    _entities(representations: $representations) {
      ... on ProcessingConsent {
        personId
        granted
      }
    }
  }
`;

const TIMEOUT_MS = 5_000;

function unavailable(): AppError {
  return new AppError(
    'SUBGRAPH_UNAVAILABLE',
    'Поиск по свидетельству о рождении сейчас недоступен: реестр лиц не ответил. Повторите позже.',
    { service: 'people' },
  );
}

export function peopleConsentLookup(peopleUrl: string | undefined, token: string): ConsentLookup {
  return async (personIds) => {
    const ids = [...new Set(personIds)];
    if (ids.length === 0) return new Set();
    if (!peopleUrl) throw unavailable();
    let body: { data?: { _entities?: ({ personId?: string; granted?: boolean } | null)[] } } | null;
    try {
      const response = await fetch(peopleUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({
          query: ENTITIES,
          variables: { representations: ids.map((personId) => ({ __typename: 'ProcessingConsent', personId })) },
        }),
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
      body = response.ok ? ((await response.json()) as typeof body) : null;
    } catch {
      throw unavailable();
    }
    const entities = body?.data?._entities;
    if (!Array.isArray(entities)) throw unavailable();
    return new Set(
      entities.flatMap((entity) => (entity?.granted === true && entity.personId ? [entity.personId] : [])),
    );
  };
}
