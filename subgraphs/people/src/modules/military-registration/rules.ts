/**
 * ГИР ВУ (DOMAIN.md rules 14 and 22, seed 001 «Передача сведений в ГИР ВУ»): who is sent to the military-registration
 * resource and what makes a learner's data unfit for it. Pure rules, with each check written once in TypeScript
 * (the learner's own list of problems) and once in SQL (the counts per organization and municipality), side by
 * side like `persons/mandatory-fields.ts`, so the two are read and tested together.
 */
import { isValidSnils } from '@region/schema';
import { sql, type SQL } from 'drizzle-orm';

/** The age of first military registration: citizens who reach 17 in the calendar year (53-FZ art. 9). */
export const REGISTRATION_AGE = 17;

/** The calendar year of a region date, and the birth dates of those who turn 17 in it (both inclusive). */
export function cohortOf(regionToday: string) {
  const year = Number(regionToday.slice(0, 4));
  const birthYear = year - REGISTRATION_AGE;
  return { year, birthYear, bornFrom: `${birthYear}-01-01`, bornTo: `${birthYear}-12-31` };
}

/**
 * Military registration is of Russian citizens: a learner whose card names another citizenship is not sent; one
 * whose card names none is sent with the problem «не указано гражданство». ESIA's `RUS` is how cards store it
 * (architecture: citizenship as a country); older cards may say it in words.
 */
const RUSSIAN = ['RUS', '643', 'РФ', 'РОССИЯ', 'РОССИЙСКАЯ ФЕДЕРАЦИЯ'];

export const RUSSIAN_OR_UNKNOWN_SQL = sql`(coalesce(btrim(${sql.raw('people.persons.citizenship')}), '') = ''
  or upper(btrim(${sql.raw('people.persons.citizenship')})) in ${RUSSIAN})`;

/** The facts a check reads: a card and its current enrolment. */
export interface LearnerFacts {
  snils: string | null;
  sex: string | null;
  citizenship: string | null;
  placeOfBirth: string | null;
  registrationAddress: string | null;
  documentType: string | null;
  documentSeries: string | null;
  documentNumber: string | null;
  documentIssuedOn: string | null;
  className: string | null;
}

export const PROBLEM_CODES = [
  'SNILS_MISSING',
  'SNILS_INVALID',
  'DOCUMENT_MISSING',
  'DOCUMENT_NOT_PASSPORT',
  'DOCUMENT_INVALID',
  'DOCUMENT_ISSUE_DATE_MISSING',
  'SEX_MISSING',
  'CITIZENSHIP_MISSING',
  'PLACE_OF_BIRTH_MISSING',
  'REGISTRATION_ADDRESS_MISSING',
  'CLASS_MISSING',
] as const;
export type ProblemCode = (typeof PROBLEM_CODES)[number];

interface Check {
  code: ProblemCode;
  /** What the school sees: what is wrong and what to fix, for a school secretary. */
  message: string;
  found: (learner: LearnerFacts) => boolean;
  /** The same over `people.persons` (unaliased, as the row-scope predicates name it) and enrolment `e`. */
  sql: SQL;
}

const blank = (value: string | null) => value === null || value.trim() === '';
const P = (column: string) => sql.raw(`people.persons.${column}`);
const blankSql = (column: SQL) => sql`coalesce(btrim(${column}), '') = ''`;
const documentMissing = (l: LearnerFacts) => l.documentType === null || blank(l.documentNumber);
const documentMissingSql = sql`(${P('document_type')} is null or ${blankSql(P('document_number'))})`;

/**
 * SNILS check digits in SQL, the same rule as `isValidSnils` (`@region/schema`): eleven digits once spaces and
 * dashes are dropped; numbers up to 001-001-998 carry no check digits; otherwise Σ digit·(9…1) mod 101, 100 → 00.
 * `case` keeps the casts away from values that are not digits.
 */
