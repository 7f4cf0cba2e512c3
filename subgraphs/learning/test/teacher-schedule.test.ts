/**
 * The teacher's schedule with substitutions (issue 5): own lessons, lessons taught on substitution and own
 * lessons given to a substitute, over the server's current week by default — through the gateway with
 * dev-ESIA tokens.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPlatform, type Platform } from '@region/tests/platform';
import { personIdOf } from '@region/tests/demo-people';
import { expectCode, expectOk, TODAY } from './helpers.ts';

let platform: Platform;
let teacherId: string;

beforeAll(async () => {
  platform = await startPlatform({ now: TODAY });
  teacherId = await personIdOf(platform.admin, 'teacher');
});
afterAll(async () => {
  await platform?.stop();
});

interface Schedule {
  from: string;
  to: string;
  today: string;
  days: {
    date: string;
    holiday: string | null;
    lessons: {
      role: string;
      room: string | null;
      class: { id: string; name: string };
      lesson: {
        id: string;
        date: string;
        lessonNumber: number;
        subject: { name: string };
        substitution: { reason: string } | null;
      };
    }[];
  }[];
}

const SCHEDULE = `query ($from: Date, $to: Date) { mySchedule(from: $from, to: $to) {
  from to today
  days { date holiday lessons { role room class { id name } lesson { id date lessonNumber subject { name } substitution { reason } } } }
} }`;

async function schedule(login: string, from?: string, to?: string) {
  return platform.query<{ mySchedule: Schedule }>({ login }, SCHEDULE, { from, to });
}

const lessonsOf = (result: Schedule) => result.days.flatMap((day) => day.lessons);

/** The demo's two substitutions around `teacher`: the one she gave away and the one she took. */
async function demoSubstitution(side: 'original' | 'substitute') {
  const rows = await platform.admin.sql<{ lessonId: string; date: string; reason: string }[]>`
    select lesson_id as "lessonId", to_char(date, 'YYYY-MM-DD') as date, reason from learning.substitutions
    where ${side === 'original' ? platform.admin.sql`original_teacher_id` : platform.admin.sql`substitute_teacher_id`} = ${teacherId}`;
  expect(rows.length).toBeGreaterThan(0);
  return rows[0]!;
}

describe('mySchedule', () => {
  it("gives the current week by the server's clock, Monday to Sunday, with the teacher's 5А lessons", async () => {
    const result = await schedule('teacher');
    expectOk(result);
    const week = result.data!.mySchedule;
    expect(week).toMatchObject({ from: '2026-11-16', to: '2026-11-22', today: '2026-11-20' });
    expect(week.days.map((day) => day.date)).toHaveLength(7);
    const lessons = lessonsOf(week);
    expect(lessons.length).toBeGreaterThanOrEqual(4);
    for (const entry of lessons) {
      expect(entry).toMatchObject({ role: 'OWN', class: { name: '5А' }, lesson: { subject: { name: 'Математика' } } });
      expect(entry.room).toBeTruthy();
    }
    expect(week.days.slice(5).every((day) => day.lessons.length === 0)).toBe(true);
  });

  it('marks her own lesson given to a substitute, with the reason', async () => {
    const given = await demoSubstitution('original');
    const result = await schedule('teacher', given.date, given.date);
    expectOk(result);
    const entry = lessonsOf(result.data!.mySchedule).find((e) => e.lesson.id === given.lessonId);
    expect(entry).toMatchObject({
      role: 'SUBSTITUTED',
      class: { name: '5А' },
      lesson: { substitution: { reason: given.reason } },
    });
  });

  it("shows the lesson she teaches on substitution in another teacher's class", async () => {
    const taken = await demoSubstitution('substitute');
    const result = await schedule('teacher', taken.date, taken.date);
    expectOk(result);
    const entry = lessonsOf(result.data!.mySchedule).find((e) => e.lesson.id === taken.lessonId);
    expect(entry?.role).toBe('SUBSTITUTING');
    expect(entry?.class.name).not.toBe('5А');
    expect(entry?.lesson.substitution?.reason).toBe(taken.reason);
  });

  it('names the holidays of her school on days without lessons', async () => {
    const result = await schedule('teacher', '2026-10-26', '2026-11-01');
    expectOk(result);
    const week = result.data!.mySchedule;
    expect(lessonsOf(week)).toHaveLength(0);
    expect(week.days[0]?.holiday).toBe('Осенние каникулы');
  });

  it("shows another teacher only their own lessons, never this teacher's", async () => {
    const mine = lessonsOf((await schedule('teacher')).data!.mySchedule).map((e) => e.lesson.id);
    const result = await schedule('class-teacher');
    expectOk(result);
    const theirs = lessonsOf(result.data!.mySchedule);
    expect(theirs.length).toBeGreaterThan(0);
    expect(theirs.filter((e) => mine.includes(e.lesson.id))).toEqual([]);
    expect(theirs.every((e) => e.lesson.subject.name !== 'Математика' || e.role === 'SUBSTITUTING')).toBe(true);
  });

  it('refuses a guardian, a student and an external system (FORBIDDEN)', async () => {
    expectCode(await schedule('guardian'), 'FORBIDDEN');
    expectCode(await schedule('student'), 'FORBIDDEN');
    const token = await platform.serviceToken('epgu');
    expectCode(await platform.query({ token }, SCHEDULE, {}), 'FORBIDDEN');
  });

  it('runs the same SQL statements for a week and for a month', async () => {
    const shape = (statements: string[]) =>
      [...new Set(statements.map((s) => s.replace(/\s+/g, ' ').replace(/\$\d+(, \$\d+)*/g, '$…')))].sort();
    const runs: string[][] = [];
    for (const [from, to] of [
      ['2026-09-28', '2026-10-04'],
      ['2026-09-07', '2026-10-06'],
    ]) {
      runs.push(await platform.recordStatements(async () => expectOk(await schedule('teacher', from, to))));
    }
    expect(shape(runs[1]!)).toEqual(shape(runs[0]!));
  });

  it('refuses a reversed range and one longer than 31 days (BAD_USER_INPUT)', async () => {
    expectCode(await schedule('teacher', '2026-11-20', '2026-11-16'), 'BAD_USER_INPUT');
    expectCode(await schedule('teacher', '2026-10-01', '2026-11-30'), 'BAD_USER_INPUT');
  });
});

