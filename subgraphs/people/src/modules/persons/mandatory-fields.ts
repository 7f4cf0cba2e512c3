/**
 * Mandatory card fields (DOMAIN.md rule 7, seed 002 «Контроль заполнения данных»). One table serves both
 * the per-card list (`Person.missingFields`) and the SQL filter "has missing mandatory fields", so the
 * two can never disagree.
 */
import { qualified, tables } from '@region/db';
import { sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';

const p = tables.persons;
const PERSON_ID = qualified(p.id);

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
  missingSql: SQL;
}

const blank = (value: string | null) => value === null || value.trim() === '';
const blankSql = (column: AnyPgColumn) => sql`coalesce(btrim(${column}), '') = ''`;

const mainEmployment = sql`exists (select 1 from people.employments m
  where m.person_id = ${PERSON_ID} and m.ended_on is null and m.is_main)`;

const CHECKS: readonly Check[] = [
  {
    field: 'FULL_NAME',
    kinds: ['STUDENT', 'GUARDIAN', 'STAFF'],
    missing: (c) => blank(c.lastName) || blank(c.firstName),
    missingSql: sql`(${blankSql(p.lastName)} or ${blankSql(p.firstName)})`,
  },
  {
    field: 'BIRTH_DATE',
    kinds: ['STUDENT', 'GUARDIAN', 'STAFF'],
    missing: (c) => c.birthDate === null,
    missingSql: sql`${p.birthDate} is null`,
  },
  { field: 'SEX', kinds: ['STUDENT'], missing: (c) => c.sex === null, missingSql: sql`${p.sex} is null` },
  {
    field: 'IDENTITY_DOCUMENT',
    kinds: ['STUDENT', 'GUARDIAN'],
    missing: (c) => blank(c.documentNumber),
    missingSql: blankSql(p.documentNumber),
  },
  {
    field: 'PASSPORT',
    kinds: ['STAFF'],
    missing: (c) => blank(c.documentNumber) || c.documentType !== 'RF_PASSPORT',
    missingSql: sql`(${blankSql(p.documentNumber)} or ${p.documentType} is distinct from 'RF_PASSPORT')`,
  },
  {
    field: 'CITIZENSHIP',
    kinds: ['STUDENT'],
    missing: (c) => blank(c.citizenship),
    missingSql: blankSql(p.citizenship),
  },
  {
    field: 'PLACE_OF_BIRTH',
    kinds: ['STUDENT'],
    missing: (c) => blank(c.placeOfBirth),
    missingSql: blankSql(p.placeOfBirth),
  },
  {
    field: 'REGISTRATION_ADDRESS',
    kinds: ['STUDENT', 'GUARDIAN'],
    missing: (c) => blank(c.registrationAddress),
    missingSql: blankSql(p.registrationAddress),
  },
  {
    field: 'RESIDENCE_ADDRESS',
    kinds: ['STUDENT', 'GUARDIAN'],
    missing: (c) => blank(c.residenceAddress),
    missingSql: blankSql(p.residenceAddress),
  },
  {
    field: 'EDUCATION_FORM',
    kinds: ['STUDENT'],
    missing: (c) => blank(c.educationForm),
    missingSql: blankSql(p.educationForm),
  },
  { field: 'SNILS', kinds: ['STUDENT', 'STAFF'], missing: (c) => blank(c.snils), missingSql: blankSql(p.snils) },
  {
    field: 'MOVEMENT_FIRST',
    kinds: ['STUDENT'],
    missing: (c) => c.movementFirst === null,
    missingSql: sql`${p.movementFirst} is null`,
  },
  {
    field: 'MAIN_POSITION',
    kinds: ['STAFF'],
    missing: (c) => !c.hasMainPosition,
    missingSql: sql`not ${mainEmployment}`,
  },
  {
    field: 'QUALIFICATION_CATEGORY',
    kinds: ['STAFF'],
    missing: (c) => c.qualificationCategory === null,
    missingSql: sql`not exists (select 1 from people.employments m where m.person_id = ${PERSON_ID}
      and m.ended_on is null and m.is_main and m.qualification_category is not null)`,
  },
  { field: 'PHONE', kinds: ['STAFF'], missing: (c) => blank(c.phone), missingSql: blankSql(p.phone) },
  { field: 'EMAIL', kinds: ['STAFF'], missing: (c) => blank(c.email), missingSql: blankSql(p.email) },
  {
    field: 'EDUCATION',
    kinds: ['STAFF'],
    missing: (c) => blank(c.education),
    missingSql: blankSql(p.education),
  },
];

export function missingFields(card: CardFacts, kinds: ReadonlySet<CardKind>): MandatoryField[] {
  return CHECKS.filter((check) => check.kinds.some((kind) => kinds.has(kind)) && check.missing(card)).map(
    (check) => check.field,
  );
}

/** SQL that tells whether a card is of a kind. */
export const KIND_SQL: Readonly<Record<CardKind, SQL>> = {
  STUDENT: sql`exists (select 1 from people.enrolments e where e.person_id = ${PERSON_ID} and e.ended_on is null)`,
  GUARDIAN: sql`exists (select 1 from people.guardianships gs where gs.guardian_id = ${PERSON_ID})`,
  STAFF: sql`exists (select 1 from people.employments m where m.person_id = ${PERSON_ID} and m.ended_on is null)`,
};

/** "This card misses a mandatory field", for the persons filter and the completeness reports. */
export function hasMissingFieldsSql(): SQL {
  const perKind = (['STUDENT', 'GUARDIAN', 'STAFF'] as const).map((kind) => {
    const checks = CHECKS.filter((check) => check.kinds.includes(kind)).map((check) => check.missingSql);
    return sql`(${KIND_SQL[kind]} and (${sql.join(checks, sql` or `)}))`;
  });
  return sql`(${sql.join(perKind, sql` or `)})`;
}

/** "This card misses `field`", for the kinds of card that must have it. */
export function missingFieldSql(field: MandatoryField): SQL {
  const check = CHECKS.find((candidate) => candidate.field === field);
  if (!check) return sql`false`;
  const perKind = check.kinds.map((kind) => sql`(${KIND_SQL[kind]} and ${check.missingSql})`);
  return sql`(${sql.join(perKind, sql` or `)})`;
}

/** The checks a card of `kind` must pass, as SQL over `people.persons`: the organizations' completeness figures. */
export function checksOfKind(kind: CardKind): { field: MandatoryField; missingSql: SQL }[] {
  return CHECKS.filter((check) => check.kinds.includes(kind)).map(({ field, missingSql }) => ({ field, missingSql }));
}
