/** The report card (табель) of a learner and the сводная ведомость of a class (issue 15 §2). */
import { gql, type TypedDocumentNode } from '@apollo/client';
import type {
  ReportCardQuery,
  ReportCardQueryVariables,
  StudyPeriodsQuery,
  StudyPeriodsQueryVariables,
  SummarySheetFileQuery,
  SummarySheetFileQueryVariables,
  SummarySheetQuery,
  SummarySheetQueryVariables,
} from '../../generated/graphql.ts';

export type ReportCardData = NonNullable<NonNullable<ReportCardQuery['person']>['reportCard']>;
export type SummarySheetData = SummarySheetQuery['summarySheet'];

export const REPORT_CARD_QUERY: TypedDocumentNode<ReportCardQuery, ReportCardQueryVariables> = gql`
  query ReportCard($personId: ID!, $schoolYear: Int) {
    person(id: $personId) {
      id
      fullName
      reportCard(schoolYear: $schoolYear) {
        schoolYear
        classes {
          id
          name
        }
        periods {
          id
          number
          name
          closed
        }
        subjects {
          subject {
            id
            name
          }
          periodMarks {
            id
            value
          }
          yearMark {
            id
            value
          }
          finalMark {
            id
            value
          }
        }
        attendance {
          missed
          excused
          late
        }
      }
    }
  }
`;

export const STUDY_PERIODS_QUERY: TypedDocumentNode<StudyPeriodsQuery, StudyPeriodsQueryVariables> = gql`
  query StudyPeriods($organizationId: ID!, $schoolYear: Int) {
    studyPeriods(organizationId: $organizationId, schoolYear: $schoolYear) {
      id
      number
      name
      startsOn
      endsOn
      closed
    }
  }
`;

export const SUMMARY_SHEET_QUERY: TypedDocumentNode<SummarySheetQuery, SummarySheetQueryVariables> = gql`
  query SummarySheet($classId: ID!, $periodId: ID!) {
    summarySheet(classId: $classId, periodId: $periodId) {
      class {
        id
        name
      }
      period {
        id
        name
        startsOn
        endsOn
      }
      subjects {
        id
        name
        shortName
      }
      rows {
        student {
          id
          fullName
        }
        marks
        average
        twos
        notAttested
        attendance {
          missed
          excused
          late
        }
      }
      subjectTotals {
        subject {
          id
        }
        average
        twos
        notAttested
      }
      average
    }
  }
`;

export const SUMMARY_SHEET_FILE: TypedDocumentNode<SummarySheetFileQuery, SummarySheetFileQueryVariables> = gql`
  query SummarySheetFile($classId: ID!, $periodId: ID!, $format: SummarySheetFormat!) {
    summarySheetFile(classId: $classId, periodId: $periodId, format: $format) {
      filename
      contentType
      contentBase64
    }
  }
`;
