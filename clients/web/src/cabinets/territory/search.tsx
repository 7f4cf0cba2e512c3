/**
 * «Поиск заявления» (rule 16): support finds an application by its ЕПГУ number and registration date, or by
 * the child's birth certificate. Applications carry a child's personal data: the ministry's aggregate-only
 * role is not offered the search (and the server refuses it).
 */
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { useData } from '../../api/hooks.ts';
import { Badge, DataState, Field, Notice, Page } from '../../ui/kit.tsx';
import { formatDate, formatDateTime } from '../../ui/format.ts';
import { APPLICATION_KINDS, APPLICATION_SOURCES, APPLICATION_STATUSES, type ApplicationStatus } from './labels.ts';
import { SEARCH_APPLICATIONS, type FoundApplication, type SearchVars } from './queries/campaign.ts';
import { paths } from './paths.ts';
import { useTerritoryScope } from './scope.ts';
import { Lead } from './ui.tsx';

const STATUS_TONES: Partial<Record<ApplicationStatus, 'success' | 'warning' | 'error' | 'info'>> = {
  ENROLLED: 'success',
  DIRECTED: 'success',
  DOCUMENTS_REQUESTED: 'warning',
  REJECTED: 'error',
};

interface Form {
  epguNumber: string;
  registeredOn: string;
  series: string;
  number: string;
}

type Errors = Partial<Record<keyof Form, string>>;

/** Exactly one way to search, complete: the server would refuse a half-filled one anyway. */
function validate(form: Form): { vars: SearchVars | null; errors: Errors } {
  const epgu = form.epguNumber.trim();
  const number = form.number.trim();
  if (epgu) {
    if (!form.registeredOn) return { vars: null, errors: { registeredOn: 'Укажите дату регистрации заявления.' } };
    return {
      vars: {
        epguNumber: epgu,
        registeredOn: form.registeredOn,
        birthCertificateSeries: null,
        birthCertificateNumber: null,
      },
      errors: {},
    };
  }
  if (number) {
    return {
      vars: {
        epguNumber: null,
        registeredOn: null,
        birthCertificateSeries: form.series.trim() || null,
        birthCertificateNumber: number,
      },
      errors: {},
    };
  }
  if (form.series.trim()) return { vars: null, errors: { number: 'Укажите номер свидетельства о рождении.' } };
  return {
    vars: null,
    errors: { epguNumber: 'Укажите номер ЕПГУ или номер свидетельства о рождении.' },
  };
}

function Results({ rows }: { rows: FoundApplication[] }) {
  return (
    <div className="table-wrap">
      <table className="table t-table">
        <caption className="visually-hidden">Найденные заявления</caption>
        <thead>
          <tr>
            <th scope="col">Заявление</th>
            <th scope="col">Ребёнок</th>
            <th scope="col">Организация</th>
            <th scope="col">Статус и история</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const organization = row.directedTo ?? row.choices[0];
            return (
              <tr key={row.id}>
                <td>
                  {APPLICATION_KINDS[row.kind]}, {row.year}
                  <br />
                  <small className="muted">
                    {APPLICATION_SOURCES[row.source]}
                    {row.epguNumber ? ` № ${row.epguNumber}` : ''} от {formatDateTime(row.registeredAt)}
                  </small>
                </td>
                <td>
                  {row.childName}
                  <br />
                  <small className="muted">{formatDate(row.childBirthDate)}</small>
                </td>
                <td>
                  {organization ? <Link to={paths.organization(organization.id)}>{organization.shortName}</Link> : '—'}
                  {row.directedTo ? <small className="muted"> (направлен)</small> : null}
                </td>
                <td>
                  <Badge tone={STATUS_TONES[row.status] ?? 'info'}>{row.statusName}</Badge>
                  {row.history.length > 0 && (
                    <details className="t-history">
                      <summary>История ({row.history.length})</summary>
                      <ol>
                        {row.history.map((change, index) => (
                          <li key={index}>
                            {formatDateTime(change.changedAt)}: {APPLICATION_STATUSES[change.to]}
                            {change.reason ? ` — ${change.reason}` : ''}
                          </li>
                        ))}
                      </ol>
                    </details>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function SearchForm() {
  const [form, setForm] = useState<Form>({ epguNumber: '', registeredOn: '', series: '', number: '' });
  const [errors, setErrors] = useState<Errors>({});
  const [query, setQuery] = useState<SearchVars | null>(null);
  const { data, loading, error, refetch } = useData(SEARCH_APPLICATIONS, {
    variables: query ?? ({} as SearchVars),
    skip: !query,
    fetchPolicy: 'network-only',
  });
  const set = (key: keyof Form) => (value: string) => setForm((previous) => ({ ...previous, [key]: value }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const checked = validate(form);
    setErrors(checked.errors);
    if (checked.vars) setQuery(checked.vars);
  };
  return (
    <>
      <form className="card" onSubmit={submit} noValidate aria-label="Поиск заявления">
        <fieldset className="t-fieldset">
          <legend>По номеру заявления на ЕПГУ</legend>
          <div className="form-row">
            <Field label="Номер ЕПГУ" error={errors.epguNumber}>
              {(props) => (
                <input {...props} value={form.epguNumber} onChange={(event) => set('epguNumber')(event.target.value)} />
              )}
            </Field>
            <Field label="Дата регистрации" error={errors.registeredOn}>
              {(props) => (
                <input
                  {...props}
                  type="date"
                  value={form.registeredOn}
                  onChange={(event) => set('registeredOn')(event.target.value)}
                />
              )}
            </Field>
          </div>
        </fieldset>
        <fieldset className="t-fieldset">
          <legend>Или по свидетельству о рождении ребёнка</legend>
          <div className="form-row">
            <Field label="Серия" hint="например, V-ИВ">
              {(props) => (
                <input {...props} value={form.series} onChange={(event) => set('series')(event.target.value)} />
              )}
            </Field>
            <Field label="Номер" error={errors.number}>
              {(props) => (
                <input {...props} value={form.number} onChange={(event) => set('number')(event.target.value)} />
              )}
            </Field>
          </div>
        </fieldset>
        <div className="actions">
          <button type="submit" className="button button-primary">
            Найти
          </button>
        </div>
      </form>
      {query && (
        <DataState
          loading={loading}
          error={error}
          data={data}
          onRetry={() => void refetch()}
          isEmpty={(loaded) => loaded.searchApplications.length === 0}
          empty="Заявлений не найдено. Проверьте номер и дату регистрации (по ЕПГУ) или серию и номер свидетельства."
        >
          {(loaded) => <Results rows={loaded.searchApplications} />}
        </DataState>
      )}
    </>
  );
}

export function SearchPage() {
  const scope = useTerritoryScope();
  return (
    <Page title="Поиск заявления">
      <Lead>
        Для ответа на обращение родителя: заявление находится по номеру ЕПГУ и дате регистрации или по свидетельству о
        рождении ребёнка — в организациях вашей территории.
      </Lead>
      {scope.aggregatesOnly ? (
        <Notice tone="warning">
          Поиск заявлений недоступен: в заявлениях персональные данные детей, а министерству доступны только сводные
          показатели. Итоги кампании — в разделе «Приёмная кампания».
        </Notice>
      ) : (
        <SearchForm />
      )}
    </Page>
  );
}
