/**
 * Learners of every class and group, grouped into families: siblings share a surname, a patronymic and a
 * home; a family has one or two guardians (sometimes a grandmother as опекун).
 */
import { addDays, addYears, randomDate } from './calendar.ts';
import { addGuardianship, type PlacedAccounts } from './account-records.ts';
import { classByName, type ClassPlan, type Context } from './context.ts';
import { FEMALE_FIRST_NAMES, LAST_NAMES, MALE_FIRST_NAMES } from './names.ts';
import { createPerson, newHome, type LearnerSetting, type Sex } from './person-factory.ts';
import type { MunicipalityInfo } from './territory.ts';
import type { PersonRow } from './types.ts';

export interface Learner {
  person: PersonRow;
  /** The class the learner is enrolled in at the start of the year. */
  plan: ClassPlan;
  account: boolean;
}

interface Seat {
  sex: Sex;
  birthDate: string;
  plan: ClassPlan;
}

interface Family {
  seats: Seat[];
  municipality: MunicipalityInfo;
}

const SIBLING_CHANCE = 0.2;

export function createLearners(context: Context, placed: PlacedAccounts): Learner[] {
  const { rng } = context;
  const learners: Learner[] = placed.learners.map((entry) => {
    const person = placed.records.get(entry.login)?.[0];
    if (!person) throw new Error(`demo: account learner ${entry.personId} has no record`);
    return { person, plan: classByName(context, entry.organizationKey, entry.className), account: true };
  });
  const seatsByMunicipality = new Map<MunicipalityInfo, Seat[]>();
  for (const plan of context.classes) {
    const taken = learners.filter((learner) => learner.plan.id === plan.id).length;
    const seats = seatsByMunicipality.get(plan.organization.municipality) ?? [];
    for (let i = taken; i < plan.size; i++) {
      seats.push({
        sex: rng.chance(0.5) ? 'MALE' : 'FEMALE',
        birthDate: randomDate(rng, plan.bornFrom, plan.bornTo),
        plan,
      });
    }
    seatsByMunicipality.set(plan.organization.municipality, seats);
  }
  for (const [municipality, seats] of seatsByMunicipality) {
    for (const family of formFamilies(context, municipality, seats)) learners.push(...createFamily(context, family));
  }
  return learners;
}

/** Brothers and sisters are at least ten months apart; a family has at most three children in the demo. */
function formFamilies(context: Context, municipality: MunicipalityInfo, seats: Seat[]): Family[] {
  const { rng } = context;
  const families: Family[] = [];
  for (const seat of rng.shuffle(seats)) {
    const open = families
      .slice(-20)
      .filter(
        (family) =>
          family.seats.length < 3 &&
          family.seats.every(
            (sibling) => Math.abs(Date.parse(sibling.birthDate) - Date.parse(seat.birthDate)) > 300 * 86_400_000,
          ),
      );
    const family = open.length > 0 && rng.chance(SIBLING_CHANCE) ? rng.pick(open) : undefined;
    if (family) family.seats.push(seat);
    else families.push({ seats: [seat], municipality });
  }
  return families;
}

function createFamily(context: Context, family: Family): Learner[] {
  const { rng } = context;
  const surname = rng.pick(LAST_NAMES);
  const father = rng.pick(MALE_FIRST_NAMES);
  const home = newHome(context, family.municipality);
  const usedFirstNames = new Set<string>();
  const children = family.seats.map((seat) => {
    let firstName: string;
    do firstName = seat.sex === 'MALE' ? rng.pick(MALE_FIRST_NAMES)[0] : rng.pick(FEMALE_FIRST_NAMES);
    while (usedFirstNames.has(firstName));
    usedFirstNames.add(firstName);
    const person = createPerson(context, {
      sex: seat.sex,
      birthDate: seat.birthDate,
      lastName: seat.sex === 'MALE' ? surname[0] : surname[1],
      firstName,
      middleName: seat.sex === 'MALE' ? father[1] : father[2],
      municipality: family.municipality,
      role: 'learner',
      setting: settingOf(seat.plan),
      home,
    });
    return { person, plan: seat.plan, account: false };
  });
  const eldest = family.seats.map((seat) => seat.birthDate).sort()[0] ?? context.yearStart;
  const parent = (sex: Sex, minAge: number, maxAge: number, lastName: string, firstName: string) =>
    createPerson(context, {
      sex,
      birthDate: randomDate(rng, addYears(eldest, -maxAge), addDays(addYears(eldest, -minAge), -1)),
      lastName,
      firstName,
      middleName: sex === 'MALE' ? rng.pick(MALE_FIRST_NAMES)[1] : rng.pick(MALE_FIRST_NAMES)[2],
      municipality: family.municipality,
      role: 'parent',
      home,
    });
  const guardians: { person: PersonRow; relation: string }[] = [];
  const roll = rng.next();
  if (roll < 0.9)
    guardians.push({ person: parent('FEMALE', 19, 38, surname[1], rng.pick(FEMALE_FIRST_NAMES)), relation: 'PARENT' });
  if (roll < 0.3 || (roll >= 0.9 && roll < 0.97)) {
    guardians.push({ person: parent('MALE', 21, 42, surname[0], father[0]), relation: 'PARENT' });
  }
  if (roll >= 0.97) {
    // A grandmother appointed as опекун: a legal representative who is not a parent.
    guardians.push({
      person: parent('FEMALE', 42, 60, surname[1], rng.pick(FEMALE_FIRST_NAMES)),
      relation: 'GUARDIAN',
    });
  }
  for (const guardian of guardians) {
    for (const child of children) addGuardianship(context, guardian.person.id, child.person.id, guardian.relation);
  }
  return children;
}

function settingOf(plan: ClassPlan): LearnerSetting {
  return plan.organization.kind === 'kindergarten'
    ? 'kindergarten'
    : plan.organization.kind === 'college'
      ? 'college'
      : 'school';
}
