/**
 * Who teaches and who leads each class, and the grants that follow: one TEACHER grant per class taught,
 * CLASS_TEACHER on the class led, ORG_ADMIN for heads and administrators.
 */
import type { AccountStaff, PlacedAccounts } from './account-records.ts';
import type { ClassPlan, Context } from './context.ts';
import { EDUCATOR, PRIMARY_TEACHER, groupKind, subjectsFor } from './curriculum.ts';
import { grantRole } from './grants.ts';
import type { Hire, Staffing } from './staff.ts';

const TEACHING = /^(учитель|преподаватель|мастер|воспитатель)/;

export function assignTeaching(
  context: Context,
  staffing: Staffing,
  placed: PlacedAccounts,
  coordinators: Map<number, string>,
): void {
  const hiresByOrganization = groupBy(staffing.hires, (hire) => hire.organizationKey);
  const classesByOrganization = groupBy(context.classes, (plan) => plan.organization.key);
  const catalogEntries = new Map(context.catalog.classes.map((entry) => [entry.id, entry]));
  for (const organization of context.organizations) {
    const head = staffing.heads.get(organization.key);
    if (!head) throw new Error(`demo: ${organization.key} has no head`);
    grantRole(
      context,
      head,
      'ORG_ADMIN',
      { kind: 'ORGANIZATION', organizationId: organization.id },
      coordinators.get(organization.municipalityNumber) ?? null,
    );
    const accounts = placed.staff.filter((account) => account.organizationKey === organization.key);
    for (const account of accounts.filter((candidate) => candidate.admin)) {
      grantRole(
        context,
        account.personId,
        'ORG_ADMIN',
        { kind: 'ORGANIZATION', organizationId: organization.id },
        head,
      );
    }
    const teachers = (hiresByOrganization.get(organization.key) ?? []).filter(
      (hire) => hire.generated && !hire.maternityLeave && TEACHING.test(hire.position),
    );
    const leading = new Set<string>();
    const queues = new Map<string, string[]>();
    for (const plan of classesByOrganization.get(organization.key) ?? []) {
      const assigned = teachersOf(plan, accounts, teachers, queues);
      const classTeacher = leaderOf(plan, accounts, assigned, teachers, leading);
      if (classTeacher) leading.add(classTeacher);
      const entry = catalogEntries.get(plan.id);
      if (entry) entry.classTeacherId = classTeacher;
      const territory = { kind: 'CLASS' as const, organizationId: organization.id, classId: plan.id };
      for (const [teacherId, subjects] of assigned) {
        context.catalog.assignments.push({ teacherId, classId: plan.id, subjects });
        grantRole(context, teacherId, 'TEACHER', territory, head);
      }
      if (classTeacher) grantRole(context, classTeacher, 'CLASS_TEACHER', territory, head);
    }
  }
}

/** teacher id → subjects taught in the class. */
function teachersOf(
  plan: ClassPlan,
  accounts: AccountStaff[],
  teachers: Hire[],
  queues: Map<string, string[]>,
): Map<string, string[]> {
  const assigned = new Map<string, string[]>();
  const add = (teacherId: string, subject: string) =>
    assigned.set(teacherId, [...(assigned.get(teacherId) ?? []), subject]);
  const next = (position: string, perClass: boolean) => {
    // Subject teachers teach every class of the school; primary teachers and educators get one class each.
    if (!perClass) return teachers.find((hire) => hire.position === position)?.personId;
    const queue =
      queues.get(position) ?? teachers.filter((hire) => hire.position === position).map((hire) => hire.personId);
    queues.set(position, queue);
    return queue.shift();
  };
  const taughtByAccount = accounts.filter((account) => account.teaches.includes(plan.name));
  // A kindergarten group has no subjects: its воспитатели teach «Старшая группа» and the like.
  const groupSubject = plan.grade === null ? groupKind(plan.age) : undefined;
  for (const account of taughtByAccount) add(account.personId, account.subject ?? groupSubject ?? account.position);
  if (groupSubject) {
    while (assigned.size < 2) {
      const educator = next(EDUCATOR, true);
      if (!educator) break;
      add(educator, groupSubject);
    }
    return assigned;
  }
  for (const subject of subjectsFor(plan.organization.kind, plan.grade)) {
    if (taughtByAccount.some((account) => account.subject === subject.subject)) continue;
    const teacherId = next(subject.position, subject.position === PRIMARY_TEACHER);
    if (teacherId) add(teacherId, subject.subject);
  }
  return assigned;
}

/** Классный руководитель (куратор in a college): accounts lead only what accounts.ts says. */
function leaderOf(
  plan: ClassPlan,
  accounts: AccountStaff[],
  assigned: Map<string, string[]>,
  teachers: Hire[],
  leading: Set<string>,
): string | null {
  const account = accounts.find((candidate) => candidate.leadsClass === plan.name);
  if (account) return account.personId;
  if (plan.organization.kind === 'kindergarten') return null;
  const generated = new Set(teachers.map((hire) => hire.personId));
  const free = (id: string) => generated.has(id) && !leading.has(id);
  return [...assigned.keys()].find(free) ?? teachers.map((hire) => hire.personId).find(free) ?? null;
}

function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}
