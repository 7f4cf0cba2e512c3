/**
 * Year and final marks (годовая и итоговая, DOMAIN.md rule 10; issue 15 §2), through the gateway: the subject's
 * teacher and the school's admin set and correct them from the last two weeks of the year, keeping the history;
 * others are refused; a closed school year only the admin; 2–5 or «н/а», зачёт for a pass/fail subject; the final
 * mark only after the year mark; «н/а» never for a lesson.
 */
import { addDays } from '@region/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPlatform, type Platform } from '@region/tests/platform';
import { personIdOf } from '@region/tests/demo-people';
import { assignmentOf, expectCode, expectOk, grid, TODAY } from './helpers.ts';

let platform: Platform;
let classId: string;
let subjectId: string;
let russianId: string;
let child: string;
let classmate: string;
let lastEndsOn: string;
let organizationId: string;

const MARK =
  'id kind value comment date lesson { id } subject { id } student { id } history { action oldValue newValue }';
const SET = `mutation ($input: SetYearMarkInput!) { setYearMark(input: $input) { ${MARK} } }`;
const DELETE = `mutation ($id: ID!) { deleteMark(id: $id) { id history { action } } }`;

type Saved = {
  setYearMark: {
    id: string;
    kind: string;
    value: string;
    comment: string | null;
    date: string;
    lesson: null;
    history: { action: string; oldValue: string | null; newValue: string | null }[];
  };
};

const setYearMark = (login: string, input: Record<string, unknown>) =>
  platform.query<Saved>({ login }, SET, { input: { classId, subjectId, studentId: child, kind: 'YEAR', ...input } });

/** Noon of a region date (UTC+5). */
const onDay = (date: string) => new Date(`${date}T07:00:00Z`);

beforeAll(async () => {
  platform = await startPlatform({ now: TODAY });
  const assignment = await assignmentOf(platform, 'teacher', '5А');
  classId = assignment.class.id;
  subjectId = assignment.subject.id;
  russianId = (await assignmentOf(platform, 'class-teacher', '5А')).subject.id;
  child = await personIdOf(platform.admin, 'student');
  const [row] = await platform.admin.sql<{ organization_id: string; ends_on: string }[]>`
    select c.organization_id, max(p.ends_on)::text as ends_on from learning.classes c
      join learning.school_years y on y.organization_id = c.organization_id and y.year = c.school_year
      join learning.study_periods p on p.school_year_id = y.id
    where c.id = ${classId} group by c.organization_id`;
  organizationId = row!.organization_id;
  lastEndsOn = row!.ends_on;
  const [other] = await platform.admin.sql<{ person_id: string }[]>`
    select person_id from learning.class_members where class_id = ${classId} and person_id <> ${child}
      and left_on is null order by person_id limit 1`;
  classmate = other!.person_id;
});
afterAll(async () => {
  await platform?.stop();
});

