/**
 * «Кто просматривал мои данные» (issue 14 §4): who read a person's personal data — the reader's role and
 * organization, when, and which data. The person's own page in every cabinet, a guardian's children's logs,
 * and the regional operator's audit and anomaly report. The API decides who may see whose log.
 */
import { useState, type ReactNode } from 'react';
import { NavLink, Route, Routes } from 'react-router';
import { useData } from '../../api/hooks.ts';
import { grantsFor, useMe, type CabinetId, type MeGrant, type Role } from '../../me.tsx';
import { ROLE_TITLES } from '../../ui/labels.ts';
import { regionToday } from '../../ui/format.ts';
import { DataState, Field, Notice, Page, PagerControls, Section, TableWrap, usePager } from '../../ui/kit.tsx';
import { formatRegionDateTime } from '../common/format.ts';
import {
  DATA_READ_ANOMALIES_QUERY,
  DATA_READ_AUDIT_QUERY,
  DATA_READ_PERSON_SEARCH,
  DATA_READS_QUERY,
} from './queries.ts';

const PAGE = 25;

interface Where {
  serviceAccount?: string | null;
  organization?: { shortName: string } | null;
  municipality?: { name: string } | null;
}

function where(entry: Where): string {
  return entry.serviceAccount ?? entry.organization?.shortName ?? entry.municipality?.name ?? 'Весь регион';
}

function roleTitle(role: Role): string {
  return ROLE_TITLES[role] ?? role;
}

