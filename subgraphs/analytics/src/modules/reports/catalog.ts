/**
 * The report builder's semantic layer (issue 12, DOMAIN.md rule 21): datasets over the read contract's
 * views, their dimensions and measures, each with its Russian title. Every SQL fragment the builder emits
 * comes from this file; the caller only picks ids (GraphQL enums) and passes values that become parameters.
 * A new dataset (attendance, admissions, extra education, data quality, staff) is one more entry of
 * `DATASETS` naming its view, its base predicate and which dimensions and measures it offers.
 */

export const DIMENSION_IDS = [
  'MUNICIPALITY',
  'ORGANIZATION',
  'ORGANIZATION_TYPE',
  'GRADE',
  'CLASS',
  'GENDER',
  'AGE',
  'SUBJECT',
  'STUDY_PERIOD',
  'MONTH',
] as const;
export type DimensionId = (typeof DIMENSION_IDS)[number];

export const MEASURE_IDS = [
  'PERSONS',
  'CLASSES',
  'SHARE_OF_PERSONS',
  'MARKS',
  'AVERAGE_MARK',
  'SHARE_OF_TWOS',
] as const;
export type MeasureId = (typeof MEASURE_IDS)[number];

export const DATASET_IDS = ['CONTINGENT', 'MARKS'] as const;
export type DatasetId = (typeof DATASET_IDS)[number];

/** How a filter value of a dimension is written and checked before it becomes a parameter. */
export type ValueKind = 'uuid' | 'integer' | 'gender' | 'organizationType' | 'month';

/** The contract view that names a dimension's keys, for their labels. */
export interface LabelSource {
  view: string;
  key: string;
  label: string;
}

export interface Dimension {
  id: DimensionId;
  title: string;
  /** SQL over the dataset's row alias `f`; `$AGE_ON` stands for the age date parameter. */
  expression: string;
  valueKind: ValueKind;
  labels?: LabelSource;
  /** Labels of fixed values (gender, organization type). */
  fixedLabels?: Readonly<Record<string, string>>;
}

export interface Measure {
  id: MeasureId;
  title: string;
  unit: string;
  /** An aggregate over `f`; null for a measure computed from others after the query (a share of the total). */
  aggregate: string | null;
}

export interface Dataset {
  id: DatasetId;
  title: string;
  description: string;
  /** A view of `analytics_contract`. */
  view: string;
  /** The persons a cell is computed from: the basis of small-cell suppression. */
  personKey: string;
  /** How the dataset is cut in time: a slice on a date (contingent) or a date range (marks). */
  time: 'slice' | 'range';
  dimensions: readonly DimensionId[];
  measures: readonly MeasureId[];
  /** Rows the dataset always keeps, besides the time cut. */
  base?: string;
}

export const GENDER_LABELS = { MALE: 'Мужской', FEMALE: 'Женский' } as const;
export const ORGANIZATION_TYPE_LABELS = {
  SCHOOL: 'Общеобразовательная организация',
  KINDERGARTEN: 'Дошкольная образовательная организация',
  EXTRA_EDUCATION: 'Организация дополнительного образования',
  COLLEGE: 'Профессиональная образовательная организация',
} as const;

export const DIMENSIONS: Readonly<Record<DimensionId, Dimension>> = {
  MUNICIPALITY: {
    id: 'MUNICIPALITY',
    title: 'Муниципалитет',
    expression: 'f.municipality_id',
    valueKind: 'uuid',
    labels: { view: 'municipalities', key: 'municipality_id', label: 'name' },
  },
  ORGANIZATION: {
    id: 'ORGANIZATION',
    title: 'Организация',
    expression: 'f.organization_id',
    valueKind: 'uuid',
    labels: { view: 'organizations', key: 'organization_id', label: 'short_name' },
  },
  ORGANIZATION_TYPE: {
    id: 'ORGANIZATION_TYPE',
    title: 'Тип организации',
    expression: 'f.organization_type',
    valueKind: 'organizationType',
    fixedLabels: ORGANIZATION_TYPE_LABELS,
  },
  GRADE: { id: 'GRADE', title: 'Параллель', expression: 'f.grade', valueKind: 'integer' },
  CLASS: {
    id: 'CLASS',
    title: 'Класс',
    expression: 'f.class_id',
    valueKind: 'uuid',
    labels: { view: 'classes', key: 'class_id', label: 'name' },
  },
  GENDER: { id: 'GENDER', title: 'Пол', expression: 'f.gender', valueKind: 'gender', fixedLabels: GENDER_LABELS },
  // Full years on a date from the year and month of birth only (the contract has no day): a person born in
  // the date's own month counts as not having had the birthday yet — exact on the 1st of a month (ОО-1 counts
  // ages on 1 January) except for those born on that very day.
  AGE: {
    id: 'AGE',
    title: 'Возраст, полных лет',
    expression:
      '(extract(year from $AGE_ON)::int - f.birth_year - case when f.birth_month >= extract(month from $AGE_ON)::int then 1 else 0 end)',
    valueKind: 'integer',
  },
  SUBJECT: {
    id: 'SUBJECT',
    title: 'Предмет',
    expression: 'f.subject_id',
    valueKind: 'uuid',
    labels: { view: 'subjects', key: 'subject_id', label: 'name' },
  },
  STUDY_PERIOD: {
    id: 'STUDY_PERIOD',
    title: 'Учебный период',
    expression: 'f.period_id',
    valueKind: 'uuid',
    labels: { view: 'study_periods', key: 'period_id', label: 'name' },
  },
  MONTH: { id: 'MONTH', title: 'Месяц', expression: "to_char(f.date, 'YYYY-MM')", valueKind: 'month' },
};

