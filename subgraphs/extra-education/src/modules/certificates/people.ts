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
import { AppError, askEntities, askSubgraph } from '@region/kit';

export interface PeopleChild {
  id: string;
  /** Null when the card has none or people masks it (no consent). */
  birthDate: string | null;
  depersonalized: boolean;
  /** The municipality of the child's current organization (movement book), if enrolled anywhere. */
  municipalityId: string | null;
}

export interface CertificatePeople {
  /**
   * The child as people shows them to the caller; null when people does not know them or the caller may not
   * read them. Enrolment asks it too (the age rules), naming its own error for when people does not answer.
   */
  child(childId: string, unavailable?: () => AppError): Promise<PeopleChild | null>;
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
  const asked = { url: peopleUrl, token, unavailable };
  return {
    async child(childId, failure = unavailable) {
      const [found] = await askEntities<ChildAnswer>({
        ...asked,
        unavailable: failure,
        query: CHILD,
        representations: [{ __typename: 'Person', id: childId }],
      });
      if (!found?.id) return null;
      return {
        id: found.id,
        birthDate: found.birthDate ?? null,
        depersonalized: found.depersonalized !== false,
        municipalityId: found.enrolment?.organization?.municipality?.id ?? null,
      };
    },
    async childIdBySnils(snils, birthDate) {
      const data = await askSubgraph<{ epguChildId?: string | null }>({
        ...asked,
        query: BY_SNILS,
        variables: { snils, birthDate },
      });
      return data.epguChildId ?? null;
    },
    async consents(personId) {
      const [found] = await askEntities<{ personId?: string; granted?: boolean }>({
        ...asked,
        query: CONSENT,
        representations: [{ __typename: 'ProcessingConsent', personId }],
      });
      return found?.granted === true;
    },
    async municipalityExists(municipalityId) {
      const [found] = await askEntities<{ id?: string }>({
        ...asked,
        query: MUNICIPALITY,
        representations: [{ __typename: 'Municipality', id: municipalityId }],
      });
      return found?.id === municipalityId;
    },
  };
}
