/**
 * The report builder (issue 12, rule 21): dataset, dimensions, measures and filters chosen from menus the
 * server's catalogue names in Russian; the table with «к» in suppressed cells and a bar chart beside it.
 * The report's definition lives in the address (`?dataset=…&dimensions=…&measures=…&f.GRADE=5,6`), so a
 * built report can be bookmarked, sent to a colleague in the same territory, or opened again.
 * Row scope is the server's: a coordinator's report covers their municipality whatever the menus offer, and
 * a filter outside their territory comes back as the server's FORBIDDEN message.
 */
import { useEffect, useId, useMemo, useState, type FormEvent } from 'react';
import { useLocation, useSearchParams } from 'react-router';
import { useData } from '../../api/hooks.ts';
import { DataState, ErrorNotice, Loading, Section } from '../../ui/kit.tsx';
import { ExportButtons, SavedReports, SaveForm } from './actions.tsx';
import { REPORT, REPORT_CATALOG, type Catalog, type CatalogDataset, type ReportInput, type Table } from './queries.ts';
import { ReportChart } from './report-chart.tsx';
import { ReportTableView } from './report-table.tsx';
import { chartData } from './table-model.ts';
import './reports.css';

type DatasetId = ReportInput['dataset'];
type DimensionId = ReportInput['dimensions'][number];
type MeasureId = ReportInput['measures'][number];

/** The server refuses more (MAX_DIMENSIONS in the analytics subgraph); the menu says so before it does. */
const MAX_DIMENSIONS = 4;
/**
 * The catalogue's time cut, which it does not publish: datasets counted over a period (from–to), and those
 * cut by the admissions campaign's year (no date; the current campaign). The rest are a slice on a date.
 */
const RANGE_DATASETS: ReadonlySet<string> = new Set(['MARKS', 'ATTENDANCE']);
const CAMPAIGN_DATASETS: ReadonlySet<string> = new Set(['ADMISSIONS']);
const GRADES = Array.from({ length: 11 }, (_, index) => String(index + 1));
const GENDERS = [
  { value: 'FEMALE', label: 'Женский' },
  { value: 'MALE', label: 'Мужской' },
];

export interface Choice {
  id: string;
  name: string;
}

/** What the page offers to filter by; the server still decides which rows the person may count. */
export interface BuilderScope {
  /** Municipalities to choose among (the region's for regional roles, a coordinator's own if several). */
  municipalities: readonly Choice[];
  /** A school cabinet's organization: every report is limited to it. */
  organizationId?: string;
}

interface Draft {
  dataset: DatasetId | '';
  dimensions: DimensionId[];
  measures: MeasureId[];
  filters: Partial<Record<DimensionId, string[]>>;
  on: string;
  from: string;
  to: string;
}

const list = (value: string | null) => (value ? value.split(',').filter(Boolean) : []);

function draftFrom(params: URLSearchParams): Draft {
  const filters: Draft['filters'] = {};
  for (const [key, value] of params) {
    if (key.startsWith('f.')) filters[key.slice(2) as DimensionId] = list(value);
  }
  return {
    dataset: (params.get('dataset') ?? '') as DatasetId | '',
    dimensions: list(params.get('dimensions')) as DimensionId[],
    measures: list(params.get('measures')) as MeasureId[],
    filters,
    on: params.get('on') ?? '',
    from: params.get('from') ?? '',
    to: params.get('to') ?? '',
  };
}

function paramsFrom(draft: Draft): URLSearchParams {
  const params = new URLSearchParams();
  if (draft.dataset) params.set('dataset', draft.dataset);
  if (draft.dimensions.length) params.set('dimensions', draft.dimensions.join(','));
  if (draft.measures.length) params.set('measures', draft.measures.join(','));
  for (const [dimension, values] of Object.entries(draft.filters)) {
    if (values?.length) params.set(`f.${dimension}`, values.join(','));
  }
  for (const key of ['on', 'from', 'to'] as const) if (draft[key]) params.set(key, draft[key]);
  return params;
}

