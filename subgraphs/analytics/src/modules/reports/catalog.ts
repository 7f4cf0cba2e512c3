/**
 * The report builder's semantic layer (issue 12, DOMAIN.md rule 21): datasets over the read contract's
 * views, their dimensions and measures, each with its Russian title. Every SQL fragment the builder emits
 * comes from this file and measures.ts; the caller only picks ids (GraphQL enums) and passes values that become parameters.
 * A new dataset (attendance, admissions, extra education, data quality, staff) is one more entry of
 * `DATASETS` naming its view, its base predicate and which dimensions and measures it offers.
 */
import {
  APPLICATION_STATUS_NAMES,
  CERTIFICATE_STATUS_NAMES,
  PROGRAMME_DIRECTION_NAMES,
  type ApplicationCategory,
  type ApplicationKind,
  type ApplicationSource,
  type PaymentMethod,
} from '@region/schema/enums';
import {
  AGE_SQL,
  ATTENDANCE_MEASURES,
  MARKS_MEASURES,
  MEASURES,
  PERSON_KEYED,
  PERSONS_SQL,
  SUMMED,
} from './measures.ts';

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
  'APPLICATION_KIND',
  'APPLICATION_SOURCE',
  'APPLICATION_STATUS',
  'APPLICATION_CATEGORY',
  'CAMPAIGN_YEAR',
  'POSITION',
  'QUALIFICATION_CATEGORY',
  'CARD_KIND',
  'PROGRAMME_DIRECTION',
  'PAYMENT_METHOD',
  'CERTIFICATE_STATUS',
] as const;
export type DimensionId = (typeof DIMENSION_IDS)[number];

export const MEASURE_IDS = [
  'PERSONS',
  'CLASSES',
  'SHARE_OF_PERSONS',
  'MARKS',
  'AVERAGE_MARK',
  'SHARE_OF_TWOS',
  'LESSON_SLOTS',
  'ABSENCES',
  'ABSENCES_SICK',
  'ATTENDANCE_RATE',
  'APPLICATIONS',
  'SHARE_FROM_EPGU',
  'ENROLLED',
  'PLACES',
  'PLACES_FILLED',
  'SHARE_ON_MATERNITY_LEAVE',
  'SHARE_WITH_CATEGORY',
  'AVERAGE_AGE',
  'CARDS',
  'INCOMPLETE_CARDS',
  'SHARE_COMPLETE_CARDS',
  'CONTRACTS',
  'SHARE_BY_CERTIFICATE',
  'CERTIFICATES',
  'SHARE_ACTUAL_CERTIFICATES',
  'REGISTERED_SFERUM',
  'SHARE_REGISTERED_SFERUM',
  'REGISTERED_MY_SCHOOL',
  'SHARE_REGISTERED_MY_SCHOOL',
  'ORGANIZATIONS',
  'ORGANIZATIONS_SFERUM_ACTIVE',
  'SHARE_ORGANIZATIONS_SFERUM_ACTIVE',
  'ORGANIZATIONS_MY_SCHOOL',
  'ORGANIZATIONS_WRONG_INN',
] as const;
export type MeasureId = (typeof MEASURE_IDS)[number];

export const DATASET_IDS = [
  'CONTINGENT',
  'MARKS',
  'ATTENDANCE',
  'ADMISSIONS',
  'STAFF',
  'DATA_QUALITY',
  'EXTRA_EDUCATION',
  'CERTIFICATES',
  'PLATFORMS',
  'ORGANIZATIONS',
] as const;
export type DatasetId = (typeof DATASET_IDS)[number];

/** How a filter value of a dimension is written and checked before it becomes a parameter. */
export type ValueKind = 'uuid' | 'integer' | 'year' | 'month' | 'text' | 'fixed';

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
  /** Labels of fixed values (gender, organization type…): a `fixed` filter value must be one of their keys. */
  fixedLabels?: Readonly<Record<string, string>>;
}

export interface Measure {
  id: MeasureId;
  title: string;
  unit: string;
  /**
   * An aggregate over `f` (`$AGE_ON` as in dimensions); null for a measure computed from others after the
   * query (a share of the total).
   */
  aggregate: string | null;
  /** Dimensions this measure cannot be split by (places have no status or source). */
  notWith?: readonly DimensionId[];
}

