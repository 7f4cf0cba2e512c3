/**
 * Notifications of the journal (issue 15 §1), end to end through the gateway with real tokens: a teacher puts
 * a mark, learning's `people_outbox` tells people as the `learning-notifications` service account, and the
 * learner and their guardian get a notification (the guardian's names the child), while another family's
 * guardian and a classmate's guardian do not; a retried delivery writes nothing twice; an absence and homework
 * notify too, and saving the same absence again does not; e-mail copies reach dev ESIA's mailbox only for
 * persons who chose e-mail for the kind; nobody but the service account may post a notice.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RECORD as JOURNAL_NOTICE } from '../../subgraphs/learning/src/outbox/people-client.ts';
import { personIdOf } from '../src/demo-people.ts';
import { deliverJournalNotices, listenDevMailbox, sendNotificationEmails } from '../src/notifications.ts';
import { startPlatform, type GraphQLResponse, type Platform } from '../src/platform.ts';

/** Friday 23 October 2026 in the region: the first quarter is still open for marks. */
const NOW = new Date('2026-10-23T04:00:00Z');

let platform: Platform;
let smtpPort: number;
let cell: {
  lessonId: string;
  date: string;
  childId: string;
  classId: string;
  classmateId: string;
  subject: string;
};
let guardianId: string;
let classmateGuardianId: string;

const codes = (result: GraphQLResponse) => (result.errors ?? []).map((error) => error.extensions?.code);
function expectOk(result: GraphQLResponse) {
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
}

type Notification = { id: string; kind: string; title: string; aboutPersonId: string | null };
const NOTIFICATIONS = '{ notifications(first: 50) { id kind title aboutPersonId } }';
async function notificationsOf(login: string): Promise<Notification[]> {
  const result = await platform.query<{ notifications: Notification[] }>({ login }, NOTIFICATIONS);
  expectOk(result);
  return result.data!.notifications;
}

async function rowsOf(personId: string, kind: string) {
  return platform.admin.sql<{ title: string }[]>`
    select title from people.notifications where person_id = ${personId} and kind = ${kind}`;
}

type Letter = { to: string[]; subject: string; text: string; kind: string | null };
async function mailbox(): Promise<Letter[]> {
  const response = await fetch(`${platform.esiaUrl}/dev/mailbox.json`);
  expect(response.status).toBe(200);
  return (await response.json()) as Letter[];
}

const SET_MARK = 'mutation ($input: SetMarkInput!) { setMark(input: $input) { id } }';
const SET_ATTENDANCE = 'mutation ($input: AttendanceInput!) { setAttendance(input: $input) { status } }';

beforeAll(async () => {
  platform = await startPlatform({ now: NOW, principalTtlMs: 0 });
  smtpPort = await listenDevMailbox(platform);
  await platform.admin
    .sql`update learning.study_periods set closed_at = null, closed_by = null where starts_on = '2026-09-01'`;
  const teacherId = await personIdOf(platform.admin, 'teacher');
  guardianId = await personIdOf(platform.admin, 'guardian');
  const studentId = await personIdOf(platform.admin, 'student');
  // A lesson of the teacher's in the class of `student` (the guardian's child) with no mark or absence yet, and
  // a classmate with a guardian of their own.
  const [row] = await platform.admin.sql<(typeof cell)[]>`
    select l.id as "lessonId", to_char(l.date, 'YYYY-MM-DD') as date, e.person_id as "childId",
      l.class_id as "classId", mate.person_id as "classmateId", s.name as subject
    from learning.lessons l
      join learning.subjects s on s.id = l.subject_id
      join people.enrolments e on e.class_id = l.class_id and e.ended_on is null and e.person_id = ${studentId}
      join people.enrolments mate on mate.class_id = l.class_id and mate.ended_on is null
        and mate.person_id <> e.person_id
        and exists (select 1 from people.guardianships g where g.child_id = mate.person_id
                    and g.guardian_id <> ${guardianId})
    where l.school_year = 2026 and l.teacher_id = ${teacherId} and l.date between '2026-10-12' and '2026-10-23'
      and not exists (select 1 from learning.marks m where m.lesson_id = l.id and m.deleted_at is null
                      and m.student_id in (e.person_id, mate.person_id))
      and not exists (select 1 from learning.attendance a where a.lesson_id = l.id
                      and a.student_id in (e.person_id, mate.person_id))
    order by l.date desc, mate.person_id limit 1`;
  if (!row) throw new Error("no empty cell of the guardian's child in the teacher's journal");
  cell = row;
  const [mateGuardian] = await platform.admin.sql<{ guardian_id: string }[]>`
    select guardian_id from people.guardianships where child_id = ${cell.classmateId} order by guardian_id limit 1`;
  classmateGuardianId = mateGuardian!.guardian_id;
  // The classmate and their guardian have consent, so what they do not hear is the rule, not a missing consent.
  for (const personId of [classmateGuardianId, cell.classmateId]) {
    await platform.admin.sql`insert into people.consents (person_id, kind, granted_by)
      select ${personId}, 'PROCESSING', ${classmateGuardianId}
      where not exists (select 1 from people.consents where person_id = ${personId}
        and kind = 'PROCESSING' and withdrawn_at is null)`;
  }
  // Addresses on the cards, so whether a letter goes out is the person's choice alone.
  await platform.admin.sql`update people.persons set email = 'olga.kuznetsova@example.test' where id = ${guardianId}`;
  await platform.admin.sql`update people.persons set email = 'dima.kuznetsov@example.test' where id = ${studentId}`;
});
afterAll(async () => {
  platform?.mailbox.smtp.close();
  await platform?.stop();
});

