/**
 * The card form's values, their checks before sending (DOMAIN.md rule 9: SNILS check digit; names, dates,
 * document) and what is sent: only the changed fields when editing, an empty field as null.
 */
import { isValidSnils } from '@region/schema/identifiers';
import type { DocumentType, Sex } from '../labels.ts';
import type { CardPerson } from './queries.ts';

export interface PersonFormValues {
  lastName: string;
  firstName: string;
  middleName: string;
  birthDate: string;
  sex: Sex | '';
  snils: string;
  citizenship: string;
  placeOfBirth: string;
  registrationAddress: string;
  residenceAddress: string;
  documentType: DocumentType | '';
  documentSeries: string;
  documentNumber: string;
  documentIssuedOn: string;
  educationForm: string;
  movementFirst: 'yes' | 'no' | '';
  education: string;
  phone: string;
  email: string;
}

export type FormField = keyof PersonFormValues;
export type FormErrors = Partial<Record<FormField, string>>;

export const EMPTY_VALUES: PersonFormValues = {
  lastName: '',
  firstName: '',
  middleName: '',
  birthDate: '',
  sex: '',
  snils: '',
  citizenship: '',
  placeOfBirth: '',
  registrationAddress: '',
  residenceAddress: '',
  documentType: '',
  documentSeries: '',
  documentNumber: '',
  documentIssuedOn: '',
  educationForm: '',
  movementFirst: '',
  education: '',
  phone: '',
  email: '',
};

export function valuesOf(person: CardPerson): PersonFormValues {
  return {
    lastName: person.lastName,
    firstName: person.firstName,
    middleName: person.middleName ?? '',
    birthDate: person.birthDate ?? '',
    sex: person.sex ?? '',
    snils: person.snils ?? '',
    citizenship: person.citizenship ?? '',
    placeOfBirth: person.placeOfBirth ?? '',
    registrationAddress: person.registrationAddress ?? '',
    residenceAddress: person.residenceAddress ?? '',
    documentType: person.identityDocument?.type ?? '',
    documentSeries: person.identityDocument?.series ?? '',
    documentNumber: person.identityDocument?.number ?? '',
    documentIssuedOn: person.identityDocument?.issuedOn ?? '',
    educationForm: person.educationForm ?? '',
    movementFirst: person.movementFirst === null ? '' : person.movementFirst ? 'yes' : 'no',
    education: person.education ?? '',
    phone: person.phone ?? '',
    email: person.email ?? '',
  };
}

const NAME = /^[А-ЯЁа-яёA-Za-z][А-ЯЁа-яёA-Za-z' -]*$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^\+?[\d\s()-]{10,20}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

function isRealDate(value: string): boolean {
  if (!DATE.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

function checkName(value: string, label: string, required: boolean): string | undefined {
  const trimmed = value.trim();
  if (!trimmed) return required ? `${label} — обязательное поле.` : undefined;
  if (trimmed.length > 100) return `${label}: не длиннее 100 символов.`;
  if (!NAME.test(trimmed)) return `${label}: только буквы, пробел, дефис и апостроф.`;
  return undefined;
}

/** The same checks the server makes, so a mistake is shown at the field before anything is sent. */
export function validate(values: PersonFormValues): FormErrors {
  const errors: FormErrors = {};
  const set = (field: FormField, message: string | undefined) => {
    if (message && !errors[field]) errors[field] = message;
  };
  set('lastName', checkName(values.lastName, 'Фамилия', true));
  set('firstName', checkName(values.firstName, 'Имя', true));
  set('middleName', checkName(values.middleName, 'Отчество', false));
  if (values.birthDate) {
    if (!isRealDate(values.birthDate)) set('birthDate', 'Дата рождения указана неверно.');
    else if (values.birthDate < '1900-01-01') set('birthDate', 'Дата рождения не может быть раньше 1900 года.');
  }
  const snils = values.snils.trim();
  if (snils) {
    const digits = snils.replace(/[\s-]/g, '');
    if (!/^\d{11}$/.test(digits)) set('snils', 'СНИЛС — 11 цифр, например 123-456-789 01.');
    else if (!isValidSnils(digits)) {
      set('snils', 'СНИЛС введён с ошибкой: не сходится контрольное число. Проверьте цифры по карточке СНИЛС.');
    }
  }
  const series = values.documentSeries.trim();
  const number = values.documentNumber.trim();
  if ((series || number || values.documentIssuedOn) && !values.documentType) {
    set('documentType', 'Укажите вид документа.');
  }
  if (values.documentType && !number) set('documentNumber', 'Укажите номер документа.');
  if (values.documentType === 'RF_PASSPORT') {
    if (series && !/^\d{4}$/.test(series.replace(/\s/g, ''))) set('documentSeries', 'Серия паспорта — 4 цифры.');
    if (number && !/^\d{6}$/.test(number)) set('documentNumber', 'Номер паспорта — 6 цифр.');
  }
  if (values.documentType === 'BIRTH_CERTIFICATE' && number && !/^\d{6}$/.test(number)) {
    set('documentNumber', 'Номер свидетельства о рождении — 6 цифр.');
  }
  if (values.documentIssuedOn) {
    if (!isRealDate(values.documentIssuedOn)) set('documentIssuedOn', 'Дата выдачи указана неверно.');
    else if (values.birthDate && values.documentIssuedOn < values.birthDate) {
      set('documentIssuedOn', 'Документ не может быть выдан раньше даты рождения.');
    }
  }
  if (values.email.trim() && !EMAIL.test(values.email.trim())) set('email', 'Адрес эл. почты указан неверно.');
  if (values.phone.trim() && !PHONE.test(values.phone.trim())) {
    set('phone', 'Телефон: 10–20 цифр, можно с +, скобками и дефисами.');
  }
  for (const field of [
    'citizenship',
    'placeOfBirth',
    'registrationAddress',
    'residenceAddress',
    'educationForm',
    'education',
  ] as const) {
    if (values[field].trim().length > 300) set(field, 'Не длиннее 300 символов.');
  }
  return errors;
}

function apiValue(field: FormField, value: string): unknown {
  const trimmed = value.trim();
  if (field === 'movementFirst') return trimmed === '' ? null : trimmed === 'yes';
  return trimmed === '' ? null : trimmed;
}

const DOCUMENT_FIELDS = ['documentType', 'documentSeries', 'documentNumber', 'documentIssuedOn'] as const;

/**
 * The fields that differ from the card, as a PersonPatch. The document goes whole: the server checks a
 * number against its type and looks for the same document on another card.
 */
export function patchOf(initial: PersonFormValues, values: PersonFormValues): Record<string, unknown> {
  const patch: Record<string, unknown> = {};
  const changed = (field: FormField) => values[field].trim() !== initial[field].trim();
  for (const field of Object.keys(values) as FormField[]) {
    if (changed(field)) patch[field] = apiValue(field, values[field]);
  }
  if (DOCUMENT_FIELDS.some(changed)) {
    for (const field of DOCUMENT_FIELDS) patch[field] = apiValue(field, values[field]);
  }
  return patch;
}

/** The filled fields, as a CreatePersonInput without the organization. */
export function inputOf(values: PersonFormValues): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  for (const field of Object.keys(values) as FormField[]) {
    const value = apiValue(field, values[field]);
    if (value !== null) input[field] = value;
  }
  return input;
}
