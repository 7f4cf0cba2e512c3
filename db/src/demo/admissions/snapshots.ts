/**
 * Children and applicants as an application states them (ЕПГУ sends no platform ids): names, birth dates,
 * birth certificates, SNILS and ESIA oids of applicants, addresses and ЕПГУ numbers — unique where the
 * platform searches by them (rule 16), and never equal to a person record by accident.
 */
import { snilsChecksum } from '@region/schema';
import { normalizeFullName } from '../../normalize.ts';
import { randomDate } from '../calendar.ts';
import { FEMALE_FIRST_NAMES, LAST_NAMES, MALE_FIRST_NAMES } from '../names.ts';
import type { Random } from '../random.ts';
import { REGION_NAME, type MunicipalityInfo } from '../territory.ts';
import type { PersonRow } from '../types.ts';
import type { AdmissionsContext } from './context.ts';
import { localDate } from './calendar.ts';

export type Sex = 'MALE' | 'FEMALE';

export interface ChildSnapshot {
  lastName: string;
  firstName: string;
  middleName: string | null;
  birthDate: string;
  birthCertificateSeries: string | null;
  birthCertificateNumber: string | null;
  /** The person record, when the child is one (a first grader of the people data). */
  personId: string | null;
}

export interface ApplicantSnapshot {
  lastName: string;
  firstName: string;
  middleName: string | null;
  snils: string | null;
  esiaOid: string | null;
  /** The person record, when the applicant is one (a real guardian). */
  personId: string | null;
}

/** A family as an application shows it: the child, and the parent who applied for them. */
export interface Family {
  child: ChildSnapshot;
  applicant: ApplicantSnapshot;
}

/** A child born in [bornFrom, bornTo] with a parent, none of them a person record. */
export function newFamily(
  context: AdmissionsContext,
  rng: Random,
  bornFrom: string,
  bornTo: string,
  withOid: boolean,
): Family {
  const surname = rng.pick(LAST_NAMES);
  const father = rng.pick(MALE_FIRST_NAMES);
  const sex: Sex = rng.chance(0.5) ? 'MALE' : 'FEMALE';
  const firstName = sex === 'MALE' ? rng.pick(MALE_FIRST_NAMES)[0] : rng.pick(FEMALE_FIRST_NAMES);
  const names = {
    lastName: sex === 'MALE' ? surname[0] : surname[1],
    firstName,
    middleName: sex === 'MALE' ? father[1] : father[2],
  };
  const child = newChild(context, rng, names, bornFrom, bornTo);
  const mother = rng.chance(0.75);
  const applicant: ApplicantSnapshot = {
    lastName: mother ? surname[1] : surname[0],
    firstName: mother ? rng.pick(FEMALE_FIRST_NAMES) : father[0],
    middleName: mother ? rng.pick(MALE_FIRST_NAMES)[2] : rng.pick(MALE_FIRST_NAMES)[1],
    snils: withOid || rng.chance(0.6) ? newSnils(context, rng) : null,
    esiaOid: withOid ? newEsiaOid(context, rng) : null,
    personId: null,
  };
  return { child, applicant };
}

/** A child with the given names, born in [bornFrom, bornTo], whose name and birth date nobody else has. */
export function newChild(
  context: AdmissionsContext,
  rng: Random,
  names: { lastName: string; firstName: string; middleName: string | null },
  bornFrom: string,
  bornTo: string,
): ChildSnapshot {
  const normalized = normalizeFullName(names.lastName, names.firstName, names.middleName);
  let birthDate = randomDate(rng, bornFrom, bornTo);
  while (context.used.nameBirth.has(`${normalized}|${birthDate}`)) birthDate = randomDate(rng, bornFrom, bornTo);
  context.used.nameBirth.add(`${normalized}|${birthDate}`);
  return { ...names, birthDate, ...newBirthCertificate(context, rng), personId: null };
}

/**
 * Series «IV-ИВ» as person-factory writes them. Numbers 400000–699999, unique by number alone (support
 * searches by the number without the series): the fixtures of the admissions tests (100001…, 123987, 777001)
 * stay free.
 */
