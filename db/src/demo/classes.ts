/**
 * Classes and groups that have learners. Not every parallel has a class in the demo: each school gets a
 * primary, a middle and a senior class or more, and every class a demo account refers to.
 */
import { DEMO_ACCOUNTS } from './accounts.ts';
import { isoDate } from './calendar.ts';
import type { ClassPlan, Context, OrganizationInfo } from './context.ts';
import { GROUP_NAMES } from './names.ts';

const LETTERS = ['А', 'А', 'Б', 'Б', 'В'];
export const COLLEGE_SPECIALTIES = ['ТМ', 'ЭМ', 'ПК', 'СА', 'ОП', 'ТО'];
/** Kindergarten groups by the age the children turn during the year: младшая, средняя, старшая, подготовительная. */
export const GROUP_AGES = [3, 4, 5, 6];
const SCHOOL_CLASSES = 4;

/** Class and group names each organization must have because a demo account studies, teaches or leads there. */
function requiredNames(): Map<string, Set<string>> {
  const required = new Map<string, Set<string>>();
  for (const { platform } of DEMO_ACCOUNTS) {
    if (!platform.organization) continue;
    const names = required.get(platform.organization) ?? new Set<string>();
    for (const name of [platform.className, platform.leadsClass, ...(platform.teaches ?? [])]) {
      if (name) names.add(name);
    }
    required.set(platform.organization, names);
  }
  return required;
}

export function planClasses(context: Context): void {
  const required = requiredNames();
  for (const organization of context.organizations) {
    const names = required.get(organization.key) ?? new Set<string>();
    switch (organization.kind) {
      case 'school':
        planSchool(context, organization, names);
        break;
      case 'kindergarten':
        planKindergarten(context, organization, names);
        break;
      case 'college':
        planCollege(context, organization);
        break;
      case 'extra':
        // Extra-education groups belong to the extra-education subgraph, not to the movement book here.
        break;
    }
  }
}

function planSchool(context: Context, organization: OrganizationInfo, required: Set<string>): void {
  const { rng } = context;
  const names = new Set(required);
  const grades = () => [...names].map((name) => Number.parseInt(name, 10));
  for (const [from, to] of [
    [1, 4],
    [5, 9],
    [10, 11],
  ] as const) {
    if (!grades().some((grade) => grade >= from && grade <= to)) names.add(`${rng.int(from, to)}${rng.pick(LETTERS)}`);
  }
  while (names.size < SCHOOL_CLASSES) names.add(`${rng.int(5, 9)}${rng.pick(LETTERS)}`);
  for (const name of [...names].sort((a, b) => Number.parseInt(a, 10) - Number.parseInt(b, 10) || a.localeCompare(b))) {
    const grade = Number.parseInt(name, 10);
    addClass(context, organization, name, grade, 6 + grade, rng.int(15, 25));
  }
}

function planKindergarten(context: Context, organization: OrganizationInfo, required: Set<string>): void {
  const { rng } = context;
  const names = [...required, ...rng.shuffle(GROUP_NAMES.filter((name) => !required.has(name)))].slice(0, 3);
  // «Солнышко» is the старшая группа of the demo's воспитатель account.
  const ages = [5, ...rng.shuffle(GROUP_AGES.filter((age) => age !== 5))];
  names.forEach((name, index) => addClass(context, organization, name, null, ages[index] ?? 5, rng.int(15, 20)));
}

function planCollege(context: Context, organization: OrganizationInfo): void {
  const { rng } = context;
  const specialties = rng.sample(COLLEGE_SPECIALTIES, 3);
  specialties.forEach((specialty, index) => {
    const course = index + 1;
    addClass(context, organization, `${specialty}-${course}1`, course, 15 + course, rng.int(18, 25));
  });
}

/** `age`: the age the learners turn during the calendar year the school year starts in. */
function addClass(
  context: Context,
  organization: OrganizationInfo,
  name: string,
  grade: number | null,
  age: number,
  size: number,
): ClassPlan {
  const year = context.schoolYear;
  const plan: ClassPlan = {
    id: context.ids.next(),
    name,
    grade,
    age,
    organization,
    bornFrom: isoDate(year - age - 1, 9, 1),
    bornTo: isoDate(year - age, 8, 31),
    size,
  };
  context.classes.push(plan);
  context.catalog.classes.push({
    id: plan.id,
    organizationId: organization.id,
    organizationKey: organization.key,
    name,
    grade,
    schoolYear: year,
    classTeacherId: null,
  });
  return plan;
}

/** Last year's graduating class of a school: its learners' GRADUATE entries refer to it. */
export function addPastClass(context: Context, organization: OrganizationInfo, name: string): string {
  const id = context.ids.next();
  context.catalog.classes.push({
    id,
    organizationId: organization.id,
    organizationKey: organization.key,
    name,
    grade: Number.parseInt(name, 10),
    schoolYear: context.schoolYear - 1,
    classTeacherId: null,
  });
  return id;
}
