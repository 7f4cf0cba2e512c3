/** Person cards with every mandatory field of DOMAIN.md rule 7 filled; faults are planted later on purpose. */
import { snilsChecksum } from '@region/schema';
import { normalizeFullName } from '../normalize.ts';
import { addDays, addYears, ageOn, isoDate, randomDate } from './calendar.ts';
import { documentKey, nameBirthKey, type Context } from './context.ts';
import { BIRTH_PLACES, FEMALE_FIRST_NAMES, LAST_NAMES, MALE_FIRST_NAMES, STREETS, transliterate } from './names.ts';
import { REGION_NAME, type MunicipalityInfo } from './territory.ts';
import type { PersonRow } from './types.ts';

export type Sex = 'MALE' | 'FEMALE';
export type PersonRole = 'learner' | 'parent' | 'staff' | 'official';
export type LearnerSetting = 'school' | 'kindergarten' | 'college';

export interface IdentityDocument {
  type: 'RF_PASSPORT' | 'BIRTH_CERTIFICATE';
  series: string;
  number: string;
  issuedOn: string;
}

export interface Home {
  registration: string;
  residence: string;
}

export interface PersonSpec {
  sex: Sex;
  birthDate: string;
  lastName: string;
  firstName: string;
  middleName: string | null;
  municipality: MunicipalityInfo;
  role: PersonRole;
  setting?: LearnerSetting;
  home?: Home;
  /** Given identifiers (demo accounts); generated when absent. */
  snils?: string | null;
  document?: IdentityDocument | null;
  /** A demo account or a planted duplicate: keep the birth date even when the name + birth date key is taken. */
  keepBirthDate?: boolean;
}

export function createPerson(context: Context, spec: PersonSpec): PersonRow {
  const { rng } = context;
  let birthDate = spec.birthDate;
  const keyOf = (date: string) => nameBirthKey(normalizeFullName(spec.lastName, spec.firstName, spec.middleName), date);
  // Two different people with the same name and birth date would be a duplicate nobody planted.
  while (!spec.keepBirthDate && context.usedNameBirth.has(keyOf(birthDate))) birthDate = addDays(birthDate, 1);
  context.usedNameBirth.add(keyOf(birthDate));

  const age = ageOn(birthDate, context.asOf);
  const document = spec.document === undefined ? newDocument(context, birthDate) : spec.document;
  const home = spec.home ?? newHome(context, spec.municipality);
  const learner = spec.role === 'learner';
  const adult = !learner;
  const person: PersonRow = {
    id: context.ids.next(),
    lastName: spec.lastName,
    firstName: spec.firstName,
    middleName: spec.middleName,
    normalizedName: normalizeFullName(spec.lastName, spec.firstName, spec.middleName),
    birthDate,
    sex: spec.sex,
    snils: spec.snils === undefined ? newSnils(context) : spec.snils,
    citizenship: 'RUS',
    placeOfBirth: rng.chance(0.5) ? spec.municipality.town : rng.pick(BIRTH_PLACES),
    registrationAddress: home.registration,
    residenceAddress: home.residence,
    phone: adult || (age >= 14 && rng.chance(0.5)) ? `+79${rng.digits(9)}` : null,
    email: spec.role === 'staff' || (adult && rng.chance(0.7)) ? newEmail(context, spec) : null,
    documentType: document?.type ?? null,
    documentSeries: document?.series ?? null,
    documentNumber: document?.number ?? null,
    documentIssuedOn: document?.issuedOn ?? null,
    educationForm: learner ? educationForm(context, spec.setting ?? 'school') : null,
    movementFirst: learner ? spec.setting !== 'kindergarten' && rng.chance(age >= 8 ? 0.35 : 0.1) : null,
    education: spec.role === 'staff' ? rng.pick(['высшее', 'высшее', 'высшее', 'среднее профессиональное']) : null,
    mergedInto: null,
    lastLoginAt: null,
  };
  context.rows.persons.push(person);
  context.homeOf.set(person.id, { municipality: spec.municipality, ...home });
  return person;
}