export function newBirthCertificate(
  context: AdmissionsContext,
  rng: Random,
): { birthCertificateSeries: string; birthCertificateNumber: string } {
  for (;;) {
    const series = `${rng.pick(['I', 'II', 'III', 'IV', 'V'])}-ИВ`;
    const number = String(rng.int(400_000, 699_999));
    if (context.used.documents.has(number)) continue;
    context.used.documents.add(number);
    return { birthCertificateSeries: series, birthCertificateNumber: number };
  }
}

export function newSnils(context: AdmissionsContext, rng: Random): string {
  for (;;) {
    const nine = String(rng.int(2_000_000, 999_999_999)).padStart(9, '0');
    const snils = nine + snilsChecksum(nine);
    if (context.used.snils.has(snils)) continue;
    context.used.snils.add(snils);
    return snils;
  }
}

/** Ten digits from 2000000000: the development ESIA's own accounts are 10000001xx. */
export function newEsiaOid(context: AdmissionsContext, rng: Random): string {
  for (;;) {
    const oid = `2${rng.digits(9)}`;
    if (context.used.esiaOids.has(oid)) continue;
    context.used.esiaOids.add(oid);
    return oid;
  }
}

/** `2026-0412-3804417`: the campaign year, the month and day of registration (local), a unique number. */
export function newEpguNumber(context: AdmissionsContext, rng: Random, registeredAt: Date): string {
  const date = localDate(registeredAt);
  for (;;) {
    const number = `${date.slice(0, 4)}-${date.slice(5, 7)}${date.slice(8, 10)}-${rng.int(1_000_000, 9_999_999)}`;
    if (context.used.epguNumbers.has(number)) continue;
    context.used.epguNumbers.add(number);
    return number;
  }
}

/** An address as person-factory writes it: «456618, Челябинская обл., г. Копейск, ул. Мира, д. 12, кв. 5». */
export function address(rng: Random, municipality: MunicipalityInfo, street: string, house: number): string {
  const flat = rng.chance(0.8) ? `, кв. ${rng.int(1, 180)}` : '';
  return `${municipality.postalCode}, ${REGION_NAME}, ${municipality.town}, ${street}, д. ${house}${flat}`;
}

/** Street and house of an address written as above, or null for another shape. */
export function streetAndHouse(text: string | null | undefined): { street: string; house: number } | null {
  const match = /, ([^,]+), д\. (\d+)(?:, кв\. \d+)?$/.exec(text ?? '');
  return match ? { street: (match[1] as string).toLowerCase(), house: Number(match[2]) } : null;
}

/** The applicant as ЕПГУ sends them, for the `applicant_data` column. */
export function applicantData(applicant: ApplicantSnapshot): Record<string, string | null> {
  return {
    lastName: applicant.lastName,
    firstName: applicant.firstName,
    middleName: applicant.middleName,
    snils: applicant.snils,
    esiaOid: applicant.esiaOid,
  };
}

/** A person record as the applicant of an application: the card's names and SNILS, its ESIA oid when linked. */
export function applicantFromPerson(context: AdmissionsContext, person: PersonRow): ApplicantSnapshot {
  return {
    lastName: person.lastName,
    firstName: person.firstName,
    middleName: person.middleName ?? null,
    snils: person.snils ?? null,
    esiaOid: context.esiaOidOf.get(person.id) ?? null,
    personId: person.id,
  };
}

/** The other sex's form of a surname and patronymic, for a brother or sister of a known child. */
export function siblingNames(
  lastName: string,
  middleName: string | null,
  sex: Sex,
): { lastName: string; middleName: string | null } | null {
  const surname = LAST_NAMES.find((pair) => pair.includes(lastName));
  const father = MALE_FIRST_NAMES.find((names) => names[1] === middleName || names[2] === middleName);
  if (!surname || !father) return null;
  return sex === 'MALE'
    ? { lastName: surname[0], middleName: father[1] }
    : { lastName: surname[1], middleName: father[2] };
}
