/**
 * Input checks at the edge (DESIGN.md, Errors and input), each with a message a school secretary
 * understands and the field it is about.
 */
import { badInput } from '@region/kit';
import { isValidSnils, normalizeDocumentPart, normalizeIdentityDocument, normalizeSnils } from '@region/schema';

export interface PersonFields {
  lastName?: string | null;
  firstName?: string | null;
  middleName?: string | null;
  birthDate?: string | null;
  sex?: 'MALE' | 'FEMALE' | null;
  snils?: string | null;
  citizenship?: string | null;
  placeOfBirth?: string | null;
  registrationAddress?: string | null;
  residenceAddress?: string | null;
  phone?: string | null;
  email?: string | null;
  documentType?: 'RF_PASSPORT' | 'BIRTH_CERTIFICATE' | 'FOREIGN_PASSPORT' | null;
  documentSeries?: string | null;
  documentNumber?: string | null;
  documentIssuedOn?: string | null;
  educationForm?: string | null;
  movementFirst?: boolean | null;
  education?: string | null;
}

const NAME = /^[А-ЯЁа-яёA-Za-z][А-ЯЁа-яёA-Za-z' -]*$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^\+?[\d\s()-]{10,20}$/;

function text(value: string | null | undefined, field: string, label: string, max = 200): string | null | undefined {
  if (value === undefined || value === null) return value;
  const trimmed = value.trim().replace(/\s+/g, ' ');
  if (trimmed.length > max) throw badInput(`${label}: не длиннее ${max} символов.`, field);
  return trimmed === '' ? null : trimmed;
}

function name(value: string | null | undefined, field: string, label: string, required: boolean) {
  const cleaned = text(value, field, label, 100);
  if (required && !cleaned) throw badInput(`${label} обязательно.`, field);
  if (cleaned && !NAME.test(cleaned)) throw badInput(`${label}: только буквы, пробел, дефис и апостроф.`, field);
  return cleaned;
}

/** Cleans a card's fields; `creating` demands what every card must have. Returns only the given fields. */
export function cleanPersonFields(input: PersonFields, creating: boolean, today: string): PersonFields {
  const out: PersonFields = { ...input };
  if (creating || 'lastName' in input) out.lastName = name(input.lastName, 'lastName', 'Фамилия', true);
  if (creating || 'firstName' in input) out.firstName = name(input.firstName, 'firstName', 'Имя', true);
  if ('middleName' in input) out.middleName = name(input.middleName, 'middleName', 'Отчество', false);
  if (input.birthDate && (input.birthDate > today || input.birthDate < '1900-01-01')) {
    throw badInput('Дата рождения должна быть в прошлом и не раньше 1900 года.', 'birthDate');
  }
  if (input.snils) {
    if (!isValidSnils(input.snils)) {
      throw badInput(
        'СНИЛС введён с ошибкой: не сходится контрольное число. Проверьте цифры по карточке СНИЛС.',
        'snils',
      );
    }
    out.snils = normalizeSnils(input.snils);
  }
  if (input.email && !EMAIL.test(input.email.trim())) throw badInput('Адрес эл. почты указан неверно.', 'email');
  if (input.phone && !PHONE.test(input.phone.trim()))
    throw badInput('Телефон: 10–20 цифр, можно с +, скобками и дефисами.', 'phone');
  if (input.documentNumber && !input.documentType) throw badInput('Укажите вид документа.', 'documentType');
  for (const [field, label] of [
    ['citizenship', 'Гражданство'],
    ['placeOfBirth', 'Место рождения'],
    ['registrationAddress', 'Адрес регистрации'],
    ['residenceAddress', 'Адрес проживания'],
    ['documentSeries', 'Серия документа'],
    ['documentNumber', 'Номер документа'],
    ['educationForm', 'Форма обучения'],
    ['education', 'Образование'],
    ['phone', 'Телефон'],
    ['email', 'Эл. почта'],
  ] as const) {
    if (field in input) out[field] = text(input[field], field, label, 300);
  }
  // Stored in one writing, so that uniqueness (rule 8) and login matching see one document however typed.
  if (out.documentNumber) {
    const key = normalizeIdentityDocument(out.documentType, out.documentSeries, out.documentNumber);
    if ('documentSeries' in input || key.series) out.documentSeries = key.series;
    out.documentNumber = key.number;
  } else if (out.documentSeries) {
    out.documentSeries = normalizeDocumentPart(out.documentSeries) || null;
  }
  return out;
}
