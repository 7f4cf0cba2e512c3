/**
 * The personal-data fields of a card whose reads are logged (issue 14 §4), with the Russian names the
 * cabinet shows. Names (`lastName`, `firstName`, `middleName`, `fullName`) are not here: every roster,
 * journal and diary names people, a name is read under `person:read` by whoever may see the row at all,
 * and logging it would bury the reads that matter (documents, addresses, contacts) under every class list.
 */
export const PERSONAL_DATA_FIELDS = {
  birthDate: 'Дата рождения',
  sex: 'Пол',
  snils: 'СНИЛС',
  citizenship: 'Гражданство',
  placeOfBirth: 'Место рождения',
  registrationAddress: 'Адрес регистрации',
  residenceAddress: 'Адрес проживания',
  identityDocument: 'Документ',
  educationForm: 'Форма обучения',
  movementFirst: 'Движение Первых',
  education: 'Образование',
  phone: 'Телефон',
  email: 'Эл. почта',
  lastLoginAt: 'Последний вход',
  missingFields: 'Незаполненные поля',
  maternityLeave: 'Отпуск по уходу за ребёнком',
} as const;

export type PersonalDataField = keyof typeof PERSONAL_DATA_FIELDS;

/** The Russian name of a logged field; a name no longer in the list (renamed later) shows as stored. */
export function fieldLabel(field: string): string {
  return (PERSONAL_DATA_FIELDS as Record<string, string>)[field] ?? field;
}
