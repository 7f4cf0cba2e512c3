/**
 * Staff and teaching of a full-size organization. The demo's `assignTeaching` gives each subject to one teacher
 * per school, which is right for its four classes a school; a region-size school of thirty classes needs as
 * many teachers of a subject as its hours ask (at most MAX_LOAD hours a week each), or no timetable could
 * hold them. Hiring goes through the demo's own `hire` (person card, employment, qualification).
 */
import type { ClassPlan, Context, OrganizationInfo } from '../context.ts';
import { EDUCATOR, PRIMARY_TEACHER, groupKind, subjectsFor } from '../curriculum.ts';
import { grantRole } from '../grants.ts';
import { catalogueSubjects, weeklyHours } from '../learning/subjects.ts';
import { hire, type Staffing } from '../staff.ts';

/** A teacher's weekly lessons: the standard rate is 18, most teach more. */
const MAX_LOAD = 26;
const HEADS = { school: 'директор', kindergarten: 'заведующий', extra: 'директор', college: 'директор' } as const;
const EXTRA_STAFF = [
  'методист',
  'педагог дополнительного образования',
  'педагог дополнительного образования',
  'педагог дополнительного образования',
  'педагог дополнительного образования',
];
const KINDERGARTEN_STAFF = ['старший воспитатель', 'музыкальный руководитель', 'инструктор по физической культуре'];

interface PoolTeacher {
  personId: string;
  load: number;
}

export function staffOrganization(
  context: Context,
  organization: OrganizationInfo,
  classes: readonly ClassPlan[],
  coordinatorId: string | null,
): Staffing {
  const { rng } = context;
  const staffing: Staffing = { hires: [], heads: new Map() };
  const head = hire(context, staffing, organization, HEADS[organization.kind], {
    sex: rng.chance(0.6) ? 'FEMALE' : 'MALE',
    minAge: 38,
  });
  staffing.heads.set(organization.key, head);
  grantRole(context, head, 'ORG_ADMIN', { kind: 'ORGANIZATION', organizationId: organization.id }, coordinatorId);

  switch (organization.kind) {
    case 'extra':
      for (const position of EXTRA_STAFF) hire(context, staffing, organization, position);
      return staffing;
    case 'kindergarten':
      for (const position of KINDERGARTEN_STAFF) hire(context, staffing, organization, position);
      break;
    case 'school':
      for (let i = 0; i < Math.max(1, Math.round(classes.length / 15)); i++)
        hire(context, staffing, organization, 'заместитель директора');
      // «Декретный отпуск» is a mandatory flag of a staff card (rule 7): some schools have a teacher on it.
      if (rng.chance(0.5))
        hire(context, staffing, organization, PRIMARY_TEACHER, { sex: 'FEMALE', maxAge: 34, maternityLeave: true });
      break;
    case 'college':
      hire(context, staffing, organization, 'заместитель директора по учебной работе');
      break;
  }

  const pools = new Map<string, PoolTeacher[]>();
  const teacherFor = (position: string, hours: number) => {
    const pool = pools.get(position) ?? [];
    pools.set(position, pool);
    let teacher = pool.find((candidate) => candidate.load + hours <= MAX_LOAD);
    if (!teacher) {
      teacher = { personId: hire(context, staffing, organization, position), load: 0 };
      pool.push(teacher);
    }
    teacher.load += hours;
    return teacher.personId;
  };
  const leading = new Set<string>();
  const catalogEntries = new Map(context.catalog.classes.map((entry) => [entry.id, entry]));
  for (const plan of classes) {
    const assigned = new Map<string, string[]>();
    const add = (teacherId: string, subject: string) =>
      assigned.set(teacherId, [...(assigned.get(teacherId) ?? []), subject]);
    let leader: string | undefined;
    if (plan.grade === null) {
      // A kindergarten group has two воспитатели and no class teacher.
      for (let i = 0; i < 2; i++) add(hire(context, staffing, organization, EDUCATOR), groupKind(plan.age));
    } else {
      const hoursByPosition = new Map<string, { hours: number; subjects: string[] }>();
      for (const subject of subjectsFor(organization.kind, plan.grade)) {
        const hours = catalogueSubjects(organization.kind, plan.grade, subject.subject).reduce(
          (sum, name) => sum + weeklyHours(organization.kind, plan.grade ?? 0, name),
          0,
        );
        if (hours === 0) continue;
        const entry = hoursByPosition.get(subject.position) ?? { hours: 0, subjects: [] };
        entry.hours += hours;
        entry.subjects.push(subject.subject);
        hoursByPosition.set(subject.position, entry);
      }
      for (const [position, { hours, subjects }] of hoursByPosition) {
        // A primary class has a teacher of its own for everything «Начальные классы» covers.
        const teacherId =
          position === PRIMARY_TEACHER
            ? hire(context, staffing, organization, PRIMARY_TEACHER)
            : teacherFor(position, hours);
        for (const subject of subjects) add(teacherId, subject);
        if (position === PRIMARY_TEACHER) leader = teacherId;
      }
      leader ??= [...assigned.keys()].find((id) => !leading.has(id));
    }
    const territory = { kind: 'CLASS' as const, organizationId: organization.id, classId: plan.id };
    for (const [teacherId, subjects] of assigned) {
      context.catalog.assignments.push({ teacherId, classId: plan.id, subjects });
      grantRole(context, teacherId, 'TEACHER', territory, head);
    }
    if (leader) {
      leading.add(leader);
      grantRole(context, leader, 'CLASS_TEACHER', territory, head);
      const entry = catalogEntries.get(plan.id);
      if (entry) entry.classTeacherId = leader;
    }
  }
  return staffing;
}
