/**
 * The school year (DOMAIN.md rule 13): formed from 1 April with its periods, holidays and classes — students
 * promoted, graduates leaving, repeaters staying in their parallel — then opened; the region sees which
 * organizations have not opened it.
 */
import {
  AppError,
  badInput,
  conflict,
  connection,
  decodeCursor,
  encodeCursor,
  forbidden,
  notFound,
  pageSize,
} from '@region/kit';
import type { Database, Executor } from '@region/db';
import { currentSchoolYear, isoDate } from '../../calendar.ts';
import type { LearningPolicy } from '../../policy.ts';
import {
  formingOpensOn,
  graduates,
  holidaysOf,
  periodsOf,
  promotedName,
  yearSpan,
  type ClassKind,
  type PeriodKind,
} from './calendar.ts';
import {
  classesOfYear,
  currentMembersOf,
  ensureYearPartitions,
  insertClass,
  insertClassMembers,
  insertHolidays,
  insertSchoolYear,
  insertStudyPeriods,
  latestClassKinds,
  latestSchoolYearForUpdate,
  markSchoolYearOpened,
  markStudyPeriodClosed,
  schoolYearForUpdate,
  organizationsWithoutOpenedYear,
  studyPeriodForUpdate,
  type ClassRecord,
  type SchoolYearRow,
} from './repository.ts';

export type { SchoolYearRow } from './repository.ts';
export type SchoolYearStatus = 'NOT_CREATED' | SchoolYearRow['status'];

function assertManages(policy: LearningPolicy, organizationId: string): void {
  const organizations = policy.organizationsWith('school-year:manage');
  if (organizations !== 'ALL' && !organizations.includes(organizationId)) {
    throw forbidden('Учебным годом управляет администрация своей организации.');
  }
}

/** The organization's kind as its classes tell it (learning holds no organization registry). */
export async function classKindOf(db: Executor, organizationIds: readonly string[]): Promise<Map<string, ClassKind>> {
  if (organizationIds.length === 0) return new Map();
  const rows = await latestClassKinds(db, organizationIds);
  return new Map(rows.map((row) => [row.organizationId, row.kind]));
}

export interface NextYearInput {
  organizationId: string;
  periodKind?: PeriodKind | null;
  repeaterIds?: string[] | null;
}

export interface SchoolYearForming {
  schoolYear: number;
  name: string;
  opensOn: string;
  open: boolean;
}

/**
 * The year an organization forms next and whether it may today (rule 13: from 1 April, the region's date):
 * the mutation refuses by it and the cabinet shows it, so the two never disagree.
 */
export function nextSchoolYearForming(latestYear: number | undefined, now: Date): SchoolYearForming {
  const today = isoDate(now);
  // Without any year yet: the coming one in spring and summer, else the current one.
  const month = Number(today.slice(5, 7));
  const year = latestYear !== undefined ? latestYear + 1 : currentSchoolYear(now) + (month >= 4 && month < 9 ? 1 : 0);
  const opensOn = formingOpensOn(year);
  return { schoolYear: year, name: `${year}/${String(year + 1).slice(2)}`, opensOn, open: today >= opensOn };
}

export async function createNextSchoolYear(
  db: Database,
  policy: LearningPolicy,
  input: NextYearInput,
  now: Date,
): Promise<SchoolYearRow> {
  assertManages(policy, input.organizationId);
  return db.transaction(async (tx) => {
    const latest = await latestSchoolYearForUpdate(tx, input.organizationId);
    const { schoolYear: year, open } = nextSchoolYearForming(latest?.year, now);
    if (!open) {
      throw new AppError(
        'DEADLINE_RULE',
        `Учебный год ${year}/${String(year + 1).slice(2)} формируется с 1 апреля ${year} г.`,
        {
          rule: 'SCHOOL_YEAR_FORMED_FROM_1_APRIL',
        },
      );
    }
    const previousClasses = latest ? await classesOfYear(tx, input.organizationId, latest.year) : [];
    const kind = previousClasses[0]?.kind ?? null;
    await ensureYearPartitions(tx, year);
    const span = yearSpan(year, kind);
    const periodKind = input.periodKind ?? latest?.periodKind ?? 'QUARTER';
    const created = await insertSchoolYear(tx, {
      organizationId: input.organizationId,
      year,
      ...span,
      periodKind,
      status: 'DRAFT',
    });
    if (!created) throw conflict(`Учебный год ${year}/${String(year + 1).slice(2)} уже сформирован.`);
    await insertStudyPeriods(
      tx,
      periodsOf(year, periodKind, span.endsOn).map((period, index) => ({
        ...period,
        number: index + 1,
        schoolYearId: created.id,
        organizationId: input.organizationId,
      })),
    );
    await insertHolidays(
      tx,
      holidaysOf(year).map((holiday) => ({
        ...holiday,
        schoolYearId: created.id,
        organizationId: input.organizationId,
      })),
    );
    await promoteClasses(tx, previousClasses, year, span.startsOn, new Set(input.repeaterIds ?? []));
    return created;
  });
}