/** The request for a submitted draft; null until a dataset and a measure are chosen. */
export function inputFrom(draft: Draft, scope: BuilderScope, dataset: CatalogDataset | undefined): ReportInput | null {
  if (!dataset || draft.measures.length === 0) return null;
  const offered = new Set(dataset.dimensions.map((dimension) => dimension.id));
  const filters = Object.entries(draft.filters).flatMap(([dimension, values]) =>
    values?.length && offered.has(dimension as DimensionId) ? [{ dimension: dimension as DimensionId, values }] : [],
  );
  if (scope.organizationId && offered.has('ORGANIZATION') && !draft.filters.ORGANIZATION?.length) {
    filters.push({ dimension: 'ORGANIZATION', values: [scope.organizationId] });
  }
  const time = CAMPAIGN_DATASETS.has(dataset.id)
    ? {}
    : RANGE_DATASETS.has(dataset.id)
      ? { from: draft.from || null, to: draft.to || null }
      : { on: draft.on || null };
  return {
    dataset: dataset.id,
    dimensions: draft.dimensions.filter((id) => offered.has(id)),
    measures: draft.measures.filter((id) => dataset.measures.some((measure) => measure.id === id)),
    filters,
    ...time,
  };
}

function toggle<T>(items: readonly T[], item: T, on: boolean): T[] {
  return on ? [...items.filter((entry) => entry !== item), item] : items.filter((entry) => entry !== item);
}

function Checks<T extends string>({
  legend,
  hint,
  options,
  chosen,
  onChange,
  limit,
}: {
  legend: string;
  hint?: string;
  options: readonly { id: T; title: string }[];
  chosen: readonly T[];
  onChange: (next: T[]) => void;
  limit?: number;
}) {
  const hintId = useId();
  return (
    <fieldset className="r-group" aria-describedby={hint ? hintId : undefined}>
      <legend>{legend}</legend>
      {hint && (
        <small id={hintId} className="hint">
          {hint}
        </small>
      )}
      {options.map((option) => {
        const checked = chosen.includes(option.id);
        return (
          <label key={option.id} className="r-check">
            <input
              type="checkbox"
              checked={checked}
              disabled={!checked && limit !== undefined && chosen.length >= limit}
              onChange={(event) => onChange(toggle(chosen, option.id, event.target.checked))}
            />
            {option.title}
          </label>
        );
      })}
    </fieldset>
  );
}

function Filters({
  dataset,
  draft,
  scope,
  onChange,
}: {
  dataset: CatalogDataset;
  draft: Draft;
  scope: BuilderScope;
  onChange: (filters: Draft['filters']) => void;
}) {
  const offered = new Set(dataset.dimensions.map((dimension) => dimension.id));
  const set = (dimension: DimensionId, values: string[]) => onChange({ ...draft.filters, [dimension]: values });
  const municipalityOptions = scope.municipalities.map((municipality) => ({
    id: municipality.id,
    title: municipality.name,
  }));
  // The chosen municipality may be one the menu does not offer (an address from someone else): it is still
  // shown, so the person sees what they asked for and the server's answer to it.
  for (const id of draft.filters.MUNICIPALITY ?? []) {
    if (!municipalityOptions.some((option) => option.id === id))
      municipalityOptions.push({ id, title: 'другой муниципалитет' });
  }
  return (
    <div className="r-filters">
      {offered.has('MUNICIPALITY') && municipalityOptions.length > 1 && (
        <Checks
          legend="Муниципалитеты"
          hint="Ничего не выбрано — вся ваша территория."
          options={municipalityOptions}
          chosen={draft.filters.MUNICIPALITY ?? []}
          onChange={(values) => set('MUNICIPALITY', values)}
        />
      )}
      {offered.has('GRADE') && (
        <Checks
          legend="Параллели"
          hint="Ничего не выбрано — все параллели."
          options={GRADES.map((grade) => ({ id: grade, title: `${grade} кл.` }))}
          chosen={draft.filters.GRADE ?? []}
          onChange={(values) => set('GRADE', values)}
        />
      )}
      {offered.has('GENDER') && (
        <Checks
          legend="Пол"
          options={GENDERS.map((gender) => ({ id: gender.value, title: gender.label }))}
          chosen={draft.filters.GENDER ?? []}
          onChange={(values) => set('GENDER', values)}
        />
      )}
    </div>
  );
}

