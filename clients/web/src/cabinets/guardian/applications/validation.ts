/** Checks of the first-grade application before it is sent, with messages at the fields they concern. */
import { CombinedGraphQLErrors } from '@apollo/client/errors';
import type { SchoolOption } from './form-queries.ts';
import { MAX_SCHOOLS } from './schools-picker.tsx';

export interface ApplicationForm {
  childId: string;
  lastName: string;
  firstName: string;
  middleName: string;
  birthDate: string;
  certificateSeries: string;
  certificateNumber: string;
  address: string;
  category: 'PRIORITY' | 'TERRITORY' | 'OTHER';
  rights: string[];
  schools: SchoolOption[];
  comment: string;
  confirmed: boolean;
}

export type FieldName =
  | 'childId'
  | 'lastName'
  | 'firstName'
  | 'middleName'
  | 'birthDate'
  | 'certificateSeries'
  | 'certificateNumber'
  | 'address'
  | 'rights'
  | 'schools'
  | 'confirmed';

export type FormErrors = Partial<Record<FieldName, string>>;

const NAME = /^[А-ЯЁа-яёA-Za-z][А-ЯЁа-яёA-Za-z' -]*$/;
/** Russian birth certificate: Roman numerals, a dash, two Cyrillic letters (IV-ИВ); number of six digits. */
const CERTIFICATE_SERIES = /^[IVXLCХСivxlcхс]{1,6}-[А-ЯЁа-яё]{2}$/;
const CERTIFICATE_NUMBER = /^\d{6}$/;

function validDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

export function validate(form: ApplicationForm, territoryIds: ReadonlySet<string> | null): FormErrors {
  const errors: FormErrors = {};
  if (!form.childId) errors.childId = 'Выберите ребёнка.';
  if (!form.lastName.trim()) errors.lastName = 'Укажите фамилию ребёнка.';
  else if (!NAME.test(form.lastName.trim())) errors.lastName = 'Фамилия — буквы, дефис и пробел.';
  if (!form.firstName.trim()) errors.firstName = 'Укажите имя ребёнка.';
  else if (!NAME.test(form.firstName.trim())) errors.firstName = 'Имя — буквы, дефис и пробел.';
  if (form.middleName.trim() && !NAME.test(form.middleName.trim()))
    errors.middleName = 'Отчество — буквы, дефис и пробел.';
  if (!form.birthDate) errors.birthDate = 'Укажите дату рождения.';
  else if (!validDate(form.birthDate)) errors.birthDate = 'Дата рождения указана неверно.';
  if (!form.certificateSeries.trim()) errors.certificateSeries = 'Укажите серию свидетельства о рождении.';
  else if (!CERTIFICATE_SERIES.test(form.certificateSeries.trim()))
    errors.certificateSeries = 'Серия — римские цифры, дефис и две русские буквы, например IV-ИВ.';
  if (!form.certificateNumber.trim()) errors.certificateNumber = 'Укажите номер свидетельства о рождении.';
  else if (!CERTIFICATE_NUMBER.test(form.certificateNumber.trim()))
    errors.certificateNumber = 'Номер свидетельства — шесть цифр.';
  if (form.category === 'TERRITORY' && !form.address.trim())
    errors.address = 'Для приёма по закреплённой территории укажите адрес проживания ребёнка.';
  if (form.category === 'PRIORITY' && form.rights.length === 0)
    errors.rights = 'Отметьте пункт Порядка № 458, который даёт право на приём.';
  if (form.schools.length === 0) errors.schools = 'Выберите хотя бы одну школу.';
  else if (form.schools.length > MAX_SCHOOLS) errors.schools = `Можно выбрать не больше ${MAX_SCHOOLS} школ.`;
  else if (form.category === 'TERRITORY' && territoryIds && !territoryIds.has(form.schools[0]!.id))
    errors.schools =
      'Первой должна стоять школа, за которой закреплён ваш адрес: приём по территории идёт только в неё. Либо выберите категорию «Прочие».';
  if (!form.confirmed) errors.confirmed = 'Подтвердите, что сведения достоверны.';
  return errors;
}

/** The documents the school will ask for, by category and rights (Order 458 points 26–27). */
export function documentsFor(form: Pick<ApplicationForm, 'category' | 'rights'>): string[] {
  return [
    'Заявление о приёме в 1 класс',
    'Свидетельство о рождении ребёнка',
    'Документ, удостоверяющий личность родителя (законного представителя)',
    ...(form.category === 'TERRITORY' ? ['Свидетельство о регистрации ребёнка по месту жительства'] : []),
    ...form.rights.map((point) => `Документ, подтверждающий право на приём (п. ${point} Порядка № 458)`),
  ];
}

/** The server's refusal, with the field it names and the rule's details, for showing it at the form. */
export interface ServerRefusal {
  code: string | undefined;
  message: string;
  field: FieldName | undefined;
  deadline: string | undefined;
  applicationId: string | undefined;
}

const SERVER_FIELDS: Record<string, FieldName> = {
  organizationIds: 'schools',
  priorityRights: 'rights',
  residenceAddress: 'address',
  child: 'lastName',
  childId: 'childId',
};

export function serverRefusal(error: unknown): ServerRefusal | null {
  if (!CombinedGraphQLErrors.is(error)) return null;
  const first = error.errors[0];
  if (!first) return null;
  const extensions = (first.extensions ?? {}) as Record<string, unknown>;
  const field = typeof extensions['field'] === 'string' ? SERVER_FIELDS[extensions['field']] : undefined;
  return {
    code: typeof extensions['code'] === 'string' ? extensions['code'] : undefined,
    message: first.message,
    field,
    deadline: typeof extensions['deadline'] === 'string' ? extensions['deadline'] : undefined,
    applicationId: typeof extensions['applicationId'] === 'string' ? extensions['applicationId'] : undefined,
  };
}
