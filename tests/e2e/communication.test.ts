/**
 * Communication (issue 15 §1) through the gateway with real tokens: who may write to whom, threads and unread
 * counts, consent and retention of messages; announcements reaching their audience only, on region dates; the
 * bell. Every refusal asserts its code.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb } from '@region/db';
import { purgeExpiredCommunication } from '../../subgraphs/people/src/modules/messages/retention.ts';
import { personIdOf } from '../src/demo-people.ts';
import { startPlatform, type GraphQLResponse, type Platform } from '../src/platform.ts';

/** 20 November 2026, 12:00 in the region (UTC+5). */
const NOON = new Date('2026-11-20T07:00:00Z');

let platform: Platform;
const ids: Record<string, string> = {};

const codes = (result: GraphQLResponse<unknown>) => (result.errors ?? []).map((error) => error.extensions?.code);
const ok = <T>(result: GraphQLResponse<T>): T => {
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  return result.data!;
};

interface Recipient {
  personId: string;
  name: string;
  relation: string;
  className: string | null;
  childName: string | null;
}
const RECIPIENTS = '{ messageRecipients { personId name relation className childName } }';
const recipients = async (login: string) =>
  ok(await platform.query<{ messageRecipients: Recipient[] }>({ login }, RECIPIENTS)).messageRecipients;

const SEND = `mutation ($input: SendMessageInput!) { sendMessage(input: $input) {
  id subject counterpart { id name } unreadCount messages { body mine author { name } } } }`;
const send = (
  login: string,
  recipientIds: string[],
  subject = 'Родительское собрание',
  body = 'Собрание в пятницу в 18:00.',
) =>
  platform.query<{ sendMessage: { id: string; counterpart: { id: string } }[] }>({ login }, SEND, {
    input: { recipientIds, subject, body },
  });

const THREADS = '{ messageThreads { id subject unreadCount lastMessage counterpart { id name } } unreadMessageCount }';
type Threads = {
  messageThreads: {
    id: string;
    subject: string;
    unreadCount: number;
    lastMessage: string | null;
    counterpart: { id: string; name: string };
  }[];
  unreadMessageCount: number;
};

beforeAll(async () => {
  platform = await startPlatform({ now: NOON, principalTtlMs: 0 });
  for (const login of [
    'teacher',
    'guardian',
    'guardian2',
    'student',
    'student-8b',
    'admin',
    'admin2',
    'class-teacher',
    'unlinked',
  ]) {
    ids[login] = await personIdOf(platform.admin, login);
  }
});
afterAll(async () => {
  await platform?.stop();
});

