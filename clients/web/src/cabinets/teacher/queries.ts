/** The teacher cabinet's operations, each with its hand-written result type. */
import { gql, type TypedDocumentNode } from '@apollo/client';
import type {
  TeacherAssignmentsQuery,
  TeacherAssignmentsQueryVariables,
  TeacherLedClassQuery,
  TeacherLedClassQueryVariables,
  TeacherScheduleQuery,
  TeacherScheduleQueryVariables,
} from '../../generated/graphql.ts';

// ---- Schedule ----

export type ScheduleLessonData = TeacherScheduleQuery['mySchedule']['days'][number]['lessons'][number];

export type ScheduleData = TeacherScheduleQuery;

export const SCHEDULE_QUERY: TypedDocumentNode<TeacherScheduleQuery, TeacherScheduleQueryVariables> = gql`
  query TeacherSchedule($from: Date, $to: Date) {
    mySchedule(from: $from, to: $to) {
      from
      to
      today
      days {
        date
        holiday
        lessons {
          role
          room
          class {
            id
            name
          }
          lesson {
            id
            date
            lessonNumber
            time {
              startsAt
              endsAt
            }
            topic
            subject {
              id
              name
            }
            homework {
              text
            }
            substitution {
              reason
              teacher {
                id
                fullName
              }
              originalTeacher {
                id
                fullName
              }
            }
          }
        }
      }
    }
  }
`;

// ---- My classes ----

export const ASSIGNMENTS_QUERY: TypedDocumentNode<TeacherAssignmentsQuery, TeacherAssignmentsQueryVariables> = gql`
  query TeacherAssignments {
    myAssignments {
      subgroup
      class {
        id
        name
        grade
        organization {
          id
          shortName
        }
      }
      subject {
        id
        name
      }
    }
  }
`;

/** The class a class teacher leads: every subject of it opens in the journal (read, and write per the API). */
export const LED_CLASS_QUERY: TypedDocumentNode<TeacherLedClassQuery, TeacherLedClassQueryVariables> = gql`
  query TeacherLedClass($id: ID!) {
    class(id: $id) {
      id
      name
      subjects {
        id
        name
      }
    }
  }
`;
