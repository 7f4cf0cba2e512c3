/** «Не открыли учебный год» (rule 13): the organizations without an opened school year, with the deadline. */
import { useState } from 'react';
import { Link } from 'react-router';
import { useData } from '../../api/hooks.ts';
import { Badge, DataState, Notice, Page } from '../../ui/kit.tsx';
import { formatDate, plural } from '../../ui/format.ts';
import { ORGANIZATION_TYPES, SCHOOL_YEAR_STATUSES } from './labels.ts';
import type { TerritoryNotOpenedQueryVariables } from '../../generated/graphql.ts';
import { NOT_OPENED, type Opening } from './queries/organizations.ts';
import { schoolYearName } from './rules.ts';
import { useTerritoryScope } from './scope.ts';
import { paths } from './paths.ts';
import { Lead, MunicipalitySelect, SlicePager, useSlice } from './ui.tsx';

/** One page of the not-opened list (at most the connection's limit of 200). */
const FIRST_PAGE: TerritoryNotOpenedQueryVariables = { first: 200, after: null };

function byMunicipalityAndName(a: Opening, b: Opening): number {
  return (
    a.organization.municipality.name.localeCompare(b.organization.municipality.name, 'ru') ||
    a.organization.shortName.localeCompare(b.organization.shortName, 'ru')
  );
}

export function NotOpenedPage() {
  const scope = useTerritoryScope();
  const [municipality, setMunicipality] = useState('');
  const { data, loading, error, refetch, fetchMore } = useData(NOT_OPENED, { variables: FIRST_PAGE });
  const [loadingMore, setLoadingMore] = useState(false);
  const list = data?.organizationsNotOpened;
  // Learning pages by organization id (issue 13 §4): names and municipalities are the registry's, so the
  // loaded rows are sorted and, for the region, filtered by municipality here.
  const rows = (list?.edges ?? [])
    .map((edge) => edge.node)
    .filter((row) => !municipality || row.organization.municipality.id === municipality)
    .sort(byMunicipalityAndName);
  const slice = useSlice(rows);
  const first = list?.edges[0]?.node;
  const year = first ? schoolYearName(first.schoolYear) : null;
  const overdue = rows.filter((row) => row.organization.schoolYearOpening.overdue).length;
  const complete = !list?.pageInfo.hasNextPage;
  const total = municipality || !list ? rows.length : list.totalCount;

  const loadMore = () => {
    if (!list?.pageInfo.endCursor) return;
    setLoadingMore(true);
    void fetchMore({
      variables: { after: list.pageInfo.endCursor },
      updateQuery: (previous, { fetchMoreResult }) => ({
        organizationsNotOpened: {
          ...fetchMoreResult.organizationsNotOpened,
          edges: [...(previous.organizationsNotOpened?.edges ?? []), ...fetchMoreResult.organizationsNotOpened.edges],
        },
      }),
    }).finally(() => setLoadingMore(false));
  };

  return (
    <Page title="Не открыли учебный год">
      <Lead>
        {scope.title}
        {year ? `, учебный год ${year}` : ''}. Организации, у которых учебный год не сформирован или сформирован, но не
        открыт.
      </Lead>
      <Notice tone="info">
        Новый учебный год формируется с 1 апреля; школы, детские сады и колледжи открывают его до 6 сентября,
        организации дополнительного образования — до 20 сентября.
      </Notice>
      {scope.regional && (
        <div className="filters">
          <MunicipalitySelect scope={scope} value={municipality} onChange={setMunicipality} />
        </div>
      )}
      <DataState
        loading={loading}
        error={error}
        data={data}
        onRetry={() => void refetch()}
        isEmpty={() => rows.length === 0}
        empty="Все организации открыли учебный год."
      >
        {() => (
          <>
            <p className="t-summary">
              <strong>
                {total} {plural(total, ['организация', 'организации', 'организаций'])}
              </strong>{' '}
              не {total === 1 ? 'открыла' : 'открыли'} учебный год
              {overdue > 0 && (
                <>
                  , {complete ? 'из них' : 'среди загруженных'} срок прошёл у{' '}
                  <strong className="t-overdue">{overdue}</strong>
                </>
              )}
              .
            </p>
            <div className="table-wrap">
              <table className="table t-table t-stack">
                <caption className="visually-hidden">Организации, не открывшие учебный год</caption>
                <thead>
                  <tr>
                    <th scope="col">Организация</th>
                    <th scope="col">Тип</th>
                    {scope.regional && <th scope="col">Муниципалитет</th>}
                    <th scope="col">Состояние</th>
                    <th scope="col">Срок открытия</th>
                  </tr>
                </thead>
                <tbody>
                  {slice.items.map((row) => (
                    <tr key={row.organization.id}>
                      <th scope="row">
                        <Link to={paths.organization(row.organization.id)}>{row.organization.shortName}</Link>
                      </th>
                      <td data-label="Тип">{ORGANIZATION_TYPES[row.organization.type]}</td>
                      {scope.regional && <td data-label="Муниципалитет">{row.organization.municipality.name}</td>}
                      <td data-label="Состояние">
                        <Badge tone={row.status === 'NOT_CREATED' ? 'error' : 'warning'}>
                          {SCHOOL_YEAR_STATUSES[row.status]}
                        </Badge>
                      </td>
                      <td data-label="Срок">
                        {formatDate(row.organization.schoolYearOpening.deadline)}{' '}
                        {row.organization.schoolYearOpening.overdue ? (
                          <Badge tone="error">срок прошёл</Badge>
                        ) : (
                          <Badge>срок не наступил</Badge>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <SlicePager slice={slice} />
            {!complete && (
              <p>
                Загружено {list?.edges.length} из {list?.totalCount}; список упорядочен среди загруженных.{' '}
                <button type="button" className="button" onClick={loadMore} disabled={loadingMore}>
                  {loadingMore ? 'Загрузка…' : 'Показать ещё'}
                </button>
              </p>
            )}
          </>
        )}
      </DataState>
    </Page>
  );
}
