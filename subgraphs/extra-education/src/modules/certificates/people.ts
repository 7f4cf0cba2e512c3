/**
 * What a certificate needs from people's registry (rule 19), asked with the request's own internal token
 * (as `people-organizations.ts` does), so people's row scope and `@access` apply and extra-education keeps
 * no copy of a child's card:
 * - at issue from the cabinet, the child's birth date (the age rule), consent (rule 5) and the municipality
 *   of their current organization (the certificate's `municipality_id`); a guardian holds `pii:read` over
 *   their linked children;
 * - at ЕПГУ intake, the child's id by SNILS and birth date (`epguChildId`, `extra:intake` only, answers the
 *   id and nothing else) and their consent (`ProcessingConsent`, which people answers for any id).
 * No answer is an error, never a guess.
 */
import { AppError } from '@region/kit';

export interface PeopleChild {
  id: string;
  /** Null when the card has none or people masks it (no consent). */
  birthDate: string | null;
  depersonalized: boolean;
  /** The municipality of the child's current organization (movement book), if enrolled anywhere. */
  municipalityId: string | null;
}

export interface CertificatePeople {
  /** The child as people shows them to the caller; null when people does not know them or the caller may not read them. */
  child(childId: string): Promise<PeopleChild | null>;
  /** ЕПГУ intake: the person with this SNILS and birth date, or null. */
  childIdBySnils(snils: string, birthDate: string): Promise<string | null>;
  /** Does the person have an active consent to processing? */
  consents(personId: string): Promise<boolean>;
  /** Does people know this municipality? */
  municipalityExists(municipalityId: string): Promise<boolean>;
}

const CHILD = /* GraphQL */ `
  query ($representations: [_Any!]!) {
    _entities(representations: $representations) {
      ... on Person {
        id
        depersonalized
        birthDate
        enrolment {
          organization {
            municipality {
              id
            }
          }
        }
      }
    }
  }
`;
const CONSENT = /* GraphQL */ `
  query ($representations: [_Any!]!) {
    _entities(representations: $representations) {
      ... on ProcessingConsent {
        personId
        granted
      }
    }
  }
`;
const MUNICIPALITY = /* GraphQL */ `
  query ($representations: [_Any!]!) {
    _entities(representations: $representations) {
      ... on Municipality {
        id
      }
    }
  }
`;
const BY_SNILS = /* GraphQL */ `
  query ($snils: String!, $birthDate: Date!) {
    epguChildId(snils: $snils, birthDate: $birthDate)
  }
`;

const TIMEOUT_MS = 5_000;

function unavailable(): AppError {
  return new AppError('SUBGRAPH_UNAVAILABLE', 'Реестр лиц сейчас не отвечает: сертификат не выдан. Повторите позже.', {
    service: 'people',
  });
}

interface ChildAnswer {
  id?: string;
  depersonalized?: boolean;
  birthDate?: string | null;
  enrolment?: { organization?: { municipality?: { id?: string } | null } | null } | null;
}

export function certificatePeople(peopleUrl: string | undefined, token: string): CertificatePeople {
  async function ask<T>(query: string, variables: Record<string, unknown>): Promise<T> {
    if (!peopleUrl) throw unavailable();
    let body: { data?: T | null; errors?: unknown[] } | null;
    try {
      const response = await fetch(peopleUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query, variables }),
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
      body = response.ok ? ((await response.json()) as typeof body) : null;
    } catch {
      throw unavailable();
    }
    if (!body?.data) throw unavailable();
    return body.data;
  }

  return {
    async child(childId) {
      const data = await ask<{ _entities?: (ChildAnswer | null)[] }>(CHILD, {
        representations: [{ __typename: 'Person', id: childId }],
      });
      if (!Array.isArray(data._entities)) throw unavailable();
      const found = data._entities[0];
      if (!found?.id) return null;
      return {
        id: found.id,
        birthDate: found.birthDate ?? null,
        depersonalized: found.depersonalized !== false,
        municipalityId: found.enrolment?.organization?.municipality?.id ?? null,
      };
    },
    async childIdBySnils(snils, birthDate) {
      const data = await ask<{ epguChildId?: string | null }>(BY_SNILS, { snils, birthDate });
      return data.epguChildId ?? null;
    },
    async consents(personId) {
      const data = await ask<{ _entities?: ({ personId?: string; granted?: boolean } | null)[] }>(CONSENT, {
        representations: [{ __typename: 'ProcessingConsent', personId }],
      });
      if (!Array.isArray(data._entities)) throw unavailable();
      return data._entities[0]?.granted === true;
    },
    async municipalityExists(municipalityId) {
      const data = await ask<{ _entities?: ({ id?: string } | null)[] }>(MUNICIPALITY, {
        representations: [{ __typename: 'Municipality', id: municipalityId }],
      });
      if (!Array.isArray(data._entities)) throw unavailable();
      return data._entities[0]?.id === municipalityId;
    },
  };
}
