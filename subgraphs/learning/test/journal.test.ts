/**
 * The teacher's journal (DOMAIN.md rule 10): who may set and correct marks, a whole lesson in one
 * transaction, closed periods, and the history of every correction — through the gateway with dev-ESIA
 * tokens.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPlatform, type Platform } from '@region/tests/platform';
import { personIdOf } from '@region/tests/demo-people';
import { assignmentOf, expectCode, expectOk, grid, TODAY, type Grid } from './helpers.ts';

let platform: Platform;
let journal: Grid;
let subjectId: string;

beforeAll(async () => {
  platform = await startPlatform({ now: TODAY });
  const assignment = await assignmentOf(platform, 'teacher', '5А');
  subjectId = assignment.subject.id;
  const result = await grid(platform, 'teacher', assignment.class.id, subjectId);
  expectOk(result);
  journal = result.data!.class!.journal;
});
afterAll(async () => {
  await platform?.stop();
});

const SAVE = `mutation ($input: SaveLessonInput!) {
  saveLesson(input: $input) { id topic marks { value student { id } } attendance { status student { id } } }
}`;

/** A lesson of the open period that has already taken place. */
function pastLesson(offset = 0) {
  const today = TODAY.toISOString().slice(0, 10);
  const past = journal.lessons.filter((lesson) => lesson.date <= today);
  const lesson = past[past.length - 1 - offset];
  if (!lesson) throw new Error('no past lesson in the current period');
  return lesson;
}

