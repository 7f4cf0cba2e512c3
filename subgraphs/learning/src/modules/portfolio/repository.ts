/**
 * Portfolio reads: one aggregate over the classes' marks (per subject, period and student), attendance
 * counts of the current period, holidays and events — a fixed number of statements.
 */
import { learningTables, type Executor } from '@region/db';
import { sqlRegionDate } from '@region/kit';
import { and, asc, eq, gte, inArray, isNull, lte, or, sql } from 'drizzle-orm';

const { marks, lessons, attendance, holidays, events } = learningTables;

export interface MarkSumRow {
  subjectId: string;
  periodId: string | null;
  studentId: string;
  weighted: number;
  weights: number;
}

/** Σ value·weight and Σ weight of numeric current and control marks, per subject, period and student. */
export async function markSums(db: Executor, schoolYear: number, classIds: readonly string[]): Promise<MarkSumRow[]> {
  const rows = await db.execute<{
    subject_id: string;
    period_id: string | null;
    student_id: string;
    weighted: string;
    weights: string;
  }>(sql`
    select m.subject_id, p.id as period_id, m.student_id,
           sum(m.value::text::int * m.weight) as weighted, sum(m.weight) as weights
    from learning.marks m
    left join learning.study_periods p on p.organization_id = m.organization_id and m.date between p.starts_on and p.ends_on
    where m.school_year = ${schoolYear} and m.class_id in ${classIds} and m.deleted_at is null
      and m.kind in ('CURRENT', 'CONTROL') and m.value in ('2', '3', '4', '5')
    group by m.subject_id, p.id, m.student_id`);
  return rows.map((row) => ({
    subjectId: row.subject_id,
    periodId: row.period_id,
    studentId: row.student_id,
    weighted: Number(row.weighted),
    weights: Number(row.weights),
  }));
}

export function studentMarksOfKinds(
  db: Executor,
  schoolYear: number,
  studentId: string,
  kinds: ('CONTROL' | 'PERIOD')[],
) {
  return db
    .select()
    .from(marks)
    .where(
      and(
        eq(marks.schoolYear, schoolYear),
        eq(marks.studentId, studentId),
        inArray(marks.kind, kinds),
        isNull(marks.deletedAt),
      ),
    )
    .orderBy(asc(marks.date));
}

/** Lessons of the student's classes in a range (the student's own subgroup is not tracked yet). */
export async function lessonCount(
  db: Executor,
  schoolYear: number,
  classIds: readonly string[],
  from: string,
  to: string,
): Promise<number> {
  const [row] = await db
    .select({ count: sql<number>`count(*)::int` })
    .from(lessons)
    .where(
      and(
        eq(lessons.schoolYear, schoolYear),
        inArray(lessons.classId, [...classIds]),
        gte(lessons.date, from),
        lte(lessons.date, to),
      ),
    );
  return row?.count ?? 0;
}

export function absenceCounts(db: Executor, schoolYear: number, studentId: string, from: string, to: string) {
  return db
    .select({ status: attendance.status, count: sql<number>`count(*)::int` })
    .from(attendance)
    .where(
      and(
        eq(attendance.schoolYear, schoolYear),
        eq(attendance.studentId, studentId),
        gte(attendance.date, from),
        lte(attendance.date, to),
      ),
    )
    .groupBy(attendance.status);
}

export function holidaysFrom(db: Executor, organizationIds: readonly string[], today: string) {
  return db
    .select()
    .from(holidays)
    .where(and(inArray(holidays.organizationId, [...organizationIds]), gte(holidays.endsOn, today)))
    .orderBy(asc(holidays.startsOn))
    .limit(1);
}

export function eventsFor(
  db: Executor,
  organizationIds: readonly string[],
  classIds: readonly string[],
  /** The region's date: events of the whole local day, from 00:00 local (19:00 UTC the day before). */
  since: string,
  first: number,
) {
  return db
    .select()
    .from(events)
    .where(
      and(
        inArray(events.organizationId, [...organizationIds]),
        or(isNull(events.classId), inArray(events.classId, [...classIds])),
        gte(sqlRegionDate(events.startsAt), since),
      ),
    )
    .orderBy(asc(events.startsAt))
    .limit(first);
}
