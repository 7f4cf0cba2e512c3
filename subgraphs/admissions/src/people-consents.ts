/**
 * Consent of several children at once, asked of people for a search (issue 9 §2). A field of an application
 * learns consent through `@requires`, but a search on personal data must drop the rows of a depersonalized
 * child before it answers — the list is decided before the gateway could bring consents. So the search asks
 * people's `ProcessingConsent` entities itself, exactly as the query planner does for `@requires`: the same
 * `_entities` request, with the caller's own internal token (admissions cannot mint one). People stays the
 * one source of truth; admissions keeps no copy of consent state. No answer is an error, not "nobody
 * consented": a support search that silently finds nothing would mislead.
 */
import { AppError, askEntities } from '@region/kit';

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
    const entities = await askEntities<{ personId?: string; granted?: boolean }>({
      url: peopleUrl,
      token,
      query: ENTITIES,
      representations: ids.map((personId) => ({ __typename: 'ProcessingConsent', personId })),
      unavailable,
    });
    return new Set(
      entities.flatMap((entity) => (entity?.granted === true && entity.personId ? [entity.personId] : [])),
    );
  };
}
