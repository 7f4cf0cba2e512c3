/** The school year's SQL (STYLE.md: repositories are plain functions; the rules live in service.ts). */
import { learningTables, type Executor } from '@region/db';
import { and, asc, desc, eq, inArray, isNull, sql } from 'drizzle-orm';

const { schoolYears, studyPeriods, holidays, classes, classMembers } = learningTables;

export type SchoolYearRow = typeof schoolYears.$inferSelect;
export type StudyPeriodRow = typeof studyPeriods.$inferSelect;
export type ClassRecord = typeof classes.$inferSelect;

/** The kind of each organization's latest classes. */
export function latestClassKinds(db: Executor, organizationIds: readonly string[]) {
  return db
    .selectDistinctOn([classes.organizationId], { organizationId: classes.organizationId, kind: classes.kind })
    .from(classes)
    .where(inArray(classes.organizationId, [...organizationIds]))
    .orderBy(classes.organizationId, desc(classes.schoolYear));
}

/** The organization's latest school year, locked: two formings of the next year queue up behind it. */
export async function latestSchoolYearForUpdate(tx: Executor, organizationId: string) {
  const [latest] = await tx
    .select()
    .from(schoolYears)
    .where(eq(schoolYears.organizationId, organizationId))
    .orderBy(desc(schoolYears.year))
    .limit(1)
    .for('update');
  return latest;
}

export function classesOfYear(tx: Executor, organizationId: string, year: number) {
  return tx
    .select()
    .from(classes)
    .where(and(eq(classes.organizationId, organizationId), eq(classes.schoolYear, year)));
}

/** The year's partitions of the journal tables (a function of the migrations). */
export async function ensureYearPartitions(tx: Executor, year: number): Promise<void> {
  await tx.execute(sql`select learning.ensure_year_partitions(${year}::smallint)`);
}

/** The new year, or `undefined` when the organization has it already. */
export async function insertSchoolYear(tx: Executor, values: typeof schoolYears.$inferInsert) {
  const [created] = await tx.insert(schoolYears).values(values).onConflictDoNothing().returning();
  return created;
}

export async function insertStudyPeriods(tx: Executor, values: (typeof studyPeriods.$inferInsert)[]) {
  await tx.insert(studyPeriods).values(values);
}

export async function insertHolidays(tx: Executor, values: (typeof holidays.$inferInsert)[]) {
  await tx.insert(holidays).values(values);
}

/** The members of the classes who have not left them. */
export function currentMembersOf(tx: Executor, classIds: readonly string[]) {
  return tx
    .select()
    .from(classMembers)
    .where(and(inArray(classMembers.classId, [...classIds]), isNull(classMembers.leftOn)));
}

export async function insertClass(tx: Executor, values: typeof classes.$inferInsert): Promise<string> {
  const [row] = await tx.insert(classes).values(values).returning({ id: classes.id });
  return row!.id;
}

export async function insertClassMembers(tx: Executor, values: (typeof classMembers.$inferInsert)[]) {
  await tx.insert(classMembers).values(values);
}

export async function schoolYearForUpdate(tx: Executor, id: string) {
  const [year] = await tx.select().from(schoolYears).where(eq(schoolYears.id, id)).for('update');
  return year;
}

export async function markSchoolYearOpened(tx: Executor, id: string, openedAt: Date, openedBy: string | null) {
  const [opened] = await tx
    .update(schoolYears)
    .set({ status: 'OPEN', openedAt, openedBy })
    .where(eq(schoolYears.id, id))
    .returning();
  return opened!;
}

export async function studyPeriodForUpdate(tx: Executor, id: string) {
  const [period] = await tx.select().from(studyPeriods).where(eq(studyPeriods.id, id)).for('update');
  return period;
}

export async function markStudyPeriodClosed(tx: Executor, id: string, closedAt: Date, closedBy: string | null) {
  const [closed] = await tx.update(studyPeriods).set({ closedAt, closedBy }).where(eq(studyPeriods.id, id)).returning();
  return closed!;
}

/**
 * The organizations without an opened year (none in the system, or a draft), in one statement: the candidates
 * are the given ones, or every organization learning knows (one with a school year or a class) for the region.
 * An anti-join on the year's row, so the answer costs the organizations read, not their classes or members.
 */
export async function organizationsWithoutOpenedYear(
  db: Executor,
  candidates: readonly string[] | 'ALL',
  year: number,
  page: { first: number; after: string | null },
): Promise<{ total: number; rows: { organizationId: string; status: 'NOT_CREATED' | 'DRAFT' }[] }> {
  const source =
    candidates === 'ALL'
      ? sql`(select organization_id from learning.school_years union select organization_id from learning.classes) o`
      : sql`unnest(${`{${candidates.join(',')}}`}::uuid[]) as o(organization_id)`;
  // One statement for the page and the total (issue 13 §3/§4): the count is a one-row side joined to the page,
  // so an empty page (past the end) still carries it. Keyset on the organization id, the only order learning
  // has (names and municipalities live in people).
  const after = page.after ? sql`and n.organization_id > ${page.after}::uuid` : sql``;
  const rows = await db.execute<{ total: number; organization_id: string | null; status: 'NOT_CREATED' | 'DRAFT' }>(sql`
    with n as (
      select o.organization_id, coalesce(y.status::text, 'NOT_CREATED') as status
      from ${source}
      left join learning.school_years y on y.organization_id = o.organization_id and y.year = ${year}
      where y.id is null or y.status = 'DRAFT'
    )
    select t.total::int as total, p.organization_id, p.status
    from (select count(*) as total from n) t
    left join lateral (
      select n.organization_id, n.status from n where true ${after} order by n.organization_id limit ${page.first + 1}
    ) p on true`);
  return {
    total: Number(rows[0]?.total ?? 0),
    rows: rows.flatMap((row) =>
      row.organization_id ? [{ organizationId: row.organization_id, status: row.status }] : [],
    ),
  };
}

/** The periods of the school years, in their order. */
export function periodsOfSchoolYears(db: Executor, schoolYearIds: readonly string[]) {
  return db
    .select()
    .from(studyPeriods)
    .where(inArray(studyPeriods.schoolYearId, [...schoolYearIds]))
    .orderBy(asc(studyPeriods.schoolYearId), asc(studyPeriods.number));
}