describe("teacher's journal", () => {
  it('opens the grid of the current period for the subject teacher, editable', () => {
    expect(journal.class.name).toBe('5А');
    expect(journal.period?.closed).toBe(false);
    expect(journal.editable).toBe(true);
    expect(journal.students.length).toBeGreaterThan(5);
    expect(journal.lessons.length).toBeGreaterThan(3);
  });

  it('opens another subject of her class to the class teacher read-only, as her writes there are refused', async () => {
    const classId = journal.class.id;
    const result = await grid(platform, 'class-teacher', classId, subjectId);
    expectOk(result);
    expect(result.data!.class!.journal.editable).toBe(false);
    const own = await assignmentOf(platform, 'class-teacher', '5А');
    const mine = await grid(platform, 'class-teacher', classId, own.subject.id);
    expect(mine.data!.class!.journal.editable).toBe(true);
  });

  it("saves a whole lesson in one mutation, and the child's guardian then sees the marks in the diary", async () => {
    const lesson = pastLesson();
    const child = await personIdOf(platform.admin, 'student');
    const [a, b] = journal.students.filter((s) => s.id !== child);
    const saved = await platform.query<{
      saveLesson: { marks: { value: string; student: { id: string } }[]; attendance: { status: string }[] };
    }>({ login: 'teacher' }, SAVE, {
      input: {
        lessonId: lesson.id,
        topic: 'Сложение дробей с разными знаменателями',
        homework: { text: '№ 412, 415', mandatory: true },
        marks: [
          { studentId: child, value: 'FIVE' },
          { studentId: a!.id, value: 'FOUR', weight: 2, comment: 'Самостоятельная' },
        ],
        attendance: [{ studentId: b!.id, status: 'SICK' }],
      },
    });
    expectOk(saved);
    expect(saved.data!.saveLesson.marks.find((m) => m.student.id === child)?.value).toBe('FIVE');

    const diary = await platform.query<{
      person: {
        diary: {
          days: { lessons: { lesson: { id: string; topic: string }; marks: { value: string; weight: number }[] }[] }[];
        };
      };
    }>(
      { login: 'guardian' },
      'query ($id: ID!, $from: Date!, $to: Date!) { person(id: $id) { diary(from: $from, to: $to) { days { lessons { lesson { id topic } marks { value weight } } } } } }',
      { id: child, from: lesson.date, to: lesson.date },
    );
    expectOk(diary);
    const entry = diary.data!.person.diary.days.flatMap((d) => d.lessons).find((l) => l.lesson.id === lesson.id);
    expect(entry?.lesson.topic).toBe('Сложение дробей с разными знаменателями');
    expect(entry?.marks).toEqual([{ value: 'FIVE', weight: 1 }]);
  });

  it("moves the child's average in the portfolio by exactly the new mark", async () => {
    const child = await personIdOf(platform.admin, 'student');
    const PORTFOLIO = 'query ($id: ID!) { person(id: $id) { portfolio { subjects { subject { id } average } } } }';
    const averageOf = async () => {
      const result = await platform.query<{
        person: { portfolio: { subjects: { subject: { id: string }; average: number | null }[] } };
      }>({ login: 'guardian' }, PORTFOLIO, { id: child });
      expectOk(result);
      return result.data!.person.portfolio.subjects.find((s) => s.subject.id === subjectId)?.average ?? null;
    };
    const [sums] = await platform.admin.sql<{ weighted: string; weights: string }[]>`
      select coalesce(sum(value::text::int * weight), 0)::text as weighted, coalesce(sum(weight), 0)::text as weights
      from learning.marks where school_year = 2026 and student_id = ${child} and subject_id = ${subjectId}
        and deleted_at is null and kind in ('CURRENT', 'CONTROL') and value in ('2', '3', '4', '5')`;
    const before = await averageOf();
    const lesson = pastLesson(3);
    const existing = await platform.admin.sql`
      select 1 from learning.marks where lesson_id = ${lesson.id} and student_id = ${child} and kind = 'CONTROL' and deleted_at is null`;
    expect(existing).toHaveLength(0);
    expectOk(
      await platform.query({ login: 'teacher' }, SAVE, {
        input: { lessonId: lesson.id, marks: [{ studentId: child, kind: 'CONTROL', value: 'TWO', weight: 3 }] },
      }),
    );
    const expected = Math.round(((Number(sums!.weighted) + 2 * 3) / (Number(sums!.weights) + 3)) * 100) / 100;
    const after = await averageOf();
    expect(after).toBe(expected);
    expect(after).not.toBe(before);
  });

  it('keeps every correction of a mark with the old and the new value', async () => {
    const lesson = pastLesson(1);
    const student = journal.students[0]!.id;
    const set = (value: string) =>
      platform.query<{ setMark: { id: string } }>(
        { login: 'teacher' },
        'mutation ($input: SetMarkInput!) { setMark(input: $input) { id } }',
        {
          input: { lessonId: lesson.id, studentId: student, value },
        },
      );
    const first = await set('THREE');
    expectOk(first);
    expectOk(await set('FOUR'));
    const history = await platform.query<{
      lesson: {
        marks: {
          id: string;
          value: string;
          history: { action: string; oldValue: string | null; newValue: string | null }[];
        }[];
      };
    }>(
      { login: 'teacher' },
      'query ($id: ID!) { lesson(id: $id) { marks { id value history { action oldValue newValue } } } }',
      { id: lesson.id },
    );
    const mark = history.data!.lesson.marks.find((m) => m.id === first.data!.setMark.id)!;
    expect(mark.value).toBe('FOUR');
    expect(mark.history.map((h) => h.action).slice(-2)).toEqual(['SET', 'CORRECT']);
    expect(JSON.parse(mark.history.at(-1)!.oldValue!).value).toBe('3');
    expect(JSON.parse(mark.history.at(-1)!.newValue!).value).toBe('4');

    expectOk(
      await platform.query({ login: 'teacher' }, 'mutation ($id: ID!) { deleteMark(id: $id) { id } }', { id: mark.id }),
    );
    const [row] = await platform.admin.sql<{ action: string }[]>`
      select action from learning.mark_history where mark_id = ${mark.id} order by id desc limit 1`;
    expect(row?.action).toBe('DELETE');
  });

  it('writes nothing of a lesson when one entry is invalid', async () => {
    const lesson = pastLesson(2);
    const outsider = await personIdOf(platform.admin, 'child-4a');
    const student = journal.students[1]!.id;
    const result = await platform.query({ login: 'teacher' }, SAVE, {
      input: {
        lessonId: lesson.id,
        topic: 'Не должна сохраниться',
        marks: [
          { studentId: student, value: 'FIVE' },
          { studentId: outsider, value: 'TWO' },
        ],
      },
    });
    expectCode(result, 'BAD_USER_INPUT');
    const [row] = await platform.admin.sql<
      { topic: string | null }[]
    >`select topic from learning.lessons where id = ${lesson.id}`;
    expect(row?.topic).not.toBe('Не должна сохраниться');
    const marks = await platform.admin
      .sql`select 1 from learning.marks where lesson_id = ${lesson.id} and student_id = ${outsider}`;
    expect(marks).toHaveLength(0);
  });

  it('clears a mark and an absence whose value is left out, as when it is null', async () => {
    const lesson = pastLesson(1);
    const [a, b] = journal.students;
    const set = await platform.query<{ saveLesson: { marks: unknown[]; attendance: unknown[] } }>(
      { login: 'teacher' },
      SAVE,
      {
        input: {
          lessonId: lesson.id,
          marks: [{ studentId: a!.id, value: 'THREE' }],
          attendance: [{ studentId: b!.id, status: 'ABSENT' }],
        },
      },
    );
    expectOk(set);
    const cleared = await platform.query<{
      saveLesson: { marks: { student: { id: string } }[]; attendance: { student: { id: string } }[] };
    }>({ login: 'teacher' }, SAVE, {
      input: { lessonId: lesson.id, marks: [{ studentId: a!.id }], attendance: [{ studentId: b!.id }] },
    });
    expectOk(cleared);
    expect(cleared.data!.saveLesson.marks.some((m) => m.student.id === a!.id)).toBe(false);
    expect(cleared.data!.saveLesson.attendance.some((m) => m.student.id === b!.id)).toBe(false);
    const single = await platform.query<{ setAttendance: unknown }>(
      { login: 'teacher' },
      'mutation ($input: AttendanceInput!) { setAttendance(input: $input) { status } }',
      { input: { lessonId: lesson.id, studentId: b!.id } },
    );
    expectOk(single);
    expect(single.data!.setAttendance).toBeNull();
  });

  it('refuses a lesson that has not taken place yet', async () => {
    const future = journal.lessons.find((lesson) => lesson.date > TODAY.toISOString().slice(0, 10));
    if (!future) return;
    const result = await platform.query({ login: 'teacher' }, SAVE, {
      input: { lessonId: future.id, marks: [{ studentId: journal.students[0]!.id, value: 'FIVE' }] },
    });
    expectCode(result, 'BAD_USER_INPUT');
  });
});

