/**
 * «Контроль заполнения данных» (DOMAIN.md rule 7, seed 002): the school's cards with a mandatory field
 * missing, by kind of card, class, name and field; each row opens the card to fill it in.
 */
import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useData } from '../../../api/hooks.ts';
import { formatDate, plural } from '../../../ui/format.ts';
import { Badge, DataState, Field, Page, PagerControls, usePager } from '../../../ui/kit.tsx';
import { FIELD_LABELS, FIELDS_OF_KIND, KIND_LABELS, type MandatoryField, type PersonKind } from '../labels.ts';
import { personPath, schoolPath, useOrganization } from '../organization.tsx';
import { useDebounced } from '../ui.tsx';
import { ListExportButtons } from '../../../features/common/list-export.tsx';
import { Breakdown } from './breakdown.tsx';
import {
  CLASS_OPTIONS_QUERY,
  COMPLETENESS_QUERY,
  sortClasses,
  type CompletenessRow,
  type PersonFilterInput,
} from './queries.ts';

const KINDS: PersonKind[] = ['STUDENT', 'STAFF', 'GUARDIAN'];

interface Filters {
  kind: PersonKind;
  classId: string | null;
  name: string;
  onlyGaps: boolean;
  field: MandatoryField | null;
}

/** Filters live in the address, so «Назад» from a card returns to the same list. */
function useFilters(): [Filters, (patch: Partial<Filters>) => void] {
  const [params, setParams] = useSearchParams();
  const kind = (KINDS as string[]).includes(params.get('kind') ?? '') ? (params.get('kind') as PersonKind) : 'STUDENT';
  const field = params.get('field') as MandatoryField | null;
  const filters: Filters = {
    kind,
    classId: kind === 'STUDENT' ? params.get('class') : null,
    name: params.get('name') ?? '',
    onlyGaps: params.get('all') !== '1',
    field: field && FIELDS_OF_KIND[kind].includes(field) ? field : null,
  };
  const update = (patch: Partial<Filters>) => {
    const next = { ...filters, ...patch };
    const search = new URLSearchParams();
    if (next.kind !== 'STUDENT') search.set('kind', next.kind);
    if (next.classId && next.kind === 'STUDENT') search.set('class', next.classId);
    if (next.name) search.set('name', next.name);
    if (!next.onlyGaps) search.set('all', '1');
    if (next.field && FIELDS_OF_KIND[next.kind].includes(next.field)) search.set('field', next.field);
    setParams(search, { replace: true });
  };
  return [filters, update];
}

