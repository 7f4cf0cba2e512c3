/**
 * Classes and groups exactly as the people side knows them (same ids, names and class teachers), and their
 * members over time projected from the movement book: each enrolment with a class is one membership, from the
 * day it started to the day it ended. A learner is a member on `date` when joined_on ≤ date < left_on.
 */
import type { DemoClass } from '../types.ts';
import type { LearningContext, LearningOrganization } from './context.ts';
import type { ClassRow } from './types.ts';

export interface Member {
  personId: string;
  joinedOn: string;
  leftOn: string | null;
}

export interface ClassInfo extends DemoClass {
  organization: LearningOrganization;
  members: Member[];
}

const KINDS = {
  school: 'SCHOOL_CLASS',
  kindergarten: 'KINDERGARTEN_GROUP',
  college: 'COLLEGE_GROUP',
  extra: 'EXTRA_ASSOCIATION',
} as const satisfies Record<string, ClassRow['kind']>;

export function createClasses(context: LearningContext): ClassInfo[] {
  const organizations = new Map(context.organizations.map((organization) => [organization.id, organization]));
  const infos = new Map<string, ClassInfo>();
  for (const entry of context.catalog.classes) {
    const organization = organizations.get(entry.organizationId);
    if (!organization) throw new Error(`demo: class ${entry.name} of an unknown organization`);
    infos.set(entry.id, { ...entry, organization, members: [] });
    context.rows.classes.push({
      id: entry.id,
      organizationId: entry.organizationId,
      schoolYear: entry.schoolYear,
      kind: KINDS[organization.kind],
      name: entry.name,
      grade: entry.grade,
      letter: organization.kind === 'school' ? entry.name.replace(/^\d+/, '') || null : null,
      classTeacherId: entry.classTeacherId,
      previousClassId: null,
    });
  }
  for (const enrolment of context.people.enrolments) {
    const info = enrolment.classId ? infos.get(enrolment.classId) : undefined;
    if (!info) continue;
    const member = { personId: enrolment.personId, joinedOn: enrolment.startedOn, leftOn: enrolment.endedOn ?? null };
    info.members.push(member);
    context.rows.classMembers.push({ id: context.ids.next(), classId: info.id, ...member, repeater: false });
  }
  return [...infos.values()];
}

export function isMemberOn(member: Member, date: string): boolean {
  return member.joinedOn <= date && (member.leftOn === null || date < member.leftOn);
}

/** Members on `date`; in a split lesson only the subgroup's half (by person id order: odd places go to 1). */
export function studentsOn(info: ClassInfo, date: string, subgroup: number | null = null): string[] {
  const present = info.members.filter((member) => isMemberOn(member, date)).map((member) => member.personId);
  if (subgroup === null) return present;
  const sorted = [...present].sort();
  return sorted.filter((_, index) => index % 2 === subgroup - 1);
}
