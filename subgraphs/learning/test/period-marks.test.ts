/**
 * Period marks (итоговые за четверть, DOMAIN.md rule 10): the subject's teacher and the school's admin set
 * and correct them, keeping the history; others are refused; a closed period only the admin; the guardian
 * then sees the mark in the child's portfolio.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPlatform, type Platform } from '@region/tests/platform';
import { personIdOf } from '@region/tests/demo-people';
import { assignmentOf, expectCode, expectOk, TODAY } from './helpers.ts';

let platform: Platform;
let classId: string;
let subjectId: string;
let child: string;
let openPeriod: string;
let closedPeriod: string;

const SET = `mutation ($input: SetPeriodMarkInput!) {
  setPeriodMark(input: $input) { id kind value comment date lesson { id } subject { id } student { id }
    history { action oldValue newValue } }
}`;

type Saved = {
  setPeriodMark: {
    id: string;
    kind: string;
    value: string;
    comment: string | null;
    date: string;
    lesson: null;
    history: { action: string; oldValue: string | null; newValue: string | null }[];
  };
};

const setPeriodMark = (login: string, input: Record<string, unknown>) =>
  platform.query<Saved>({ login }, SET, { input: { classId, subjectId, studentId: child, ...input } });

beforeAll(async () => {
  platform = await startPlatform({ now: TODAY });
  const assignment = await assignmentOf(platform, 'teacher', '5А');
  classId = assignment.class.id;
  subjectId = assignment.subject.id;
  child = await personIdOf(platform.admin, 'student');
  const periods = await platform.query<{
    class: { journal: { period: { id: string } }; organization: { id: string } };
  }>(
    { login: 'teacher' },
    'query ($c: ID!, $s: ID!) { class(id: $c) { organization { id } journal(subjectId: $s) { period { id } } } }',
    { c: classId, s: subjectId },
  );
  expectOk(periods);
  openPeriod = periods.data!.class.journal.period.id;
  const [closed] = await platform.admin.sql<{ id: string }[]>`
    select id from learning.study_periods
    where organization_id = ${periods.data!.class.organization.id} and closed_at is not null order by number limit 1`;
  closedPeriod = closed!.id;
});
afterAll(async () => {
  await platform?.stop();
});

describe('period marks', () => {
  it('lets the subject teacher set one and correct it, keeping the history, and shows it in the grid', async () => {
    const first = await setPeriodMark('teacher', { periodId: openPeriod, value: 'FOUR' });
    expectOk(first);
    const mark = first.data!.setPeriodMark;
    expect(mark).toMatchObject({ kind: 'PERIOD', value: 'FOUR', lesson: null });
    const corrected = await setPeriodMark('teacher', { periodId: openPeriod, value: 'FIVE', comment: 'Пересдача' });
    expectOk(corrected);
    expect(corrected.data!.setPeriodMark.id).toBe(mark.id);
    expect(corrected.data!.setPeriodMark.history.map((h) => h.action)).toEqual(['SET', 'CORRECT']);
    const change = corrected.data!.setPeriodMark.history[1]!;
    expect(JSON.parse(change.oldValue!).value).toBe('4');
    expect(JSON.parse(change.newValue!)).toMatchObject({ value: '5', kind: 'PERIOD', comment: 'Пересдача' });

    const rows = await platform.admin.sql<{ period_id: string; lesson_id: string | null; value: string }[]>`
      select period_id, lesson_id, value::text as value from learning.marks
      where student_id = ${child} and subject_id = ${subjectId} and kind = 'PERIOD' and period_id = ${openPeriod}
        and deleted_at is null`;
    expect(rows).toEqual([{ period_id: openPeriod, lesson_id: null, value: '5' }]);

    const grid = await platform.query<{
      class: { journal: { periodMarks: { id: string; value: string; student: { id: string } }[] } };
    }>(
      { login: 'teacher' },
      'query ($c: ID!, $s: ID!) { class(id: $c) { journal(subjectId: $s) { periodMarks { id value student { id } } } } }',
      { c: classId, s: subjectId },
    );
    expectOk(grid);
    expect(grid.data!.class.journal.periodMarks.find((m) => m.student.id === child)?.value).toBe('FIVE');
  });

  it("shows the period mark in the guardian's portfolio", async () => {
    const portfolio = await platform.query<{
      person: { portfolio: { periodMarks: { id: string; value: string; subject: { id: string } }[] } };
    }>(
      { login: 'guardian' },
      'query ($id: ID!) { person(id: $id) { portfolio { periodMarks { id value subject { id } } } } }',
      { id: child },
    );
    expectOk(portfolio);
    const [row] = await platform.admin.sql<{ id: string }[]>`
      select id from learning.marks where student_id = ${child} and subject_id = ${subjectId}
        and period_id = ${openPeriod} and deleted_at is null`;
    expect(portfolio.data!.person.portfolio.periodMarks.find((m) => m.id === row!.id)?.value).toBe('FIVE');
  });

  it('refuses another teacher of the class, the class teacher of another subject, and the guardian', async () => {
    for (const login of ['teacher-parent', 'class-teacher', 'guardian']) {
      const refused = await setPeriodMark(login, { periodId: openPeriod, value: 'TWO' });
      expectCode(refused, 'FORBIDDEN');
      expect(refused.errors?.[0]?.message).toMatch(/учитель этого предмета/);
    }
  });

  it('refuses a student who is not in the class, and a period of another organization', async () => {
    const outsider = await personIdOf(platform.admin, 'child-4a');
    const stranger = await setPeriodMark('teacher', { periodId: openPeriod, studentId: outsider, value: 'FOUR' });
    expectCode(stranger, 'BAD_USER_INPUT');
    expect(stranger.errors?.[0]?.message).toMatch(/не числится/);
    const [foreign] = await platform.admin.sql<{ id: string }[]>`
      select p.id from learning.study_periods p
      where p.organization_id <> (select organization_id from learning.classes where id = ${classId}) limit 1`;
    const elsewhere = await setPeriodMark('teacher', { periodId: foreign!.id, value: 'FOUR' });
    expectCode(elsewhere, 'BAD_USER_INPUT');
    const missing = await platform.query({ login: 'teacher' }, SET, {
      input: { classId: child, subjectId, periodId: openPeriod, studentId: child, value: 'FOUR' },
    });
    expectCode(missing, 'NOT_FOUND');
  });

  it('refuses the teacher in a closed period and lets the admin correct it', async () => {
    const refused = await setPeriodMark('teacher', { periodId: closedPeriod, value: 'THREE' });
    expectCode(refused, 'FORBIDDEN');
    expect(refused.errors?.[0]?.message).toMatch(/период закрыт/i);
    const allowed = await setPeriodMark('admin', { periodId: closedPeriod, value: 'THREE' });
    expectOk(allowed);
    expect(allowed.data!.setPeriodMark.value).toBe('THREE');
    const [row] = await platform.admin.sql<{ value: string; date: string }[]>`
      select value::text as value, date::text as date from learning.marks where id = ${allowed.data!.setPeriodMark.id}`;
    expect(row?.value).toBe('3');
  });

  it('deletes a period mark through deleteMark, keeping it in the history, and refuses others', async () => {
    const set = await setPeriodMark('teacher', { periodId: openPeriod, value: 'PASS' });
    expectOk(set);
    const id = set.data!.setPeriodMark.id;
    const DELETE = 'mutation ($id: ID!) { deleteMark(id: $id) { id } }';
    expectCode(await platform.query({ login: 'guardian' }, DELETE, { id }), 'FORBIDDEN');
    expectOk(await platform.query({ login: 'teacher' }, DELETE, { id }));
    const history = await platform.admin.sql<{ action: string }[]>`
      select action from learning.mark_history where mark_id = ${id} order by id`;
    expect(history.map((h) => h.action)).toEqual(['SET', 'CORRECT', 'CORRECT', 'DELETE']);
  });
});
