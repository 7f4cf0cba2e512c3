/**
 * Mandatory card fields (DOMAIN.md rule 7, seed 002 «Контроль заполнения данных»). One table says which
 * kinds of card need which field, for both the per-card list (`Person.missingFields`) and the SQL filter
 * "has missing mandatory fields" (`repository.ts`, one SQL check per field), so the two can never disagree.
 */
export type CardKind = 'STUDENT' | 'GUARDIAN' | 'STAFF';

export const MANDATORY_FIELDS = [
  'FULL_NAME',
  'BIRTH_DATE',
  'SEX',
  'IDENTITY_DOCUMENT',
  'PASSPORT',
  'CITIZENSHIP',
  'PLACE_OF_BIRTH',
  'REGISTRATION_ADDRESS',
  'RESIDENCE_ADDRESS',
  'EDUCATION_FORM',
  'SNILS',
  'MOVEMENT_FIRST',
  'MAIN_POSITION',
  'QUALIFICATION_CATEGORY',
  'PHONE',
  'EMAIL',
  'EDUCATION',
] as const;
export type MandatoryField = (typeof MANDATORY_FIELDS)[number];

/** The columns a check reads: a person row plus what the card's kind needs. */
export interface CardFacts {
  lastName: string;
  firstName: string;
  birthDate: string | null;
  sex: string | null;
  snils: string | null;
  citizenship: string | null;
  placeOfBirth: string | null;
  registrationAddress: string | null;
  residenceAddress: string | null;
  phone: string | null;
  email: string | null;
  documentType: string | null;
  documentNumber: string | null;
  educationForm: string | null;
  movementFirst: boolean | null;
  education: string | null;
  hasMainPosition: boolean;
  qualificationCategory: string | null;
}

interface Check {
  field: MandatoryField;
  kinds: readonly CardKind[];
  missing: (card: CardFacts) => boolean;
}

const blank = (value: string | null) => value === null || value.trim() === '';

const CHECKS: readonly Check[] = [
  {
    field: 'FULL_NAME',
    kinds: ['STUDENT', 'GUARDIAN', 'STAFF'],
    missing: (c) => blank(c.lastName) || blank(c.firstName),
  },
  { field: 'BIRTH_DATE', kinds: ['STUDENT', 'GUARDIAN', 'STAFF'], missing: (c) => c.birthDate === null },
  { field: 'SEX', kinds: ['STUDENT'], missing: (c) => c.sex === null },
  { field: 'IDENTITY_DOCUMENT', kinds: ['STUDENT', 'GUARDIAN'], missing: (c) => blank(c.documentNumber) },
  { field: 'PASSPORT', kinds: ['STAFF'], missing: (c) => blank(c.documentNumber) || c.documentType !== 'RF_PASSPORT' },
  { field: 'CITIZENSHIP', kinds: ['STUDENT'], missing: (c) => blank(c.citizenship) },
  { field: 'PLACE_OF_BIRTH', kinds: ['STUDENT'], missing: (c) => blank(c.placeOfBirth) },
  { field: 'REGISTRATION_ADDRESS', kinds: ['STUDENT', 'GUARDIAN'], missing: (c) => blank(c.registrationAddress) },
  { field: 'RESIDENCE_ADDRESS', kinds: ['STUDENT', 'GUARDIAN'], missing: (c) => blank(c.residenceAddress) },
  { field: 'EDUCATION_FORM', kinds: ['STUDENT'], missing: (c) => blank(c.educationForm) },
  { field: 'SNILS', kinds: ['STUDENT', 'STAFF'], missing: (c) => blank(c.snils) },
  { field: 'MOVEMENT_FIRST', kinds: ['STUDENT'], missing: (c) => c.movementFirst === null },
  { field: 'MAIN_POSITION', kinds: ['STAFF'], missing: (c) => !c.hasMainPosition },
  { field: 'QUALIFICATION_CATEGORY', kinds: ['STAFF'], missing: (c) => c.qualificationCategory === null },
  { field: 'PHONE', kinds: ['STAFF'], missing: (c) => blank(c.phone) },
  { field: 'EMAIL', kinds: ['STAFF'], missing: (c) => blank(c.email) },
  { field: 'EDUCATION', kinds: ['STAFF'], missing: (c) => blank(c.education) },
];

export function missingFields(card: CardFacts, kinds: ReadonlySet<CardKind>): MandatoryField[] {
  return CHECKS.filter((check) => check.kinds.some((kind) => kinds.has(kind)) && check.missing(card)).map(
    (check) => check.field,
  );
}

/** The kinds of card that must have the field, or `undefined` for a field that is not mandatory. */
export function kindsOfField(field: MandatoryField): readonly CardKind[] | undefined {
  return CHECKS.find((candidate) => candidate.field === field)?.kinds;
}

/** The fields a card of `kind` must have, in the order of the table. */
export function fieldsOfKind(kind: CardKind): MandatoryField[] {
  return CHECKS.filter((check) => check.kinds.includes(kind)).map((check) => check.field);
}
