/**
 * The bell schedule and the class teacher's class page with guardians' advance absence notices (issue 15 §2),
 * through the gateway with real tokens: lesson times in the diary and the teacher's schedule, who may change
 * the bells and a class's shift, the class page's guardians' contacts under the CLASS_TEACHER grant and
 * consent, the week's absences, and who may notify an absence on which dates. Every refusal asserts its code.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { personIdOf } from '../src/demo-people.ts';
import { startPlatform, type GraphQLResponse, type Platform } from '../src/platform.ts';

/** Friday 20 November 2026, 12:00 in the region (UTC+5). */
const NOON = new Date('2026-11-20T07:00:00Z');
/** 23:30 local on 20 November and 00:30 local on 21 November: the same UTC date, different region dates. */
const LATE_EVENING = new Date('2026-11-20T18:30:00Z');
const AFTER_MIDNIGHT = new Date('2026-11-20T19:30:00Z');

let platform: Platform;
const ids: Record<string, string> = {};
let classId: string;
let organizationId: string;
let mathId: string;

const codes = (result: GraphQLResponse<unknown>) => (result.errors ?? []).map((error) => error.extensions?.code);
const fields = (result: GraphQLResponse<unknown>) =>
  (result.errors ?? []).map((error) => (error.extensions as { field?: string } | undefined)?.field);
const ok = <T>(result: GraphQLResponse<T>): T => {
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  return result.data!;
};

type DiaryLessons = {
  person: {
    diary: {
      today: string;
      days: {
        date: string;
        lessons: {
          lesson: {
            lessonNumber: number;
            time: { startsAt: string; endsAt: string } | null;
            teacher: { fullName: string };
          };
        }[];
      }[];
    };
  };
};
const DIARY = `query ($id: ID!) { person(id: $id) { diary(from: "2026-11-16", to: "2026-11-22") { today days { date
  lessons { lesson { lessonNumber time { startsAt endsAt } teacher { fullName } } } } } } }`;
const diaryLessons = async (login: string) =>
  ok(await platform.query<DiaryLessons>({ login }, DIARY, { id: ids['student'] })).person.diary.days.flatMap((day) =>
    day.lessons.map((item) => item.lesson),
  );

const SET_BELLS = `mutation ($input: SetBellsInput!) { setBells(input: $input) { shifts { shift bells { lessonNumber startsAt endsAt } } } }`;
const NOTIFY = `mutation ($input: NotifyAbsenceInput!) { notifyAbsence(input: $input) { id from to reason withdrawn
  student { id } declaredBy { id } } }`;
const notify = (login: string, input: { studentId?: string; from: string; to: string; reason?: string }) =>
  platform.query<{ notifyAbsence: { id: string; from: string; to: string; withdrawn: boolean } }>({ login }, NOTIFY, {
    input: { studentId: ids['student'], reason: 'Семейные обстоятельства', ...input },
  });

const CLASS_PAGE = `query ($id: ID!) { class(id: $id) { id name
  students { id fullName depersonalized guardians { id fullName depersonalized phone email } }
  week(from: "2026-11-16", to: "2026-11-22") { from to today
    attendance { status date student { id } lesson { id lessonNumber } }
    absenceNotices { id from to reason student { id } declaredBy { id } } } } }`;
type ClassPage = {
  class: {
    students: {
      id: string;
      fullName: string;
      depersonalized: boolean;
      guardians: {
        id: string;
        fullName: string;
        depersonalized: boolean;
        phone: string | null;
        email: string | null;
      }[];
    }[];
    week: {
      today: string;
      attendance: { status: string; student: { id: string } }[];
      absenceNotices: { id: string; from: string; to: string; reason: string; student: { id: string } }[];
    };
  } | null;
};

beforeAll(async () => {
  platform = await startPlatform({ now: NOON, principalTtlMs: 0 });
  for (const login of ['teacher', 'class-teacher', 'guardian', 'guardian2', 'student', 'child-4a', 'admin', 'admin2'])
    ids[login] = await personIdOf(platform.admin, login);
  const [row] = await platform.admin.sql<{ id: string; organization_id: string }[]>`
    select c.id, c.organization_id from learning.classes c join learning.class_members m on m.class_id = c.id
    where m.person_id = ${ids['student']!} and c.school_year = 2026`;
  classId = row!.id;
  organizationId = row!.organization_id;
  const [math] = await platform.admin.sql<{ id: string }[]>`select id from learning.subjects where name = 'Математика'`;
  mathId = math!.id;
});
afterAll(async () => {
  await platform?.stop();
});

