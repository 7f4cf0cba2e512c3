/** The report builder's operations (issue 12): the catalogue the menus are built from, and one report. */
import { gql, type TypedDocumentNode } from '@apollo/client';
import type {
  ReportCatalogQuery,
  ReportCatalogQueryVariables,
  ReportInput,
  ReportQuery,
  ReportQueryVariables,
} from '../../generated/graphql.ts';

export type Catalog = ReportCatalogQuery['reportCatalog'];
export type CatalogDataset = Catalog['datasets'][number];
export type Table = ReportQuery['report'];
export type TableRow = Table['rows'][number];
export type TableCell = TableRow['cells'][number];
export type { ReportInput };

export const REPORT_CATALOG: TypedDocumentNode<ReportCatalogQuery, ReportCatalogQueryVariables> = gql`
  query ReportCatalog {
    reportCatalog {
      minCellSize
      datasets {
        id
        title
        description
        dimensions {
          id
          title
        }
        measures {
          id
          title
          unit
        }
      }
    }
  }
`;

export const REPORT: TypedDocumentNode<ReportQuery, ReportQueryVariables> = gql`
  query Report($input: ReportInput!) {
    report(input: $input) {
      dataset
      columns {
        id
        title
        kind
        unit
      }
      rows {
        cells {
          key
          label
          value
          suppressed
          total
        }
      }
      totals {
        cells {
          key
          label
          value
          suppressed
          total
        }
      }
      rowCount
      minCellSize
      suppressed
      note
    }
  }
`;
