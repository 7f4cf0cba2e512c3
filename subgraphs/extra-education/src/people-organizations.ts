/**
 * An organization as people's registry knows it (its municipality, address, type and «Участник ПФДО» flag),
 * asked of people when a programme is created: the programme keeps a copy of the municipality and address so
 * the public catalogue filters by municipality in one statement of its own (issue 11). People stays the one
 * source of truth for the registry; the request goes with the caller's own internal token — the same
 * `_entities` request the query planner sends — so people's row scope applies and extra-education mints
 * nothing. No answer is an error, never a guess.
 */
import { AppError, askEntities } from '@region/kit';

export interface PeopleOrganization {
  id: string;
  type: 'SCHOOL' | 'KINDERGARTEN' | 'EXTRA_EDUCATION' | 'COLLEGE';
  address: string | null;
  pfdoParticipant: boolean;
  municipalityId: string;
}

/** The organization, or null when people does not know it (or the caller may not read it). */
export type OrganizationLookup = (organizationId: string) => Promise<PeopleOrganization | null>;

const ENTITIES = /* GraphQL */ `
  query ($representations: [_Any!]!) {
    _entities(representations: $representations) {
      ... on Organization {
        id
        type
        address
        pfdoParticipant
        municipality {
          id
        }
      }
    }
  }
`;

function unavailable(): AppError {
  return new AppError(
    'SUBGRAPH_UNAVAILABLE',
    'Реестр организаций сейчас не отвечает: программу не удалось сохранить. Повторите позже.',
    { service: 'people' },
  );
}

interface EntityAnswer {
  id?: string;
  type?: PeopleOrganization['type'];
  address?: string | null;
  pfdoParticipant?: boolean;
  municipality?: { id?: string } | null;
}

export function peopleOrganizationLookup(peopleUrl: string | undefined, token: string): OrganizationLookup {
  return async (organizationId) => {
    const [found] = await askEntities<EntityAnswer>({
      url: peopleUrl,
      token,
      query: ENTITIES,
      representations: [{ __typename: 'Organization', id: organizationId }],
      unavailable,
    });
    if (!found?.id || !found.type || !found.municipality?.id) return null;
    return {
      id: found.id,
      type: found.type,
      address: found.address ?? null,
      pfdoParticipant: found.pfdoParticipant === true,
      municipalityId: found.municipality.id,
    };
  };
}