/** Numeric marks of the five-point scale (pass/fail marks have no average). */
const NUMERIC = "f.value in ('2', '3', '4', '5')";

export const MEASURES: Readonly<Record<MeasureId, Measure>> = {
  PERSONS: { id: 'PERSONS', title: 'Число обучающихся', unit: 'чел.', aggregate: 'count(distinct f.person_key)' },
  CLASSES: { id: 'CLASSES', title: 'Число классов', unit: 'ед.', aggregate: 'count(distinct f.class_id)' },
  SHARE_OF_PERSONS: { id: 'SHARE_OF_PERSONS', title: 'Доля обучающихся от итога', unit: '%', aggregate: null },
  MARKS: { id: 'MARKS', title: 'Число отметок', unit: 'ед.', aggregate: `count(*) filter (where ${NUMERIC})` },
  // The weighted average schools report (docs/architecture.md, Learning: Averages).
  AVERAGE_MARK: {
    id: 'AVERAGE_MARK',
    title: 'Средний балл (взвешенный)',
    unit: 'балл',
    aggregate: `round((sum(f.value::int * f.weight) filter (where ${NUMERIC}) / nullif(sum(f.weight) filter (where ${NUMERIC}), 0))::numeric, 2)`,
  },
  SHARE_OF_TWOS: {
    id: 'SHARE_OF_TWOS',
    title: 'Доля отметок «2»',
    unit: '%',
    aggregate: `round(100.0 * count(*) filter (where f.value = '2') / nullif(count(*) filter (where ${NUMERIC}), 0), 1)`,
  },
};

export const DATASETS: Readonly<Record<DatasetId, Dataset>> = {
  CONTINGENT: {
    id: 'CONTINGENT',
    title: 'Контингент',
    description: 'Обучающиеся, зачисленные в организации на дату среза (по книге движения).',
    view: 'contingent',
    personKey: 'f.person_key',
    time: 'slice',
    dimensions: ['MUNICIPALITY', 'ORGANIZATION', 'ORGANIZATION_TYPE', 'GRADE', 'CLASS', 'GENDER', 'AGE'],
    measures: ['PERSONS', 'CLASSES', 'SHARE_OF_PERSONS'],
  },
  MARKS: {
    id: 'MARKS',
    title: 'Отметки',
    description: 'Текущие отметки и отметки за контрольные работы, выставленные за период.',
    view: 'marks',
    personKey: 'f.person_key',
    time: 'range',
    dimensions: [
      'MUNICIPALITY',
      'ORGANIZATION',
      'ORGANIZATION_TYPE',
      'GRADE',
      'CLASS',
      'GENDER',
      'AGE',
      'SUBJECT',
      'STUDY_PERIOD',
      'MONTH',
    ],
    measures: ['PERSONS', 'MARKS', 'AVERAGE_MARK', 'SHARE_OF_TWOS'],
    base: "f.kind in ('CURRENT', 'CONTROL')",
  },
};

/** The catalogue as `reportCatalog` answers it. */
export function catalogue() {
  return Object.values(DATASETS).map((dataset) => ({
    id: dataset.id,
    title: dataset.title,
    description: dataset.description,
    dimensions: dataset.dimensions.map((id) => ({ id, title: DIMENSIONS[id].title })),
    measures: dataset.measures.map((id) => ({ id, title: MEASURES[id].title, unit: MEASURES[id].unit })),
  }));
}