describe('messages: who may write to whom', () => {
  it('offers a teacher the families of the classes she teaches and her school’s admin, and nobody else', async () => {
    const list = await recipients('teacher');
    const guardian = list.find((row) => row.personId === ids['guardian']);
    expect(guardian).toMatchObject({ relation: 'GUARDIAN', className: '5А' });
    expect(guardian?.childName).toBeTruthy();
    expect(list.some((row) => row.personId === ids['student'] && row.relation === 'LEARNER')).toBe(true);
    expect(list.some((row) => row.personId === ids['admin'] && row.relation === 'SCHOOL_ADMIN')).toBe(true);
    // 8Б is not hers, school 2-1 is not hers.
    expect(list.some((row) => row.personId === ids['student-8b'])).toBe(false);
    expect(list.some((row) => row.personId === ids['guardian2'])).toBe(false);
    expect(list.every((row) => row.relation !== 'GUARDIAN' || row.className === '5А')).toBe(true);
  });

  it('offers a parent her children’s teachers and their schools’ admins', async () => {
    const list = await recipients('guardian');
    expect(list.some((row) => row.personId === ids['teacher'] && row.relation === 'TEACHER')).toBe(true);
    expect(list.some((row) => row.personId === ids['class-teacher'] && row.relation === 'CLASS_TEACHER')).toBe(true);
    expect(list.some((row) => row.personId === ids['unlinked'] && row.className === '8Б')).toBe(true);
    expect(list.some((row) => row.personId === ids['admin'] && row.relation === 'SCHOOL_ADMIN')).toBe(true);
    expect(list.some((row) => row.personId === ids['admin2'])).toBe(false);
    expect(list.some((row) => row.relation === 'GUARDIAN' || row.relation === 'LEARNER')).toBe(false);
  });

  it('a school admin writes to her staff and the school’s parents, and a teacher answers her', async () => {
    const list = await recipients('admin');
    expect(list.some((row) => row.personId === ids['teacher'] && row.relation === 'STAFF')).toBe(true);
    expect(list.some((row) => row.personId === ids['guardian'] && row.relation === 'GUARDIAN')).toBe(true);
    expect(list.some((row) => row.personId === ids['guardian2'] || row.personId === ids['admin2'])).toBe(false);
    const sent = ok(await send('admin', [ids['teacher']!], 'Педсовет', 'Педсовет в четверг.'));
    const reply = await platform.query(
      { login: 'teacher' },
      'mutation ($id: ID!) { replyToThread(threadId: $id, body: "Буду.") { id } }',
      { id: sent.sendMessage[0]!.id },
    );
    expect(reply.errors, JSON.stringify(reply.errors)).toBeUndefined();
    expect(codes(await send('admin2', [ids['teacher']!]))).toEqual(['FORBIDDEN']);
  });

  it('refuses writing to a stranger with FORBIDDEN and writes nothing', async () => {
    const result = await send('teacher', [ids['guardian']!, ids['guardian2']!]);
    expect(codes(result)).toEqual(['FORBIDDEN']);
    const [row] = await platform.admin.sql<{ count: number }[]>`
      select count(*)::int as count from people.message_threads where created_by = ${ids['teacher']!}`;
    expect(row!.count).toBe(0);
  });

  it('refuses a principal without messages (the analyst) at the gateway', async () => {
    const result = await platform.query({ login: 'analyst' }, THREADS);
    expect(codes(result)).toContain('FORBIDDEN');
  });

  it('refuses empty text with BAD_USER_INPUT naming the field', async () => {
    const result = await send('teacher', [ids['guardian']!], 'Тема', '   ');
    expect(codes(result)).toEqual(['BAD_USER_INPUT']);
    expect((result.errors![0]!.extensions as { field?: string }).field).toBe('body');
  });
});

