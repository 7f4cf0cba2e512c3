/**
 * An organization as people's registry knows it (its municipality, address, type and «Участник ПФДО» flag),
 * asked of people when a programme is created: the programme keeps a copy of the municipality and address so
 * the public catalogue filters by municipality in one statement of its own (issue 11). People stays the one
 * source of truth for the registry; the request goes with the caller's own internal token — the same
 * `_entities` request the query planner sends — so people's row scope applies and extra-education mints
 * nothing. No answer is an error, never a guess.
 */
import { AppError } from '@region/kit';

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

const TIMEOUT_MS = 5_000;

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
    if (!peopleUrl) throw unavailable();
    let body: { data?: { _entities?: (EntityAnswer | null)[] } } | null;
    try {
      const response = await fetch(peopleUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({
          query: ENTITIES,
          variables: { representations: [{ __typename: 'Organization', id: organizationId }] },
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