describe('notifications of the journal', () => {
  it('a mark notifies the learner and their guardian, not another family or a classmate’s guardian', async () => {
    expectOk(
      await platform.query({ login: 'teacher' }, SET_MARK, {
        input: { lessonId: cell.lessonId, studentId: cell.childId, value: 'FIVE' },
      }),
    );
    expectOk(
      await platform.query({ login: 'teacher' }, SET_MARK, {
        input: { lessonId: cell.lessonId, studentId: cell.classmateId, value: 'TWO' },
      }),
    );
    await expect(deliverJournalNotices(platform)).resolves.toEqual({ delivered: 2, failed: 0 });

    const day = cell.date.split('-').reverse().join('.');
    const guardian = (await notificationsOf('guardian')).filter((item) => item.kind === 'MARK');
    expect(guardian).toEqual([
      expect.objectContaining({
        title: `Дмитрий: Новая отметка 5: «${cell.subject}», ${day}`,
        aboutPersonId: cell.childId,
      }),
    ]);
    const student = (await notificationsOf('student')).filter((item) => item.kind === 'MARK');
    expect(student.map((item) => item.title)).toEqual([`Новая отметка 5: «${cell.subject}», ${day}`]);
    // Another family (guardian2) hears nothing; the classmate's guardian hears only of their own child's 2.
    expect((await notificationsOf('guardian2')).filter((item) => item.kind === 'MARK')).toEqual([]);
    const mate = await rowsOf(classmateGuardianId, 'MARK');
    expect(mate).toHaveLength(1);
    expect(mate[0]!.title).toMatch(/Новая отметка 2/);
    expect(mate[0]!.title).not.toContain('Дмитрий');
    expect(mate[0]!.title).not.toMatch(/отметка 5/);
  });

  it('a retried delivery of the same outbox message writes no second notification', async () => {
    const before = (await rowsOf(guardianId, 'MARK')).length;
    await platform.admin.sql`update learning.people_outbox set delivered_at = null`;
    await expect(deliverJournalNotices(platform)).resolves.toEqual({ delivered: 2, failed: 0 });
    expect(await rowsOf(guardianId, 'MARK')).toHaveLength(before);
  });

  it('an absence notifies once however often the lesson is saved; homework notifies the class', async () => {
    for (let i = 0; i < 2; i++) {
      expectOk(
        await platform.query({ login: 'teacher' }, SET_ATTENDANCE, {
          input: { lessonId: cell.lessonId, studentId: cell.childId, status: 'ABSENT' },
        }),
      );
    }
    expectOk(
      await platform.query(
        { login: 'teacher' },
        'mutation ($input: UpdateLessonInput!) { updateLesson(input: $input) { id } }',
        { input: { lessonId: cell.lessonId, homework: { text: 'Упражнение 12', dueOn: '2026-10-27' } } },
      ),
    );
    await expect(deliverJournalNotices(platform)).resolves.toEqual({ delivered: 2, failed: 0 });
    expect((await rowsOf(guardianId, 'ABSENCE')).map((row) => row.title)).toEqual([
      `Дмитрий: Пропуск урока: «${cell.subject}», ${cell.date.split('-').reverse().join('.')}`,
    ]);
    expect((await rowsOf(guardianId, 'HOMEWORK')).map((row) => row.title)).toEqual([
      `Дмитрий: Домашнее задание: «${cell.subject}», ${cell.date.split('-').reverse().join('.')}, сдать до 27.10.2026`,
    ]);
    expect(await rowsOf(classmateGuardianId, 'HOMEWORK')).toHaveLength(1);
    expect(await rowsOf(classmateGuardianId, 'ABSENCE')).toHaveLength(0);
  });

  it('sends an e-mail copy to the dev mailbox only to those who chose e-mail for the kind', async () => {
    const chosen = await platform.query<{ setNotificationSetting: { kind: string; inApp: boolean; email: boolean } }>(
      { login: 'guardian' },
      'mutation { setNotificationSetting(kind: MARK, inApp: true, email: true) { kind inApp email } }',
    );
    expectOk(chosen);
    expect(chosen.data!.setNotificationSetting).toEqual({ kind: 'MARK', inApp: true, email: true });
    const settings = await platform.query<{ notificationSettings: { kind: string; email: boolean }[] }>(
      { login: 'student' },
      '{ notificationSettings { kind inApp email } }',
    );
    expectOk(settings);
    expect(settings.data!.notificationSettings.find((row) => row.kind === 'MARK')).toMatchObject({ email: false });

    expectOk(
      await platform.query({ login: 'teacher' }, SET_MARK, {
        input: { lessonId: cell.lessonId, studentId: cell.childId, value: 'FOUR' },
      }),
    );
    await expect(deliverJournalNotices(platform)).resolves.toEqual({ delivered: 1, failed: 0 });
    await expect(sendNotificationEmails(platform, smtpPort)).resolves.toEqual({ delivered: 1, failed: 0 });
    const letters = await mailbox();
    expect(letters).toHaveLength(1);
    expect(letters[0]).toMatchObject({
      to: ['olga.kuznetsova@example.test'],
      subject: `Дмитрий: Отметка исправлена на 4: «${cell.subject}», ${cell.date.split('-').reverse().join('.')}`,
      kind: 'MARK',
    });
    // The learner, who did not choose e-mail, got the notification in the cabinet only.
    expect((await notificationsOf('student')).filter((item) => item.kind === 'MARK')).toHaveLength(2);
    expect(letters.flatMap((letter) => letter.to)).not.toContain('dima.kuznetsov@example.test');

    const page = await fetch(`${platform.esiaUrl}/dev/mailbox`);
    expect(await page.text()).toContain('Почтовый ящик разработки');
  });

  it('refuses a notice from anyone but the learning service account', async () => {
    const notice = {
      input: {
        key: 'forged-1',
        kind: 'MARK',
        organizationId: cell.classId,
        classId: cell.classId,
        subject: cell.subject,
        date: cell.date,
        studentId: cell.childId,
        markValue: '2',
      },
    };
    const RECORD = 'mutation ($input: JournalNoticeInput!) { recordJournalNotice(input: $input) }';
    expect(codes(await platform.query({ login: 'teacher' }, RECORD, notice))).toContain('FORBIDDEN');
    // A system without the scope (and without a manifest: the refusal is the scope's) …
    const other = await platform.serviceToken('epgu');
    expect(codes(await platform.query({ token: other }, RECORD, notice))).toContain('FORBIDDEN');
    // … and a worker whose manifest holds other operations (issue 14 §1).
    const worker = await platform.serviceToken('extra-education-enrolment');
    expect(codes(await platform.query({ token: worker }, JOURNAL_NOTICE, notice))).toEqual([
      'PERSISTED_QUERY_NOT_ALLOWED',
    ]);
    const own = await platform.serviceToken('learning-notifications');
    const [organization] = await platform.admin.sql<{ organization_id: string }[]>`
      select organization_id from learning.lessons where id = ${cell.lessonId}`;
    // The account runs its manifest's text only: the worker's own.
    const bad = await platform.query({ token: own }, JOURNAL_NOTICE, {
      input: { ...notice.input, organizationId: organization!.organization_id, markValue: '7' },
    });
    expect(codes(bad)).toEqual(['BAD_USER_INPUT']);
    expect(await rowsOf(guardianId, 'MARK')).toHaveLength(2);
  });
});