/**
 * A pre-aggregated fact a dataset can be read from (`src/facts/refresh.ts`): its columns carry the view's
 * names, so dimensions, filters and the time cut are the same SQL; persons and measures have the fact's own
 * aggregates. A report reads it when every dimension and filter of the report is among `dimensions`, every
 * measure has a fact aggregate, a range covers whole months (`monthly`), and the fact has been filled.
 */
export interface FactSource {
  /** The refreshed fact it belongs to (`analytics.fact_refresh`); a summary is refreshed with its fact. */
  fact: 'CONTINGENT' | 'MARKS' | 'ATTENDANCE';
  table: string;
  monthly: boolean;
  dimensions: readonly DimensionId[];
  /** Distinct persons of a cell, and of them those without consent (the basis of suppression). */
  persons: string;
  unconsented: string;
  /**
   * False for a summary whose `persons` is only a lower bound of a cell's persons (the largest row's): it
   * answers no persons measure, and a report reads it only when the bound proves no cell is under k — then no
   * cell is hidden, so nothing else of suppression depends on the exact count.
   */
  exactPersons: boolean;
  measures: Partial<Record<MeasureId, string>>;
}

export interface Dataset {
  id: DatasetId;
  title: string;
  description: string;
  /** A view of `analytics_contract`. */
  view: string;
  /** The persons a cell is computed from: the basis of small-cell suppression. */
  personKey: string;
  /**
   * How the dataset is cut in time: a slice on a date (`f.started_on`…`f.ended_on` covers `on`), a date range
   * over `f.date` (marks, attendance), or a campaign year (`f.year`: the `CAMPAIGN_YEAR` filter, else the
   * current campaign).
   */
  time: 'slice' | 'range' | 'campaign';
  dimensions: readonly DimensionId[];
  measures: readonly MeasureId[];
  /** Rows the dataset always keeps, besides the time cut. */
  base?: string;
  /** The dataset's own title of a shared measure (PERSONS are children in admissions, employees in staff). */
  measureTitles?: Partial<Record<MeasureId, string>>;
  /** The pre-aggregated facts that answer it where its dimensions allow, the smallest first. */
  facts?: readonly FactSource[];
  /**
   * False for a dataset that counts no persons (organizations): its cells are not suppressed — the
   * register of organizations is public (its `personKey` is the organization, `consented` always true).
   */
  personal?: boolean;
}

export const GENDER_LABELS = { MALE: 'Мужской', FEMALE: 'Женский' } as const;
export const ORGANIZATION_TYPE_LABELS = {
  SCHOOL: 'Общеобразовательная организация',
  KINDERGARTEN: 'Дошкольная образовательная организация',
  EXTRA_EDUCATION: 'Организация дополнительного образования',
  COLLEGE: 'Профессиональная образовательная организация',
} as const;

export const APPLICATION_KIND_LABELS: Readonly<Record<ApplicationKind, string>> = {
  FIRST_GRADE: 'В первый класс',
  TENTH_GRADE: 'В десятый класс',
  TRANSFER: 'Перевод',
  KINDERGARTEN: 'В детский сад',
  CAMP: 'В лагерь',
  COLLEGE: 'В колледж',
};
export const APPLICATION_SOURCE_LABELS: Readonly<Record<ApplicationSource, string>> = {
  EPGU: 'ЕПГУ',
  IN_PERSON: 'Лично',
  REGIONAL_PORTAL: 'Региональный портал',
};
export const APPLICATION_CATEGORY_LABELS: Readonly<Record<ApplicationCategory, string>> = {
  PRIORITY: 'Преимущественное право',
  TERRITORY: 'Закреплённая территория',
  OTHER: 'Прочие',
};
export const QUALIFICATION_CATEGORY_LABELS = {
  NONE: 'Без категории',
  FIRST: 'Первая',
  HIGHEST: 'Высшая',
} as const;
export const CARD_KIND_LABELS = { STUDENT: 'Обучающийся', STAFF: 'Работник' } as const;
const PAYMENT_METHOD_LABELS: Readonly<Record<PaymentMethod, string>> = {
  BUDGET: 'Бюджет',
  PAID: 'Платно',
  CERTIFICATE: 'По сертификату',
};