/** One person's log as the person or a family member sees it: role and organization, never the name. */
export function DataReadsView({ personId, title }: { personId?: string; title: string }) {
  const pager = usePager(PAGE);
  const { data, loading, error, refetch } = useData(DATA_READS_QUERY, {
    variables: { personId: personId ?? null, first: pager.first, after: pager.after },
  });
  const connection = data?.personalDataReads;
  return (
    <Section title={title}>
      <DataState
        loading={loading}
        error={error}
        data={connection}
        onRetry={() => void refetch()}
        isEmpty={(list) => list.edges.length === 0 && pager.page === 1}
        empty={personId ? 'Записей пока нет.' : 'Никто, кроме вас, ваши данные не просматривал.'}
      >
        {(list) => (
          <>
            <TableWrap label={title}>
              <table className="table">
                <caption className="visually-hidden">{title}</caption>
                <thead>
                  <tr>
                    <th scope="col">Когда</th>
                    <th scope="col">Кто</th>
                    <th scope="col">Организация</th>
                    <th scope="col">Какие данные</th>
                  </tr>
                </thead>
                <tbody>
                  {list.edges.map(({ node }) => (
                    <tr key={node.id}>
                      <td>{formatRegionDateTime(node.readAt)}</td>
                      <td>{roleTitle(node.role)}</td>
                      <td>{where(node)}</td>
                      <td>{node.fieldNames.join(', ')}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableWrap>
            <PagerControls pager={pager} pageInfo={list.pageInfo} shown={list.edges.length} />
          </>
        )}
      </DataState>
    </Section>
  );
}

const ABOUT =
  'Здесь видно, кто из сотрудников школы, органов управления образованием и внешних систем открывал персональные ' +
  'данные (документы, СНИЛС, адреса, телефон, почту): роль, организация, дата и какие сведения. Ваши собственные ' +
  'просмотры не записываются. Запись появляется через несколько секунд после просмотра.';

/** The person's own log, and in the guardian's cabinet each child's. */
export function MyDataReadsPage({ cabinet }: { cabinet: CabinetId }) {
  const me = useMe();
  const children = new Map<string, string>();
  if (cabinet === 'guardian')
    for (const grant of grantsFor(me.grants, 'guardian'))
      for (const child of grant.children ?? []) children.set(child.id, child.fullName);
  return (
    <Page title="Кто просматривал мои данные">
      <Notice>{ABOUT}</Notice>
      {[...children].map(([id, fullName]) => (
        <DataReadsView key={id} personId={id} title={`Данные ребёнка: ${fullName}`} />
      ))}
      <DataReadsView title={children.size ? 'Мои данные' : 'Журнал просмотров'} />
    </Page>
  );
}

/** The regional operator's audit of one person's log: the reader's name and the operation, for a check. */
function AuditLog({ personId }: { personId: string }) {
  const pager = usePager(PAGE);
  const { data, loading, error, refetch } = useData(DATA_READ_AUDIT_QUERY, {
    variables: { personId, first: pager.first, after: pager.after },
  });
  return (
    <DataState
      loading={loading}
      error={error}
      data={data?.personalDataReads}
      onRetry={() => void refetch()}
      isEmpty={(list) => list.edges.length === 0 && pager.page === 1}
      empty="Чтений персональных данных этого лица не было."
    >
      {(list) => (
        <>
          <TableWrap label="Журнал просмотров лица">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Когда</th>
                  <th scope="col">Кто</th>
                  <th scope="col">Роль</th>
                  <th scope="col">Организация</th>
                  <th scope="col">Какие данные</th>
                  <th scope="col">Операция</th>
                </tr>
              </thead>
              <tbody>
                {list.edges.map(({ node }) => (
                  <tr key={node.id}>
                    <td>{formatRegionDateTime(node.readAt)}</td>
                    <td>{node.reader?.fullName ?? node.serviceAccount ?? '—'}</td>
                    <td>{roleTitle(node.role)}</td>
                    <td>{where(node)}</td>
                    <td>{node.fieldNames.join(', ')}</td>
                    <td>{node.operation ?? '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
          <PagerControls pager={pager} pageInfo={list.pageInfo} shown={list.edges.length} />
        </>
      )}
    </DataState>
  );
}

export function DataReadAuditPage() {
  const [name, setName] = useState('');
  const [query, setQuery] = useState('');
  const [person, setPerson] = useState<{ id: string; fullName: string } | null>(null);
  const { data, loading, error } = useData(DATA_READ_PERSON_SEARCH, {
    variables: { name: query },
    skip: query.length < 2,
  });
  return (
    <Page title="Аудит просмотров персональных данных">
      <form
        className="filters"
        onSubmit={(event) => {
          event.preventDefault();
          setQuery(name.trim());
          setPerson(null);
        }}
      >
        <Field label="ФИО лица" hint="не меньше двух букв">
          {(props) => <input {...props} value={name} onChange={(event) => setName(event.target.value)} />}
        </Field>
        <button type="submit" className="button">
          Найти
        </button>
      </form>
      {query.length >= 2 && !person && (
        <DataState
          loading={loading}
          error={error}
          data={data?.persons}
          isEmpty={(list) => list.edges.length === 0}
          empty="Никого не нашлось."
        >
          {(list) => (
            <ul className="plain-list">
              {list.edges.map(({ node }) => (
                <li key={node.id}>
                  <button type="button" className="button button-ghost" onClick={() => setPerson(node)}>
                    {node.fullName}
                  </button>{' '}
                  <span className="muted">
                    {node.enrolment
                      ? `${node.enrolment.organization.shortName}${node.enrolment.className ? `, ${node.enrolment.className}` : ''}`
                      : ''}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </DataState>
      )}
      {person && (
        <Section title={`Кто просматривал данные: ${person.fullName}`}>
          <AuditLog key={person.id} personId={person.id} />
        </Section>
      )}
    </Page>
  );
}

export function DataReadAnomaliesPage() {
  const [day, setDay] = useState(regionToday());
  const { data, loading, error, refetch } = useData(DATA_READ_ANOMALIES_QUERY, { variables: { day } });
  return (
    <Page title="Аномальные чтения персональных данных">
      <Notice>
        Читавшие за день данные заметно большего числа разных лиц, чем обычно для их роли: больше 95-го перцентиля роли
        за 28 предыдущих дней, умноженного на 3, и не меньше 30 лиц.
      </Notice>
      <Field label="День">
        {(props) => <input {...props} type="date" value={day} onChange={(event) => setDay(event.target.value)} />}
      </Field>
      <DataState
        loading={loading}
        error={error}
        data={data?.personalDataReadAnomalies}
        onRetry={() => void refetch()}
        isEmpty={(rows) => rows.length === 0}
        empty="Аномальных чтений за этот день нет."
      >
        {(rows) => (
          <TableWrap label="Аномальные чтения">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Кто</th>
                  <th scope="col">Роль</th>
                  <th scope="col">Лиц за день</th>
                  <th scope="col">Обычно для роли</th>
                  <th scope="col">Порог</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => (
                  <tr key={`${row.reader?.id ?? row.serviceAccount}-${row.role}`}>
                    <td>{row.reader?.fullName ?? row.serviceAccount ?? '—'}</td>
                    <td>{roleTitle(row.role)}</td>
                    <td>{row.persons}</td>
                    <td>{row.usual}</td>
                    <td>{row.threshold}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        )}
      </DataState>
    </Page>
  );
}

const isOperator = (grants: readonly MeGrant[]) => grants.some((grant) => grant.role === 'REGIONAL_OPERATOR');

/** The menu items the access log adds to a cabinet: every person's own, and the operator's two. */
export function DataReadsNavItems({ cabinet, grants }: { cabinet: CabinetId; grants: readonly MeGrant[] }) {
  return (
    <>
      <li>
        <NavLink to={`/${cabinet}/data-reads`} end>
          Кто просматривал мои данные
        </NavLink>
      </li>
      {cabinet === 'territory' && isOperator(grants) && (
        <>
          <li>
            <NavLink to="/territory/data-reads/audit">Аудит просмотров ПДн</NavLink>
          </li>
          <li>
            <NavLink to="/territory/data-reads/anomalies">Аномальные чтения</NavLink>
          </li>
        </>
      )}
    </>
  );
}

/** The access log's routes in front of the cabinet's own. */
export function DataReadsRoutes({ cabinet, children }: { cabinet: CabinetId; children: ReactNode }) {
  return (
    <Routes>
      <Route path="data-reads" element={<MyDataReadsPage cabinet={cabinet} />} />
      {cabinet === 'territory' && <Route path="data-reads/audit" element={<DataReadAuditPage />} />}
      {cabinet === 'territory' && <Route path="data-reads/anomalies" element={<DataReadAnomaliesPage />} />}
      <Route path="*" element={children} />
    </Routes>
  );
}