/** New classes for the year: each class moves up a parallel with its students, except graduates and repeaters. */
async function promoteClasses(
  tx: Executor,
  previous: ClassRecord[],
  year: number,
  startsOn: string,
  repeaters: Set<string>,
) {
  if (previous.length === 0) return;
  const members = await currentMembersOf(
    tx,
    previous.map((c) => c.id),
  );
  const byName = new Map<string, string>();
  const classFor = async (
    name: string,
    template: (typeof previous)[number],
    grade: number | null,
    previousClassId: string | null,
  ) => {
    const existing = byName.get(name);
    if (existing) return existing;
    const id = await insertClass(tx, {
      organizationId: template.organizationId,
      schoolYear: year,
      kind: template.kind,
      name,
      grade,
      letter: template.letter,
      classTeacherId: previousClassId ? template.classTeacherId : null,
      previousClassId,
    });
    byName.set(name, id);
    return id;
  };
  const newMembers: Parameters<typeof insertClassMembers>[1] = [];
  for (const old of [...previous].sort((a, b) => (b.grade ?? 0) - (a.grade ?? 0))) {
    const promoted = graduates(old.kind, old.grade)
      ? null
      : await classFor(promotedName(old.name, old.grade), old, old.grade === null ? null : old.grade + 1, old.id);
    for (const member of members.filter((m) => m.classId === old.id)) {
      if (repeaters.has(member.personId)) {
        const again = await classFor(old.name, old, old.grade, null);
        newMembers.push({ classId: again, personId: member.personId, joinedOn: startsOn, repeater: true });
      } else if (promoted) {
        newMembers.push({ classId: promoted, personId: member.personId, joinedOn: startsOn });
      }
    }
  }
  if (newMembers.length) await insertClassMembers(tx, newMembers);
}

export async function openSchoolYear(
  db: Database,
  policy: LearningPolicy,
  id: string,
  now: Date,
): Promise<SchoolYearRow> {
  return db.transaction(async (tx) => {
    const year = await schoolYearForUpdate(tx, id);
    if (!year) throw notFound('Учебный год');
    assertManages(policy, year.organizationId);
    if (year.status !== 'DRAFT') throw conflict('Открыть можно только сформированный (черновой) учебный год.');
    return markSchoolYearOpened(tx, id, now, policy.personId);
  });
}

export async function closeStudyPeriod(db: Database, policy: LearningPolicy, id: string, now: Date) {
  return db.transaction(async (tx) => {
    const period = await studyPeriodForUpdate(tx, id);
    if (!period) throw notFound('Учебный период');
    assertManages(policy, period.organizationId);
    if (period.closedAt) throw conflict('Период уже закрыт.');
    return markStudyPeriodClosed(tx, id, now, policy.personId);
  });
}

/**
 * Organizations the principal oversees (`aggregate:read`): the grants' lists, or `ALL` for a regional grant
 * without a municipality filter (every organization learning knows).
 */
function overseenOrganizations(policy: LearningPolicy, municipalityId: string | null | undefined): string[] | 'ALL' {
  const ids = new Set<string>();
  let region = false;
  for (const grant of policy.grantsWith('aggregate:read')) {
    const t = grant.territory;
    if (t.kind === 'REGION') region = true;
    if (t.kind === 'MUNICIPALITY' && (!municipalityId || t.municipalityId === municipalityId))
      t.organizationIds.forEach((id) => ids.add(id));
  }
  // Which organizations make up a municipality is the people subgraph's knowledge: learning holds it only
  // in a coordinator's grant. For the region, an empty list would be a wrong answer, so the filter is refused
  // and the client filters by each row's `organization.municipality`.
  if (region && municipalityId && ids.size === 0) {
    throw badInput(
      'Отбор по муниципалитету доступен муниципальному координатору. Для всего региона запросите список без ' +
        'муниципалитета: у каждой организации в списке указан её муниципалитет.',
    );
  }
  if (region && !municipalityId) return 'ALL';
  // Another municipality's list is refused rather than answered empty (an empty list reads as «all opened»).
  if (!region && municipalityId && ids.size === 0)
    throw forbidden('Муниципалитет не входит в вашу территорию: запросите список без муниципалитета или по своему.');
  return [...ids];
}

/**
 * Organizations without an opened year, in one statement whatever their number (issue 13 §3). The deadline
 * depends on the organization's type, which the registry (people) holds: it is resolved on
 * `Organization.schoolYearOpening` (`@requires(fields: "type")`), not here.
 */
export async function organizationsNotOpened(
  db: Executor,
  policy: LearningPolicy,
  schoolYear: number,
  municipalityId: string | null | undefined,
  page: { first?: number | null; after?: string | null },
) {
  if (!policy.holds('aggregate:read'))
    throw forbidden('Сводка по открытию учебного года доступна муниципальным и региональным координаторам.');
  const first = pageSize(page.first);
  const after = decodeCursor(page.after, isUuid);
  const candidates = overseenOrganizations(policy, municipalityId);
  const found =
    candidates !== 'ALL' && candidates.length === 0
      ? { total: 0, rows: [] }
      : await organizationsWithoutOpenedYear(db, candidates, schoolYear, { first, after });
  const nodes = found.rows.map((row) => ({
    organization: { __typename: 'Organization' as const, id: row.organizationId },
    schoolYear,
    status: row.status satisfies SchoolYearStatus,
  }));
  return { ...connection(nodes, first, (node) => encodeCursor(node.organization.id)), totalCount: found.total };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}
