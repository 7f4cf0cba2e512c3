/** The school portfolio (rule 12, as on ЕПГУ) of one student. */
import { gql, type TypedDocumentNode } from '@apollo/client';
import type {
  PortfolioEventsQuery,
  PortfolioEventsQueryVariables,
  PortfolioQuery,
  PortfolioQueryVariables,
} from '../../generated/graphql.ts';

export type PeriodData = SubjectProgressData['periods'][number]['period'];

export type SubjectProgressData = NonNullable<NonNullable<PortfolioQuery['person']>['portfolio']>['subjects'][number];

export type PortfolioData = PortfolioQuery;

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

export type PortfolioEvent = NonNullable<NonNullable<PortfolioEventsQuery['person']>['portfolio']>['events'][number];

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
