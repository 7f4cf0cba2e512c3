/**
 * «Кружки и секции»: the regional navigator's catalogue of published programmes (issue 11), the same on the
 * public page and in the cabinets. Filters live in the address (`?direction=…&age=…`), so «Назад» from a
 * programme comes back to the same list; pages go by cursor.
 */
import { useMemo, useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useData } from '../../api/hooks.ts';
import {
  CATALOGUE_MUNICIPALITIES_QUERY,
  CATALOGUE_PAGE,
  CATALOGUE_PROGRAMMES_QUERY,
  type CatalogueProgramme,
} from '../../public/queries.ts';
import type { ProgrammeFilter } from '../../generated/graphql.ts';
import { Badge, DataState, Field, PagerControls, usePager } from '../../ui/kit.tsx';
import {
  CATALOGUE_FUNDING,
  DIRECTION_NAMES,
  DIRECTIONS,
  describeFunding,
  formatAges,
  type CatalogueFunding,
  type ProgrammeDirection,
  yearsWord,
} from './labels.ts';
import './extra.css';

/** A child whose age the guardian can put into the filter with one click. */
export interface AgePreset {
  label: string;
  age: number;
}

const AGES = Array.from({ length: 16 }, (_, index) => index + 3);

function isDirection(value: string | null): value is ProgrammeDirection {
  return value !== null && (DIRECTIONS as readonly string[]).includes(value);
}

function isFunding(value: string | null): value is CatalogueFunding {
  return value !== null && value in CATALOGUE_FUNDING;
}

/** The filter the address describes; anything malformed is left out rather than sent. */
function filterOf(params: URLSearchParams): ProgrammeFilter {
  const filter: ProgrammeFilter = {};
  const direction = params.get('direction');
  if (isDirection(direction)) filter.direction = direction;
  const age = Number(params.get('age'));
  if (params.get('age') && Number.isInteger(age) && age >= 0 && age <= 25) filter.age = age;
  const municipalityId = params.get('municipality');
  if (municipalityId) filter.municipalityId = municipalityId;
  const funding = params.get('funding');
  if (isFunding(funding)) filter.funding = funding;
  if (params.get('free') === '1') filter.withFreePlaces = true;
  const text = params.get('q')?.trim();
  if (text) filter.text = text;
  return filter;
}

export function CatalogueView({
  programmeHref,
  agePresets = [],
}: {
  programmeHref: (id: string) => string;
  agePresets?: readonly AgePreset[];
}) {
  const [params, setParams] = useSearchParams();
  const filter = useMemo(() => filterOf(params), [params]);
  const pager = usePager(CATALOGUE_PAGE);
  const municipalities = useData(CATALOGUE_MUNICIPALITIES_QUERY);
  const { data, loading, error, refetch } = useData(CATALOGUE_PROGRAMMES_QUERY, {
    variables: { filter, first: pager.first, after: pager.after },
  });
  const [text, setText] = useState(params.get('q') ?? '');

  // A changed filter starts from the first page: the cursor belongs to the old list.
  const set = (name: string, value: string | null) => {
    pager.reset();
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (value) next.set(name, value);
        else next.delete(name);
        return next;
      },
      { replace: true },
    );
  };
  const search = (event: FormEvent) => {
    event.preventDefault();
    set('q', text.trim() || null);
  };

  return (
    <div className="catalogue">
      <form className="filters catalogue-filters" role="search" aria-label="Подбор программ" onSubmit={search}>
        <Field label="Название или описание">
          {(props) => <input {...props} type="search" value={text} onChange={(event) => setText(event.target.value)} />}
        </Field>
        <button type="submit" className="button">
          Найти
        </button>
        <Field label="Направленность">
          {(props) => (
            <select
              {...props}
              value={filter.direction ?? ''}
              onChange={(event) => set('direction', event.target.value)}
            >
              <option value="">Все направленности</option>
              {DIRECTIONS.map((direction) => (
                <option key={direction} value={direction}>
                  {DIRECTION_NAMES[direction]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Возраст ребёнка">
          {(props) => (
            <select
              {...props}
              value={filter.age === undefined || filter.age === null ? '' : String(filter.age)}
              onChange={(event) => set('age', event.target.value)}
            >
              <option value="">Любой</option>
              {AGES.map((age) => (
                <option key={age} value={age}>
                  {age}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Муниципалитет">
          {(props) => (
            <select
              {...props}
              value={filter.municipalityId ?? ''}
              onChange={(event) => set('municipality', event.target.value)}
            >
              <option value="">Все муниципалитеты</option>
              {municipalities.data?.municipalities.map((municipality) => (
                <option key={municipality.id} value={municipality.id}>
                  {municipality.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Оплата">
          {(props) => (
            <select {...props} value={filter.funding ?? ''} onChange={(event) => set('funding', event.target.value)}>
              <option value="">Любая</option>
              {(Object.keys(CATALOGUE_FUNDING) as CatalogueFunding[]).map((funding) => (
                <option key={funding} value={funding}>
                  {CATALOGUE_FUNDING[funding]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <label className="checkbox">
          <input
            type="checkbox"
            checked={filter.withFreePlaces === true}
            onChange={(event) => set('free', event.target.checked ? '1' : null)}
          />
          Только со свободными местами
        </label>
      </form>
      {agePresets.length > 0 && (
        <p className="catalogue-presets">
          <span>Возраст моего ребёнка:</span>
          {agePresets.map((preset) => (
            <button
              key={preset.label}
              type="button"
              className="button button-small"
              aria-pressed={filter.age === preset.age}
              onClick={() => set('age', String(preset.age))}
            >
              {preset.label}, {preset.age} {yearsWord(preset.age)}
            </button>
          ))}
        </p>
      )}
      <DataState
        loading={loading}
        error={error}
        data={data}
        onRetry={() => void refetch()}
        isEmpty={(result) => result.programmes.edges.length === 0}
        empty="Программ по этим условиям не найдено. Измените фильтры."
      >
        {(result) => (
          <>
            <p className="catalogue-count" aria-live="polite">
              Найдено программ: {result.programmes.totalCount}
            </p>
            <ul className="public-list catalogue-list">
              {result.programmes.edges.map(({ node }) => (
                <ProgrammeItem key={node.id} programme={node} href={programmeHref(node.id)} />
              ))}
            </ul>
            <PagerControls
              pager={pager}
              pageInfo={result.programmes.pageInfo}
              totalCount={result.programmes.totalCount}
              shown={result.programmes.edges.length}
            />
          </>
        )}
      </DataState>
    </div>
  );
}

function ProgrammeItem({ programme, href }: { programme: CatalogueProgramme; href: string }) {
  return (
    <li className="catalogue-item" data-ages={`${programme.ageFrom}-${programme.ageTo}`}>
      <h2>
        <Link to={href}>{programme.name}</Link>
      </h2>
      <p className="muted">
        {DIRECTION_NAMES[programme.direction]} · {formatAges(programme.ageFrom, programme.ageTo)} · {programme.hours}{' '}
        ак. ч.
      </p>
      <p>
        {programme.organization.shortName} · {programme.municipality.name}
        {programme.address ? `, ${programme.address}` : ''}
      </p>
      <p>
        {describeFunding(programme.funding, programme.pricePerMonth)}{' '}
        {programme.freePlaces > 0 ? (
          <Badge tone="success">Свободных мест: {programme.freePlaces}</Badge>
        ) : (
          <Badge tone="warning">Мест нет</Badge>
        )}
      </p>
    </li>
  );
}
