/** The learning data of the demo region as stored: seeded with the shared demo seed and checked with SQL. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '../src/client.ts';
import { seedDemoRegion, type SeedResult } from '../src/demo/seed.ts';
import { startMigratedCluster, type TestCluster } from './cluster.ts';

// 20250901 is the seed of the shared test template and of `npm start` (tests/src/constants.ts).
const SEED = 20250901;

let cluster: TestCluster;
let sql: DbHandle['sql'];
let seeded: SeedResult;
let asOf: string;
const person = (login: string) => seeded.catalog.accounts[login]?.[0] ?? '';
type YearRow = { municipality_id: string; type: string; status: string | null; opened_on: string | null };

beforeAll(async () => {
  cluster = await startMigratedCluster();
  sql = cluster.handle.sql;
  const started = performance.now();
  seeded = await seedDemoRegion(cluster.handle.db, { seed: SEED, scale: 1 });
  const ms = Math.round(performance.now() - started);
  console.log(`demo region seed ${SEED}, scale 1: people and learning seeded in ${ms} ms`, seeded.counts);
  asOf = seeded.catalog.asOf;
}, 120_000);

afterAll(async () => {
  await cluster?.stop();
}, 60_000);

describe('demo learning data', () => {
  it('gives every mark and attendance entry of a lesson to a member of its class on that date, in its school year', async () => {
    const orphans = await sql`
      select m.id from learning.marks m
      left join learning.lessons l on l.school_year = m.school_year and l.id = m.lesson_id
      where m.lesson_id is not null and (
        l.id is null or l.class_id <> m.class_id or l.subject_id <> m.subject_id or l.date <> m.date
        or not exists (
          select 1 from learning.class_members cm
          where cm.class_id = l.class_id and cm.person_id = m.student_id
            and cm.joined_on <= l.date and (cm.left_on is null or l.date < cm.left_on)))`;
    expect(orphans).toEqual([]);
    const absent = await sql`
      select a.id from learning.attendance a
      join learning.lessons l on l.school_year = a.school_year and l.id = a.lesson_id
      where not exists (
        select 1 from learning.class_members cm
        where cm.class_id = l.class_id and cm.person_id = a.student_id
          and cm.joined_on <= l.date and (cm.left_on is null or l.date < cm.left_on))`;
    expect(absent).toEqual([]);
    const outside = await sql`
      select l.id from learning.lessons l
      join learning.classes c on c.id = l.class_id
      join learning.school_years y on y.organization_id = l.organization_id and y.year = l.school_year
      where c.school_year <> l.school_year or l.date not between y.starts_on and y.ends_on or y.status <> 'OPEN'`;
    expect(outside).toEqual([]);
    expect(seeded.counts.marks).toBeGreaterThan(10_000);
  });

  it('never puts a teacher in two places at once, substitutions included', async () => {
    const lessons = await sql`
      select coalesce(s.substitute_teacher_id, l.teacher_id) as teacher, l.date, l.lesson_number, count(*)::int
      from learning.lessons l
      left join learning.substitutions s on s.school_year = l.school_year and s.lesson_id = l.id
      group by 1, 2, 3 having count(*) > 1`;
    expect(lessons).toEqual([]);
    const slots = await sql`
      select teacher_id, weekday, lesson_number from learning.schedule_slots
      group by 1, 2, 3 having count(*) > 1`;
    expect(slots).toEqual([]);
    const wrong = await sql`
      select s.id from learning.substitutions s
      join learning.lessons l on l.school_year = s.school_year and l.id = s.lesson_id
      where s.original_teacher_id <> l.teacher_id or s.date <> l.date or s.substitute_teacher_id = l.teacher_id`;
    expect(wrong).toEqual([]);
    const unassigned = await sql`
      select l.id from learning.lessons l
      where not exists (
        select 1 from learning.assignments a
        where a.class_id = l.class_id and a.subject_id = l.subject_id and a.teacher_id = l.teacher_id
          and a.subgroup is not distinct from l.subgroup)`;
    expect(unassigned).toEqual([]);
  });

  it('lets the marks and attendance of a lesson be set by whoever taught it', async () => {
    const wrong = await sql`
      select m.id from learning.marks m
      join learning.lessons l on l.school_year = m.school_year and l.id = m.lesson_id
      left join learning.substitutions s on s.school_year = l.school_year and s.lesson_id = l.id
      where m.set_by <> coalesce(s.substitute_teacher_id, l.teacher_id)
      union all
      select a.id from learning.attendance a
      join learning.lessons l on l.school_year = a.school_year and l.id = a.lesson_id
      left join learning.substitutions s on s.school_year = l.school_year and s.lesson_id = l.id
      where a.set_by <> coalesce(s.substitute_teacher_id, l.teacher_id)`;
    expect(wrong).toEqual([]);
  });

  it('records a substitution of the demo teacher before "now" and one where she stands in for a colleague', async () => {
    const teacher = person('teacher');
    const rows = await sql<{ original: string; substitute: string; date: string; class: string; taught: boolean }[]>`
      select s.original_teacher_id as original, s.substitute_teacher_id as substitute, s.date::text as date,
        c.name as class,
        exists (select 1 from learning.assignments a where a.class_id = l.class_id and a.teacher_id = ${teacher}) as taught
      from learning.substitutions s
      join learning.lessons l on l.school_year = s.school_year and l.id = s.lesson_id
      join learning.classes c on c.id = l.class_id
      where ${teacher} in (s.original_teacher_id, s.substitute_teacher_id)
        and l.organization_id = ${seeded.catalog.organizations['school-1-1'] ?? ''}`;
    const own = rows.find((row) => row.original === teacher);
    expect((own?.date ?? '9999') < asOf, JSON.stringify(rows)).toBe(true);
    expect(own?.substitute).not.toBe(teacher);
    const instead = rows.find((row) => row.substitute === teacher);
    expect((instead?.date ?? '9999') < asOf, JSON.stringify(rows)).toBe(true);
    expect(instead?.taught).toBe(false);
  });

  it('closes the 1st quarter, whose PERIOD marks are the rounded weighted average of its marks', async () => {
    const quarters = await sql<{ number: number; closed_on: string | null; closed_by: string | null }[]>`
      select p.number, (p.closed_at at time zone 'Asia/Yekaterinburg')::date::text as closed_on, p.closed_by
      from learning.study_periods p
      join learning.school_years y on y.id = p.school_year_id
      join people.organizations o on o.id = p.organization_id
      where o.type = 'SCHOOL' and y.status = 'OPEN' and y.year = 2026`;
    expect(quarters.length).toBeGreaterThan(0);
    for (const quarter of quarters) {
      expect(quarter.closed_on).toBe(quarter.number === 1 ? '2026-10-27' : null);
      expect(quarter.closed_by !== null).toBe(quarter.number === 1);
    }
    type Mark = { student_id: string; subject_id: string; value: string; weight: string; date: string };
    const periodMarks = await sql<
      (Mark & { starts_on: string; ends_on: string; closed: boolean; set_before: boolean })[]
    >`
      select m.student_id, m.subject_id, m.value::text, m.weight::text, m.date::text, p.starts_on::text,
        p.ends_on::text, p.closed_at is not null as closed, m.set_at <= p.closed_at as set_before
      from learning.marks m join learning.study_periods p on p.id = m.period_id
      where m.kind = 'PERIOD' and m.deleted_at is null`;
    const marks = await sql<Mark[]>`
      select student_id, subject_id, value::text, weight::text, date::text from learning.marks
      where kind in ('CURRENT', 'CONTROL') and deleted_at is null`;
    expect(periodMarks.length).toBeGreaterThan(500);
    const byStudent = new Map<string, Mark[]>();
    for (const mark of marks) byStudent.set(mark.student_id, [...(byStudent.get(mark.student_id) ?? []), mark]);
    for (const period of periodMarks) {
      expect(period.closed && period.set_before).toBe(true);
      expect(period.date).toBe(period.ends_on);
      const own = (byStudent.get(period.student_id) ?? []).filter(
        (m) => m.subject_id === period.subject_id && m.date >= period.starts_on && m.date <= period.ends_on,
      );
      const weights = own.reduce((sum, m) => sum + Number(m.weight), 0);
      const total = own.reduce((sum, m) => sum + Number(m.value) * Number(m.weight), 0);
      expect(own.length).toBeGreaterThanOrEqual(3);
      expect(Number(period.value)).toBe(Math.round(total / weights));
    }
  });

  it('gives the demo student overdue mandatory homework and a debt mark for it', async () => {
    const student = person('student');
    const overdue = await sql<{ id: string }[]>`
      select l.id from learning.lessons l
      join learning.class_members cm on cm.class_id = l.class_id and cm.person_id = ${student}
      where l.homework_mandatory and l.homework_due_on < ${asOf}
        and cm.joined_on <= l.date and (cm.left_on is null or l.homework_due_on < cm.left_on)
        and not exists (select 1 from learning.homework_submissions h
          where h.school_year = l.school_year and h.lesson_id = l.id and h.student_id = ${student})`;
    expect(overdue.length).toBeGreaterThanOrEqual(1);
    const debts = await sql<{ lesson_id: string }[]>`
      select lesson_id from learning.marks
      where student_id = ${student} and debt and value = '2' and deleted_at is null`;
    expect(debts.length).toBeGreaterThanOrEqual(1);
    for (const debt of debts) expect(overdue.map((lesson) => lesson.id)).toContain(debt.lesson_id);
    const [submitted] = await sql<{ share: number }[]>`
      select (select count(*) from learning.homework_submissions)::float
        / (select count(*) from learning.lessons l join learning.class_members cm on cm.class_id = l.class_id
           where l.homework_mandatory and l.date < ${asOf} and cm.joined_on <= l.date
             and (cm.left_on is null or l.homework_due_on < cm.left_on)) as share`;
    expect(submitted?.share).toBeGreaterThan(0.85);
  });

  it('leaves organizations in every municipality that have not opened the year (rule 13)', async () => {
    const rows = await sql<YearRow[]>`
      select o.municipality_id, o.type, y.status::text,
        (y.opened_at at time zone 'Asia/Yekaterinburg')::date::text as opened_on
      from people.organizations o
      left join learning.school_years y on y.organization_id = o.id and y.year = 2026`;
    const notOpened = rows.filter((row) => row.status !== 'OPEN');
    expect(notOpened.map((row) => row.status).sort()).toEqual(['DRAFT', 'DRAFT', null]);
    expect(new Set(notOpened.map((row) => row.municipality_id))).toEqual(new Set(seeded.catalog.municipalityIds));
    const deadline = (row: YearRow) => (row.type === 'EXTRA_EDUCATION' ? '2026-09-20' : '2026-09-06');
    const late = rows.filter((row) => row.status === 'OPEN' && (row.opened_on ?? '') > deadline(row));
    expect(late.map((row) => row.type)).toEqual(['SCHOOL']);
  });

  it('keeps ~5% of student-lessons absent, illness in spells, and corrections in the mark history', async () => {
    const [rate] = await sql<{ absent: number; pairs: number }[]>`
      select (select count(*) from learning.attendance where status <> 'LATE')::int as absent,
        (select count(*) from learning.lessons l join learning.class_members cm on cm.class_id = l.class_id
          where l.date < ${asOf} and cm.joined_on <= l.date and (cm.left_on is null or l.date < cm.left_on)
            and (l.subgroup is null))::int as pairs`;
    expect(rate!.absent / rate!.pairs).toBeGreaterThan(0.03);
    expect(rate!.absent / rate!.pairs).toBeLessThan(0.08);
    const spells = await sql`
      select student_id from learning.attendance where status = 'SICK'
      group by student_id having count(distinct date) >= 3`;
    expect(spells.length).toBeGreaterThan(10);
    const history = await sql<
      { action: string; old: string | null; new: string | null; value: string; deleted: boolean }[]
    >`
      select h.action::text, h.old_value->>'value' as old, h.new_value->>'value' as new, m.value::text,
        m.deleted_at is not null as deleted
      from learning.mark_history h join learning.marks m on m.school_year = h.school_year and m.id = h.mark_id`;
    const corrections = history.filter((h) => h.action === 'CORRECT');
    expect(corrections.length).toBeGreaterThan(5);
    for (const h of corrections) expect([h.new !== h.old, h.new === h.value, h.deleted]).toEqual([true, true, false]);
    const deletions = history.filter((h) => h.action === 'DELETE');
    expect(deletions.map((h) => [h.deleted, h.new])).toEqual([[true, null]]);
    expect(history.filter((h) => h.action === 'SET')).toHaveLength(corrections.length + deletions.length);
  });

  it('refers only to real people', async () => {
    const missing = await sql`
      with ids(id) as (
        select person_id from learning.class_members union select student_id from learning.marks
        union select set_by from learning.marks union select student_id from learning.attendance
        union select set_by from learning.attendance union select student_id from learning.homework_submissions
        union select teacher_id from learning.lessons union select teacher_id from learning.schedule_slots
        union select teacher_id from learning.assignments union select substitute_teacher_id from learning.substitutions
        union select class_teacher_id from learning.classes union select opened_by from learning.school_years
        union select closed_by from learning.study_periods union select created_by from learning.events
        union select changed_by from learning.mark_history)
      select id from ids where id is not null and id not in (select id from people.persons)`;
    expect(missing).toEqual([]);
  });

  it('holds the events of the year: meetings, control works with their CONTROL marks, excursions, celebrations', async () => {
    const kinds = await sql<{ kind: string; count: number }[]>`
      select kind::text, count(*)::int from learning.events group by kind order by kind::text`;
    expect(kinds.map((row) => row.kind)).toEqual(['CELEBRATION', 'CONTROL_WORK', 'EXCURSION', 'PARENT_MEETING']);
    const unmatched = await sql`
      select m.id from learning.marks m
      join learning.lessons l on l.school_year = m.school_year and l.id = m.lesson_id
      join learning.subjects s on s.id = l.subject_id
      where m.kind = 'CONTROL' and (m.weight <> 2 or not exists (
        select 1 from learning.events e
        where e.kind = 'CONTROL_WORK' and e.class_id = l.class_id and e.title like '%: ' || s.name
          and (e.starts_at at time zone 'Asia/Yekaterinburg')::date = l.date))`;
    expect(unmatched).toEqual([]);
  });
});
