/** The school portfolio (rule 12, as on ЕПГУ) of one student. */
import { gql, type TypedDocumentNode } from '@apollo/client';
import type {
  PortfolioEventsQuery,
  PortfolioEventsQueryVariables,
  PortfolioQuery,
  PortfolioQueryVariables,
} from '../../generated/graphql.ts';
import type { EventKind, MarkKind, MarkValue } from '../common/labels.ts';
import type { MarkFields } from '../common/marks.tsx';

export interface PeriodData {
  id: string;
  number: number;
  name: string;
  startsOn: string;
  endsOn: string;
  closed: boolean;
}

export interface SubjectProgressData {
  subject: { id: string; name: string; shortName: string };
  average: number | null;
  classAverage: number | null;
  periods: { period: PeriodData; average: number | null; classAverage: number | null; change: number | null }[];
}

export interface PortfolioData {
  person: {
    id: string;
    firstName: string;
    portfolio: {
      schoolYear: number;
      subjects: SubjectProgressData[];
      attendance: {
        period: { id: string; name: string; startsOn: string; endsOn: string } | null;
        lessons: number;
        absent: number;
        sick: number;
        excused: number;
        late: number;
        attendedPercent: number | null;
      };
      nextHolidays: { name: string; startsOn: string; endsOn: string; daysUntil: number } | null;
      controlWorks: (MarkFields & {
        date: string;
        subject: { id: string; name: string };
        lesson: { id: string; topic: string | null } | null;
      })[];
      periodMarks: {
        id: string;
        date: string;
        kind: MarkKind;
        value: MarkValue;
        subject: { id: string; name: string };
      }[];
    } | null;
  } | null;
}

export const PORTFOLIO_QUERY: TypedDocumentNode<PortfolioQuery, PortfolioQueryVariables> = gql`
  query Portfolio($personId: ID!) {
    person(id: $personId) {
      id
      firstName
      portfolio {
        schoolYear
        subjects {
          subject {
            id
            name
            shortName
          }
          average
          classAverage
          periods {
            period {
              id
              number
              name
              startsOn
              endsOn
              closed
            }
            average
            classAverage
            change
          }
        }
        attendance {
          period {
            id
            name
            startsOn
            endsOn
          }
          lessons
          absent
          sick
          excused
          late
          attendedPercent
        }
        nextHolidays {
          name
          startsOn
          endsOn
          daysUntil
        }
        controlWorks {
          id
          date
          kind
          value
          weight
          debt
          comment
          subject {
            id
            name
          }
          lesson {
            id
            topic
          }
        }
        periodMarks {
          id
          date
          kind
          value
          subject {
            id
            name
          }
        }
      }
    }
  }
`;

export interface PortfolioEvent {
  id: string;
  kind: EventKind;
  title: string;
  description: string | null;
  startsAt: string;
  endsAt: string | null;
  class: { id: string; name: string } | null;
}

/**
 * Asked with the school year the portfolio answered with: the portfolio is not normalized in the cache,
 * and a field with other arguments is stored apart, so the two queries never overwrite each other.
 */
export const PORTFOLIO_EVENTS_QUERY: TypedDocumentNode<PortfolioEventsQuery, PortfolioEventsQueryVariables> = gql`
  query PortfolioEvents($personId: ID!, $schoolYear: Int!, $first: Int!) {
    person(id: $personId) {
      id
      portfolio(schoolYear: $schoolYear) {
        events(first: $first) {
          id
          kind
          title
          description
          startsAt
          endsAt
          class {
            id
            name
          }
        }
      }
    }
  }
`;