describe('messages: a thread, unread counts and the bell', () => {
  let threadId = '';

  it('a teacher writes to a parent: one thread each, unread for the parent, a notification in the bell', async () => {
    const sent = ok(await send('teacher', [ids['guardian']!, ids['student']!]));
    expect(sent.sendMessage.map((thread) => thread.counterpart.id).sort()).toEqual(
      [ids['guardian']!, ids['student']!].sort(),
    );
    threadId = sent.sendMessage.find((thread) => thread.counterpart.id === ids['guardian'])!.id;
    const parent = ok(await platform.query<Threads>({ login: 'guardian' }, THREADS));
    expect(parent.unreadMessageCount).toBe(1);
    expect(parent.messageThreads).toEqual([
      expect.objectContaining({ id: threadId, unreadCount: 1, lastMessage: 'Собрание в пятницу в 18:00.' }),
    ]);
    // The student's thread is not the parent's.
    const bell = ok(
      await platform.query<{
        notifications: { kind: string; threadId: string; read: boolean }[];
        unreadNotificationCount: number;
      }>({ login: 'guardian' }, '{ notifications { kind threadId read } unreadNotificationCount }'),
    );
    expect(bell.notifications).toContainEqual({ kind: 'MESSAGE', threadId, read: false });
    expect(bell.unreadNotificationCount).toBeGreaterThan(0);
  });

  it('another parent cannot open the thread: NOT_FOUND', async () => {
    const result = await platform.query({ login: 'guardian2' }, 'query ($id: ID!) { messageThread(id: $id) { id } }', {
      id: threadId,
    });
    expect(codes(result)).toEqual(['NOT_FOUND']);
    const reply = await platform.query(
      { login: 'guardian2' },
      'mutation ($id: ID!) { replyToThread(threadId: $id, body: "чужое") { id } }',
      { id: threadId },
    );
    expect(codes(reply)).toEqual(['NOT_FOUND']);
  });

  it('the parent answers; reading clears her count and the teacher gets one unread', async () => {
    platform.setNow(new Date(NOON.getTime() + 60_000)); // the parent answers a minute later
    ok(
      await platform.query({ login: 'guardian' }, 'mutation ($id: ID!) { markThreadRead(threadId: $id) { id } }', {
        id: threadId,
      }),
    );
    const reply = ok(
      await platform.query<{ replyToThread: { messages: { body: string; mine: boolean }[] } }>(
        { login: 'guardian' },
        'mutation ($id: ID!) { replyToThread(threadId: $id, body: "Придём, спасибо!") { messages { body mine } } }',
        { id: threadId },
      ),
    );
    expect(reply.replyToThread.messages).toEqual([
      { body: 'Собрание в пятницу в 18:00.', mine: false },
      { body: 'Придём, спасибо!', mine: true },
    ]);
    expect(ok(await platform.query<Threads>({ login: 'guardian' }, THREADS)).unreadMessageCount).toBe(0);
    const teacher = ok(await platform.query<Threads>({ login: 'teacher' }, THREADS));
    expect(teacher.messageThreads.find((thread) => thread.id === threadId)?.unreadCount).toBe(1);
    platform.setNow(NOON);
  });

  it('a person who turned message notifications off gets none', async () => {
    ok(
      await platform.query(
        { login: 'student' },
        'mutation { setNotificationSetting(kind: MESSAGE, inApp: false) { kind inApp } }',
      ),
    );
    ok(await send('teacher', [ids['student']!], 'Домашнее задание', 'Не забудь тетрадь.'));
    const [row] = await platform.admin.sql<{ count: number }[]>`
      select count(*)::int as count from people.notifications n join people.message_threads t on t.id = n.thread_id
      where n.person_id = ${ids['student']!} and t.subject = 'Домашнее задание'`;
    expect(row!.count).toBe(0);
    const settings = ok(
      await platform.query<{ notificationSettings: { kind: string; inApp: boolean }[] }>(
        { login: 'student' },
        '{ notificationSettings { kind inApp } }',
      ),
    );
    expect(settings.notificationSettings).toContainEqual({ kind: 'MESSAGE', inApp: false });
  });
});

