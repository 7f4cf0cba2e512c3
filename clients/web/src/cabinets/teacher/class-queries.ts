/** The class teacher's class page (issue 15 §2): learners, their guardians' contacts, the week's absences and notices. */
import { gql, type TypedDocumentNode } from '@apollo/client';
import type { TeacherClassPageQuery, TeacherClassPageQueryVariables } from '../../generated/graphql.ts';

export type ClassPageData = NonNullable<TeacherClassPageQuery['class']>;

export const CLASS_PAGE_QUERY: TypedDocumentNode<TeacherClassPageQuery, TeacherClassPageQueryVariables> = gql`
  query TeacherClassPage($id: ID!, $from: Date, $to: Date) {
    class(id: $id) {
      id
      name
      students {
        id
        fullName
        depersonalized
        guardians {
          id
          fullName
          depersonalized
          phone
          email
        }
      }
      week(from: $from, to: $to) {
        from
        to
        today
        attendance {
          id
          date
          status
          student {
            id
          }
          lesson {
            id
            lessonNumber
            subject {
              id
              name
            }
          }
        }
        absenceNotices {
          id
          from
          to
          reason
          student {
            id
          }
          declaredBy {
            id
            fullName
          }
        }
      }
    }
  }
`;
