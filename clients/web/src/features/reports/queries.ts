/** The report builder's operations (issue 12): the catalogue the menus are built from, and one report. */
import { gql, type TypedDocumentNode } from '@apollo/client';
import type {
  DeleteSavedReportMutation,
  DeleteSavedReportMutationVariables,
  Oo1FileQuery,
  Oo1FileQueryVariables,
  Oo1FormQuery,
  Oo1FormQueryVariables,
  ReportFileLinkQuery,
  ReportFileLinkQueryVariables,
  SaveReportMutation,
  SaveReportMutationVariables,
  SavedReportsQuery,
  SavedReportsQueryVariables,
  ReportCatalogQuery,
  ReportCatalogQueryVariables,
  ReportInput,
  ReportQuery,
  ReportQueryVariables,
  MonitoringDashboardQuery,
  MonitoringDashboardQueryVariables,
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
      factsAsOf
    }
  }
`;

/**
 * The monitoring dashboard (rule 21): the server's panels for the principal's territory, each a report with
 * its table (the same fields as `report`), so the page and the benchmark ask for one list.
 */
export const MONITORING_DASHBOARD: TypedDocumentNode<MonitoringDashboardQuery, MonitoringDashboardQueryVariables> = gql`
  query MonitoringDashboard($municipalityId: ID) {
    monitoringDashboard(municipalityId: $municipalityId) {
      id
      title
      table {
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
        factsAsOf
      }
    }
  }
`;

const FILE_FIELDS = gql`
  fragment ReportFileFields on ReportFile {
    filename
    contentType
    contentBase64
    suppressed
  }
`;

/** A one-minute link to the report's CSV or XLSX, streamed by the server with the same numbers and «к» (issue 12). */
export const REPORT_FILE_LINK: TypedDocumentNode<ReportFileLinkQuery, ReportFileLinkQueryVariables> = gql`
  query ReportFileLink($input: ReportInput!, $format: ReportFileFormat!) {
    reportFileLink(input: $input, format: $format) {
      url
      filename
      expiresAt
    }
  }
`;

export type SavedReportItem = SavedReportsQuery['savedReports'][number];

export const SAVED_REPORTS: TypedDocumentNode<SavedReportsQuery, SavedReportsQueryVariables> = gql`
  query SavedReports {
    savedReports {
      id
      title
      shared
      mine
      savedAt
      definition {
        dataset
        dimensions
        measures
        filters {
          dimension
          values
        }
        on
        from
        to
      }
    }
  }
`;

export const SAVE_REPORT: TypedDocumentNode<SaveReportMutation, SaveReportMutationVariables> = gql`
  mutation SaveReport($input: SaveReportInput!) {
    saveReport(input: $input) {
      id
      title
      shared
    }
  }
`;

export const DELETE_SAVED_REPORT: TypedDocumentNode<DeleteSavedReportMutation, DeleteSavedReportMutationVariables> =
  gql`
    mutation DeleteSavedReport($id: ID!) {
      deleteSavedReport(id: $id)
    }
  `;

export type Oo1 = Oo1FormQuery['oo1'];

/** Form ОО-1's contingent sections for an organization, a municipality or the region, with its XLSX. */
export const OO1_FORM: TypedDocumentNode<Oo1FormQuery, Oo1FormQueryVariables> = gql`
  query Oo1Form($input: Oo1Input!) {
    oo1(input: $input) {
      level
      territory
      on
      ageOn
      suppressed
      note
      sections {
        code
        title
        columns
        rows {
          line
          title
          cells {
            value
            suppressed
          }
        }
      }
    }
  }
`;

export const OO1_FILE: TypedDocumentNode<Oo1FileQuery, Oo1FileQueryVariables> = gql`
  query Oo1File($input: Oo1Input!) {
    oo1(input: $input) {
      file {
        ...ReportFileFields
      }
    }
  }
  ${FILE_FIELDS}
`;