/** A person's full years on `$AGE_ON` from the year and month of birth (see `AGE`). */

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
    valueKind: 'fixed',
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
  GENDER: { id: 'GENDER', title: 'Пол', expression: 'f.gender', valueKind: 'fixed', fixedLabels: GENDER_LABELS },
  // Full years on a date from the year and month of birth only (the contract has no day): a person born in
  // the date's own month counts as not having had the birthday yet — exact on the 1st of a month (ОО-1 counts
  // ages on 1 January) except for those born on that very day.
  AGE: { id: 'AGE', title: 'Возраст, полных лет', expression: AGE_SQL, valueKind: 'integer' },
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
  APPLICATION_KIND: {
    id: 'APPLICATION_KIND',
    title: 'Вид заявления',
    expression: 'f.kind',
    valueKind: 'fixed',
    fixedLabels: APPLICATION_KIND_LABELS,
  },
  APPLICATION_SOURCE: {
    id: 'APPLICATION_SOURCE',
    title: 'Источник заявления',
    expression: 'f.source',
    valueKind: 'fixed',
    fixedLabels: APPLICATION_SOURCE_LABELS,
  },
  APPLICATION_STATUS: {
    id: 'APPLICATION_STATUS',
    title: 'Статус заявления',
    expression: 'f.status',
    valueKind: 'fixed',
    fixedLabels: APPLICATION_STATUS_NAMES,
  },
  APPLICATION_CATEGORY: {
    id: 'APPLICATION_CATEGORY',
    title: 'Категория заявителя',
    expression: 'f.category',
    valueKind: 'fixed',
    fixedLabels: APPLICATION_CATEGORY_LABELS,
  },
  CAMPAIGN_YEAR: { id: 'CAMPAIGN_YEAR', title: 'Год приёмной кампании', expression: 'f.year', valueKind: 'year' },
  POSITION: { id: 'POSITION', title: 'Должность', expression: 'f.position', valueKind: 'text' },
  QUALIFICATION_CATEGORY: {
    id: 'QUALIFICATION_CATEGORY',
    title: 'Квалификационная категория',
    expression: 'f.qualification_category',
    valueKind: 'fixed',
    fixedLabels: QUALIFICATION_CATEGORY_LABELS,
  },
  CARD_KIND: {
    id: 'CARD_KIND',
    title: 'Вид карточки',
    expression: 'f.card_kind',
    valueKind: 'fixed',
    fixedLabels: CARD_KIND_LABELS,
  },
  PROGRAMME_DIRECTION: {
    id: 'PROGRAMME_DIRECTION',
    title: 'Направленность программы',
    expression: 'f.direction',
    valueKind: 'fixed',
    fixedLabels: PROGRAMME_DIRECTION_NAMES,
  },
  PAYMENT_METHOD: {
    id: 'PAYMENT_METHOD',
    title: 'Способ оплаты',
    expression: 'f.payment_method',
    valueKind: 'fixed',
    fixedLabels: PAYMENT_METHOD_LABELS,
  },
  CERTIFICATE_STATUS: {
    id: 'CERTIFICATE_STATUS',
    title: 'Статус сертификата',
    expression: 'f.status',
    valueKind: 'fixed',
    fixedLabels: CERTIFICATE_STATUS_NAMES,
  },
};

