/**
 * The report builder's measures (catalog.ts): each measure's title, unit, the datasets' SQL aggregate over
 * the read contract's view, and the aggregates the pre-aggregated facts answer it with.
 */
import type { DimensionId, Measure, MeasureId } from './catalog.ts';

/** Full years at $AGE_ON: the AGE dimension's expression and the average age's. */
export const AGE_SQL =
  '(extract(year from $AGE_ON)::int - f.birth_year - case when f.birth_month >= extract(month from $AGE_ON)::int then 1 else 0 end)';

const share = (part: string, whole: string) => `round(100.0 * ${part} / nullif(${whole}, 0), 1)`;
export const PERSONS_SQL = 'count(distinct f.person_key)';
const APPLICATIONS_SQL = 'count(distinct f.application_key)';
const ENROLLED_SQL = "count(distinct f.application_key) filter (where f.status = 'ENROLLED')";
/** A card misses a mandatory field of its kind (rule 7): citizenship and place of birth are the learner's. */
const COMPLETE_CARD =
  "(f.snils_filled and f.identity_document_filled and f.registration_address_filled and f.residence_address_filled and (f.card_kind = 'STAFF' or (f.citizenship_filled and f.place_of_birth_filled)))";
/** Application-only dimensions: places are counted per organization, year and kind. */
const NOT_PLACES: readonly DimensionId[] = [
  'APPLICATION_SOURCE',
  'APPLICATION_STATUS',
  'APPLICATION_CATEGORY',
  'MONTH',
  'AGE',
];

/** Numeric marks of the five-point scale (pass/fail marks have no average). */
const NUMERIC = "f.value in ('2', '3', '4', '5')";