const SNILS_DIGITS = sql`regexp_replace(${P('snils')}, '[[:space:]-]', '', 'g')`;
export const SNILS_VALID_SQL = sql`(case
  when ${SNILS_DIGITS} !~ '^[0-9]{11}$' then false
  when substr(${SNILS_DIGITS}, 1, 9)::int <= 1001998 then true
  else (${sql.join(
    [1, 2, 3, 4, 5, 6, 7, 8, 9].map((i) => sql`substr(${SNILS_DIGITS}, ${sql.raw(`${i}, 1)::int * ${10 - i}`)}`),
    sql` + `,
  )}) % 101 % 100 = substr(${SNILS_DIGITS}, 10, 2)::int end)`;

const CHECKS: readonly Check[] = [
  {
    code: 'SNILS_MISSING',
    message: 'Не указан СНИЛС.',
    found: (l) => blank(l.snils),
    sql: blankSql(P('snils')),
  },
  {
    code: 'SNILS_INVALID',
    message: 'СНИЛС указан с ошибкой: не сходится контрольное число. Сверьте цифры с карточкой СНИЛС.',
    found: (l) => !blank(l.snils) && !isValidSnils(l.snils!),
    sql: sql`(not ${blankSql(P('snils'))} and not ${SNILS_VALID_SQL})`,
  },
  {
    code: 'DOCUMENT_MISSING',
    message: 'Не указан документ, удостоверяющий личность.',
    found: documentMissing,
    sql: documentMissingSql,
  },
  {
    // Passport Regulation (Decree No. 828): a citizen of 14 and older is identified by the passport of the RF.
    code: 'DOCUMENT_NOT_PASSPORT',
    message: 'С 14 лет документ гражданина России — паспорт РФ, а в карточке указан другой документ.',
    found: (l) => !documentMissing(l) && l.documentType !== 'RF_PASSPORT',
    sql: sql`(not ${documentMissingSql} and ${P('document_type')} <> 'RF_PASSPORT')`,
  },
  {
    code: 'DOCUMENT_INVALID',
    message: 'Паспорт РФ указан с ошибкой: серия — 4 цифры, номер — 6 цифр.',
    found: (l) =>
      !documentMissing(l) &&
      l.documentType === 'RF_PASSPORT' &&
      !(/^\d{4}$/.test(l.documentSeries ?? '') && /^\d{6}$/.test(l.documentNumber ?? '')),
    sql: sql`(not ${documentMissingSql} and ${P('document_type')} = 'RF_PASSPORT'
      and not (coalesce(${P('document_series')}, '') ~ '^[0-9]{4}$' and ${P('document_number')} ~ '^[0-9]{6}$'))`,
  },
  {
    code: 'DOCUMENT_ISSUE_DATE_MISSING',
    message: 'Не указана дата выдачи документа.',
    found: (l) => !documentMissing(l) && l.documentIssuedOn === null,
    sql: sql`(not ${documentMissingSql} and ${P('document_issued_on')} is null)`,
  },
  { code: 'SEX_MISSING', message: 'Не указан пол.', found: (l) => l.sex === null, sql: sql`${P('sex')} is null` },
  {
    code: 'CITIZENSHIP_MISSING',
    message: 'Не указано гражданство.',
    found: (l) => blank(l.citizenship),
    sql: blankSql(P('citizenship')),
  },
  {
    code: 'PLACE_OF_BIRTH_MISSING',
    message: 'Не указано место рождения.',
    found: (l) => blank(l.placeOfBirth),
    sql: blankSql(P('place_of_birth')),
  },
  {
    code: 'REGISTRATION_ADDRESS_MISSING',
    message: 'Не указан адрес регистрации (места жительства).',
    found: (l) => blank(l.registrationAddress),
    sql: blankSql(P('registration_address')),
  },
  {
    code: 'CLASS_MISSING',
    message: 'Не указан класс (группа) обучающегося.',
    found: (l) => blank(l.className),
    sql: blankSql(sql.raw('e.class_name')),
  },
];

export const PROBLEM_MESSAGES: Readonly<Record<ProblemCode, string>> = Object.fromEntries(
  CHECKS.map((check) => [check.code, check.message]),
) as Record<ProblemCode, string>;

export function problemsOf(learner: LearnerFacts): ProblemCode[] {
  return CHECKS.filter((check) => check.found(learner)).map((check) => check.code);
}

/** One boolean column per problem, `problem_<code>`, for the counts. */
export function problemColumnsSql(): SQL {
  return sql.join(
    CHECKS.map((check) => sql`(${check.sql}) as ${sql.identifier(problemColumn(check.code))}`),
    sql`, `,
  );
}

export const problemColumn = (code: ProblemCode) => `problem_${code.toLowerCase()}`;

/** "Some problem", for `onlyWithProblems`. */
export function anyProblemSql(): SQL {
  return sql`(${sql.join(
    CHECKS.map((check) => check.sql),
    sql` or `,
  )})`;
}

/** The grade of a class from its name (`11А` → 11, `10-Б` → 10); a college group without one → null. */
export function gradeOf(className: string | null): number | null {
  const match = /^\s*(\d{1,2})(?!\d)/.exec(className ?? '');
  return match ? Number(match[1]) : null;
}