describe('bell schedule', () => {
  it('gives every lesson of the diary its time and teacher, and the teacher’s schedule its times', async () => {
    const lessons = await diaryLessons('guardian');
    expect(lessons.length).toBeGreaterThan(0);
    for (const lesson of lessons) {
      expect(lesson.time, `lesson ${lesson.lessonNumber}`).not.toBeNull();
      expect(lesson.teacher.fullName).toBeTruthy();
    }
    expect(lessons.find((lesson) => lesson.lessonNumber === 1)?.time).toEqual({ startsAt: '08:30', endsAt: '09:15' });
    const schedule = ok(
      await platform.query<{
        mySchedule: { days: { lessons: { lesson: { time: { startsAt: string } | null } }[] }[] };
      }>(
        { login: 'teacher' },
        '{ mySchedule(from: "2026-11-16", to: "2026-11-22") { days { lessons { lesson { time { startsAt } } } } } }',
      ),
    );
    const times = schedule.mySchedule.days.flatMap((day) => day.lessons.map((entry) => entry.lesson.time));
    expect(times.length).toBeGreaterThan(0);
    expect(times.every((time) => time !== null)).toBe(true);
  });

  it('lets a learner’s family read the school’s bells, both shifts', async () => {
    const result = ok(
      await platform.query<{ organization: { bellSchedule: { shifts: { shift: number; bells: unknown[] }[] } } }>(
        { login: 'student' },
        'query ($id: ID!) { organization(id: $id) { bellSchedule { shifts { shift bells { lessonNumber startsAt endsAt } } } } }',
        { id: organizationId },
      ),
    );
    expect(result.organization.bellSchedule.shifts.map((shift) => shift.shift)).toEqual([1, 2]);
  });

  it('lets the school’s admin replace a shift’s bells, and the diary follows', async () => {
    const bells = [
      { lessonNumber: 1, startsAt: '08:00', endsAt: '08:45' },
      { lessonNumber: 2, startsAt: '08:55', endsAt: '09:40' },
      { lessonNumber: 3, startsAt: '10:00', endsAt: '10:45' },
      { lessonNumber: 4, startsAt: '11:05', endsAt: '11:50' },
      { lessonNumber: 5, startsAt: '12:00', endsAt: '12:45' },
      { lessonNumber: 6, startsAt: '12:55', endsAt: '13:40' },
      { lessonNumber: 7, startsAt: '13:50', endsAt: '14:35' },
      { lessonNumber: 8, startsAt: '14:45', endsAt: '15:30' },
    ];
    const saved = ok(
      await platform.query<{ setBells: { shifts: { shift: number; bells: { startsAt: string }[] }[] } }>(
        { login: 'admin' },
        SET_BELLS,
        { input: { organizationId, shift: 1, bells } },
      ),
    );
    expect(saved.setBells.shifts[0]!.bells[0]!.startsAt).toBe('08:00');
    const lessons = await diaryLessons('student');
    expect(lessons.find((lesson) => lesson.lessonNumber === 2)?.time).toEqual({ startsAt: '08:55', endsAt: '09:40' });
  });

  it('refuses the bells to another school’s admin and to a teacher with FORBIDDEN', async () => {
    const input = { organizationId, shift: 1, bells: [{ lessonNumber: 1, startsAt: '09:00', endsAt: '09:40' }] };
    expect(codes(await platform.query({ login: 'admin2' }, SET_BELLS, { input }))).toEqual(['FORBIDDEN']);
    expect(codes(await platform.query({ login: 'class-teacher' }, SET_BELLS, { input }))).toEqual(['FORBIDDEN']);
    expect(codes(await platform.query({ login: 'guardian' }, SET_BELLS, { input }))).toEqual(['FORBIDDEN']);
    const [count] = await platform.admin.sql<{ n: number }[]>`select count(*)::int as n from learning.bells
      where organization_id = ${organizationId} and shift = 1 and starts_at = '09:00'`;
    expect(count!.n).toBe(0);
  });

  it('refuses overlapping lessons, a bad time and a third shift with BAD_USER_INPUT naming the field', async () => {
    const send = (shift: number, bells: { lessonNumber: number; startsAt: string; endsAt: string }[]) =>
      platform.query({ login: 'admin' }, SET_BELLS, { input: { organizationId, shift, bells } });
    const overlap = await send(1, [
      { lessonNumber: 1, startsAt: '08:30', endsAt: '09:15' },
      { lessonNumber: 2, startsAt: '09:10', endsAt: '09:55' },
    ]);
    expect(codes(overlap)).toEqual(['BAD_USER_INPUT']);
    expect(fields(overlap)).toEqual(['bells.1.startsAt']);
    const badTime = await send(1, [{ lessonNumber: 1, startsAt: '8.30', endsAt: '09:15' }]);
    expect(fields(badTime)).toEqual(['bells.0.startsAt']);
    expect(codes(await send(3, []))).toEqual(['BAD_USER_INPUT']);
    // Nothing half-written: the first shift keeps the admin's last schedule.
    expect((await diaryLessons('student')).find((lesson) => lesson.lessonNumber === 1)?.time?.startsAt).toBe('08:00');
  });

  it('moves a class to the second shift (its lessons take that shift’s bells); a teacher may not', async () => {
    const SHIFT = 'mutation ($id: ID!, $shift: Int!) { setClassShift(classId: $id, shift: $shift) { id shift } }';
    expect(codes(await platform.query({ login: 'class-teacher' }, SHIFT, { id: classId, shift: 2 }))).toEqual([
      'FORBIDDEN',
    ]);
    expect(codes(await platform.query({ login: 'admin2' }, SHIFT, { id: classId, shift: 2 }))).toEqual(['FORBIDDEN']);
    ok(await platform.query({ login: 'admin' }, SHIFT, { id: classId, shift: 2 }));
    expect((await diaryLessons('student')).find((lesson) => lesson.lessonNumber === 1)?.time?.startsAt).toBe('14:00');
    ok(await platform.query({ login: 'admin' }, SHIFT, { id: classId, shift: 1 }));
  });
});