describe('year and final marks', () => {
  it('refuses a year mark before the last two weeks of the year, and «н/а» for a lesson', async () => {
    const early = await setYearMark('teacher', { value: 'FOUR' });
    expectCode(early, 'BAD_USER_INPUT');
    expect(early.errors?.[0]?.message).toMatch(/последние две недели/);
    expect((early.errors?.[0]?.extensions as { field?: string }).field).toBe('kind');

    const journal = await grid(platform, 'teacher', classId, subjectId);
    expectOk(journal);
    const lesson = journal.data!.class!.journal.lessons.find((l) => l.date <= '2026-11-20')!;
    const na = await platform.query(
      { login: 'teacher' },
      'mutation ($input: SetMarkInput!) { setMark(input: $input) { id } }',
      { input: { lessonId: lesson.id, studentId: child, value: 'NOT_ATTESTED' } },
    );
    expectCode(na, 'BAD_USER_INPUT');
    expect(na.errors?.[0]?.message).toMatch(/н\/а/);
  });

  it('lets the subject teacher set and correct a year mark in the last two weeks, keeping the history', async () => {
    platform.setNow(onDay(addDays(lastEndsOn, -5)));
    const first = await setYearMark('teacher', { value: 'FOUR' });
    expectOk(first);
    expect(first.data!.setYearMark).toMatchObject({ kind: 'YEAR', value: 'FOUR', lesson: null, date: lastEndsOn });
    const corrected = await setYearMark('teacher', { value: 'FIVE', comment: 'По итогам года' });
    expectOk(corrected);
    expect(corrected.data!.setYearMark.id).toBe(first.data!.setYearMark.id);
    expect(corrected.data!.setYearMark.history.map((h) => h.action)).toEqual(['SET', 'CORRECT']);
    expect(JSON.parse(corrected.data!.setYearMark.history[1]!.oldValue!).value).toBe('4');

    const rows = await platform.admin.sql<{ period_id: string | null; kind: string; value: string }[]>`
      select period_id, kind::text, value::text from learning.marks
      where student_id = ${child} and subject_id = ${subjectId} and kind in ('YEAR', 'FINAL') and deleted_at is null`;
    expect(rows).toEqual([{ period_id: null, kind: 'YEAR', value: '5' }]);

    const journal = await platform.query<{
      class: {
        journal: {
          yearMarksFrom: string;
          yearMarks: { kind: string; value: string; student: { id: string } }[];
          periodMarks: { kind: string }[];
        };
      };
    }>(
      { login: 'teacher' },
      'query ($c: ID!, $s: ID!) { class(id: $c) { journal(subjectId: $s) { yearMarksFrom yearMarks { kind value student { id } } periodMarks { kind } } } }',
      { c: classId, s: subjectId },
    );
    expectOk(journal);
    expect(journal.data!.class.journal.yearMarksFrom).toBe(addDays(lastEndsOn, -13));
    expect(journal.data!.class.journal.yearMarks).toEqual([{ kind: 'YEAR', value: 'FIVE', student: { id: child } }]);
    expect(journal.data!.class.journal.periodMarks.every((m) => m.kind === 'PERIOD')).toBe(true);
  });

  it('sets the final mark only after the year mark, and «н/а» as a year mark', async () => {
    const noYear = await setYearMark('teacher', { studentId: classmate, kind: 'FINAL', value: 'FOUR' });
    expectCode(noYear, 'BAD_USER_INPUT');
    expect(noYear.errors?.[0]?.message).toMatch(/после годовой/);
    const na = await setYearMark('teacher', { studentId: classmate, value: 'NOT_ATTESTED' });
    expectOk(na);
    expect(na.data!.setYearMark.value).toBe('NOT_ATTESTED');
    const final = await setYearMark('teacher', { kind: 'FINAL', value: 'FIVE' });
    expectOk(final);
    expect(final.data!.setYearMark.kind).toBe('FINAL');
  });

  it('refuses зачёт for a subject marked 2–5, and 2–5 for a pass/fail subject', async () => {
    const pass = await setYearMark('teacher', { studentId: classmate, value: 'PASS' });
    expectCode(pass, 'BAD_USER_INPUT');
    expect((pass.errors?.[0]?.extensions as { field?: string }).field).toBe('value');

    await platform.admin.sql`update learning.subjects set pass_fail = true where id = ${russianId}`;
    try {
      const five = await setYearMark('class-teacher', { subjectId: russianId, value: 'FIVE' });
      expectCode(five, 'BAD_USER_INPUT');
      expect(five.errors?.[0]?.message).toMatch(/зачёт\/незачёт/);
      const passed = await setYearMark('class-teacher', { subjectId: russianId, value: 'PASS' });
      expectOk(passed);
      expect(passed.data!.setYearMark.value).toBe('PASS');
    } finally {
      await platform.admin.sql`update learning.subjects set pass_fail = false where id = ${russianId}`;
    }
  });

  it("refuses another subject's teacher, the class teacher for a subject she does not teach, a guardian and another school's admin; lets the school's admin", async () => {
    for (const login of ['teacher-parent', 'class-teacher', 'guardian', 'admin2']) {
      const refused = await setYearMark(login, { value: 'TWO' });
      expectCode(refused, 'FORBIDDEN');
    }
    const byAdmin = await setYearMark('admin', { studentId: classmate, value: 'THREE' });
    expectOk(byAdmin);
    expect(byAdmin.data!.setYearMark.history.map((h) => h.action)).toEqual(['SET', 'CORRECT']);
  });

  it('refuses a learner who is not in the class', async () => {
    const outsider = await personIdOf(platform.admin, 'child-4a');
    const stranger = await setYearMark('teacher', { studentId: outsider, value: 'FOUR' });
    expectCode(stranger, 'BAD_USER_INPUT');
    expect(stranger.errors?.[0]?.message).toMatch(/не числится/);
  });

  it('once the school year is closed, lets only the admin correct', async () => {
    const [year] = await platform.admin.sql<{ status: string }[]>`select status::text from learning.school_years
      where organization_id = ${organizationId} and year = 2026`;
    await platform.admin.sql`update learning.school_years set status = 'CLOSED'
      where organization_id = ${organizationId} and year = 2026`;
    try {
      const teacher = await setYearMark('teacher', { value: 'THREE' });
      expectCode(teacher, 'FORBIDDEN');
      expect(teacher.errors?.[0]?.message).toMatch(/Учебный год закрыт/);
      const admin = await setYearMark('admin', { value: 'FOUR' });
      expectOk(admin);
    } finally {
      await platform.admin.sql`update learning.school_years set status = ${year!.status}
        where organization_id = ${organizationId} and year = 2026`;
    }
  });

  it('deletes the final mark, then the year mark (not before), keeping the history', async () => {
    const marks = await platform.admin.sql<{ id: string; kind: string }[]>`
      select id, kind::text from learning.marks where student_id = ${child} and subject_id = ${subjectId}
        and kind in ('YEAR', 'FINAL') and deleted_at is null`;
    const year = marks.find((m) => m.kind === 'YEAR')!.id;
    const final = marks.find((m) => m.kind === 'FINAL')!.id;
    const tooEarly = await platform.query({ login: 'teacher' }, DELETE, { id: year });
    expectCode(tooEarly, 'BAD_USER_INPUT');
    const refused = await platform.query({ login: 'teacher-parent' }, DELETE, { id: final });
    expectCode(refused, 'FORBIDDEN');
    const deletedFinal = await platform.query<{ deleteMark: { history: { action: string }[] } }>(
      { login: 'teacher' },
      DELETE,
      { id: final },
    );
    expectOk(deletedFinal);
    expect(deletedFinal.data!.deleteMark.history.map((h) => h.action)).toEqual(['SET', 'DELETE']);
    const deletedYear = await platform.query({ login: 'teacher' }, DELETE, { id: year });
    expectOk(deletedYear);
  });
});
