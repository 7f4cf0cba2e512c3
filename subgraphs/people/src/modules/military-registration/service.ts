/**
 * ГИР ВУ (DOMAIN.md rules 14 and 22): whose list a principal asks for, and the export file.
 */
import { badInput, forbidden, regionToday } from '@region/kit';
import { formatSnils } from '@region/schema';
import { stringify } from 'csv-stringify/sync';
import type { Executor } from '@region/db';
import type { PeoplePolicy } from '../../policy.ts';
import { figures, listLearners, organizationInScope, type LearnerRow, type RegistrationScope } from './repository.ts';
import { cohortOf } from './rules.ts';

export const REFUSED =
  'Сведения для ГИР ВУ доступны администрации организации, координатору муниципалитета и региональному оператору — в пределах их территории.';

/**
 * The cohort of the region's current calendar year (at 23:30 on 31 December region time it is still that year)
 * over the principal's `military:read` territory; a filter outside it is refused, never answered empty.
 */
export async function registrationScope(
  db: Executor,
  policy: PeoplePolicy,
  now: () => Date,
  filter: { organizationId?: string | null; municipalityId?: string | null },
): Promise<RegistrationScope> {
  if (!policy.holds('military:read')) throw forbidden(REFUSED);
  const organizationId = filter.organizationId ?? null;
  const municipalityId = filter.municipalityId ?? null;
  if (organizationId && !(await organizationInScope(db, policy, organizationId))) throw forbidden(REFUSED);
  if (municipalityId) {
    const reaches = policy
      .grantsWith('military:read')
      .some(
        (grant) =>
          grant.territory.kind === 'REGION' ||
          (grant.territory.kind === 'MUNICIPALITY' && grant.territory.municipalityId === municipalityId),
      );
    if (!reaches) throw forbidden(REFUSED);
  }
  return { ...cohortOf(regionToday(now)), organizationId, municipalityId, policy };
}

/**
 * The file holds every listed learner of the scope in one answer (the GraphQL field returns it base64): a school or
 * a municipality fits; the region asks per municipality, so no answer grows without bound.
 */
export const MAX_FILE_ROWS = 20_000;

/** The columns, in the order of the seed's export of learners («Выгрузка данных»), with the cohort's organization. */
const COLUMNS: readonly [string, (row: LearnerRow) => string | number | null][] = [
  ['Фамилия', (r) => r.lastName],
  ['Имя', (r) => r.firstName],
  ['Отчество', (r) => r.middleName],
  ['Дата рождения', (r) => russianDate(r.birthDate)],
  ['Пол', (r) => (r.sex === 'MALE' ? 'М' : r.sex === 'FEMALE' ? 'Ж' : null)],
  ['Класс', (r) => r.className],
  ['Вид документа', (r) => (r.documentType ? DOCUMENT_NAMES[r.documentType] : null)],
  ['Серия документа', (r) => r.documentSeries],
  ['Номер документа', (r) => r.documentNumber],
  ['Дата выдачи документа', (r) => russianDate(r.documentIssuedOn)],
  ['СНИЛС', (r) => displaySnils(r.snils)],
  ['Адрес регистрации', (r) => r.registrationAddress],
  ['Адрес проживания', (r) => r.residenceAddress],
  ['Гражданство', (r) => r.citizenship],
  ['Место рождения', (r) => r.placeOfBirth],
  ['Организация', (r) => r.organizationName],
  ['ИНН организации', (r) => r.organizationInn],
  ['Муниципалитет', (r) => r.municipalityName],
];

const DOCUMENT_NAMES: Readonly<Record<NonNullable<LearnerRow['documentType']>, string>> = {
  RF_PASSPORT: 'Паспорт гражданина РФ',
  BIRTH_CERTIFICATE: 'Свидетельство о рождении',
  FOREIGN_PASSPORT: 'Паспорт иностранного гражданина',
};

const russianDate = (date: string | null) => (date ? date.split('-').reverse().join('.') : null);

/** Printed as on the card when it is eleven digits, else as stored (a wrong SNILS is shown to be fixed). */
export function displaySnils(snils: string | null): string | null {
  return snils && /^\d{11}$/.test(snils) ? formatSnils(snils) : snils;
}

export interface RegistrationFile {
  fileName: string;
  mediaType: string;
  rowCount: number;
  withheld: number;
  contentBase64: string;
}

/**
 * CSV for the resource (the seed names no format): UTF-8 with a byte-order mark and `;` so that Excel opens it in
 * Russian as it is, CRLF lines, the header first. Learners without consent are not in it; `withheld` says how many.
 */
export async function registrationFile(db: Executor, scope: RegistrationScope): Promise<RegistrationFile> {
  const rows = await listLearners(db, scope, { onlyWithProblems: false, after: null, limit: MAX_FILE_ROWS + 1 });
  if (rows.length > MAX_FILE_ROWS) {
    throw badInput(
      `В выгрузке больше ${MAX_FILE_ROWS} строк: выберите муниципалитет или организацию.`,
      'municipalityId',
    );
  }
  const [total] = await figures(db, scope, 'total');
  const csv = stringify(
    [COLUMNS.map(([title]) => title), ...rows.map((row) => COLUMNS.map(([, value]) => value(row) ?? ''))],
    { delimiter: ';', record_delimiter: 'windows', bom: true },
  );
  const place = scope.organizationId ? '-организация' : scope.municipalityId ? '-муниципалитет' : '';
  return {
    fileName: `ГИР-ВУ-${scope.year}${place}.csv`,
    mediaType: 'text/csv;charset=utf-8',
    rowCount: rows.length,
    withheld: total?.withheld ?? 0,
    contentBase64: Buffer.from(csv, 'utf8').toString('base64'),
  };
}