describe('messages: consent and retention', () => {
  it('a parent without consent to processing is not offered and cannot be written to', async () => {
    const [other] = await platform.admin.sql<{ guardian_id: string }[]>`
      select gs.guardian_id from people.guardianships gs join people.enrolments e on e.person_id = gs.child_id
      where e.class_name = '5А' and e.ended_on is null and e.organization_id = (
        select organization_id from people.enrolments where person_id = ${ids['student']!} and ended_on is null)
        and gs.guardian_id <> ${ids['guardian']!}
        and not exists (select 1 from people.employments m where m.person_id = gs.guardian_id)
      order by gs.guardian_id limit 1`;
    const guardianId = other!.guardian_id;
    expect((await recipients('teacher')).some((row) => row.personId === guardianId)).toBe(true);
    // A thread with that parent, and her answer (she has no demo login: written as she would write it).
    const threadId = ok(await send('teacher', [guardianId], 'Справка', 'Принесите справку.')).sendMessage[0]!.id;
    await platform.admin.sql`insert into people.messages (thread_id, author_id, body, created_at)
      values (${threadId}, ${guardianId}, 'Принесу в понедельник.', ${new Date(NOON.getTime() + 60_000).toISOString()})`;
    await platform.admin.sql`update people.consents set withdrawn_at = now()
      where person_id = ${guardianId} and kind = 'PROCESSING' and withdrawn_at is null`;
    expect((await recipients('teacher')).some((row) => row.personId === guardianId)).toBe(false);
    expect(codes(await send('teacher', [guardianId]))).toEqual(['FORBIDDEN']);
    // The thread stays the teacher's, with the parent depersonalized and her text withheld; no reply.
    const thread = ok(
      await platform.query<{
        messageThread: {
          counterpart: { name: string; depersonalized: boolean };
          messages: { body: string | null; mine: boolean }[];
        };
      }>(
        { login: 'teacher' },
        'query ($id: ID!) { messageThread(id: $id) { counterpart { name depersonalized } messages { body mine } } }',
        { id: threadId },
      ),
    ).messageThread;
    expect(thread.counterpart).toEqual({ name: 'Обезличено ***', depersonalized: true });
    expect(thread.messages).toEqual([
      { body: 'Принесите справку.', mine: true },
      { body: null, mine: false },
    ]);
    const reply = await platform.query(
      { login: 'teacher' },
      'mutation ($id: ID!) { replyToThread(threadId: $id, body: "Хорошо") { id } }',
      { id: threadId },
    );
    expect(codes(reply)).toEqual(['FORBIDDEN']);
  });

  it('a thread a year past its last message is gone from every list', async () => {
    const sent = ok(await send('class-teacher', [ids['guardian']!], 'Старая тема', 'Давнее сообщение.'));
    const id = sent.sendMessage[0]!.id;
    expect(
      ok(await platform.query<Threads>({ login: 'guardian' }, THREADS)).messageThreads.some((t) => t.id === id),
    ).toBe(true);
    await platform.admin
      .sql`update people.message_threads set last_message_at = ${new Date(NOON.getTime() - 366 * 86_400_000).toISOString()}::timestamptz where id = ${id}`;
    expect(
      ok(await platform.query<Threads>({ login: 'guardian' }, THREADS)).messageThreads.some((t) => t.id === id),
    ).toBe(false);
    const open = await platform.query({ login: 'guardian' }, 'query ($id: ID!) { messageThread(id: $id) { id } }', {
      id,
    });
    expect(codes(open)).toEqual(['NOT_FOUND']);
    // The daily purge (`npm run communication:purge`), as people's own role, deletes it with its notification.
    const people = createDb(platform.database.roleUrl('people'), { max: 1 });
    try {
      const purged = await purgeExpiredCommunication(people.db, NOON);
      expect(purged.threads).toBe(1);
    } finally {
      await people.close();
    }
    const left = await platform.admin.sql<{ count: number }[]>`
      select (select count(*) from people.message_threads where id = ${id})
        + (select count(*) from people.notifications where thread_id = ${id}) as count`;
    expect(Number(left[0]!.count)).toBe(0);
  });
});

const PUBLISH = `mutation ($input: AnnouncementInput!) { publishAnnouncement(input: $input) { id title targetTitle validFrom validTo } }`;
const ANNOUNCEMENTS = '{ announcements { id title } }';
const seen = async (login: string, id: string) =>
  ok(await platform.query<{ announcements: { id: string }[] }>({ login }, ANNOUNCEMENTS)).announcements.some(
    (row) => row.id === id,
  );
const targets = async (login: string) =>
  ok(
    await platform.query<{
      announcementTargets: {
        scope: string;
        organizationId: string | null;
        classId: string | null;
        municipalityId: string | null;
        title: string;
      }[];
    }>({ login }, '{ announcementTargets { scope organizationId classId municipalityId title } }'),
  ).announcementTargets;
const publish = (
  login: string,
  target: object,
  audiences: string[],
  validFrom = '2026-11-20',
  validTo = '2026-11-30',
) =>
  platform.query<{ publishAnnouncement: { id: string; targetTitle: string } }>({ login }, PUBLISH, {
    input: { ...target, audiences, title: `Объявление ${audiences.join(',')}`, body: 'Текст', validFrom, validTo },
  });
const strip = ({ title: _title, ...target }: { title: string }) => target;