describe('«today» on the region’s date', () => {
  it('marks 20 November at 23:30 local and 21 November at 00:30 local (both 20 November in UTC)', async () => {
    const today = async () =>
      ok(await platform.query<DiaryLessons>({ login: 'guardian' }, DIARY, { id: ids['student'] })).person.diary.today;
    const scheduleToday = async () =>
      ok(await platform.query<{ mySchedule: { today: string } }>({ login: 'teacher' }, '{ mySchedule { today } }'))
        .mySchedule.today;
    try {
      platform.setNow(LATE_EVENING);
      expect(await today()).toBe('2026-11-20');
      expect(await scheduleToday()).toBe('2026-11-20');
      platform.setNow(AFTER_MIDNIGHT);
      expect(await today()).toBe('2026-11-21');
      expect(await scheduleToday()).toBe('2026-11-21');
    } finally {
      platform.setNow(NOON);
    }
  });
});

describe('class page', () => {
  it('shows the class teacher her learners with their guardians’ phones and e-mails', async () => {
    const page = ok(await platform.query<ClassPage>({ login: 'class-teacher' }, CLASS_PAGE, { id: classId }));
    const student = page.class!.students.find((row) => row.id === ids['student']);
    const guardian = student?.guardians.find((row) => row.id === ids['guardian']);
    expect(guardian?.fullName).toBeTruthy();
    expect(guardian?.phone ?? guardian?.email).toBeTruthy();
    expect(page.class!.students.length).toBeGreaterThan(5);
  });

  it('gives a subject teacher of the class no guardians or contacts; a guardian by id is NOT_FOUND', async () => {
    const witness = ok(await platform.query<ClassPage>({ login: 'class-teacher' }, CLASS_PAGE, { id: classId }));
    const result = await platform.query<ClassPage>({ login: 'teacher' }, CLASS_PAGE, { id: classId });
    const students = result.data!.class!.students;
    expect(students.length).toBe(witness.class!.students.length);
    // People's row scope: a TEACHER grant reaches the class's learners, not their parents (the class teacher's does).
    expect(witness.class!.students.some((row) => row.guardians.length > 0)).toBe(true);
    expect(students.every((row) => row.guardians.length === 0)).toBe(true);
    const direct = await platform.query<{ person: { phone: string | null } | null }>(
      { login: 'teacher' },
      'query ($id: ID!) { person(id: $id) { phone email } }',
      { id: ids['guardian'] },
    );
    expect(direct.data?.person ?? null).toBeNull();
    expect(codes(direct)).toEqual(['NOT_FOUND']);
  });

  it('answers NOT_FOUND for the class to another school’s admin', async () => {
    const result = await platform.query<ClassPage>({ login: 'admin2' }, CLASS_PAGE, { id: classId });
    expect(result.data?.class ?? null).toBeNull();
    expect(codes(result)).toContain('NOT_FOUND');
  });

  it('hides a guardian without consent to processing, and her contacts, from the class page', async () => {
    const [other] = await platform.admin.sql<{ guardian_id: string }[]>`
      select gs.guardian_id from people.guardianships gs
      join people.enrolments e on e.person_id = gs.child_id and e.class_id = ${classId} and e.ended_on is null
      where gs.guardian_id <> ${ids['guardian']!}
        and not exists (select 1 from people.employments e where e.person_id = gs.guardian_id)
      order by gs.guardian_id limit 1`;
    const guardianId = other!.guardian_id;
    const listed = async () => {
      const page = ok(await platform.query<ClassPage>({ login: 'class-teacher' }, CLASS_PAGE, { id: classId }));
      return page.class!.students.flatMap((row) => row.guardians).find((row) => row.id === guardianId);
    };
    expect((await listed())?.depersonalized).toBe(false);
    await platform.admin.sql`update people.consents set withdrawn_at = now()
      where person_id = ${guardianId} and kind = 'PROCESSING' and withdrawn_at is null`;
    // People shows a guardianship with a depersonalized end only to the family (rule 5): the link names both.
    expect(await listed()).toBeUndefined();
    const direct = await platform.query<{
      person: { fullName: string; depersonalized: boolean; phone: string | null };
    }>({ login: 'class-teacher' }, 'query ($id: ID!) { person(id: $id) { fullName depersonalized phone } }', {
      id: guardianId,
    });
    expect(direct.data?.person).toMatchObject({ depersonalized: true, phone: null });
  });

  it('lists the week’s absences of the class to the class teacher, a family only its own', async () => {
    const page = ok(await platform.query<ClassPage>({ login: 'class-teacher' }, CLASS_PAGE, { id: classId }));
    const [absent] = await platform.admin.sql<{ n: number }[]>`select count(*)::int as n from learning.attendance
      where class_id = ${classId} and date between '2026-11-16' and '2026-11-22'`;
    expect(page.class!.week.attendance.length).toBe(absent!.n);
    const family = await platform.query<ClassPage>({ login: 'guardian' }, CLASS_PAGE, { id: classId });
    expect(family.data?.class?.week, JSON.stringify(family.errors)).toBeTruthy();
    const seen = family.data!.class!.week.attendance;
    expect(seen.every((row) => row.student.id === ids['student'])).toBe(true);
  });
});