describe('who may write', () => {
  it('refuses another teacher of the same school (FORBIDDEN), and the guardian', async () => {
    const lesson = pastLesson();
    const input = { lessonId: lesson.id, marks: [{ studentId: journal.students[0]!.id, value: 'TWO' }] };
    expectCode(await platform.query({ login: 'unlinked' }, SAVE, { input }), 'FORBIDDEN');
    expectCode(await platform.query({ login: 'guardian' }, SAVE, { input }), 'FORBIDDEN');
  });

  it('lets a substitute write the substituted lesson, and only that one', async () => {
    const [substituted, other] = [pastLesson(4), pastLesson(5)];
    const substitute = await personIdOf(platform.admin, 'class-teacher');
    const input = (lessonId: string) => ({ lessonId, marks: [{ studentId: journal.students[3]!.id, value: 'FOUR' }] });
    expectCode(await platform.query({ login: 'class-teacher' }, SAVE, { input: input(substituted.id) }), 'FORBIDDEN');
    await platform.admin.sql`
      insert into learning.substitutions (school_year, lesson_id, original_teacher_id, substitute_teacher_id, date, reason)
      select school_year, id, teacher_id, ${substitute}, date, 'Больничный' from learning.lessons where id = ${substituted.id}`;
    expectOk(await platform.query({ login: 'class-teacher' }, SAVE, { input: input(substituted.id) }));
    expectCode(await platform.query({ login: 'class-teacher' }, SAVE, { input: input(other.id) }), 'FORBIDDEN');
  });

  it('lets the organization admin write any lesson of the school', async () => {
    const lesson = pastLesson();
    expectOk(
      await platform.query({ login: 'admin' }, SAVE, {
        input: { lessonId: lesson.id, marks: [{ studentId: journal.students[2]!.id, value: 'FOUR' }] },
      }),
    );
  });

  it('refuses the teacher in a closed period and lets the admin correct it', async () => {
    const periods = await platform.query<{ class: { journal: Grid } }>(
      { login: 'teacher' },
      'query ($c: ID!, $s: ID!) { class(id: $c) { journal(subjectId: $s, from: "2026-09-01", to: "2026-10-24") { period { id } lessons { id date } students { id } editable } } }',
      { c: journal.class.id, s: subjectId },
    );
    expectOk(periods);
    const closed = periods.data!.class.journal;
    const lesson = closed.lessons[0]!;
    const input = { lessonId: lesson.id, marks: [{ studentId: closed.students[0]!.id, value: 'THREE' }] };
    const refused = await platform.query({ login: 'teacher' }, SAVE, { input });
    expectCode(refused, 'FORBIDDEN');
    expect(refused.errors?.[0]?.message).toMatch(/период закрыт/i);
    expectOk(await platform.query({ login: 'admin' }, SAVE, { input }));
  });

  it("refuses the grid of another subject of the class, and another school's journal", async () => {
    // teacher-parent teaches history in 5А: the class is theirs, mathematics is not.
    const refused = await grid(platform, 'teacher-parent', journal.class.id, subjectId);
    expectCode(refused, 'FORBIDDEN');
    const stranger = await grid(platform, 'unlinked', journal.class.id, subjectId);
    expect(stranger.data?.class).toBeNull();
    expectCode(stranger, 'NOT_FOUND');
    const foreign = await grid(platform, 'admin2', journal.class.id, subjectId);
    expect(foreign.data?.class).toBeNull();
    expectCode(foreign, 'NOT_FOUND');
  });
});