export function CompletenessPage() {
  const organization = useOrganization();
  const [filters, update] = useFilters();
  const [name, setName] = useState(filters.name);
  const settledName = useDebounced(name.trim());
  useEffect(() => {
    // Only the settled text drives the address; the other filters are read fresh inside `update`.
    if (settledName !== filters.name) update({ name: settledName });
  }, [settledName]);
  const classes = useData(CLASS_OPTIONS_QUERY, { variables: { organizationId: organization.id } });

  const filter: PersonFilterInput = {
    organizationId: organization.id,
    kind: filters.kind,
    classId: filters.classId,
    name: filters.name || null,
    hasMissingFields: filters.onlyGaps || null,
    missingField: filters.field,
  };

  return (
    <Page
      title="Контроль заполнения данных"
      actions={
        <Link className="button school-link-button" to={schoolPath('completeness', organization.id, 'new')}>
          Новая карточка
        </Link>
      }
    >
      <p className="muted school-lead">
        Обязательные поля карточек по правилам региона: у обучающихся — документ, СНИЛС, гражданство, адреса, форма
        обучения и другие. Откройте карточку, чтобы заполнить пропуски.
      </p>
      <Breakdown
        organizationId={organization.id}
        kind={filters.kind}
        classId={filters.classId}
        selected={filters.field}
        onSelect={(field) => update({ field, onlyGaps: true })}
      />
      <form className="filters" role="search" aria-label="Отбор карточек" onSubmit={(event) => event.preventDefault()}>
        <Field label="Кто">
          {(props) => (
            <select
              {...props}
              value={filters.kind}
              onChange={(event) => update({ kind: event.target.value as PersonKind, classId: null, field: null })}
            >
              {KINDS.map((kind) => (
                <option key={kind} value={kind}>
                  {KIND_LABELS[kind]}
                </option>
              ))}
            </select>
          )}
        </Field>
        {filters.kind === 'STUDENT' && (
          <Field label="Класс">
            {(props) => (
              <select
                {...props}
                value={filters.classId ?? ''}
                onChange={(event) => update({ classId: event.target.value || null })}
              >
                <option value="">Все классы</option>
                {sortClasses(classes.data?.organization?.classes ?? []).map((option) => (
                  <option key={option.id} value={option.id}>
                    {option.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
        <Field label="ФИО">
          {(props) => (
            <input
              {...props}
              type="search"
              value={name}
              placeholder="Часть фамилии или имени"
              onChange={(event) => setName(event.target.value)}
            />
          )}
        </Field>
        <Field label="Незаполненное поле">
          {(props) => (
            <select
              {...props}
              value={filters.field ?? ''}
              onChange={(event) =>
                update({ field: (event.target.value || null) as MandatoryField | null, onlyGaps: true })
              }
            >
              <option value="">Любое</option>
              {FIELDS_OF_KIND[filters.kind].map((field) => (
                <option key={field} value={field}>
                  {FIELD_LABELS[field]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <label className="checkbox school-inline-checkbox">
          <input
            type="checkbox"
            checked={filters.onlyGaps}
            onChange={(event) =>
              update({ onlyGaps: event.target.checked, field: event.target.checked ? filters.field : null })
            }
          />
          Только с незаполненными полями
        </label>
      </form>
      <ListExportButtons
        list={{
          title: `Контроль заполнения — ${organization.shortName}`,
          filters: [
            `Кто: ${KIND_LABELS[filters.kind]}`,
            ...(filters.classId
              ? [
                  `Класс: ${classes.data?.organization?.classes.find((option) => option.id === filters.classId)?.name ?? filters.classId}`,
                ]
              : []),
            ...(filters.name ? [`ФИО: ${filters.name}`] : []),
            ...(filters.field ? [`Незаполненное поле: ${FIELD_LABELS[filters.field]}`] : []),
            ...(filters.onlyGaps ? ['Только с незаполненными полями'] : []),
          ],
          query: COMPLETENESS_QUERY,
          variables: { filter },
          connection: 'persons',
          columns: [
            { title: 'ФИО', path: 'fullName' },
            ...(filters.kind === 'STUDENT' ? [{ title: 'Класс', path: 'enrolment.className' }] : []),
            { title: 'Дата рождения', path: 'birthDate', kind: 'date' as const },
            { title: 'Не заполнено', path: 'missingFields', labels: FIELD_LABELS },
            { title: 'Без согласия на обработку ПДн', path: 'depersonalized', kind: 'boolean' as const },
          ],
        }}
      />
      <PersonsTable key={JSON.stringify(filter)} filter={filter} kind={filters.kind} />
    </Page>
  );
}

function PersonsTable({ filter, kind }: { filter: PersonFilterInput; kind: PersonKind }) {
  const organization = useOrganization();
  const pager = usePager(25);
  const { data, loading, error, refetch } = useData(COMPLETENESS_QUERY, {
    variables: { filter, first: pager.first, after: pager.after },
  });
  const persons = data?.persons;
  return (
    <DataState
      loading={loading}
      error={error}
      data={persons}
      onRetry={() => void refetch()}
      isEmpty={(loaded) => loaded.edges.length === 0}
      empty={
        filter.hasMissingFields
          ? 'Карточек с незаполненными полями по этому отбору нет.'
          : 'По этому отбору карточек нет.'
      }
    >
      {(loaded) => (
        <>
          <p className="muted" aria-live="polite">
            Найдено {loaded.totalCount} {plural(loaded.totalCount, ['карточка', 'карточки', 'карточек'])}
          </p>
          <div className="table-wrap">
            <table className="table school-table">
              <thead>
                <tr>
                  <th scope="col">ФИО</th>
                  {kind === 'STUDENT' && <th scope="col">Класс</th>}
                  <th scope="col">Дата рождения</th>
                  <th scope="col">Не заполнено</th>
                </tr>
              </thead>
              <tbody>
                {loaded.edges.map(({ node }) => (
                  <PersonRow key={node.id} person={node} kind={kind} organizationId={organization.id} />
                ))}
              </tbody>
            </table>
          </div>
          <PagerControls
            pager={pager}
            pageInfo={loaded.pageInfo}
            totalCount={loaded.totalCount}
            shown={loaded.edges.length}
          />
        </>
      )}
    </DataState>
  );
}

function PersonRow({
  person,
  kind,
  organizationId,
}: {
  person: CompletenessRow;
  kind: PersonKind;
  organizationId: string;
}) {
  const missing = person.missingFields ?? [];
  return (
    <tr>
      <td data-label="ФИО">
        <Link to={personPath('completeness', organizationId, person.id)}>{person.fullName}</Link>
        {person.depersonalized && (
          <>
            {' '}
            <Badge>нет согласия на обработку ПДн</Badge>
          </>
        )}
      </td>
      {kind === 'STUDENT' && <td data-label="Класс">{person.enrolment?.className ?? '—'}</td>}
      <td data-label="Дата рождения">{formatDate(person.birthDate)}</td>
      <td data-label="Не заполнено">
        {missing.length === 0 ? (
          <Badge tone="success">всё заполнено</Badge>
        ) : (
          <span className="school-badges">
            {missing.map((field) => (
              <Badge key={field} tone="warning">
                {FIELD_LABELS[field]}
              </Badge>
            ))}
          </span>
        )}
      </td>
    </tr>
  );
}
