/**
 * ГИР ВУ (DOMAIN.md rules 14 and 22, seed 001 «Передача сведений в ГИР ВУ»): who is sent to the military-registration
 * resource and what makes a learner's data unfit for it. Pure rules: each check is written here in TypeScript (the
 * learner's own list of problems) and once more in SQL in `repository.ts` (the counts per organization and
 * municipality), split like `persons/mandatory-fields.ts` + `persons/repository.ts` (STYLE.md module layout: SQL
 * only in the repository); the repository's table is keyed by `ProblemCode`, so a check without its SQL does not
 * compile.
 */
import { isValidSnils } from '@region/schema';

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
export const RUSSIAN_CITIZENSHIP: readonly string[] = ['RUS', '643', 'РФ', 'РОССИЯ', 'РОССИЙСКАЯ ФЕДЕРАЦИЯ'];

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
}

const blank = (value: string | null) => value === null || value.trim() === '';
const documentMissing = (l: LearnerFacts) => l.documentType === null || blank(l.documentNumber);

const CHECKS: readonly Check[] = [
  {
    code: 'SNILS_MISSING',
    message: 'Не указан СНИЛС.',
    found: (l) => blank(l.snils),
  },
  {
    code: 'SNILS_INVALID',
    message: 'СНИЛС указан с ошибкой: не сходится контрольное число. Сверьте цифры с карточкой СНИЛС.',
    found: (l) => !blank(l.snils) && !isValidSnils(l.snils!),
  },
  {
    code: 'DOCUMENT_MISSING',
    message: 'Не указан документ, удостоверяющий личность.',
    found: documentMissing,
  },
  {
    // Passport Regulation (Decree No. 828): a citizen of 14 and older is identified by the passport of the RF.
    code: 'DOCUMENT_NOT_PASSPORT',
    message: 'С 14 лет документ гражданина России — паспорт РФ, а в карточке указан другой документ.',
    found: (l) => !documentMissing(l) && l.documentType !== 'RF_PASSPORT',
  },
  {
    code: 'DOCUMENT_INVALID',
    message: 'Паспорт РФ указан с ошибкой: серия — 4 цифры, номер — 6 цифр.',
    found: (l) =>
      !documentMissing(l) &&
      l.documentType === 'RF_PASSPORT' &&
      !(/^\d{4}$/.test(l.documentSeries ?? '') && /^\d{6}$/.test(l.documentNumber ?? '')),
  },
  {
    code: 'DOCUMENT_ISSUE_DATE_MISSING',
    message: 'Не указана дата выдачи документа.',
    found: (l) => !documentMissing(l) && l.documentIssuedOn === null,
  },
  { code: 'SEX_MISSING', message: 'Не указан пол.', found: (l) => l.sex === null },
  {
    code: 'CITIZENSHIP_MISSING',
    message: 'Не указано гражданство.',
    found: (l) => blank(l.citizenship),
  },
  {
    code: 'PLACE_OF_BIRTH_MISSING',
    message: 'Не указано место рождения.',
    found: (l) => blank(l.placeOfBirth),
  },
  {
    code: 'REGISTRATION_ADDRESS_MISSING',
    message: 'Не указан адрес регистрации (места жительства).',
    found: (l) => blank(l.registrationAddress),
  },
  {
    code: 'CLASS_MISSING',
    message: 'Не указан класс (группа) обучающегося.',
    found: (l) => blank(l.className),
  },
];

export const PROBLEM_MESSAGES: Readonly<Record<ProblemCode, string>> = Object.fromEntries(
  CHECKS.map((check) => [check.code, check.message]),
) as Record<ProblemCode, string>;

export function problemsOf(learner: LearnerFacts): ProblemCode[] {
  return CHECKS.filter((check) => check.found(learner)).map((check) => check.code);
}

export const problemColumn = (code: ProblemCode) => `problem_${code.toLowerCase()}`;

/** The grade of a class from its name (`11А` → 11, `10-Б` → 10); a college group without one → null. */
export function gradeOf(className: string | null): number | null {
  const match = /^\s*(\d{1,2})(?!\d)/.exec(className ?? '');
  return match ? Number(match[1]) : null;
}