describe('announcements reach their audience only', () => {
  it('a school admin’s announcement for parents reaches a parent of the school, not another school’s, not staff', async () => {
    const [school] = await targets('admin');
    const { publishAnnouncement } = ok(await publish('admin', strip(school!), ['GUARDIANS']));
    expect(await seen('guardian', publishAnnouncement.id)).toBe(true);
    expect(await seen('guardian2', publishAnnouncement.id)).toBe(false);
    expect(await seen('teacher', publishAnnouncement.id)).toBe(false);
    expect(await seen('student', publishAnnouncement.id)).toBe(false);
    const bell = ok(
      await platform.query<{ notifications: { announcementId: string | null }[] }>(
        { login: 'guardian' },
        '{ notifications { announcementId } }',
      ),
    );
    expect(bell.notifications.some((row) => row.announcementId === publishAnnouncement.id)).toBe(true);
  });

  it('a class teacher’s announcement for learners reaches her class, not 8Б', async () => {
    const list = await targets('class-teacher');
    const klass = list.find((target) => target.scope === 'CLASS')!;
    expect(klass.title).toContain('5А');
    const { publishAnnouncement } = ok(await publish('class-teacher', strip(klass), ['LEARNERS']));
    expect(await seen('student', publishAnnouncement.id)).toBe(true);
    expect(await seen('student-8b', publishAnnouncement.id)).toBe(false);
    expect(await seen('guardian', publishAnnouncement.id)).toBe(false);
  });

  it('a coordinator’s announcement for staff reaches her municipality’s teachers, not another municipality’s admin', async () => {
    const [municipality] = await targets('coordinator');
    expect(municipality!.scope).toBe('MUNICIPALITY');
    const { publishAnnouncement } = ok(await publish('coordinator', strip(municipality!), ['STAFF']));
    expect(await seen('teacher', publishAnnouncement.id)).toBe(true);
    expect(await seen('admin', publishAnnouncement.id)).toBe(true);
    expect(await seen('admin2', publishAnnouncement.id)).toBe(false);
    expect(await seen('guardian', publishAnnouncement.id)).toBe(false);
  });

  it('refuses another school with FORBIDDEN, a teacher without a led class at the gateway, a reversed period with BAD_USER_INPUT', async () => {
    const [other] = await targets('admin2');
    expect(codes(await publish('admin', strip(other!), ['GUARDIANS']))).toEqual(['FORBIDDEN']);
    expect(codes(await publish('teacher', strip(other!), ['GUARDIANS']))).toContain('FORBIDDEN');
    const [school] = await targets('admin');
    const reversed = await publish('admin', strip(school!), ['GUARDIANS'], '2026-11-25', '2026-11-21');
    expect(codes(reversed)).toEqual(['BAD_USER_INPUT']);
    expect((reversed.errors![0]!.extensions as { field?: string }).field).toBe('validTo');
    expect(codes(await publish('admin', strip(school!), [], '2026-11-21', '2026-11-22'))).toEqual(['BAD_USER_INPUT']);
  });

  it('is valid over region dates: from 00:30 local on its first day to 23:30 local on its last', async () => {
    const [school] = await targets('admin');
    const { publishAnnouncement } = ok(
      await publish('admin', strip(school!), ['GUARDIANS'], '2026-11-21', '2026-11-22'),
    );
    try {
      platform.setNow(new Date('2026-11-20T18:30:00Z')); // 23:30 on 20 November in the region
      expect(await seen('guardian', publishAnnouncement.id)).toBe(false);
      platform.setNow(new Date('2026-11-20T19:30:00Z')); // 00:30 on 21 November
      expect(await seen('guardian', publishAnnouncement.id)).toBe(true);
      platform.setNow(new Date('2026-11-22T18:30:00Z')); // 23:30 on 22 November
      expect(await seen('guardian', publishAnnouncement.id)).toBe(true);
      platform.setNow(new Date('2026-11-22T19:30:00Z')); // 00:30 on 23 November
      expect(await seen('guardian', publishAnnouncement.id)).toBe(false);
    } finally {
      platform.setNow(NOON);
    }
  });
});
