/**
 * The movement book of the demo year: everyone enrolled for 1 September (first graders by the July order
 * of rule 15), a few newcomers, transfers and expulsions during the autumn, and last year's graduates.
 */
import { addDays, isoDate, randomDate } from './calendar.ts';
import { addPastClass } from './classes.ts';
import type { ClassPlan, Context, OrganizationInfo } from './context.ts';
import type { Learner } from './learners.ts';
import { numberOrders, projectEnrolments, type MovementDraft } from './movement-book.ts';
import { createPerson, newHome, randomName, type Sex } from './person-factory.ts';
import type { Staffing } from './staff.ts';

const SUFFIX = { school: 'у', kindergarten: 'д', college: 'к', extra: 'до' } as const;
const GRADUATES_PER_SCHOOL = 2;

export function recordMovements(context: Context, learners: Learner[], staffing: Staffing): void {
  const { rng } = context;
  const drafts: MovementDraft[] = [];
  const organizations = new Map(context.organizations.map((organization) => [organization.id, organization]));
  const entry: Entry = (learner, fields) => {
    const organization = organizations.get(fields.organizationId);
    drafts.push({
      id: context.ids.next(),
      personId: learner.person.id,
      recordedBy: staffing.heads.get(organization?.key ?? '') ?? null,
      ...fields,
    });
  };
  const orderDates = new Map<string, string>();

  const newcomers = new Set<string>();
  for (const learner of learners) {
    const arrives = !learner.account && rng.chance(0.03);
    if (arrives) newcomers.add(learner.person.id);
    const effectiveOn = arrives
      ? randomDate(rng, addDays(context.yearStart, 9), addDays(context.yearStart, 50))
      : context.yearStart;
    entry(learner, {
      kind: 'ENROL',
      ...placement(learner.plan),
      fromOrganizationId: null,
      fromClassId: null,
      orderDate: arrives ? effectiveOn : enrolmentOrderDate(context, learner.plan, orderDates),
      orderKey: arrives ? learner.person.id : `class:${learner.plan.id}`,
      effectiveOn,
      reason: arrives ? 'Прибыл из другого региона' : null,
    });
  }

  const movable = rng.shuffle(learners.filter((learner) => !learner.account && !newcomers.has(learner.person.id)));
  const autumn = () => randomDate(rng, addDays(context.yearStart, 14), addDays(context.asOf, -7));
  const schoolLearners = movable.filter((learner) => learner.plan.organization.kind === 'school');
  const transfers = Math.max(2, Math.round(schoolLearners.length * 0.01));
  const transferred = new Set<string>();
  for (const learner of schoolLearners) {
    if (transferred.size >= transfers) break;
    const target = transferTarget(context, learner.plan);
    if (!target) continue;
    const effectiveOn = autumn();
    entry(learner, {
      kind: 'TRANSFER',
      ...placement(target),
      fromOrganizationId: learner.plan.organization.id,
      fromClassId: learner.plan.id,
      orderDate: effectiveOn,
      orderKey: learner.person.id,
      effectiveOn,
      reason: 'Перевод по заявлению родителей (законных представителей)',
    });
    learner.plan = target;
    transferred.add(learner.person.id);
  }
  const expelled = movable.filter((learner) => !transferred.has(learner.person.id));
  for (const learner of expelled.slice(0, Math.max(2, Math.round(movable.length * 0.008)))) {
    const effectiveOn = autumn();
    entry(learner, {
      kind: 'EXPEL',
      ...placement(learner.plan),
      fromOrganizationId: null,
      fromClassId: null,
      orderDate: effectiveOn,
      orderKey: learner.person.id,
      effectiveOn,
      reason: rng.pick(['Смена места жительства (выезд за пределы региона)', 'Перевод в организацию другого региона']),
    });
  }
  for (const school of context.organizations.filter((organization) => organization.kind === 'school')) {
    recordGraduates(context, school, entry);
  }

  const suffixOf = (organizationId: string) => SUFFIX[organizations.get(organizationId)?.kind ?? 'school'];
  const movements = numberOrders(drafts, suffixOf, () => rng.int(1, 4));
  context.rows.movements.push(...movements);
  context.rows.enrolments.push(...projectEnrolments(movements, () => context.ids.next()));
}

function placement(plan: ClassPlan) {
  return { organizationId: plan.organization.id, classId: plan.id, className: plan.name };
}

/** Rule 15: first graders are enrolled by an order within three working days after reception ends on 30 June. */
function enrolmentOrderDate(context: Context, plan: ClassPlan, cache: Map<string, string>): string {
  const year = context.schoolYear;
  if (plan.organization.kind === 'school' && plan.grade === 1) return isoDate(year, 7, 3);
  if (plan.organization.kind === 'college') return isoDate(year, 8, 25);
  if (plan.organization.kind !== 'kindergarten') return addDays(context.yearStart, -1);
  // A kindergarten enrols each group by its own order during the last weeks of August.
  const date = cache.get(plan.id) ?? isoDate(year, 8, context.rng.int(18, 28));
  cache.set(plan.id, date);
  return date;
}

/** Another class of the same grade in the municipality: another school when there is one. */
function transferTarget(context: Context, from: ClassPlan): ClassPlan | undefined {
  const candidates = context.classes.filter(
    (plan) =>
      plan.id !== from.id &&
      plan.grade === from.grade &&
      plan.organization.kind === 'school' &&
      plan.organization.municipalityId === from.organization.municipalityId,
  );
  const elsewhere = candidates.filter((plan) => plan.organization.id !== from.organization.id);
  const pool = elsewhere.length > 0 ? elsewhere : candidates;
  return pool.length > 0 ? context.rng.pick(pool) : undefined;
}

type Entry = (
  learner: { person: { id: string } },
  fields: Omit<MovementDraft, 'id' | 'personId' | 'recordedBy'>,
) => void;

/** Last year's eleventh graders: enrolled a year ago, graduated in June, adults now with no placement. */
function recordGraduates(context: Context, school: OrganizationInfo, entry: Entry): void {
  const { rng } = context;
  const year = context.schoolYear;
  const className = `11${rng.pick(['А', 'Б'])}`;
  const classId = addPastClass(context, school, className);
  const graduatedOn = isoDate(year, 6, rng.int(24, 28));
  for (let i = 0; i < GRADUATES_PER_SCHOOL; i++) {
    const sex: Sex = rng.chance(0.5) ? 'MALE' : 'FEMALE';
    const person = createPerson(context, {
      ...randomName(context, sex),
      sex,
      birthDate: randomDate(rng, isoDate(year - 19, 9, 1), isoDate(year - 18, 6, 30)),
      municipality: school.municipality,
      role: 'learner',
      home: newHome(context, school.municipality),
    });
    const past = { organizationId: school.id, classId, className, fromOrganizationId: null, fromClassId: null };
    entry(
      { person },
      {
        kind: 'ENROL',
        ...past,
        orderDate: isoDate(year - 1, 8, 31),
        orderKey: `class:${classId}`,
        effectiveOn: isoDate(year - 1, 9, 1),
        reason: null,
      },
    );
    entry(
      { person },
      {
        kind: 'GRADUATE',
        ...past,
        orderDate: graduatedOn,
        orderKey: `class:${classId}`,
        effectiveOn: graduatedOn,
        reason: 'Получение среднего общего образования',
      },
    );
  }
}
