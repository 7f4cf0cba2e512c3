/** An organization's delivery report to ФГИС «Моя школа» (issue 14 §3): the regional operator's and the org admin's. */
import { gql, type TypedDocumentNode } from '@apollo/client';
import type { MoyaShkolaDeliveryReportQuery, MoyaShkolaDeliveryReportQueryVariables } from '../../generated/graphql.ts';

export type MoyaShkolaReport = MoyaShkolaDeliveryReportQuery['moyaShkolaDeliveryReport'];

export const MOYA_SHKOLA_REPORT: TypedDocumentNode<
  MoyaShkolaDeliveryReportQuery,
  MoyaShkolaDeliveryReportQueryVariables
> = gql`
  query MoyaShkolaDeliveryReport($organizationId: ID!) {
    moyaShkolaDeliveryReport(organizationId: $organizationId, first: 20) {
      organizationId
      acceptedRecords
      refusedRecords
      pendingBatches
      deadBatches
      lastDeliveredAt
      batches {
        id
        status
        createdAt
        deliveredAt
        attempts
        records
        accepted
        lastError
        refusals {
          recordType
          recordId
          code
          reason
        }
      }
    }
  }
`;
