/** «Организации»: the territory's organizations with their school-year status and data completeness. */
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useData } from '../../api/hooks.ts';
import { Badge, DataState, Page, PagerControls, usePager, TableWrap } from '../../ui/kit.tsx';
import { ORGANIZATION_TYPES, type OrganizationType } from './labels.ts';
import { ORGANIZATIONS } from './queries/organizations.ts';
import { municipalityFilter, useTerritoryScope } from './scope.ts';
import { paths } from './paths.ts';
import { CompletenessCell, Lead, MunicipalitySelect, SchoolYearCell } from './ui.tsx';
import { ListExportButtons } from '../../features/common/list-export.tsx';
import { SCHOOL_YEAR_STATUSES } from './labels.ts';

const PAGE_SIZE = 20;

/** Typing in the name box filters after a short pause, not on every key. */
function useDebounced(value: string, delay = 300): string {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), delay);
    return () => clearTimeout(timer);
  }, [value, delay]);
  return settled;
}

export function OrganizationsPage() {
  const scope = useTerritoryScope();
  const [params, setParams] = useSearchParams();
  const typeId = useId();
  const nameId = useId();
  const municipalityId = municipalityFilter(scope, params.get('municipality'));
  const type = (params.get('type') as OrganizationType | null) || null;
  const [name, setName] = useState(params.get('name') ?? '');
  const settledName = useDebounced(name.trim());
  const pager = usePager(PAGE_SIZE);

  const setParam = (key: string, value: string) =>
    setParams(
      (previous) => {
        const next = new URLSearchParams(previous);
        if (value) next.set(key, value);
        else next.delete(key);
        return next;
      },
      { replace: true },
    );

  // Only a settled name goes into the address, so «Назад» from an organization comes back to the same list.
  useEffect(() => {
    if (settledName !== (params.get('name') ?? '')) setParam('name', settledName);
  }, [settledName]);

  const filter = useMemo(
    () => ({ municipalityId, type, name: settledName || null }),
    [municipalityId, type, settledName],
  );
  // A new filter starts from the first page.
  const filterKey = JSON.stringify(filter);
  const shownKey = useRef(filterKey);
  useEffect(() => {
    if (shownKey.current === filterKey) return;
    shownKey.current = filterKey;
    pager.reset();
  }, [filterKey, pager]);

  const { data, loading, error, refetch } = useData(ORGANIZATIONS, {
    variables: { filter, first: pager.first, after: shownKey.current === filterKey ? pager.after : null },
  });

  return (
    <Page title="Организации">
      <Lead>
        {scope.title}. Состояние учебного года (школы открывают год до 6 сентября, доп. образование — до 20 сентября) и
        заполненность карточек обучающихся: сколько карточек без обязательных сведений.
      </Lead>
      <form className="filters" role="search" aria-label="Фильтр организаций" onSubmit={(e) => e.preventDefault()}>
        <MunicipalitySelect
          scope={scope}
          value={municipalityId ?? ''}
          onChange={(value) => setParam('municipality', value)}
        />
        <div className="field">
          <label htmlFor={typeId}>Тип</label>
          <select id={typeId} value={type ?? ''} onChange={(event) => setParam('type', event.target.value)}>
            <option value="">Все типы</option>
            {(Object.keys(ORGANIZATION_TYPES) as OrganizationType[]).map((value) => (
              <option key={value} value={value}>
                {ORGANIZATION_TYPES[value]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={nameId}>Наименование</label>
          <input
            id={nameId}
            type="search"
            value={name}
            placeholder="Например, лицей"
            onChange={(event) => setName(event.target.value)}
          />
        </div>
      </form>
      <ListExportButtons
        list={{
          title: `Организации — ${scope.title}`,
          filters: [
            ...(municipalityId
              ? [
                  `Муниципалитет: ${
                    scope.municipalities.find((m) => m.id === municipalityId)?.name ??
                    data?.organizations.edges[0]?.node.municipality.name ??
                    municipalityId
                  }`,
                ]
              : []),
            ...(type ? [`Тип: ${ORGANIZATION_TYPES[type]}`] : []),
            ...(settledName ? [`Наименование: ${settledName}`] : []),
          ],
          query: ORGANIZATIONS,
          variables: { filter },
          connection: 'organizations',
          columns: [
            { title: 'Организация', path: 'shortName' },
            { title: 'Тип', path: 'type', labels: ORGANIZATION_TYPES },
            { title: 'Муниципалитет', path: 'municipality.name' },
            { title: 'Учебный год', path: 'schoolYearStatus', labels: SCHOOL_YEAR_STATUSES },
            { title: 'Обучающихся', path: 'dataCompleteness.students', kind: 'number' },
            {
              title: 'Карточки обучающихся без пропусков, %',
              path: 'dataCompleteness.studentsCompletePercent',
              kind: 'number',
            },
            { title: 'Сотрудников', path: 'dataCompleteness.staff', kind: 'number' },
            {
              title: 'Карточки сотрудников без пропусков, %',
              path: 'dataCompleteness.staffCompletePercent',
              kind: 'number',
            },
            { title: 'ИНН', path: 'inn' },
            { title: 'ИНН верен', path: 'innValid', kind: 'boolean' },
          ],
        }}
      />
      <DataState
        loading={loading}
        error={error}
        data={data}
        onRetry={() => void refetch()}
        isEmpty={(loaded) => loaded.organizations.edges.length === 0}
        empty="Организаций с такими условиями нет."
      >
        {(loaded) => (
          <>
            <TableWrap label="Организации">
              <table className="table t-table t-stack t-organizations">
                <caption className="visually-hidden">
                  Организации, состояние учебного года и заполненность данных
                </caption>
                <thead>
                  <tr>
                    <th scope="col">Организация</th>
                    <th scope="col">Тип</th>
                    {scope.regional && <th scope="col">Муниципалитет</th>}
                    <th scope="col">Учебный год</th>
                    <th scope="col">Карточки обучающихся заполнены</th>
                    <th scope="col">Карточки сотрудников</th>
                    <th scope="col">ИНН</th>
                  </tr>
                </thead>
                <tbody>
                  {loaded.organizations.edges.map(({ node }) => (
                    <tr key={node.id}>
                      <th scope="row">
                        <Link to={paths.organization(node.id)}>{node.shortName}</Link>
                      </th>
                      <td data-label="Тип">{ORGANIZATION_TYPES[node.type]}</td>
                      {scope.regional && <td data-label="Муниципалитет">{node.municipality.name}</td>}
                      <td data-label="Учебный год">
                        <SchoolYearCell status={node.schoolYearStatus} opening={node.schoolYearOpening} />
                      </td>
                      <td data-label="Обучающиеся">
                        <CompletenessCell figures={node.dataCompleteness} />
                      </td>
                      <td data-label="Сотрудники">
                        <CompletenessCell figures={node.dataCompleteness} of="staff" />
                      </td>
                      <td data-label="ИНН">
                        {node.inn}
                        {!node.innValid && (
                          <>
                            {' '}
                            <Badge tone="error">ошибка в ИНН</Badge>
                          </>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableWrap>
            <PagerControls
              pager={pager}
              pageInfo={loaded.organizations.pageInfo}
              totalCount={loaded.organizations.totalCount}
              shown={loaded.organizations.edges.length}
            />
          </>
        )}
      </DataState>
    </Page>
  );
}
