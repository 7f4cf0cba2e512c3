/** Extra-education coverage (issue 11, rule 21): counts only — children 5–18 enrolled, by direction, certificates. */
import { gql, type TypedDocumentNode } from '@apollo/client';
import type {
  ExtraCoverageMunicipalitiesQuery,
  ExtraCoverageMunicipalitiesQueryVariables,
  ExtraCoverageQuery,
  ExtraCoverageQueryVariables,
} from '../../../generated/graphql.ts';

export type CoverageFigures = NonNullable<ExtraCoverageQuery['extraCoverage']>;
export type MunicipalityCoverage = ExtraCoverageMunicipalitiesQuery['municipalities'][number];

export const EXTRA_COVERAGE_QUERY: TypedDocumentNode<ExtraCoverageQuery, ExtraCoverageQueryVariables> = gql`
  query ExtraCoverage($municipalityId: ID) {
    extraCoverage(municipalityId: $municipalityId) {
      area
      areaId
      on
      municipality {
        id
        name
      }
      enrolled
      enrolledPercent
      programmes
      programmesWithoutEnrolment
      certificates {
        total
        frozen
        actual
      }
      byDirection {
        direction
        directionName
        enrolled
        enrolledPercent
        programmes
        programmesWithoutEnrolment
      }
    }
  }
`;

/** The region's municipalities side by side (the regional roles; a coordinator's API answers only their own). */
export const EXTRA_COVERAGE_MUNICIPALITIES_QUERY: TypedDocumentNode<
  ExtraCoverageMunicipalitiesQuery,
  ExtraCoverageMunicipalitiesQueryVariables
> = gql`
  query ExtraCoverageMunicipalities {
    municipalities {
      id
      name
      extraCoverage {
        area
        areaId
        on
        enrolled
        enrolledPercent
        programmes
        programmesWithoutEnrolment
        certificates {
          total
          frozen
          actual
        }
      }
    }
  }
`;
