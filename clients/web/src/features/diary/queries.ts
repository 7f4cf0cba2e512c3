/** The diary's operations: a week of lessons with marks and attendance, and the overdue homework. */
import { gql, type TypedDocumentNode } from '@apollo/client';
import type {
  DiaryQuery,
  DiaryQueryVariables,
  OverdueHomeworkQuery,
  OverdueHomeworkQueryVariables,
} from '../../generated/graphql.ts';

export type DiaryLessonData = DiaryDayData['lessons'][number];

export type DiaryDayData = NonNullable<NonNullable<DiaryQuery['person']>['diary']>['days'][number];

export type DiaryVars = { personId: string; from?: string | null; to?: string | null };

/**
 * A week of the diary: the diary page and the guardian's «Мои дети» read it with the same fields, so the week
 * one loads is the week the other shows at once.
 */
export const DIARY_WEEK_FIELDS = gql`
  fragment DiaryWeek on Diary {
    from
    to
    today
    days {
      date
      holiday
      lessons {
        lesson {
          id
          lessonNumber
          time {
            startsAt
            endsAt
          }
          subgroup
          topic
          subject {
            id
            name
            shortName
          }
          homework {
            text
            dueOn
            mandatory
            attachments {
              name
              url
            }
          }
          teacher {
            id
            fullName
          }
          substitution {
            reason
            teacher {
              id
              fullName
            }
          }
        }
        marks {
          id
          kind
          value
          weight
          debt
          comment
        }
        attendance
        homeworkSubmitted
        room
      }
    }
  }
`;

/** Without from/to the server answers with its current week (the platform's clock, not the browser's). */
export const DIARY_QUERY: TypedDocumentNode<DiaryQuery, DiaryQueryVariables> = gql`
  query Diary($personId: ID!, $from: Date, $to: Date) {
    person(id: $personId) {
      id
      fullName
      diary(from: $from, to: $to) {
        ...DiaryWeek
      }
    }
  }
  ${DIARY_WEEK_FIELDS}
`;

export type OverdueData = OverdueHomeworkQuery;

export const OVERDUE_QUERY: TypedDocumentNode<OverdueHomeworkQuery, OverdueHomeworkQueryVariables> = gql`
  query OverdueHomework($personId: ID!) {
    person(id: $personId) {
      id
      overdueHomework {
        id
        date
        subject {
          id
          name
        }
        # The same fields as the diary's: a lesson's homework is one cached object for both queries.
        homework {
          text
          dueOn
          mandatory
          attachments {
            name
            url
          }
        }
      }
    }
  }
`;