/** An organization with the status «Активна» in Сферум, registered by the slice date. */
const SFERUM_ACTIVE = "f.sferum_status = 'ACTIVE' and f.sferum_registered_on <= $ON";
/** Registered on a platform by the slice date (`$ON`). */
const registeredBy = (column: string) => `f.${column} <= $ON`;

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
  LESSON_SLOTS: { id: 'LESSON_SLOTS', title: 'Ученико-уроков по расписанию', unit: 'ед.', aggregate: 'count(*)' },
  ABSENCES: {
    id: 'ABSENCES',
    title: 'Пропущено уроков',
    unit: 'ед.',
    aggregate: "count(*) filter (where f.status in ('ABSENT', 'SICK', 'EXCUSED'))",
  },
  ABSENCES_SICK: {
    id: 'ABSENCES_SICK',
    title: 'Пропущено по болезни',
    unit: 'ед.',
    aggregate: "count(*) filter (where f.status = 'SICK')",
  },
  // Being late counts as present (docs/architecture.md, Learning: Averages — attendance).
  ATTENDANCE_RATE: {
    id: 'ATTENDANCE_RATE',
    title: 'Посещаемость',
    unit: '%',
    aggregate: share("count(*) filter (where f.status is null or f.status = 'LATE')", 'count(*)'),
  },
  APPLICATIONS: { id: 'APPLICATIONS', title: 'Число заявлений', unit: 'ед.', aggregate: APPLICATIONS_SQL },
  SHARE_FROM_EPGU: {
    id: 'SHARE_FROM_EPGU',
    title: 'Доля заявлений с ЕПГУ',
    unit: '%',
    aggregate: share("count(distinct f.application_key) filter (where f.source = 'EPGU')", APPLICATIONS_SQL),
  },
  ENROLLED: { id: 'ENROLLED', title: 'Зачислено', unit: 'чел.', aggregate: ENROLLED_SQL },
  PLACES: { id: 'PLACES', title: 'Мест', unit: 'ед.', aggregate: 'sum(f.places)', notWith: NOT_PLACES },
  PLACES_FILLED: {
    id: 'PLACES_FILLED',
    title: 'Доля занятых мест',
    unit: '%',
    aggregate: share(ENROLLED_SQL, 'sum(f.places)'),
    notWith: NOT_PLACES,
  },
  SHARE_ON_MATERNITY_LEAVE: {
    id: 'SHARE_ON_MATERNITY_LEAVE',
    title: 'Доля в отпуске по уходу за ребёнком',
    unit: '%',
    aggregate: share('count(distinct f.person_key) filter (where f.maternity_leave)', PERSONS_SQL),
  },
  SHARE_WITH_CATEGORY: {
    id: 'SHARE_WITH_CATEGORY',
    title: 'Доля с квалификационной категорией',
    unit: '%',
    aggregate: share(
      "count(distinct f.person_key) filter (where f.qualification_category in ('FIRST', 'HIGHEST'))",
      PERSONS_SQL,
    ),
  },
  AVERAGE_AGE: { id: 'AVERAGE_AGE', title: 'Средний возраст', unit: 'лет', aggregate: `round(avg(${AGE_SQL}), 1)` },
  CARDS: { id: 'CARDS', title: 'Число карточек', unit: 'ед.', aggregate: PERSONS_SQL },
  INCOMPLETE_CARDS: {
    id: 'INCOMPLETE_CARDS',
    title: 'Карточек с незаполненными обязательными полями',
    unit: 'ед.',
    aggregate: `count(distinct f.person_key) filter (where not ${COMPLETE_CARD})`,
  },
  SHARE_COMPLETE_CARDS: {
    id: 'SHARE_COMPLETE_CARDS',
    title: 'Доля заполненных карточек',
    unit: '%',
    aggregate: share(`count(distinct f.person_key) filter (where ${COMPLETE_CARD})`, PERSONS_SQL),
  },
  CONTRACTS: { id: 'CONTRACTS', title: 'Число договоров', unit: 'ед.', aggregate: 'count(distinct f.contract_key)' },
  SHARE_BY_CERTIFICATE: {
    id: 'SHARE_BY_CERTIFICATE',
    title: 'Доля договоров по сертификату',
    unit: '%',
    aggregate: share(
      "count(distinct f.contract_key) filter (where f.payment_method = 'CERTIFICATE')",
      'count(distinct f.contract_key)',
    ),
  },
  CERTIFICATES: {
    id: 'CERTIFICATES',
    title: 'Число сертификатов',
    unit: 'ед.',
    aggregate: 'count(distinct f.certificate_key)',
  },
  SHARE_ACTUAL_CERTIFICATES: {
    id: 'SHARE_ACTUAL_CERTIFICATES',
    title: 'Доля актуальных сертификатов',
    unit: '%',
    aggregate: share(
      "count(distinct f.certificate_key) filter (where f.status = 'ACTUAL')",
      'count(distinct f.certificate_key)',
    ),
  },
  // Rule 24 (seed 000): registration of staff and learners in Сферум and ФГИС «Моя школа».
  REGISTERED_SFERUM: {
    id: 'REGISTERED_SFERUM',
    title: 'Зарегистрированы в Сферуме',
    unit: 'чел.',
    aggregate: `count(distinct f.person_key) filter (where ${registeredBy('sferum_registered_on')})`,
  },
  SHARE_REGISTERED_SFERUM: {
    id: 'SHARE_REGISTERED_SFERUM',
    title: 'Доля зарегистрированных в Сферуме',
    unit: '%',
    aggregate: share(
      `count(distinct f.person_key) filter (where ${registeredBy('sferum_registered_on')})`,
      PERSONS_SQL,
    ),
  },
  REGISTERED_MY_SCHOOL: {
    id: 'REGISTERED_MY_SCHOOL',
    title: 'Зарегистрированы в ФГИС «Моя школа»',
    unit: 'чел.',
    aggregate: `count(distinct f.person_key) filter (where ${registeredBy('my_school_registered_on')})`,
  },
  SHARE_REGISTERED_MY_SCHOOL: {
    id: 'SHARE_REGISTERED_MY_SCHOOL',
    title: 'Доля зарегистрированных в ФГИС «Моя школа»',
    unit: '%',
    aggregate: share(
      `count(distinct f.person_key) filter (where ${registeredBy('my_school_registered_on')})`,
      PERSONS_SQL,
    ),
  },
  // Rule 21: organizations' status on the platforms and wrong INNs (seed 000's «Проблемы с ИНН»).
  ORGANIZATIONS: {
    id: 'ORGANIZATIONS',
    title: 'Число организаций',
    unit: 'ед.',
    aggregate: 'count(distinct f.organization_id)',
  },
  ORGANIZATIONS_SFERUM_ACTIVE: {
    id: 'ORGANIZATIONS_SFERUM_ACTIVE',
    title: 'Со статусом «Активна» в Сферуме',
    unit: 'ед.',
    aggregate: `count(distinct f.organization_id) filter (where ${SFERUM_ACTIVE})`,
  },
  SHARE_ORGANIZATIONS_SFERUM_ACTIVE: {
    id: 'SHARE_ORGANIZATIONS_SFERUM_ACTIVE',
    title: 'Доля организаций, активных в Сферуме',
    unit: '%',
    aggregate: share(
      `count(distinct f.organization_id) filter (where ${SFERUM_ACTIVE})`,
      'count(distinct f.organization_id)',
    ),
  },
  ORGANIZATIONS_MY_SCHOOL: {
    id: 'ORGANIZATIONS_MY_SCHOOL',
    title: 'Зарегистрированы в ФГИС «Моя школа»',
    unit: 'ед.',
    aggregate: `count(distinct f.organization_id) filter (where f.my_school_status = 'ACTIVE' and ${registeredBy('my_school_registered_on')})`,
  },
  ORGANIZATIONS_WRONG_INN: {
    id: 'ORGANIZATIONS_WRONG_INN',
    title: 'С неверным ИНН (не сходится контрольное число)',
    unit: 'ед.',
    aggregate: 'count(distinct f.organization_id) filter (where not f.inn_valid)',
  },
};

/** Person-level facts (marks, attendance): a learner's rows are collapsed, the key kept for distinct counts. */
export const PERSON_KEYED = {
  persons: PERSONS_SQL,
  unconsented: 'count(distinct f.person_key) filter (where not f.consented)',
  exactPersons: true,
};
/** Summaries per organization × subject × month: the largest row's learners bound a cell's from below. */
export const SUMMED = { persons: 'max(f.persons)', unconsented: '0', exactPersons: false };
export const MARKS_MEASURES = {
  MARKS: 'coalesce(sum(f.marks), 0)',
  AVERAGE_MARK: 'round((sum(f.weighted_sum) / nullif(sum(f.weight_sum), 0))::numeric, 2)',
  SHARE_OF_TWOS: share('sum(f.twos)', 'sum(f.marks)'),
};
export const ATTENDANCE_MEASURES = {
  LESSON_SLOTS: 'coalesce(sum(f.slots), 0)',
  ABSENCES: 'coalesce(sum(f.absences), 0)',
  ABSENCES_SICK: 'coalesce(sum(f.sick), 0)',
  ATTENDANCE_RATE: share('sum(f.present)', 'sum(f.slots)'),
};
