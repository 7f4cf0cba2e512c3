/**
 * Learners' names for a file the learning subgraph writes itself (the сводная ведомость's CSV/XLSX, issue 15 §2):
 * asked from people's subgraph with the request's own internal token, so people's row scope, consent masking and
 * `@access` apply exactly as on the screen, and learning keeps no copy of a name. One `_entities` request for the
 * whole class. No answer is an error, never a file without names.
 */
import { AppError, askEntities } from '@region/kit';

export type PeopleNames = (personIds: readonly string[]) => Promise<Map<string, string>>;

const NAMES = /* GraphQL */ `
  query ($representations: [_Any!]!) {
    _entities(representations: $representations) {
      ... on Person {
        id
        fullName
      }
    }
  }
`;

function unavailable(): AppError {
  return new AppError('SUBGRAPH_UNAVAILABLE', 'Реестр лиц сейчас не отвечает: файл не сформирован. Повторите позже.', {
    service: 'people',
  });
}

export function peopleNames(peopleUrl: string | undefined, token: string): PeopleNames {
  return async (personIds) => {
    if (personIds.length === 0) return new Map();
    const found = await askEntities<{ id?: string; fullName?: string | null }>({
      url: peopleUrl,
      token,
      unavailable,
      query: NAMES,
      representations: personIds.map((id) => ({ __typename: 'Person', id })),
    });
    return new Map(
      found.flatMap((entry) => (entry?.id && typeof entry.fullName === 'string' ? [[entry.id, entry.fullName]] : [])),
    );
  };
}