describe('advance absence notice', () => {
  it('a guardian notifies; the class teacher sees it on the class page and in the journal', async () => {
    const notice = ok(
      await notify('guardian', { from: '2026-11-20', to: '2026-11-24', reason: '  К врачу  ' }),
    ).notifyAbsence;
    expect(notice).toMatchObject({ from: '2026-11-20', to: '2026-11-24', withdrawn: false });
    const page = ok(await platform.query<ClassPage>({ login: 'class-teacher' }, CLASS_PAGE, { id: classId }));
    expect(page.class!.week.absenceNotices).toEqual([
      expect.objectContaining({ id: notice.id, reason: 'К врачу', student: { id: ids['student'] } }),
    ]);
    const grid = ok(
      await platform.query<{ class: { journal: { absenceNotices: { id: string }[] } } }>(
        { login: 'teacher' },
        'query ($id: ID!, $subject: ID!) { class(id: $id) { journal(subjectId: $subject) { absenceNotices { id } } } }',
        { id: classId, subject: mathId },
      ),
    );
    expect(grid.class.journal.absenceNotices.map((row) => row.id)).toContain(notice.id);
    const own = ok(
      await platform.query<{ person: { absenceNotices: { id: string }[] } }>(
        { login: 'guardian' },
        'query ($id: ID!) { person(id: $id) { absenceNotices { id } } }',
        { id: ids['student'] },
      ),
    );
    expect(own.person.absenceNotices.map((row) => row.id)).toContain(notice.id);
  });

  it('refuses a guardian of another child, a teacher and the learner with FORBIDDEN, and writes nothing', async () => {
    const before = await platform.admin.sql<{ n: number }[]>`select count(*)::int as n from learning.absence_notices`;
    for (const login of ['guardian2', 'class-teacher', 'student', 'admin'])
      expect(codes(await notify(login, { from: '2026-11-23', to: '2026-11-23' })), login).toEqual(['FORBIDDEN']);
    expect(
      codes(await notify('guardian', { studentId: ids['child-4a'], from: '2026-11-23', to: '2026-11-23' })),
    ).toEqual(['FORBIDDEN']);
    const after = await platform.admin.sql<{ n: number }[]>`select count(*)::int as n from learning.absence_notices`;
    expect(after[0]!.n).toBe(before[0]!.n);
  });

  it('refuses bad dates and an empty reason with BAD_USER_INPUT naming the field', async () => {
    const refused = async (input: { from: string; to: string; reason?: string }, field: string) => {
      const result = await notify('guardian', input);
      expect(codes(result), JSON.stringify(input)).toEqual(['BAD_USER_INPUT']);
      expect(fields(result)).toEqual([field]);
    };
    await refused({ from: '2026-11-19', to: '2026-11-20' }, 'from');
    await refused({ from: '2026-11-25', to: '2026-11-24' }, 'to');
    await refused({ from: '2026-11-23', to: '2026-12-07' }, 'to');
    await refused({ from: '2026-11-23', to: '2026-11-23', reason: '   ' }, 'reason');
    const [year] = await platform.admin.sql<{ ends_on: string }[]>`select ends_on::text from learning.school_years
      where organization_id = ${organizationId} and year = 2026`;
    const end = new Date(`${year!.ends_on}T00:00:00Z`);
    const day = (offset: number) => new Date(end.getTime() + offset * 86_400_000).toISOString().slice(0, 10);
    await refused({ from: day(-2), to: day(3) }, 'to');
    ok(await notify('guardian', { from: day(-2), to: day(0) }));
  });

  it('takes the region’s date: at 00:30 local yesterday is past, at 23:30 local today is not', async () => {
    try {
      platform.setNow(LATE_EVENING);
      ok(await notify('guardian', { from: '2026-11-20', to: '2026-11-20' }));
      platform.setNow(AFTER_MIDNIGHT);
      expect(codes(await notify('guardian', { from: '2026-11-20', to: '2026-11-21' }))).toEqual(['BAD_USER_INPUT']);
      ok(await notify('guardian', { from: '2026-11-21', to: '2026-11-21' }));
    } finally {
      platform.setNow(NOON);
    }
  });

  it('lets the guardian withdraw her notice; another guardian gets NOT_FOUND', async () => {
    const notice = ok(await notify('guardian', { from: '2026-11-26', to: '2026-11-27' })).notifyAbsence;
    const WITHDRAW = 'mutation ($id: ID!) { withdrawAbsenceNotice(id: $id) { id withdrawn } }';
    expect(codes(await platform.query({ login: 'guardian2' }, WITHDRAW, { id: notice.id }))).toEqual(['NOT_FOUND']);
    expect(codes(await platform.query({ login: 'class-teacher' }, WITHDRAW, { id: notice.id }))).toEqual(['NOT_FOUND']);
    const withdrawn = ok(
      await platform.query<{ withdrawAbsenceNotice: { withdrawn: boolean } }>({ login: 'guardian' }, WITHDRAW, {
        id: notice.id,
      }),
    );
    expect(withdrawn.withdrawAbsenceNotice.withdrawn).toBe(true);
    const page = ok(
      await platform.query<ClassPage>(
        { login: 'class-teacher' },
        CLASS_PAGE.replace('from: "2026-11-16", to: "2026-11-22"', 'from: "2026-11-23", to: "2026-11-29"'),
        { id: classId },
      ),
    );
    expect(page.class!.week.absenceNotices.map((row) => row.id)).not.toContain(notice.id);
  });
});
