import { gql, type TypedDocumentNode } from '@apollo/client';
import type { PublicCatalogueQuery, PublicCatalogueQueryVariables } from '../generated/graphql.ts';

export type PublicOrganization = PublicCatalogueQuery['organizations']['edges'][number]['node'];

/** Sent without a token: only fields the gateway opens to anonymous callers (issue 11). */
export const PUBLIC_CATALOGUE_QUERY: TypedDocumentNode<PublicCatalogueQuery, PublicCatalogueQueryVariables> = gql`
  query PublicCatalogue($municipalityId: ID, $first: Int!) {
    municipalities {
      id
      name
    }
    organizations(filter: { type: EXTRA_EDUCATION, municipalityId: $municipalityId }, first: $first) {
      totalCount
      edges {
        node {
          id
          shortName
          fullName
          address
          pfdoParticipant
          municipality {
            id
            name
          }
        }
      }
    }
  }
`;
