/**
 * Portfolio reads: one aggregate over the classes' marks (per class, subject, period and student), attendance
 * counts of the current period, holidays and events — a fixed number of statements, each for every student
 * of a request at once (`loaders.ts`, issue 13 §3).
 */
import { learningTables, type Executor } from '@region/db';
import { sqlRegionDate } from '@region/kit';
import { and, asc, eq, gte, inArray, isNull, or, sql } from 'drizzle-orm';

const { marks, holidays, events } = learningTables;

export interface MarkSumRow {
  classId: string;
  subjectId: string;
  periodId: string | null;
  studentId: string;
  weighted: number;
  weights: number;
}

/** Σ value·weight and Σ weight of numeric current and control marks, per class, subject, period and student. */
export async function markSums(db: Executor, schoolYear: number, classIds: readonly string[]): Promise<MarkSumRow[]> {
  const rows = await db.execute<{
    class_id: string;
    subject_id: string;
    period_id: string | null;
    student_id: string;
    weighted: string;
    weights: string;
  }>(sql`
    select m.class_id, m.subject_id, p.id as period_id, m.student_id,
           sum(m.value::text::int * m.weight) as weighted, sum(m.weight) as weights
    from learning.marks m
    left join learning.study_periods p on p.organization_id = m.organization_id and m.date between p.starts_on and p.ends_on
      -- Only the classes' organizations' periods: else every period of the region is hashed for each request
      -- (2–3 ms of a diary at region scale, 3,178 periods; 1.4 ms with this).
      and p.organization_id in (select c.organization_id from learning.classes c where c.id in ${classIds})
    where m.school_year = ${schoolYear} and m.class_id in ${classIds} and m.deleted_at is null
      and m.kind in ('CURRENT', 'CONTROL') and m.value in ('2', '3', '4', '5')
    group by m.class_id, m.subject_id, p.id, m.student_id`);
  return rows.map((row) => ({
    classId: row.class_id,
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
  studentIds: readonly string[],
  kinds: readonly ('CONTROL' | 'PERIOD')[],
) {
  return db
    .select()
    .from(marks)
    .where(
      and(
        eq(marks.schoolYear, schoolYear),
        inArray(marks.studentId, [...studentIds]),
        inArray(marks.kind, [...kinds]),
        isNull(marks.deletedAt),
      ),
    )
    .orderBy(asc(marks.date));
}

/** A PostgreSQL array literal of uuids or dates (checked values, no quoting needed): one parameter for a list. */
const array = (values: readonly string[]) => `{${values.join(',')}}`;

/** A class (or student) and a date range: one row of a set-based count. */
export interface Span {
  id: string;
  from: string;
  to: string;
}

/** Lessons of each class in its range (the student's own subgroup is not tracked yet). */
export async function lessonCounts(db: Executor, schoolYear: number, spans: readonly Span[]) {
  const rows = await db.execute<{ id: string; from_on: string; to_on: string; count: number }>(sql`
    select k.id, k.from_on::text, k.to_on::text, count(l.id)::int as count
    from unnest(${array(spans.map((s) => s.id))}::uuid[], ${array(spans.map((s) => s.from))}::date[],
      ${array(spans.map((s) => s.to))}::date[]) as k(id, from_on, to_on)
    left join learning.lessons l on l.school_year = ${schoolYear} and l.class_id = k.id
      and l.date >= k.from_on and l.date <= k.to_on
    group by k.id, k.from_on, k.to_on`);
  return rows.map((row) => ({ id: row.id, from: row.from_on, to: row.to_on, count: row.count }));
}

/** Each student's absences and late arrivals in their range, per status. */
export async function absenceCounts(db: Executor, schoolYear: number, spans: readonly Span[]) {
  const rows = await db.execute<{ id: string; from_on: string; to_on: string; status: string; count: number }>(sql`
    select k.id, k.from_on::text, k.to_on::text, a.status, count(*)::int as count
    from unnest(${array(spans.map((s) => s.id))}::uuid[], ${array(spans.map((s) => s.from))}::date[],
      ${array(spans.map((s) => s.to))}::date[]) as k(id, from_on, to_on)
    join learning.attendance a on a.school_year = ${schoolYear} and a.student_id = k.id
      and a.date >= k.from_on and a.date <= k.to_on
    group by k.id, k.from_on, k.to_on, a.status`);
  return rows.map((row) => ({ id: row.id, from: row.from_on, to: row.to_on, status: row.status, count: row.count }));
}

/** Each organization's next (or current) holiday from the day on. */
export function nextHolidays(db: Executor, organizationIds: readonly string[], today: string) {
  return db
    .selectDistinctOn([holidays.organizationId])
    .from(holidays)
    .where(and(inArray(holidays.organizationId, [...organizationIds]), gte(holidays.endsOn, today)))
    .orderBy(asc(holidays.organizationId), asc(holidays.startsOn));
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
