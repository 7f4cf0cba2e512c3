import { gql, type TypedDocumentNode } from '@apollo/client';
import type {
  CatalogueMunicipalitiesQuery,
  CatalogueMunicipalitiesQueryVariables,
  CatalogueProgrammeQuery,
  CatalogueProgrammeQueryVariables,
  CatalogueProgrammesQuery,
  CatalogueProgrammesQueryVariables,
} from '../generated/graphql.ts';

/**
 * The catalogue's operations are sent without a token from the public pages and with one from the cabinets:
 * they select only what the gateway opens to anonymous callers (issue 11), and, being under `src/public/`,
 * `gateway/test/limits.test.ts` holds them to the anonymous limits (a page of at most 50).
 */
export const CATALOGUE_PAGE = 20;

export type CatalogueProgramme = CatalogueProgrammesQuery['programmes']['edges'][number]['node'];
export type ProgrammeDetails = NonNullable<CatalogueProgrammeQuery['programme']>;
export type ProgrammeGroupDetails = ProgrammeDetails['groups'][number];

export const CATALOGUE_MUNICIPALITIES_QUERY: TypedDocumentNode<
  CatalogueMunicipalitiesQuery,
  CatalogueMunicipalitiesQueryVariables
> = gql`
  query CatalogueMunicipalities {
    municipalities {
      id
      name
    }
  }
`;

export const CATALOGUE_PROGRAMMES_QUERY: TypedDocumentNode<
  CatalogueProgrammesQuery,
  CatalogueProgrammesQueryVariables
> = gql`
  query CatalogueProgrammes($filter: ProgrammeFilter, $first: Int!, $after: String) {
    programmes(filter: $filter, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          name
          direction
          ageFrom
          ageTo
          hours
          pricePerMonth
          funding
          freePlaces
          address
          municipality {
            id
            name
          }
          organization {
            id
            shortName
          }
        }
      }
    }
  }
`;

export const CATALOGUE_PROGRAMME_QUERY: TypedDocumentNode<CatalogueProgrammeQuery, CatalogueProgrammeQueryVariables> =
  gql`
    query CatalogueProgramme($id: ID!) {
      programme(id: $id) {
        id
        name
        description
        direction
        ageFrom
        ageTo
        durationMonths
        hours
        pricePerMonth
        funding
        status
        address
        freePlaces
        municipality {
          id
          name
        }
        organization {
          id
          shortName
          fullName
          address
          pfdoParticipant
        }
        groups {
          id
          name
          schedule
          capacity
          startsOn
          endsOn
          freePlaces
        }
      }
    }
  `;