function Dates({
  dataset,
  draft,
  onChange,
}: {
  dataset: CatalogDataset;
  draft: Draft;
  onChange: (next: Draft) => void;
}) {
  const id = useId();
  if (CAMPAIGN_DATASETS.has(dataset.id)) return null;
  if (RANGE_DATASETS.has(dataset.id)) {
    return (
      <div className="form-row r-dates">
        <div className="field">
          <label htmlFor={`${id}-from`}>Период с</label>
          <input
            id={`${id}-from`}
            type="date"
            value={draft.from}
            onChange={(event) => onChange({ ...draft, from: event.target.value })}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-to`}>по</label>
          <input
            id={`${id}-to`}
            type="date"
            value={draft.to}
            onChange={(event) => onChange({ ...draft, to: event.target.value })}
          />
        </div>
        <small className="hint">Пусто — с начала учебного года по сегодня.</small>
      </div>
    );
  }
  return (
    <div className="form-row r-dates">
      <div className="field">
        <label htmlFor={`${id}-on`}>Дата среза</label>
        <input
          id={`${id}-on`}
          type="date"
          value={draft.on}
          onChange={(event) => onChange({ ...draft, on: event.target.value })}
        />
      </div>
      <small className="hint">Пусто — на сегодня.</small>
    </div>
  );
}

function Result({ input, caption }: { input: ReportInput; caption: string }) {
  // Reports are computed per request and are not entities: nothing to normalize, nothing to keep.
  const { data, loading, error, refetch } = useData(REPORT, { variables: { input }, fetchPolicy: 'no-cache' });
  const [measureId, setMeasureId] = useState<string | undefined>(undefined);
  const selectId = useId();
  if (loading && !data) return <Loading label="Строим отчёт…" />;
  if (error && !data) return <ErrorNotice error={error} onRetry={() => void refetch()} />;
  if (!data) return null;
  const table: Table = data.report;
  const measures = table.columns.filter((column) => column.kind === 'MEASURE');
  const chart = chartData(table, measureId);
  return (
    <div className="r-result" aria-live="polite">
      {error ? <ErrorNotice error={error} /> : null}
      <p className="muted" data-report-summary>
        {caption}: строк {table.rowCount}
        {table.suppressed ? `, часть ячеек скрыта (меньше ${table.minCellSize} человек)` : ''}.
      </p>
      <ExportButtons input={input} />
      <div className="r-layout">
        <ReportTableView table={table} caption={caption} />
        {chart && (
          <div className="r-side">
            {measures.length > 1 && (
              <div className="field">
                <label htmlFor={selectId}>Показатель на диаграмме</label>
                <select
                  id={selectId}
                  value={chart.measure.title}
                  onChange={(event) => setMeasureId(measures.find((m) => m.title === event.target.value)?.id)}
                >
                  {measures.map((measure) => (
                    <option key={measure.id}>{measure.title}</option>
                  ))}
                </select>
              </div>
            )}
            <ReportChart
              data={chart}
              caption={`Диаграмма: ${chart.measure.title}${chart.categoryTitle ? ` по измерению «${chart.categoryTitle}»` : ''}${chart.seriesTitle ? ` и «${chart.seriesTitle}»` : ''}. Числа — в таблице.`}
            />
          </div>
        )}
      </div>
      <SaveForm key={caption} input={input} defaultTitle={caption} />
    </div>
  );
}

function captionOf(dataset: CatalogDataset, input: ReportInput): string {
  const dimensions = input.dimensions.map((id) => dataset.dimensions.find((entry) => entry.id === id)?.title ?? id);
  return `${dataset.title}${dimensions.length ? ` по ${dimensions.map((title) => title.toLowerCase()).join(' × ')}` : ''}`;
}

function BuilderForm({ catalog, scope }: { catalog: Catalog; scope: BuilderScope }) {
  const [params, setParams] = useSearchParams();
  const submitted = useMemo(() => draftFrom(params), [params]);
  const [draft, setDraft] = useState<Draft>(submitted);
  useEffect(() => setDraft(submitted), [submitted]);
  const datasetSelect = useId();
  const dataset = catalog.datasets.find((entry) => entry.id === draft.dataset);
  const submittedDataset = catalog.datasets.find((entry) => entry.id === submitted.dataset);
  const input = inputFrom(submitted, scope, submittedDataset);
  const [problem, setProblem] = useState<string | null>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!dataset) return setProblem('Выберите набор данных.');
    if (draft.measures.length === 0) return setProblem('Выберите хотя бы один показатель.');
    setProblem(null);
    setParams(paramsFrom(draft));
  };

  return (
    <>
      <Section title="Что посчитать">
        <form className="r-form" onSubmit={submit} aria-describedby={problem ? `${datasetSelect}-problem` : undefined}>
          <div className="field">
            <label htmlFor={datasetSelect}>Набор данных</label>
            <select
              id={datasetSelect}
              value={draft.dataset}
              onChange={(event) =>
                setDraft({ ...draft, dataset: event.target.value as DatasetId, dimensions: [], measures: [] })
              }
            >
              <option value="">— выберите —</option>
              {catalog.datasets.map((entry) => (
                <option key={entry.id} value={entry.id}>
                  {entry.title}
                </option>
              ))}
            </select>
            {dataset && <small className="hint">{dataset.description}</small>}
          </div>
          {dataset && (
            <>
              <div className="r-groups">
                <Checks
                  legend="Измерения (строки)"
                  hint={`До ${MAX_DIMENSIONS}, в порядке выбора.`}
                  options={dataset.dimensions}
                  chosen={draft.dimensions}
                  limit={MAX_DIMENSIONS}
                  onChange={(dimensions) => setDraft({ ...draft, dimensions })}
                />
                <Checks
                  legend="Показатели"
                  options={dataset.measures.map((measure) => ({
                    id: measure.id,
                    title: `${measure.title}, ${measure.unit}`,
                  }))}
                  chosen={draft.measures}
                  onChange={(measures) => setDraft({ ...draft, measures })}
                />
              </div>
              <Filters
                dataset={dataset}
                draft={draft}
                scope={scope}
                onChange={(filters) => setDraft({ ...draft, filters })}
              />
              <Dates dataset={dataset} draft={draft} onChange={setDraft} />
            </>
          )}
          {problem && (
            <p id={`${datasetSelect}-problem`} className="field-error" role="alert">
              {problem}
            </p>
          )}
          <div className="form-row">
            <button type="submit" className="button button-primary">
              Построить
            </button>
          </div>
        </form>
      </Section>
      {input && submittedDataset && (
        <Section title="Результат">
          <Result input={input} caption={captionOf(submittedDataset, input)} />
        </Section>
      )}
    </>
  );
}

export function ReportBuilder({ scope }: { scope: BuilderScope }) {
  const { data, loading, error, refetch } = useData(REPORT_CATALOG);
  const { pathname } = useLocation();
  return (
    <DataState loading={loading} error={error} data={data} onRetry={() => void refetch()}>
      {(loaded) => (
        <>
          <p className="muted">
            Ячейки, посчитанные меньше чем по {loaded.reportCatalog.minCellSize} человекам, скрыты и отмечены «к».
          </p>
          <BuilderForm catalog={loaded.reportCatalog} scope={scope} />
          <SavedReports basePath={pathname} />
        </>
      )}
    </DataState>
  );
}
