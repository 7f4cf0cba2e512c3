/**
 * «Приём»: applications to the school, newest first, by status; and the support search (DOMAIN.md rule 16)
 * by ЕПГУ number with its registration date, or by the child's birth certificate.
 */
import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useData } from '../../../api/hooks.ts';
import { formatDate, formatDateTime } from '../../../ui/format.ts';
import { Badge, DataState, Field, Page, PagerControls, Section, usePager } from '../../../ui/kit.tsx';
import {
  APPLICATION_KIND_LABELS,
  CATEGORY_LABELS,
  SOURCE_LABELS,
  STATUS_LABELS,
  STATUS_TONES,
  type ApplicationStatus,
} from '../labels.ts';
import { schoolPath, useOrganization } from '../organization.tsx';
import { RefusalNotice } from '../refusal.tsx';
import { ListExportButtons } from '../../../features/common/list-export.tsx';
import { APPLICATIONS_QUERY, SEARCH_QUERY, type ApplicationRow } from './queries.ts';

const STATUSES = Object.keys(STATUS_LABELS) as ApplicationStatus[];

export function AdmissionsPage() {
  const [params, setParams] = useSearchParams();
  const status = STATUSES.includes(params.get('status') as ApplicationStatus)
    ? (params.get('status') as ApplicationStatus)
    : null;
  return (
    <Page title="Приём">
      <Search />
      <Section title="Заявления в организацию">
        <div className="filters">
          <Field label="Статус">
            {(props) => (
              <select
                {...props}
                value={status ?? ''}
                onChange={(event) =>
                  setParams(event.target.value ? { status: event.target.value } : {}, { replace: true })
                }
              >
                <option value="">Все</option>
                {STATUSES.map((option) => (
                  <option key={option} value={option}>
                    {STATUS_LABELS[option]}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
        <ApplicationsExport status={status} />
        <ApplicationsList key={status ?? 'all'} status={status} />
      </Section>
    </Page>
  );
}

function ApplicationsExport({ status }: { status: ApplicationStatus | null }) {
  const organization = useOrganization();
  return (
    <ListExportButtons
      list={{
        title: `Заявления — ${organization.shortName}`,
        filters: status ? [`Статус: ${STATUS_LABELS[status]}`] : [],
        query: APPLICATIONS_QUERY,
        variables: { organizationId: organization.id, status },
        connection: 'applications',
        columns: [
          { title: 'Ребёнок', path: 'childName' },
          { title: 'Дата рождения', path: 'childBirthDate', kind: 'date' },
          { title: 'Заявление', path: 'kind', labels: APPLICATION_KIND_LABELS },
          { title: 'Год', path: 'year', kind: 'number' },
          { title: 'Категория', path: 'category', labels: CATEGORY_LABELS },
          { title: 'Источник', path: 'source', labels: SOURCE_LABELS },
          { title: 'Номер ЕПГУ', path: 'epguNumber' },
          { title: 'Подано', path: 'registeredAt', kind: 'datetime' },
          { title: 'Статус', path: 'status', labels: STATUS_LABELS },
          { title: 'Направлен в', path: 'directedTo.shortName' },
        ],
      }}
    />
  );
}

function ApplicationsList({ status }: { status: ApplicationStatus | null }) {
  const organization = useOrganization();
  const pager = usePager(25);
  const { data, loading, error, refetch } = useData(APPLICATIONS_QUERY, {
    variables: { organizationId: organization.id, status, first: pager.first, after: pager.after },
  });
  return (
    <DataState
      loading={loading}
      error={error}
      data={data?.applications}
      onRetry={() => void refetch()}
      isEmpty={(list) => list.edges.length === 0 && pager.page === 1}
      empty={status ? `Заявлений в статусе «${STATUS_LABELS[status]}» нет.` : 'Заявлений в организацию нет.'}
    >
      {(list) => (
        <>
          <ApplicationsTable rows={list.edges.map((edge) => edge.node)} />
          <PagerControls pager={pager} pageInfo={list.pageInfo} shown={list.edges.length} />
        </>
      )}
    </DataState>
  );
}

export function ApplicationsTable({ rows }: { rows: ApplicationRow[] }) {
  const organization = useOrganization();
  return (
    <div className="table-wrap">
      <table className="table school-table">
        <thead>
          <tr>
            <th scope="col">Ребёнок</th>
            <th scope="col">Заявление</th>
            <th scope="col">Категория</th>
            <th scope="col">Источник</th>
            <th scope="col">Подано</th>
            <th scope="col">Статус</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id}>
              <td data-label="Ребёнок">
                <Link to={schoolPath('admissions', organization.id, row.id)}>{row.childName}</Link>
                <div className="muted">{formatDate(row.childBirthDate)} г. р.</div>
              </td>
              <td data-label="Заявление">
                <span className="school-nowrap">
                  {APPLICATION_KIND_LABELS[row.kind]}, {row.year}
                </span>
                {row.choices.length > 1 && (
                  <div className="muted school-nowrap">
                    выбор №{Math.max(1, row.choices.findIndex((choice) => choice.id === organization.id) + 1)} из{' '}
                    {row.choices.length}
                  </div>
                )}
              </td>
              <td data-label="Категория">{CATEGORY_LABELS[row.category]}</td>
              <td data-label="Источник">
                {SOURCE_LABELS[row.source]}
                {row.epguNumber && <div className="muted school-nowrap">№ {row.epguNumber}</div>}
              </td>
              <td data-label="Подано" className="school-nowrap">
                {formatDateTime(row.registeredAt)}
              </td>
              <td data-label="Статус">
                <Badge tone={STATUS_TONES[row.status]}>{STATUS_LABELS[row.status]}</Badge>
                {row.directedTo && row.directedTo.id !== organization.id && (
                  <div className="muted">в {row.directedTo.shortName}</div>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

type SearchBy = 'epgu' | 'certificate';
type SearchVariables = {
  epguNumber: string | null;
  registeredOn: string | null;
  birthCertificateSeries: string | null;
  birthCertificateNumber: string | null;
};

function Search() {
  const [by, setBy] = useState<SearchBy>('epgu');
  const [epguNumber, setEpguNumber] = useState('');
  const [registeredOn, setRegisteredOn] = useState('');
  const [series, setSeries] = useState('');
  const [number, setNumber] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [variables, setVariables] = useState<SearchVariables | null>(null);
  const { data, loading, error } = useData(SEARCH_QUERY, { variables: variables ?? undefined, skip: !variables });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found: Record<string, string> = {};
    if (by === 'epgu') {
      if (!epguNumber.trim()) found['epguNumber'] = 'Укажите номер заявления на ЕПГУ.';
      if (!registeredOn) found['registeredOn'] = 'Укажите дату регистрации заявления.';
    } else if (!number.trim()) {
      found['number'] = 'Укажите номер свидетельства о рождении.';
    }
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    setVariables(
      by === 'epgu'
        ? { epguNumber: epguNumber.trim(), registeredOn, birthCertificateSeries: null, birthCertificateNumber: null }
        : {
            epguNumber: null,
            registeredOn: null,
            birthCertificateSeries: series.trim() || null,
            birthCertificateNumber: number.trim(),
          },
    );
  };

  return (
    <Section title="Найти заявление">
      <form className="school-form" role="search" aria-label="Поиск заявления" noValidate onSubmit={submit}>
        <div className="school-radios" role="radiogroup" aria-label="Искать">
          <label className="school-radio">
            <input type="radio" name="search-by" checked={by === 'epgu'} onChange={() => setBy('epgu')} />
            По номеру ЕПГУ и дате регистрации
          </label>
          <label className="school-radio">
            <input type="radio" name="search-by" checked={by === 'certificate'} onChange={() => setBy('certificate')} />
            По свидетельству о рождении
          </label>
        </div>
        <div className="form-row">
          {by === 'epgu' ? (
            <>
              <Field label="Номер на ЕПГУ" error={errors['epguNumber']}>
                {(props) => (
                  <input {...props} value={epguNumber} onChange={(event) => setEpguNumber(event.target.value)} />
                )}
              </Field>
              <Field label="Дата регистрации" error={errors['registeredOn']}>
                {(props) => (
                  <input
                    {...props}
                    type="date"
                    value={registeredOn}
                    onChange={(event) => setRegisteredOn(event.target.value)}
                  />
                )}
              </Field>
            </>
          ) : (
            <>
              <Field label="Серия" hint="Например IV-ИВ">
                {(props) => <input {...props} value={series} onChange={(event) => setSeries(event.target.value)} />}
              </Field>
              <Field label="Номер" error={errors['number']}>
                {(props) => <input {...props} value={number} onChange={(event) => setNumber(event.target.value)} />}
              </Field>
            </>
          )}
          <button type="submit" className="button button-primary">
            Найти
          </button>
        </div>
      </form>
      {variables &&
        (loading && !data ? (
          <p className="muted">Ищем…</p>
        ) : error ? (
          <RefusalNotice error={error} />
        ) : data && data.searchApplications.length === 0 ? (
          <p className="empty">Заявление не найдено. Проверьте номер и дату или ищите по свидетельству о рождении.</p>
        ) : data ? (
          <ApplicationsTable rows={data.searchApplications} />
        ) : null)}
    </Section>
  );
}