export { MEASURES };

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
    // Learners counted per group: each learner lies in one enrolment on a date, so sums are distinct counts.
    facts: [
      {
        fact: 'CONTINGENT',
        table: 'analytics.fact_contingent',
        monthly: false,
        dimensions: ['MUNICIPALITY', 'ORGANIZATION', 'ORGANIZATION_TYPE', 'GRADE', 'CLASS', 'GENDER', 'AGE'],
        persons: 'coalesce(sum(f.persons), 0)',
        unconsented: 'coalesce(sum(f.persons) filter (where not f.consented), 0)',
        exactPersons: true,
        measures: { PERSONS: 'coalesce(sum(f.persons), 0)', CLASSES: 'count(distinct f.class_id)' },
      },
    ],
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
    facts: [
      {
        fact: 'MARKS',
        table: 'analytics.fact_marks_summary',
        monthly: true,
        dimensions: ['MUNICIPALITY', 'ORGANIZATION', 'ORGANIZATION_TYPE', 'SUBJECT', 'STUDY_PERIOD', 'MONTH'],
        ...SUMMED,
        measures: MARKS_MEASURES,
      },
      {
        fact: 'MARKS',
        table: 'analytics.fact_marks',
        monthly: true,
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
        ...PERSON_KEYED,
        measures: { PERSONS: PERSONS_SQL, ...MARKS_MEASURES },
      },
    ],
  },
  ATTENDANCE: {
    id: 'ATTENDANCE',
    title: 'Посещаемость',
    description:
      'Уроки за период по расписанию каждого обучающегося (ученико-уроки) и пропуски; опоздание — присутствие.',
    view: 'lesson_attendance',
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
      'MONTH',
    ],
    measures: ['PERSONS', 'LESSON_SLOTS', 'ABSENCES', 'ABSENCES_SICK', 'ATTENDANCE_RATE'],
    facts: [
      {
        fact: 'ATTENDANCE',
        table: 'analytics.fact_attendance_summary',
        monthly: true,
        dimensions: ['MUNICIPALITY', 'ORGANIZATION', 'ORGANIZATION_TYPE', 'SUBJECT', 'MONTH'],
        ...SUMMED,
        measures: ATTENDANCE_MEASURES,
      },
      {
        fact: 'ATTENDANCE',
        table: 'analytics.fact_attendance',
        monthly: true,
        dimensions: [
          'MUNICIPALITY',
          'ORGANIZATION',
          'ORGANIZATION_TYPE',
          'GRADE',
          'CLASS',
          'GENDER',
          'AGE',
          'SUBJECT',
          'MONTH',
        ],
        ...PERSON_KEYED,
        measures: { PERSONS: PERSONS_SQL, ...ATTENDANCE_MEASURES },
      },
    ],
  },
  ADMISSIONS: {
    id: 'ADMISSIONS',
    title: 'Приёмная кампания',
    description:
      'Заявления года приёмной кампании (по умолчанию текущей) с организацией направления или первого выбора, и места организаций.',
    view: 'admission_facts',
    personKey: 'f.person_key',
    time: 'campaign',
    dimensions: [
      'MUNICIPALITY',
      'ORGANIZATION',
      'ORGANIZATION_TYPE',
      'CAMPAIGN_YEAR',
      'APPLICATION_KIND',
      'APPLICATION_SOURCE',
      'APPLICATION_STATUS',
      'APPLICATION_CATEGORY',
      'AGE',
      'MONTH',
    ],
    measures: ['PERSONS', 'APPLICATIONS', 'SHARE_FROM_EPGU', 'ENROLLED', 'PLACES', 'PLACES_FILLED'],
    measureTitles: { PERSONS: 'Число детей' },
  },
  STAFF: {
    id: 'STAFF',
    title: 'Кадры',
    description: 'Работники организаций на дату среза (по трудовым отношениям).',
    view: 'staff',
    personKey: 'f.person_key',
    time: 'slice',
    dimensions: [
      'MUNICIPALITY',
      'ORGANIZATION',
      'ORGANIZATION_TYPE',
      'POSITION',
      'QUALIFICATION_CATEGORY',
      'GENDER',
      'AGE',
    ],
    measures: ['PERSONS', 'SHARE_WITH_CATEGORY', 'SHARE_ON_MATERNITY_LEAVE', 'AVERAGE_AGE'],
    measureTitles: { PERSONS: 'Число работников' },
  },
  DATA_QUALITY: {
    id: 'DATA_QUALITY',
    title: 'Контроль заполнения данных',
    description:
      'Карточки обучающихся и работников на дату среза: заполнены ли обязательные поля (СНИЛС, документ, адреса, гражданство, место рождения).',
    view: 'card_completeness',
    personKey: 'f.person_key',
    time: 'slice',
    dimensions: ['MUNICIPALITY', 'ORGANIZATION', 'ORGANIZATION_TYPE', 'CARD_KIND'],
    measures: ['CARDS', 'INCOMPLETE_CARDS', 'SHARE_COMPLETE_CARDS'],
  },
  EXTRA_EDUCATION: {
    id: 'EXTRA_EDUCATION',
    title: 'Дополнительное образование',
    description: 'Договоры об обучении в группах программ дополнительного образования, действующие на дату среза.',
    view: 'extra_contracts',
    personKey: 'f.person_key',
    time: 'slice',
    dimensions: [
      'MUNICIPALITY',
      'ORGANIZATION',
      'ORGANIZATION_TYPE',
      'PROGRAMME_DIRECTION',
      'PAYMENT_METHOD',
      'GENDER',
      'AGE',
    ],
    measures: ['PERSONS', 'CONTRACTS', 'SHARE_BY_CERTIFICATE'],
    measureTitles: { PERSONS: 'Число детей' },
  },
  CERTIFICATES: {
    id: 'CERTIFICATES',
    title: 'Сертификаты ПФДО',
    description: 'Сертификаты дополнительного образования, выданные к дате среза, по муниципалитету выдачи.',
    view: 'extra_certificates',
    personKey: 'f.person_key',
    time: 'slice',
    dimensions: ['MUNICIPALITY', 'CERTIFICATE_STATUS', 'GENDER', 'AGE'],
    measures: ['PERSONS', 'CERTIFICATES', 'SHARE_ACTUAL_CERTIFICATES'],
    measureTitles: { PERSONS: 'Число детей' },
  },
  PLATFORMS: {
    id: 'PLATFORMS',
    title: 'Сферум и ФГИС «Моя школа»: регистрация',
    description:
      'Обучающиеся и работники организаций на дату среза и их регистрация на платформе «Сферум» и в ФГИС «Моя школа» к этой дате.',
    view: 'platform_registrations',
    personKey: 'f.person_key',
    time: 'slice',
    dimensions: ['MUNICIPALITY', 'ORGANIZATION', 'ORGANIZATION_TYPE', 'CARD_KIND', 'GENDER', 'AGE'],
    measures: [
      'PERSONS',
      'REGISTERED_SFERUM',
      'SHARE_REGISTERED_SFERUM',
      'REGISTERED_MY_SCHOOL',
      'SHARE_REGISTERED_MY_SCHOOL',
    ],
    measureTitles: { PERSONS: 'Число человек' },
  },
  ORGANIZATIONS: {
    id: 'ORGANIZATIONS',
    title: 'Организации: Сферум, ФГИС «Моя школа», ИНН',
    description:
      'Организации реестра: статус «Активна» на платформе «Сферум» и регистрация в ФГИС «Моя школа» к дате среза, ИНН с неверным контрольным числом.',
    view: 'organization_monitoring',
    personKey: 'f.organization_id',
    time: 'slice',
    dimensions: ['MUNICIPALITY', 'ORGANIZATION', 'ORGANIZATION_TYPE'],
    measures: [
      'ORGANIZATIONS',
      'ORGANIZATIONS_SFERUM_ACTIVE',
      'SHARE_ORGANIZATIONS_SFERUM_ACTIVE',
      'ORGANIZATIONS_MY_SCHOOL',
      'ORGANIZATIONS_WRONG_INN',
    ],
    personal: false,
  },
};

/** A measure's title in a dataset (the dataset may name a shared measure its own way). */
export function measureTitle(dataset: DatasetId, measure: MeasureId): string {
  return DATASETS[dataset].measureTitles?.[measure] ?? MEASURES[measure].title;
}

/** The catalogue as `reportCatalog` answers it. */
export function catalogue() {
  return Object.values(DATASETS).map((dataset) => ({
    id: dataset.id,
    title: dataset.title,
    description: dataset.description,
    dimensions: dataset.dimensions.map((id) => ({ id, title: DIMENSIONS[id].title })),
    measures: dataset.measures.map((id) => ({
      id,
      title: measureTitle(dataset.id, id),
      unit: MEASURES[id].unit,
      excludesDimensions: (MEASURES[id].notWith ?? []).filter((dimension) => dataset.dimensions.includes(dimension)),
    })),
  }));
}
