/**
 * The diary names the room of each lesson from the class timetable (the student's schedule shows it), and
 * it follows the diary's access: another family sees nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPlatform, type Platform } from '@region/tests/platform';
import { personIdOf } from '@region/tests/demo-people';
import { expectCode, expectOk, TODAY } from './helpers.ts';

let platform: Platform;
let child: string;

beforeAll(async () => {
  platform = await startPlatform({ now: TODAY });
  child = await personIdOf(platform.admin, 'student');
});
afterAll(async () => {
  await platform?.stop();
});

const DIARY = `query ($id: ID!) { person(id: $id) { diary(from: "2026-10-12", to: "2026-10-18") {
  days { lessons { lesson { id } room } } } } }`;

type Diary = { days: { lessons: { lesson: { id: string }; room: string | null }[] }[] };

describe('diary rooms', () => {
  it('gives each lesson the room of its timetable slot, to the student and the guardian', async () => {
    for (const login of ['student', 'guardian']) {
      const result = await platform.query<{ person: { diary: Diary } }>({ login }, DIARY, { id: child });
      expectOk(result);
      const lessons = result.data!.person.diary.days.flatMap((day) => day.lessons);
      expect(lessons.length, login).toBeGreaterThan(10);
      const expected = await platform.admin.sql<{ id: string; room: string | null }[]>`
        select l.id, (select ss.room from learning.schedule_slots ss
          where ss.class_id = l.class_id and ss.subject_id = l.subject_id and ss.teacher_id = l.teacher_id
            and ss.subgroup is not distinct from l.subgroup and ss.weekday = extract(isodow from l.date)
            and ss.lesson_number = l.lesson_number and ss.valid_from <= l.date
            and (ss.valid_to is null or ss.valid_to >= l.date) limit 1) as room
        from learning.lessons l where l.id in ${platform.admin.sql(lessons.map((entry) => entry.lesson.id))}`;
      const rooms = new Map(expected.map((row) => [row.id, row.room]));
      for (const entry of lessons) expect(entry.room, entry.lesson.id).toBe(rooms.get(entry.lesson.id));
      expect(lessons.filter((entry) => entry.room !== null).length).toBeGreaterThan(0);
    }
  });

  it('shows another family no rooms, since it shows them no diary', async () => {
    const result = await platform.query<{ person: unknown }>({ login: 'guardian2' }, DIARY, { id: child });
    expect(result.data?.person).toBeNull();
    expectCode(result, 'NOT_FOUND');
  });
});
