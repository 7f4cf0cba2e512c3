/** «Сводка»: what needs the administration's attention today, each figure leading to its section. */
import { gql, type TypedDocumentNode } from '@apollo/client';
import type { SchoolSummaryQuery, SchoolSummaryQueryVariables } from '../../generated/graphql.ts';
import { Link } from 'react-router';
import { useData } from '../../api/hooks.ts';
import { DataState, Page } from '../../ui/kit.tsx';
import { YEAR_STATUS_LABELS } from './labels.ts';
import { schoolPath, useOrganization } from './organization.tsx';

/** Lists are counted up to this many: enough to say «нужно разобрать», cheap to ask. */
const COUNT_UP_TO = 50;

const SUMMARY_QUERY: TypedDocumentNode<SchoolSummaryQuery, SchoolSummaryQueryVariables> = gql`
  query SchoolSummary($organizationId: ID!, $upTo: Int!) {
    organization(id: $organizationId) {
      id
      fullName
      schoolYearStatus
      classes {
        id
      }
    }
    students: persons(filter: { organizationId: $organizationId, kind: STUDENT }, first: 1) {
      totalCount
    }
    gaps: persons(filter: { organizationId: $organizationId, kind: STUDENT, hasMissingFields: true }, first: 1) {
      totalCount
    }
    staffGaps: persons(filter: { organizationId: $organizationId, kind: STAFF, hasMissingFields: true }, first: 1) {
      totalCount
    }
    duplicates(organizationId: $organizationId, first: $upTo) {
      edges {
        cursor
      }
      pageInfo {
        hasNextPage
      }
    }
    submitted: applications(organizationId: $organizationId, status: SUBMITTED, first: $upTo) {
      edges {
        cursor
      }
      pageInfo {
        hasNextPage
      }
    }
    reviewing: applications(organizationId: $organizationId, status: UNDER_REVIEW, first: $upTo) {
      edges {
        cursor
      }
      pageInfo {
        hasNextPage
      }
    }
  }
`;

function upTo(list: { edges: unknown[]; pageInfo: { hasNextPage: boolean } }): string {
  return `${list.edges.length}${list.pageInfo.hasNextPage ? '+' : ''}`;
}

function Tile({
  to,
  value,
  label,
  tone,
}: {
  to: string;
  value: string | number;
  label: string;
  tone?: 'warning' | 'success';
}) {
  return (
    <Link to={to} className={`stat school-tile${tone ? ` school-tile-${tone}` : ''}`}>
      <span className="stat-value">{value}</span>
      <span className="stat-label">{label}</span>
    </Link>
  );
}

export function SummaryPage() {
  const organization = useOrganization();
  const { data, loading, error, refetch } = useData(SUMMARY_QUERY, {
    variables: { organizationId: organization.id, upTo: COUNT_UP_TO },
  });
  const path = (section: string) => schoolPath(section, organization.id);
  return (
    <Page title={organization.shortName}>
      <DataState loading={loading} error={error} data={data} onRetry={() => void refetch()}>
        {(loaded) => {
          const yearStatus = loaded.organization?.schoolYearStatus ?? 'NOT_CREATED';
          const share = loaded.students.totalCount
            ? Math.round((loaded.gaps.totalCount / loaded.students.totalCount) * 100)
            : 0;
          return (
            <>
              {loaded.organization && <p className="muted school-lead">{loaded.organization.fullName}</p>}
              <div className="stats school-tiles">
                <Tile
                  to={path('completeness')}
                  value={loaded.gaps.totalCount}
                  label={`карточек обучающихся с пропусками (${share}% из ${loaded.students.totalCount})`}
                  tone={loaded.gaps.totalCount > 0 ? 'warning' : 'success'}
                />
                <Tile
                  to={`${path('completeness')}?kind=STAFF`}
                  value={loaded.staffGaps.totalCount}
                  label="карточек сотрудников с пропусками"
                  tone={loaded.staffGaps.totalCount > 0 ? 'warning' : 'success'}
                />
                <Tile
                  to={path('duplicates')}
                  value={upTo(loaded.duplicates)}
                  label="групп возможных дубликатов"
                  tone={loaded.duplicates.edges.length > 0 ? 'warning' : 'success'}
                />
                <Tile
                  to={`${path('admissions')}?status=SUBMITTED`}
                  value={upTo(loaded.submitted)}
                  label="новых заявлений"
                />
                <Tile
                  to={`${path('admissions')}?status=UNDER_REVIEW`}
                  value={upTo(loaded.reviewing)}
                  label="заявлений на рассмотрении"
                />
                <Tile
                  to={path('school-year')}
                  value={YEAR_STATUS_LABELS[yearStatus]}
                  label="текущий учебный год"
                  tone={yearStatus === 'OPEN' ? 'success' : 'warning'}
                />
                <Tile
                  to={path('classes')}
                  value={loaded.organization?.classes.length ?? 0}
                  label="классов в этом году"
                />
              </div>
            </>
          );
        }}
      </DataState>
    </Page>
  );
}
