/**
 * Messages' rules (issue 15 §1): who may write to whom follows the access model, each grant alone; a message to
 * several recipients opens one thread per recipient; one transaction per mutation.
 */
import { badInput, forbidden, notFound, regionDate } from '@region/kit';
import type { Database } from '@region/db';
import type { PeoplePolicy } from '../../policy.ts';
import { enqueueEmailCopies } from '../notifications/repository.ts';
import { attachFiles } from '../message-files/service.ts';
import {
  insertMessage,
  insertNotifications,
  insertThread,
  markRead,
  notWantingNotifications,
  participantsOf,
  recipientsOf,
  threadsOf,
  type RecipientRow,
  type ThreadRow,
} from './repository.ts';

export const SUBJECT_MAX = 200;
export const BODY_MAX = 5000;
/** A class's parents and learners fit; a whole school does not go out as one message. */
export const RECIPIENTS_MAX = 200;

const NOT_A_RECIPIENT =
  'Этому адресату вы писать не можете: учитель пишет семьям своих классов, родитель — учителям своих детей и школе.';

/** The principal writing: a person with `messages:write` somewhere. */
function writer(policy: PeoplePolicy): string {
  const me = policy.personId;
  if (!me || !policy.holds('messages:write'))
    throw forbidden('Переписка доступна только участникам образовательного процесса.');
  return me;
}

export function recipientsFor(db: Database, policy: PeoplePolicy): Promise<RecipientRow[]> {
  const me = policy.personId;
  if (!me) return Promise.resolve([]);
  return recipientsOf(db, policy.grantsWith('messages:write'), me);
}

function text(value: string, field: string, max: number, what: string): string {
  const trimmed = value.trim();
  if (!trimmed) throw badInput(`Заполните ${what}.`, field);
  if (trimmed.length > max)
    throw badInput(`${what[0]!.toUpperCase()}${what.slice(1)}: не длиннее ${max} знаков.`, field);
  return trimmed;
}

export async function sendMessage(
  db: Database,
  policy: PeoplePolicy,
  now: Date,
  input: { recipientIds: readonly string[]; subject: string; body: string; fileIds?: readonly string[] | null },
): Promise<ThreadRow[]> {
  const me = writer(policy);
  const subject = text(input.subject, 'subject', SUBJECT_MAX, 'тему');
  const body = text(input.body, 'body', BODY_MAX, 'текст сообщения');
  const recipientIds = [...new Set(input.recipientIds)];
  if (recipientIds.length === 0) throw badInput('Выберите хотя бы одного адресата.', 'recipientIds');
  if (recipientIds.length > RECIPIENTS_MAX) {
    throw badInput(`Не больше ${RECIPIENTS_MAX} адресатов в одном сообщении.`, 'recipientIds');
  }
  const threadIds = await db.transaction(async (tx) => {
    const reachable = new Map<string, RecipientRow>();
    for (const row of await recipientsOf(tx, policy.grantsWith('messages:write'), me)) {
      if (!reachable.has(row.personId)) reachable.set(row.personId, row);
    }
    if (recipientIds.some((id) => !reachable.has(id))) throw forbidden(NOT_A_RECIPIENT);
    const muted = await notWantingNotifications(tx, recipientIds, 'MESSAGE');
    const ids: string[] = [];
    const messageIds: string[] = [];
    for (const recipientId of recipientIds) {
      const threadId = await insertThread(tx, {
        subject,
        organizationId: reachable.get(recipientId)!.organizationId,
        createdBy: me,
        participants: [me, recipientId],
        now,
      });
      messageIds.push(await insertMessage(tx, { threadId, authorId: me, body, now }));
      ids.push(threadId);
    }
    await attachFiles(tx, me, input.fileIds, messageIds);
    await insertNotifications(
      tx,
      recipientIds
        .map((personId, index) => ({ personId, threadId: ids[index]! }))
        .filter(({ personId }) => !muted.has(personId))
        .map(({ personId, threadId }) => ({
          personId,
          kind: 'MESSAGE' as const,
          title: `Новое сообщение: ${subject}`,
          threadId,
          visibleFrom: regionDate(now),
        })),
    );
    // E-mail carries the subject only: the text stays in the cabinet, behind the sign-in.
    await enqueueEmailCopies(
      tx,
      recipientIds.map((personId) => ({
        personId,
        kind: 'MESSAGE' as const,
        subject: `Новое сообщение: ${subject}`,
        text: `Вам написали в личном кабинете: «${subject}».\n\nПрочитать и ответить можно в кабинете, раздел «Сообщения».`,
      })),
    );
    return ids;
  });
  const threads = await threadsOf(db, me, now, { limit: RECIPIENTS_MAX });
  return threads.filter((thread) => threadIds.includes(thread.id));
}

export async function replyToThread(
  db: Database,
  policy: PeoplePolicy,
  now: Date,
  threadId: string,
  rawBody: string,
  fileIds?: readonly string[] | null,
): Promise<ThreadRow> {
  const me = writer(policy);
  const body = text(rawBody, 'body', BODY_MAX, 'текст сообщения');
  await db.transaction(async (tx) => {
    const others = await participantsOf(tx, threadId, me, now);
    if (others.length === 0) throw notFound('Переписка');
    const reachable = new Set(
      (await recipientsOf(tx, policy.grantsWith('messages:write'), me)).map((row) => row.personId),
    );
    // The thread stays readable, but writing in it follows today's grants (a class handed to another teacher).
    if (others.some((other) => !reachable.has(other.personId))) {
      throw forbidden(
        'Ответить нельзя: этот собеседник больше не среди ваших адресатов. Переписка доступна для чтения.',
      );
    }
    await attachFiles(tx, me, fileIds, [await insertMessage(tx, { threadId, authorId: me, body, now })]);
    const muted = await notWantingNotifications(
      tx,
      others.map((other) => other.personId),
      'MESSAGE',
    );
    await insertNotifications(
      tx,
      others
        .filter((other) => !muted.has(other.personId))
        .map((other) => ({
          personId: other.personId,
          kind: 'MESSAGE' as const,
          title: `Ответ: ${other.subject}`,
          threadId,
          visibleFrom: regionDate(now),
        })),
    );
    await enqueueEmailCopies(
      tx,
      others.map((other) => ({
        personId: other.personId,
        kind: 'MESSAGE' as const,
        subject: `Ответ: ${other.subject}`,
        text: `Вам ответили в личном кабинете: «${other.subject}».\n\nПрочитать можно в кабинете, раздел «Сообщения».`,
      })),
    );
  });
  return threadOf(db, policy, now, threadId);
}

export async function threadOf(db: Database, policy: PeoplePolicy, now: Date, threadId: string): Promise<ThreadRow> {
  const me = policy.personId;
  const [thread] = me ? await threadsOf(db, me, now, { limit: 1, threadId }) : [];
  if (!thread) throw notFound('Переписка');
  return thread;
}

export async function markThreadRead(
  db: Database,
  policy: PeoplePolicy,
  now: Date,
  threadId: string,
): Promise<ThreadRow> {
  await threadOf(db, policy, now, threadId);
  await db.transaction((tx) => markRead(tx, threadId, policy.personId!, now));
  return threadOf(db, policy, now, threadId);
}
