/** The journal's operations: the grid, the study periods, and saving a lesson or a cell. */
import { gql, type TypedDocumentNode } from '@apollo/client';
import type {
  JournalAttendanceFragment,
  JournalMarkFragment,
  TeacherJournalQuery,
  TeacherJournalQueryVariables,
  TeacherJournalRosterQuery,
  TeacherJournalRosterQueryVariables,
  TeacherSaveLessonMutation,
  TeacherSaveLessonMutationVariables,
  TeacherStudyPeriodsQuery,
  TeacherStudyPeriodsQueryVariables,
  TeacherUpdateLessonMutation,
  TeacherUpdateLessonMutationVariables,
} from '../../../generated/graphql.ts';
import type * as Schema from '../../../generated/graphql.ts';

export type MarkKind = Schema.MarkKind;
export type MarkValue = Schema.MarkValue;
export type AttendanceStatus = Schema.AttendanceStatus;

export type HomeworkData = NonNullable<TeacherSaveLessonMutation['saveLesson']['homework']>;

export type GridMark = JournalMarkFragment;

export type GridAttendance = JournalAttendanceFragment;

export type GridLesson = JournalGridData['lessons'][number];

/** A student row as the grid shows it: the name comes from the class roster (see ROSTER_QUERY). */
export interface GridStudent {
  id: string;
  fullName: string;
  /** Left the class: the journal keeps their marks, their name is no longer readable. */
  former: boolean;
}

export type StudyPeriod = TeacherStudyPeriodsQuery['studyPeriods'][number];

export type JournalGridData = NonNullable<TeacherJournalQuery['class']>['journal'];

export type JournalData = TeacherJournalQuery;

export type JournalVars = TeacherJournalQueryVariables;

/** A cell's contents as the grid keeps them: the grid and every save answer with the same shape. */
const JOURNAL_ENTRIES = gql`
  fragment JournalMark on Mark {
    id
    kind
    value
    weight
    debt
    comment
    student {
      id
    }
    lesson {
      id
    }
  }

  fragment JournalAttendance on AttendanceMark {
    id
    status
    student {
      id
    }
    lesson {
      id
    }
  }
`;

export const JOURNAL_QUERY: TypedDocumentNode<TeacherJournalQuery, TeacherJournalQueryVariables> = gql`
  query TeacherJournal($classId: ID!, $subjectId: ID!, $periodId: ID, $from: Date, $to: Date) {
    class(id: $classId) {
      id
      name
      schoolYear
      organization {
        id
        shortName
      }
      journal(subjectId: $subjectId, periodId: $periodId, from: $from, to: $to) {
        from
        to
        today
        editable
        absenceNotices {
          id
          from
          to
          reason
          student {
            id
          }
        }
        subject {
          id
          name
        }
        period {
          id
          number
          name
          startsOn
          endsOn
          closed
        }
        students {
          id
          fullName
        }
        lessons {
          id
          date
          lessonNumber
          topic
          homework {
            text
            dueOn
            mandatory
          }
          substitution {
            reason
          }
        }
        marks {
          ...JournalMark
        }
        attendance {
          ...JournalAttendance
        }
        periodMarks {
          id
          kind
          value
          student {
            id
          }
        }
      }
    }
  }
  ${JOURNAL_ENTRIES}
`;

/**
 * The class's students today, asked apart from the grid: the grid lists everyone with entries in its dates,
 * and this list tells who is still in the class (a leaver's row says «Выбыл(а) из класса»).
 */
export const ROSTER_QUERY: TypedDocumentNode<TeacherJournalRosterQuery, TeacherJournalRosterQueryVariables> = gql`
  query TeacherJournalRoster($classId: ID!) {
    class(id: $classId) {
      id
      students {
        id
        fullName
      }
    }
  }
`;

export const PERIODS_QUERY: TypedDocumentNode<TeacherStudyPeriodsQuery, TeacherStudyPeriodsQueryVariables> = gql`
  query TeacherStudyPeriods($organizationId: ID!, $schoolYear: Int) {
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

export interface LessonMarkInput {
  studentId: string;
  kind: MarkKind;
  value: MarkValue | null;
  weight?: number;
}

export interface SaveLessonInput {
  lessonId: string;
  topic?: string | null;
  homework?: { text: string; dueOn: string | null; mandatory: boolean } | null;
  marks?: LessonMarkInput[];
  attendance?: { studentId: string; status: AttendanceStatus | null }[];
}

export type SavedLesson = TeacherSaveLessonMutation['saveLesson'];

export const SAVE_LESSON: TypedDocumentNode<TeacherSaveLessonMutation, TeacherSaveLessonMutationVariables> = gql`
  mutation TeacherSaveLesson($input: SaveLessonInput!) {
    saveLesson(input: $input) {
      id
      topic
      homework {
        text
        dueOn
        mandatory
      }
      marks {
        ...JournalMark
      }
      attendance {
        ...JournalAttendance
      }
    }
  }
  ${JOURNAL_ENTRIES}
`;

export const UPDATE_LESSON: TypedDocumentNode<TeacherUpdateLessonMutation, TeacherUpdateLessonMutationVariables> = gql`
  mutation TeacherUpdateLesson($input: UpdateLessonInput!) {
    updateLesson(input: $input) {
      id
      topic
      homework {
        text
        dueOn
        mandatory
      }
    }
  }
`;
