/** The organization's programmes in every status (issue 11): drafts to finish, published ones, the archive. */
import { useState } from 'react';
import { Link } from 'react-router';
import { useData } from '../../api/hooks.ts';
import {
  DIRECTION_NAMES,
  PROGRAMME_STATUSES,
  PROGRAMME_STATUS_TONES,
  formatAges,
  type ProgrammeStatus,
} from '../../features/extra/labels.ts';
import { Badge, DataState, Field, Notice, Page, PagerControls, TableWrap, usePager } from '../../ui/kit.tsx';
import { useExtraBase, useExtraOrganization } from './organization.tsx';
import { MANAGED_PROGRAMMES_QUERY } from './queries.ts';

export function NoOrganization() {
  return (
    <Page title="Дополнительное образование">
      <Notice tone="warning">
        У вашей учётной записи нет роли администратора организации дополнительного образования. Обратитесь к
        муниципальному координатору.
      </Notice>
    </Page>
  );
}

export function ProgrammesPage() {
  const { organization, picker } = useExtraOrganization();
  const base = useExtraBase();
  const [status, setStatus] = useState<ProgrammeStatus | ''>('');
  const pager = usePager(25);
  const { data, loading, error, refetch } = useData(MANAGED_PROGRAMMES_QUERY, {
    variables: {
      organizationId: organization?.id ?? '',
      status: status || null,
      first: pager.first,
      after: pager.after,
    },
    skip: !organization,
    fetchPolicy: 'cache-and-network',
  });
  if (!organization) return <NoOrganization />;
  return (
    <Page
      title="Программы"
      actions={
        <Link to={`${base}/programmes/new`} className="button button-primary">
          Новая программа
        </Link>
      }
    >
      <p className="muted">{organization.shortName}</p>
      <div className="filters">
        {picker}
        <Field label="Статус">
          {(props) => (
            <select
              {...props}
              value={status}
              onChange={(event) => {
                pager.reset();
                setStatus(event.target.value as ProgrammeStatus | '');
              }}
            >
              <option value="">Все</option>
              {(Object.keys(PROGRAMME_STATUSES) as ProgrammeStatus[]).map((value) => (
                <option key={value} value={value}>
                  {PROGRAMME_STATUSES[value]}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <DataState
        loading={loading}
        error={error}
        data={data}
        onRetry={() => void refetch()}
        isEmpty={(result) => result.managedProgrammes.edges.length === 0}
        empty="Программ нет. Создайте первую: «Новая программа»."
      >
        {(result) => (
          <>
            <TableWrap label="Программы организации">
              <table className="table">
                <caption className="visually-hidden">Программы организации «{organization.shortName}»</caption>
                <thead>
                  <tr>
                    <th scope="col">Программа</th>
                    <th scope="col">Направленность</th>
                    <th scope="col">Возраст</th>
                    <th scope="col">Статус</th>
                    <th scope="col" className="num">
                      Групп
                    </th>
                    <th scope="col" className="num">
                      Свободно мест
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {result.managedProgrammes.edges.map(({ node }) => (
                    <tr key={node.id}>
                      <th scope="row">
                        <Link to={`${base}/programmes/${node.id}`}>{node.name}</Link>
                      </th>
                      <td>{DIRECTION_NAMES[node.direction]}</td>
                      <td>{formatAges(node.ageFrom, node.ageTo)}</td>
                      <td>
                        <Badge tone={PROGRAMME_STATUS_TONES[node.status]}>{PROGRAMME_STATUSES[node.status]}</Badge>
                      </td>
                      <td className="num">{node.groups.length}</td>
                      <td className="num">{node.freePlaces}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableWrap>
            <PagerControls
              pager={pager}
              pageInfo={result.managedProgrammes.pageInfo}
              totalCount={result.managedProgrammes.totalCount}
              shown={result.managedProgrammes.edges.length}
            />
          </>
        )}
      </DataState>
    </Page>
  );
}
