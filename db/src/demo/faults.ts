/**
 * Data-quality faults planted on purpose, so that the monitors of rule 21 have something to find:
 * incomplete cards (seed 002: 23% of staff cards unfilled) and duplicate parents (seed 000: 37,335).
 * Demo accounts are never touched: their cards stay exactly as accounts.ts says.
 */
import { addGuardianship } from './account-records.ts';
import type { Context } from './context.ts';
import { missingStaffFields, missingStudentFields } from './data-quality.ts';
import { createPerson } from './person-factory.ts';
import type { Staffing } from './staff.ts';
import type { EmploymentRow, PersonRow } from './types.ts';

const STUDENT_INCOMPLETE = 0.1;
const STAFF_INCOMPLETE = 0.2;
const STUDENT_GAPS = [
  'snils',
  'placeOfBirth',
  'residenceAddress',
  'registrationAddress',
  'document',
  'citizenship',
] as const;
const STAFF_GAPS = ['snils', 'phone', 'email', 'education', 'document', 'qualificationCategory'] as const;

type Gap = (typeof STUDENT_GAPS)[number] | (typeof STAFF_GAPS)[number];

export function plantCardFaults(context: Context, staffing: Staffing): void {
  const { rng } = context;
  const persons = new Map(context.rows.persons.map((person) => [person.id, person]));
  const mainJobs = new Map<string, EmploymentRow>();
  for (const job of context.rows.employments) if (job.isMain) mainJobs.set(job.personId, job);

  const students = [...new Set(context.rows.enrolments.filter((e) => !e.endedOn).map((e) => e.personId))]
    .map((id) => persons.get(id))
    .filter((person): person is PersonRow => person !== undefined);
  plant(
    context,
    students,
    STUDENT_INCOMPLETE,
    (p) => missingStudentFields(p).length > 0,
    (person) => clear(person, undefined, rng.pick(STUDENT_GAPS)),
  );

  const staff = [...new Set(staffing.hires.map((hire) => hire.personId))]
    .map((id) => persons.get(id))
    .filter((person): person is PersonRow => person !== undefined);
  plant(
    context,
    staff,
    STAFF_INCOMPLETE,
    (p) => missingStaffFields(p, mainJobs.get(p.id)).length > 0,
    (person) => clear(person, mainJobs.get(person.id), rng.pick(STAFF_GAPS)),
  );
}

/** Brings the share of incomplete cards up to `share`, counting those that already are. */
function plant(
  context: Context,
  cards: PersonRow[],
  share: number,
  incomplete: (card: PersonRow) => boolean,
  degrade: (card: PersonRow) => void,
): void {
  const already = cards.filter(incomplete).length;
  const wanted = Math.max(1, Math.round(cards.length * share)) - already;
  const candidates = cards.filter((card) => !context.accountPersonIds.has(card.id) && !incomplete(card));
  for (const card of context.rng.sample(candidates, wanted)) degrade(card);
}

function clear(person: PersonRow, job: EmploymentRow | undefined, gap: Gap): void {
  switch (gap) {
    case 'document':
      Object.assign(person, { documentType: null, documentSeries: null, documentNumber: null, documentIssuedOn: null });
      return;
    case 'qualificationCategory':
      if (job) job.qualificationCategory = null;
      else person.snils = null;
      return;
    default:
      person[gap] = null;
  }
}

/**
 * The same parent entered twice by different schools (seed 000): same normalized name and birth date, the
 * copy without a document or SNILS (both unique among live records), linked to one of the children.
 */
export function plantDuplicateParents(context: Context, count: number): void {
  const { rng } = context;
  const persons = new Map(context.rows.persons.map((person) => [person.id, person]));
  const firstChild = new Map<string, string>();
  for (const link of context.rows.guardianships) {
    if (link.relation === 'PARENT' && !firstChild.has(link.guardianId)) firstChild.set(link.guardianId, link.childId);
  }
  const candidates = [...firstChild.keys()]
    .map((id) => persons.get(id))
    .filter((p): p is PersonRow => p !== undefined && !context.accountPersonIds.has(p.id) && !!p.documentNumber);
  for (const original of rng.sample(candidates, count)) {
    const home = context.homeOf.get(original.id);
    const childId = firstChild.get(original.id);
    if (!home || !childId || !original.birthDate || !original.sex) continue;
    const copy = createPerson(context, {
      sex: original.sex,
      birthDate: original.birthDate,
      // The other school typed «е» for «ё»: the normalized name is the same.
      lastName: original.lastName.replaceAll('ё', 'е'),
      firstName: original.firstName.replaceAll('ё', 'е'),
      middleName: original.middleName ?? null,
      municipality: home.municipality,
      role: 'parent',
      home: { registration: home.registration, residence: home.residence },
      snils: null,
      document: null,
      keepBirthDate: true,
    });
    addGuardianship(context, copy.id, childId, 'PARENT');
  }
}
