/**
 * The school year (DOMAIN.md rule 13): formed from 1 April with its periods, holidays and classes — students
 * promoted, graduates leaving, repeaters staying in their parallel — then opened; the region sees which
 * organizations have not opened it.
 */
import { AppError, badInput, conflict, forbidden, notFound } from '@region/kit';
import { learningTables, type Database, type Executor } from '@region/db';
import { and, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
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

const { schoolYears, studyPeriods, holidays, classes, classMembers } = learningTables;

export type SchoolYearRow = typeof schoolYears.$inferSelect;
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
  const rows = await db
    .selectDistinctOn([classes.organizationId], { organizationId: classes.organizationId, kind: classes.kind })
    .from(classes)
    .where(inArray(classes.organizationId, [...organizationIds]))
    .orderBy(classes.organizationId, desc(classes.schoolYear));
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
    const [latest] = await tx
      .select()
      .from(schoolYears)
      .where(eq(schoolYears.organizationId, input.organizationId))
      .orderBy(desc(schoolYears.year))
      .limit(1)
      .for('update');
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
    const previousClasses = latest
      ? await tx
          .select()
          .from(classes)
          .where(and(eq(classes.organizationId, input.organizationId), eq(classes.schoolYear, latest.year)))
      : [];
    const kind = previousClasses[0]?.kind ?? null;
    await tx.execute(sql`select learning.ensure_year_partitions(${year}::smallint)`);
    const span = yearSpan(year, kind);
    const periodKind = input.periodKind ?? latest?.periodKind ?? 'QUARTER';
    const [created] = await tx
      .insert(schoolYears)
      .values({ organizationId: input.organizationId, year, ...span, periodKind, status: 'DRAFT' })
      .onConflictDoNothing()
      .returning();
    if (!created) throw conflict(`Учебный год ${year}/${String(year + 1).slice(2)} уже сформирован.`);
    await tx.insert(studyPeriods).values(
      periodsOf(year, periodKind, span.endsOn).map((period, index) => ({
        ...period,
        number: index + 1,
        schoolYearId: created.id,
        organizationId: input.organizationId,
      })),
    );
    await tx.insert(holidays).values(
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
  previous: (typeof classes.$inferSelect)[],
  year: number,
  startsOn: string,
  repeaters: Set<string>,
) {
  if (previous.length === 0) return;
  const members = await tx
    .select()
    .from(classMembers)
    .where(
      and(
        inArray(
          classMembers.classId,
          previous.map((c) => c.id),
        ),
        isNull(classMembers.leftOn),
      ),
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
    const [row] = await tx
      .insert(classes)
      .values({
        organizationId: template.organizationId,
        schoolYear: year,
        kind: template.kind,
        name,
        grade,
        letter: template.letter,
        classTeacherId: previousClassId ? template.classTeacherId : null,
        previousClassId,
      })
      .returning({ id: classes.id });
    byName.set(name, row!.id);
    return row!.id;
  };
  const newMembers: (typeof classMembers.$inferInsert)[] = [];
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
  if (newMembers.length) await tx.insert(classMembers).values(newMembers);
}

export async function openSchoolYear(
  db: Database,
  policy: LearningPolicy,
  id: string,
  now: Date,
): Promise<SchoolYearRow> {
  return db.transaction(async (tx) => {
    const [year] = await tx.select().from(schoolYears).where(eq(schoolYears.id, id)).for('update');
    if (!year) throw notFound('Учебный год');
    assertManages(policy, year.organizationId);
    if (year.status !== 'DRAFT') throw conflict('Открыть можно только сформированный (черновой) учебный год.');
    const [opened] = await tx
      .update(schoolYears)
      .set({ status: 'OPEN', openedAt: now, openedBy: policy.personId })
      .where(eq(schoolYears.id, id))
      .returning();
    return opened!;
  });
}

export async function closeStudyPeriod(db: Database, policy: LearningPolicy, id: string, now: Date) {
  return db.transaction(async (tx) => {
    const [period] = await tx.select().from(studyPeriods).where(eq(studyPeriods.id, id)).for('update');
    if (!period) throw notFound('Учебный период');
    assertManages(policy, period.organizationId);
    if (period.closedAt) throw conflict('Период уже закрыт.');
    const [closed] = await tx
      .update(studyPeriods)
      .set({ closedAt: now, closedBy: policy.personId })
      .where(eq(studyPeriods.id, id))
      .returning();
    return closed!;
  });
}

/** Organizations the principal oversees (`aggregate:read`): the grant's list, or every one learning knows. */
async function overseenOrganizations(
  db: Executor,
  policy: LearningPolicy,
  municipalityId: string | null | undefined,
): Promise<string[]> {
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
  if (region && !municipalityId) {
    const rows = await db.execute<{ organization_id: string }>(
      sql`select organization_id from learning.school_years union select organization_id from learning.classes`,
    );
    rows.forEach((row) => ids.add(row.organization_id));
  }
  return [...ids];
}

/**
 * Organizations without an opened year. The deadline depends on the organization's type, which the registry
 * (people) holds: it is resolved on `Organization.schoolYearOpening` (`@requires(fields: "type")`), not here.
 */
export async function organizationsNotOpened(
  db: Executor,
  policy: LearningPolicy,
  schoolYear: number,
  municipalityId: string | null | undefined,
) {
  if (!policy.holds('aggregate:read'))
    throw forbidden('Сводка по открытию учебного года доступна муниципальным и региональным координаторам.');
  const candidates = await overseenOrganizations(db, policy, municipalityId);
  if (candidates.length === 0) return [];
  const years = await db
    .select()
    .from(schoolYears)
    .where(and(inArray(schoolYears.organizationId, candidates), eq(schoolYears.year, schoolYear)));
  return candidates
    .map((organizationId) => {
      const status: SchoolYearStatus = years.find((y) => y.organizationId === organizationId)?.status ?? 'NOT_CREATED';
      return { organization: { __typename: 'Organization', id: organizationId }, schoolYear, status };
    })
    .filter((row) => row.status === 'NOT_CREATED' || row.status === 'DRAFT');
}