/** A SNILS never used before, with a valid check digit (rule 9). */
export function newSnils(context: Context): string {
  for (;;) {
    const nine = String(context.rng.int(2_000_000, 999_999_999)).padStart(9, '0');
    const snils = nine + snilsChecksum(nine);
    if (context.usedSnils.has(snils)) continue;
    context.usedSnils.add(snils);
    return snils;
  }
}

/** A passport from 14 (replaced at 20 and 45), a birth certificate before. Series 75xx: Челябинская обл. */
function newDocument(context: Context, birthDate: string): IdentityDocument {
  const { rng } = context;
  const age = ageOn(birthDate, context.asOf);
  const passport = age >= 14;
  const issuedAtAge = age >= 45 ? 45 : age >= 20 ? 20 : 14;
  const issuedOn = passport
    ? randomDate(rng, addYears(birthDate, issuedAtAge), addDays(addYears(birthDate, issuedAtAge), 60))
    : randomDate(rng, addDays(birthDate, 5), addDays(birthDate, 40));
  for (;;) {
    const series = passport ? `75${issuedOn.slice(2, 4)}` : `${rng.pick(['I', 'II', 'III', 'IV', 'V'])}-ИВ`;
    const number = rng.digits(6);
    const key = documentKey(passport ? 'RF_PASSPORT' : 'BIRTH_CERTIFICATE', series, number);
    if (context.usedDocuments.has(key)) continue;
    context.usedDocuments.add(key);
    return { type: passport ? 'RF_PASSPORT' : 'BIRTH_CERTIFICATE', series, number, issuedOn };
  }
}

export function newAddress(context: Context, municipality: MunicipalityInfo): string {
  const { rng } = context;
  const flat = rng.chance(0.8) ? `, кв. ${rng.int(1, 180)}` : '';
  return `${municipality.postalCode}, ${REGION_NAME}, ${municipality.town}, ${rng.pick(STREETS)}, д. ${rng.int(1, 120)}${flat}`;
}

/** Most families live where they are registered. */
export function newHome(context: Context, municipality: MunicipalityInfo): Home {
  const registration = newAddress(context, municipality);
  return { registration, residence: context.rng.chance(0.85) ? registration : newAddress(context, municipality) };
}

function newEmail(context: Context, spec: PersonSpec): string {
  const { rng } = context;
  const local = `${transliterate(spec.lastName)}.${transliterate(spec.firstName).slice(0, 1)}${rng.int(1, 999)}`;
  return `${local}@${rng.pick(['mail.ru', 'yandex.ru', 'gmail.com', 'list.ru', 'bk.ru'])}`;
}

function educationForm(context: Context, setting: LearnerSetting): string {
  if (setting !== 'school') return 'очная';
  const roll = context.rng.next();
  return roll < 0.96 ? 'очная' : roll < 0.98 ? 'семейное' : 'очно-заочная';
}

/** A random name of the given sex; a patronymic comes from a (random) father's first name. */
export function randomName(context: Context, sex: Sex, lastNames = context.rng.pick(LAST_NAMES)) {
  const { rng } = context;
  const father = rng.pick(MALE_FIRST_NAMES);
  return {
    lastName: sex === 'MALE' ? lastNames[0] : lastNames[1],
    firstName: sex === 'MALE' ? rng.pick(MALE_FIRST_NAMES)[0] : rng.pick(FEMALE_FIRST_NAMES),
    middleName: sex === 'MALE' ? father[1] : father[2],
  };
}

/** A birth date of someone aged between `minAge` and `maxAge` on the first day of the school year. */
export function randomBirthDate(context: Context, minAge: number, maxAge: number): string {
  const year = context.schoolYear;
  return randomDate(context.rng, isoDate(year - maxAge - 1, 9, 2), isoDate(year - minAge, 9, 1));
}
