/**
 * Choosing up to five schools in order of preference: the schools of the address's territory first, any
 * school of a municipality page by page.
 */
import { MAX_CHOICES } from '@region/schema/validation/applications';
import { useId, useState } from 'react';
import { useData } from '../../../api/hooks.ts';
import { DataState, PagerControls, usePager } from '../../../ui/kit.tsx';
import { SCHOOLS_QUERY, type SchoolOption } from './form-queries.ts';

export const MAX_SCHOOLS = MAX_CHOICES;

function ChosenSchools({
  chosen,
  onChange,
  territoryIds,
}: {
  chosen: SchoolOption[];
  onChange: (next: SchoolOption[]) => void;
  territoryIds: ReadonlySet<string>;
}) {
  const move = (index: number, by: number) => {
    const next = [...chosen];
    const [item] = next.splice(index, 1);
    if (item) next.splice(index + by, 0, item);
    onChange(next);
  };
  if (chosen.length === 0) return <p className="empty">Школы не выбраны. Добавьте от одной до пяти школ ниже.</p>;
  return (
    <ol className="chosen-schools">
      {chosen.map((school, index) => (
        <li key={school.id}>
          <div>
            <strong>{school.shortName}</strong>
            {territoryIds.has(school.id) && <span className="badge badge-success">ваш адрес закреплён</span>}
            {school.address && <div className="muted">{school.address}</div>}
          </div>
          <div className="chosen-actions">
            <button
              type="button"
              className="button button-small"
              disabled={index === 0}
              onClick={() => move(index, -1)}
              aria-label={`Выше: ${school.shortName}`}
            >
              ↑
            </button>
            <button
              type="button"
              className="button button-small"
              disabled={index === chosen.length - 1}
              onClick={() => move(index, 1)}
              aria-label={`Ниже: ${school.shortName}`}
            >
              ↓
            </button>
            <button
              type="button"
              className="button button-small button-danger"
              onClick={() => onChange(chosen.filter((entry) => entry.id !== school.id))}
              aria-label={`Убрать: ${school.shortName}`}
            >
              Убрать
            </button>
          </div>
        </li>
      ))}
    </ol>
  );
}

function SchoolRows({
  schools,
  chosen,
  onAdd,
}: {
  schools: SchoolOption[];
  chosen: SchoolOption[];
  onAdd: (school: SchoolOption) => void;
}) {
  const full = chosen.length >= MAX_SCHOOLS;
  return (
    <ul className="plain-list school-options">
      {schools.map((school) => {
        const added = chosen.some((entry) => entry.id === school.id);
        return (
          <li key={school.id}>
            <div>
              <strong>{school.shortName}</strong>
              {school.address && <div className="muted">{school.address}</div>}
            </div>
            <button
              type="button"
              className="button button-small"
              disabled={added || full}
              onClick={() => onAdd(school)}
              aria-label={added ? `${school.shortName} уже выбрана` : `Добавить: ${school.shortName}`}
            >
              {added ? 'Выбрана' : 'Добавить'}
            </button>
          </li>
        );
      })}
    </ul>
  );
}

function MunicipalitySchools({
  municipalities,
  defaultMunicipalityId,
  chosen,
  onAdd,
}: {
  municipalities: { id: string; name: string }[];
  defaultMunicipalityId: string | null;
  chosen: SchoolOption[];
  onAdd: (school: SchoolOption) => void;
}) {
  const [municipalityId, setMunicipalityId] = useState(defaultMunicipalityId ?? municipalities[0]?.id ?? null);
  const pager = usePager(10);
  const id = useId();
  const { data, loading, error, refetch } = useData(SCHOOLS_QUERY, {
    variables: { municipalityId, first: pager.first, after: pager.after },
  });
  const edges = data?.organizations.edges;
  return (
    <>
      <div className="field">
        <label htmlFor={id}>Муниципалитет</label>
        <select
          id={id}
          value={municipalityId ?? ''}
          onChange={(event) => {
            setMunicipalityId(event.target.value);
            pager.reset();
          }}
        >
          {municipalities.map((municipality) => (
            <option key={municipality.id} value={municipality.id}>
              {municipality.name}
            </option>
          ))}
        </select>
      </div>
      <DataState
        loading={loading}
        error={error}
        data={edges}
        onRetry={() => void refetch()}
        isEmpty={(list) => list.length === 0}
        empty="Школ в этом муниципалитете нет."
      >
        {(list) => (
          <>
            <SchoolRows schools={list.map((edge) => edge.node)} chosen={chosen} onAdd={onAdd} />
            <PagerControls pager={pager} pageInfo={data?.organizations.pageInfo} shown={list.length} />
          </>
        )}
      </DataState>
    </>
  );
}

export function SchoolsPicker({
  chosen,
  onChange,
  territorySchools,
  municipalities,
  defaultMunicipalityId,
}: {
  chosen: SchoolOption[];
  onChange: (next: SchoolOption[]) => void;
  territorySchools: SchoolOption[] | null;
  municipalities: { id: string; name: string }[];
  defaultMunicipalityId: string | null;
}) {
  const add = (school: SchoolOption) => {
    if (chosen.length < MAX_SCHOOLS && !chosen.some((entry) => entry.id === school.id)) onChange([...chosen, school]);
  };
  const territoryIds = new Set((territorySchools ?? []).map((school) => school.id));
  return (
    <div className="schools-picker">
      <h3>
        Выбранные школы{' '}
        <span className="muted">
          ({chosen.length} из {MAX_SCHOOLS}, по порядку предпочтения)
        </span>
      </h3>
      <ChosenSchools chosen={chosen} onChange={onChange} territoryIds={territoryIds} />
      {territorySchools && (
        <>
          <h3>Школы, за которыми закреплён адрес</h3>
          {territorySchools.length === 0 ? (
            <p className="muted">
              За этим адресом не закреплена ни одна школа (или адрес не распознан: укажите улицу и номер дома).
            </p>
          ) : (
            <SchoolRows schools={territorySchools} chosen={chosen} onAdd={add} />
          )}
        </>
      )}
      <details className="other-schools">
        <summary>Другие школы</summary>
        <MunicipalitySchools
          municipalities={municipalities}
          defaultMunicipalityId={defaultMunicipalityId}
          chosen={chosen}
          onAdd={add}
        />
      </details>
    </div>
  );
}