describe('the journal around the schedule', () => {
  it("tells the grid the server's date, so the client can tell lessons to come", async () => {
    const result = await platform.query<{ myAssignments: { class: { id: string }; subject: { id: string } }[] }>(
      { login: 'teacher' },
      '{ myAssignments { class { id } subject { id } } }',
    );
    const [assignment] = result.data!.myAssignments;
    const grid = await platform.query<{ class: { journal: { today: string } } }>(
      { login: 'teacher' },
      'query ($c: ID!, $s: ID!) { class(id: $c) { journal(subjectId: $s) { today } } }',
      { c: assignment!.class.id, s: assignment!.subject.id },
    );
    expectOk(grid);
    expect(grid.data!.class.journal.today).toBe('2026-11-20');
  });

  it("plans a coming lesson's topic and homework, but takes its marks only on the day", async () => {
    const week = await schedule('teacher', '2026-11-23', '2026-11-27');
    const coming = lessonsOf(week.data!.mySchedule)[0]!.lesson;
    const planned = await platform.query<{ updateLesson: { topic: string; homework: { text: string } } }>(
      { login: 'teacher' },
      'mutation ($input: UpdateLessonInput!) { updateLesson(input: $input) { topic homework { text } } }',
      { input: { lessonId: coming.id, topic: 'Сравнение дробей', homework: { text: '№ 501', dueOn: coming.date } } },
    );
    expectOk(planned);
    expect(planned.data!.updateLesson).toEqual({ topic: 'Сравнение дробей', homework: { text: '№ 501' } });
    const student = await personIdOf(platform.admin, 'student');
    const refused = await platform.query(
      { login: 'teacher' },
      'mutation ($input: SaveLessonInput!) { saveLesson(input: $input) { id } }',
      { input: { lessonId: coming.id, marks: [{ studentId: student, value: 'FIVE' }] } },
    );
    expectCode(refused, 'BAD_USER_INPUT');
    expect(refused.errors?.[0]?.message).toMatch(/ещё не прошёл/);
  });

  it('lets a substitute save the lesson she substitutes and read it back, and no other lesson of that class', async () => {
    const [lesson, other] = await platform.admin.sql<{ id: string; classId: string }[]>`
      select l.id, l.class_id as "classId" from learning.lessons l
      where l.school_year = 2026 and l.organization_id = (select organization_id from learning.classes c
          join learning.assignments a on a.class_id = c.id where a.teacher_id = ${teacherId} limit 1)
        and l.date between '2026-11-16' and '2026-11-19' and l.teacher_id <> ${teacherId}
        and not exists (select 1 from learning.assignments a where a.class_id = l.class_id and a.teacher_id = ${teacherId})
      order by l.date, l.lesson_number limit 2`;
    await platform.admin.sql`
      insert into learning.substitutions (school_year, lesson_id, original_teacher_id, substitute_teacher_id, date, reason)
      select school_year, id, teacher_id, ${teacherId}, date, 'Больничный лист' from learning.lessons where id = ${lesson!.id}`;
    const SAVE = `mutation ($input: SaveLessonInput!) { saveLesson(input: $input) { id topic } }`;
    const saved = await platform.query<{ saveLesson: { id: string; topic: string } }>({ login: 'teacher' }, SAVE, {
      input: { lessonId: lesson!.id, topic: 'Урок на замене' },
    });
    expectOk(saved);
    expect(saved.data!.saveLesson).toEqual({ id: lesson!.id, topic: 'Урок на замене' });
    const week = await schedule('teacher');
    expect(lessonsOf(week.data!.mySchedule).find((e) => e.lesson.id === lesson!.id)?.role).toBe('SUBSTITUTING');
    expectCode(
      await platform.query({ login: 'teacher' }, SAVE, { input: { lessonId: other!.id, topic: 'Чужой урок' } }),
      'FORBIDDEN',
    );
    const LESSON = 'query ($id: ID!) { lesson(id: $id) { id } }';
    const read = await platform.query<{ lesson: { id: string } | null }>({ login: 'teacher' }, LESSON, {
      id: lesson!.id,
    });
    expect(read.data?.lesson?.id).toBe(lesson!.id);
    const refused = await platform.query<{ lesson: { id: string } | null }>({ login: 'teacher' }, LESSON, {
      id: other!.id,
    });
    expect(refused.data?.lesson).toBeNull();
    expectCode(refused, 'NOT_FOUND');
  });
});
