/** Staff of every organization: person cards and employments (positions, qualification, maternity leave). */
import type { PlacedAccounts } from './account-records.ts';
import { addYears, randomDate } from './calendar.ts';
import type { Context, OrganizationInfo } from './context.ts';
import { COLLEGE_SUBJECTS, EDUCATOR, PRIMARY_TEACHER, SCHOOL_SUBJECTS } from './curriculum.ts';
import { createPerson, randomBirthDate, randomName, type Sex } from './person-factory.ts';

export interface Hire {
  personId: string;
  organizationKey: string;
  position: string;
  /** Generated staff may take any class; accounts take exactly what accounts.ts says. */
  generated: boolean;
  maternityLeave: boolean;
}

export interface Staffing {
  hires: Hire[];
  /** Organization key → its head (директор, заведующий): ORG_ADMIN, records movements. */
  heads: Map<string, string>;
}

type Qualification = 'NONE' | 'FIRST' | 'HIGHEST';

const HEADS = { school: 'директор', kindergarten: 'заведующий', extra: 'директор', college: 'директор' } as const;
const EXTRA_STAFF = [
  'методист',
  'педагог дополнительного образования',
  'педагог дополнительного образования',
  'педагог дополнительного образования',
  'педагог дополнительного образования',
];
const KINDERGARTEN_STAFF = ['старший воспитатель', 'музыкальный руководитель', 'инструктор по физической культуре'];

export function hireStaff(context: Context, placed: PlacedAccounts): Staffing {
  const staffing: Staffing = { hires: [], heads: new Map() };
  for (const organization of context.organizations) {
    const head = hire(context, staffing, organization, HEADS[organization.kind], {
      sex: context.rng.chance(0.6) ? 'FEMALE' : 'MALE',
      minAge: 38,
    });
    staffing.heads.set(organization.key, head);
    for (const account of placed.staff.filter((candidate) => candidate.organizationKey === organization.key)) {
      const [record] = placed.records.get(account.login) ?? [];
      employ(context, staffing, organization, {
        personId: account.personId,
        birthDate: record?.birthDate ?? context.yearStart,
        position: account.position,
        generated: false,
      });
    }
    for (const position of positionsOf(context, organization)) hire(context, staffing, organization, position);
    // «Декретный отпуск» is a mandatory flag of a staff card (rule 7): one teacher per municipality is on it.
    if (organization.kind === 'school' && organization.key.endsWith('-1')) {
      hire(context, staffing, organization, PRIMARY_TEACHER, { sex: 'FEMALE', maxAge: 34, maternityLeave: true });
    }
  }
  // A school teacher who also leads a club in the municipality's centre: a secondary employment.
  for (const centre of context.organizations.filter((organization) => organization.kind === 'extra')) {
    const school = `school-${centre.municipalityNumber}-1`;
    const teacher = staffing.hires.find(
      (h) => h.organizationKey === school && h.position === 'учитель физической культуры',
    );
    const record = teacher && context.rows.persons.find((person) => person.id === teacher.personId);
    if (!teacher || !record?.birthDate) continue;
    employ(context, staffing, centre, {
      personId: teacher.personId,
      birthDate: record.birthDate,
      position: 'педагог дополнительного образования',
      generated: true,
      secondary: true,
    });
  }
  return staffing;
}

function positionsOf(context: Context, organization: OrganizationInfo): string[] {
  const classes = context.classes.filter((plan) => plan.organization.id === organization.id);
  switch (organization.kind) {
    case 'school': {
      const subjectTeachers = [...new Set(SCHOOL_SUBJECTS.map((plan) => plan.position))].filter(
        (p) => p !== PRIMARY_TEACHER,
      );
      const primaryClasses = classes.filter((plan) => (plan.grade ?? 0) <= 4).length;
      return ['заместитель директора', ...subjectTeachers, ...Array<string>(primaryClasses + 1).fill(PRIMARY_TEACHER)];
    }
    case 'kindergarten':
      return [...KINDERGARTEN_STAFF, ...classes.flatMap(() => [EDUCATOR, EDUCATOR])];
    case 'college':
      return ['заместитель директора по учебной работе', ...COLLEGE_SUBJECTS.map((plan) => plan.position)];
    case 'extra':
      return EXTRA_STAFF;
  }
}

export interface HireOptions {
  sex?: Sex;
  minAge?: number;
  maxAge?: number;
  maternityLeave?: boolean;
}

export function hire(
  context: Context,
  staffing: Staffing,
  organization: OrganizationInfo,
  position: string,
  options: HireOptions = {},
): string {
  const { rng } = context;
  const sex = options.sex ?? (rng.chance(0.82) ? 'FEMALE' : 'MALE');
  const person = createPerson(context, {
    ...randomName(context, sex),
    sex,
    birthDate: randomBirthDate(context, options.minAge ?? 23, options.maxAge ?? 64),
    municipality: organization.municipality,
    role: 'staff',
  });
  employ(context, staffing, organization, {
    personId: person.id,
    birthDate: person.birthDate ?? context.yearStart,
    position,
    generated: true,
    maternityLeave: options.maternityLeave ?? false,
  });
  return person.id;
}

interface Employment {
  personId: string;
  birthDate: string;
  position: string;
  generated: boolean;
  secondary?: boolean;
  maternityLeave?: boolean;
}

function employ(context: Context, staffing: Staffing, organization: OrganizationInfo, employment: Employment): void {
  const { rng } = context;
  const { personId, birthDate, position, generated, secondary = false, maternityLeave = false } = employment;
  const earliest =
    addYears(birthDate, 22) < context.yearStart ? addYears(birthDate, 22) : addYears(context.yearStart, -1);
  context.rows.employments.push({
    id: context.ids.next(),
    personId,
    organizationId: organization.id,
    position,
    isMain: !secondary,
    qualificationCategory: qualification(context, position),
    maternityLeave,
    startedOn: secondary
      ? randomDate(rng, addYears(context.yearStart, -3), context.yearStart)
      : randomDate(rng, earliest, context.yearStart),
    endedOn: null,
  });
  if (!secondary)
    staffing.hires.push({ personId, organizationKey: organization.key, position, generated, maternityLeave });
}

function qualification(context: Context, position: string): Qualification {
  const roll = context.rng.next();
  if (position === 'директор' || position === 'заведующий') return roll < 0.7 ? 'HIGHEST' : 'FIRST';
  return roll < 0.25 ? 'NONE' : roll < 0.65 ? 'FIRST' : 'HIGHEST';
}
