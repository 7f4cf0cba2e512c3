/**
 * Messages' SQL (issue 15 §1). Who may write to whom is one statement over people's own rows: role grants
 * (a teacher's classes, a school's admins), class membership (`enrolments.class_id`), guardianship and
 * employment. Each grant is judged alone (DOMAIN.md rule 5a): the recipients are the UNION of what each grant
 * reaches by itself, so a teacher who is also a parent gains nobody by holding both roles.
 */
import { communicationTables, type Executor } from '@region/db';
import type { Grant } from '@region/schema';
import { MASKED_FIRST_NAME, MASKED_LAST_NAME } from '@region/schema';
import { and, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { NotificationKind } from '../notifications/repository.ts';

const { messageThreads, messageParticipants, messages, notifications, notificationSettings } = communicationTables;

/** Threads, messages and their notifications are kept this long after a thread's last message (152-FZ art. 5 p. 7). */
export const MESSAGE_RETENTION_DAYS = 365;

export type RecipientRelation = 'LEARNER' | 'GUARDIAN' | 'TEACHER' | 'CLASS_TEACHER' | 'SCHOOL_ADMIN' | 'STAFF';

/** Relations in a work role: named and written to on the labour-relations basis, not on consent. */
const STAFF_RELATIONS = `('TEACHER', 'CLASS_TEACHER', 'SCHOOL_ADMIN', 'STAFF')`;

/** The relation column of a reach row, a constant of `RecipientRelation` (never user input). */
const relation = (name: RecipientRelation) => sql.raw(`'${name}'::text as relation`);

/**
 * The persons one grant lets its holder write to: (person_id, relation, class_id, class_name, child_id,
 * organization_id). Null: the grant reaches nobody.
 */
function recipientsUnderGrant(grant: Grant, self: string): SQL | null {
  const territory = grant.territory;
  switch (grant.role) {
    case 'TEACHER':
    case 'CLASS_TEACHER':
      if (territory.kind !== 'CLASS') return null;
      // A teacher writes to the learners of a class she teaches and their families, and to her school's admins.
      return sql`
        select e.person_id, ${relation('LEARNER')}, e.class_id, e.class_name, null::uuid as child_id, e.organization_id
          from people.enrolments e where e.class_id = ${territory.classId} and e.ended_on is null
        union all
        select gs.guardian_id, ${relation('GUARDIAN')}, e.class_id, e.class_name, e.person_id, e.organization_id
          from people.guardianships gs join people.enrolments e on e.person_id = gs.child_id
          where e.class_id = ${territory.classId} and e.ended_on is null
        union all
        select g.person_id, ${relation('SCHOOL_ADMIN')}, null::uuid, null::text, null::uuid, g.organization_id
          from people.role_grants g
          where g.role = 'ORG_ADMIN' and g.organization_id = ${territory.organizationId} and g.withdrawn_at is null`;
    case 'ORG_ADMIN':
      if (territory.kind !== 'ORGANIZATION') return null;
      // The school: its staff, and the families of its current learners (who write to «the school»).
      return sql`
        select m.person_id, ${relation('STAFF')}, null::uuid, null::text, null::uuid, m.organization_id
          from people.employments m where m.organization_id = ${territory.organizationId} and m.ended_on is null
        union all
        select g.person_id, ${relation('STAFF')}, null::uuid, null::text, null::uuid, g.organization_id
          from people.role_grants g where g.organization_id = ${territory.organizationId} and g.withdrawn_at is null
        union all
        select gs.guardian_id, ${relation('GUARDIAN')}, e.class_id, e.class_name, e.person_id, e.organization_id
          from people.guardianships gs join people.enrolments e on e.person_id = gs.child_id
          where e.organization_id = ${territory.organizationId} and e.ended_on is null`;
    case 'GUARDIAN': {
      if (territory.kind !== 'CHILDREN' || territory.personIds.length === 0) return null;
      const children = territory.personIds;
      // A parent writes to the teachers of her children's classes and to the admins of their schools.
      return sql`
        select g.person_id, g.role::text as relation, e.class_id, e.class_name, e.person_id, e.organization_id
          from people.role_grants g join people.enrolments e on e.class_id = g.class_id and e.ended_on is null
          where e.person_id in ${children} and g.role in ('TEACHER', 'CLASS_TEACHER') and g.withdrawn_at is null
        union all
        select g.person_id, ${relation('SCHOOL_ADMIN')}, null::uuid, null::text, e.person_id, e.organization_id
          from people.role_grants g join people.enrolments e on e.organization_id = g.organization_id and e.ended_on is null
          where e.person_id in ${children} and g.role = 'ORG_ADMIN' and g.territory = 'ORGANIZATION'
            and g.withdrawn_at is null`;
    }
    case 'STUDENT':
      if (territory.kind !== 'SELF') return null;
      return sql`
        select g.person_id, g.role::text as relation, e.class_id, e.class_name, null::uuid, e.organization_id
          from people.role_grants g join people.enrolments e on e.class_id = g.class_id and e.ended_on is null
          where e.person_id = ${self} and g.role in ('TEACHER', 'CLASS_TEACHER') and g.withdrawn_at is null`;
    default:
      return null;
  }
}

export type RecipientRow = {
  personId: string;
  name: string;
  relation: RecipientRelation;
  classId: string | null;
  className: string | null;
  childId: string | null;
  childName: string | null;
  organizationId: string;
};

/**
 * Everybody the grants let the principal write to, one row per (person, relation, class, child). A learner or
 * parent without an active consent to processing is not offered (rule 5: their data may not be processed);
 * staff are written to in their work role. Merged cards and the principal themself are left out.
 */
export async function recipientsOf(db: Executor, grants: readonly Grant[], self: string): Promise<RecipientRow[]> {
  const reaches = grants.map((grant) => recipientsUnderGrant(grant, self)).filter((s): s is SQL => s !== null);
  if (reaches.length === 0) return [];
  const consented = (alias: string) =>
    sql.raw(`exists (select 1 from people.consents k where k.person_id = ${alias}.id
      and k.kind = 'PROCESSING' and k.withdrawn_at is null)`);
  const rows = await db.execute<RecipientRow>(sql`
    with reach (person_id, relation, class_id, class_name, child_id, organization_id) as (
      ${sql.join(reaches, sql` union all `)})
    select distinct on (r.person_id, r.relation, r.class_id, r.child_id)
      r.person_id as "personId",
      p.last_name || ' ' || p.first_name || coalesce(' ' || p.middle_name, '') as name,
      r.relation, r.class_id as "classId", r.class_name as "className", r.child_id as "childId",
      case when c.id is null then null else c.last_name || ' ' || c.first_name end as "childName",
      r.organization_id as "organizationId"
    from reach r
      join people.persons p on p.id = r.person_id
      left join people.persons c on c.id = r.child_id
    where p.merged_into is null and r.person_id <> ${self}
      and (r.relation in ${sql.raw(STAFF_RELATIONS)} or ${consented('p')})
      and (c.id is null or ${consented('c')})
    order by r.person_id, r.relation, r.class_id, r.child_id`);
  return [...rows].sort((a, b) => a.name.localeCompare(b.name, 'ru'));
}

export type ThreadRow = {
  id: string;
  subject: string;
  organizationId: string;
  lastMessageAt: Date;
  counterpartId: string;
  counterpartName: string;
  counterpartDepersonalized: boolean;
  unreadCount: number;
  lastMessage: string | null;
};

/** A counterpart's name: shown with consent or in a work role, else masked (rule 5). */
const NAME_OR_MASK = (alias: string) =>
  sql.raw(`case when exists (select 1 from people.consents k where k.person_id = ${alias}.id
      and k.kind = 'PROCESSING' and k.withdrawn_at is null)
    or exists (select 1 from people.employments w where w.person_id = ${alias}.id)
    then ${alias}.last_name || ' ' || ${alias}.first_name || coalesce(' ' || ${alias}.middle_name, '')
    else '${MASKED_LAST_NAME} ${MASKED_FIRST_NAME}' end`);
const MASKED = (alias: string) =>
  sql.raw(`not (exists (select 1 from people.consents k where k.person_id = ${alias}.id
      and k.kind = 'PROCESSING' and k.withdrawn_at is null)
    or exists (select 1 from people.employments w where w.person_id = ${alias}.id))`);

const notExpired = (now: Date) =>
  sql`t.last_message_at > ${now.toISOString()}::timestamptz - make_interval(days => ${MESSAGE_RETENTION_DAYS})`;

/** The principal's threads (only those they take part in), newest first, with unread counts — one statement. */
export async function threadsOf(
  db: Executor,
  personId: string,
  now: Date,
  options: { limit: number; threadId?: string },
): Promise<ThreadRow[]> {
  const rows = await db.execute<ThreadRow>(sql`
    select t.id, t.subject, t.organization_id as "organizationId", t.last_message_at as "lastMessageAt",
      o.person_id as "counterpartId", ${NAME_OR_MASK('op')} as "counterpartName",
      ${MASKED('op')} as "counterpartDepersonalized",
      (select count(*)::int from people.messages m where m.thread_id = t.id and m.author_id <> ${personId}
        and (me.last_read_at is null or m.created_at > me.last_read_at)) as "unreadCount",
      (select case when ${MASKED('ap')} then null else left(m.body, 140) end
        from people.messages m join people.persons ap on ap.id = m.author_id
        where m.thread_id = t.id order by m.created_at desc, m.id desc limit 1) as "lastMessage"
    from people.message_participants me
      join people.message_threads t on t.id = me.thread_id
      join people.message_participants o on o.thread_id = t.id and o.person_id <> me.person_id
      join people.persons op on op.id = o.person_id
    where me.person_id = ${personId} and ${notExpired(now)}
      ${options.threadId ? sql`and t.id = ${options.threadId}` : sql``}
    order by t.last_message_at desc, t.id desc
    limit ${options.limit}`);
  return [...rows].map((row) => ({ ...row, lastMessageAt: new Date(row.lastMessageAt) }));
}

export type MessageRow = {
  id: string;
  threadId: string;
  authorId: string;
  authorName: string;
  body: string | null;
  depersonalized: boolean;
  createdAt: Date;
};

/** Messages of threads, oldest first; the text of a depersonalized author is withheld (rule 5). */
export async function messagesOf(db: Executor, threadIds: readonly string[]): Promise<MessageRow[]> {
  if (threadIds.length === 0) return [];
  const rows = await db.execute<MessageRow>(sql`
    select m.id, m.thread_id as "threadId", m.author_id as "authorId", ${NAME_OR_MASK('a')} as "authorName",
      case when ${MASKED('a')} then null else m.body end as body, ${MASKED('a')} as depersonalized,
      m.created_at as "createdAt"
    from people.messages m join people.persons a on a.id = m.author_id
    where m.thread_id in ${threadIds}
    order by m.created_at, m.id`);
  return [...rows].map((row) => ({ ...row, createdAt: new Date(row.createdAt) }));
}

/** Total unread messages of the principal's live threads. */
export async function unreadCountOf(db: Executor, personId: string, now: Date): Promise<number> {
  const [row] = await db.execute<{ count: number }>(sql`
    select count(*)::int as count from people.message_participants me
      join people.message_threads t on t.id = me.thread_id
      join people.messages m on m.thread_id = t.id
    where me.person_id = ${personId} and m.author_id <> ${personId} and ${notExpired(now)}
      and (me.last_read_at is null or m.created_at > me.last_read_at)`);
  return row?.count ?? 0;
}

export async function insertThread(
  tx: Executor,
  values: { subject: string; organizationId: string; createdBy: string; participants: string[]; now: Date },
): Promise<string> {
  const [thread] = await tx
    .insert(messageThreads)
    .values({
      subject: values.subject,
      organizationId: values.organizationId,
      createdBy: values.createdBy,
      createdAt: values.now,
      lastMessageAt: values.now,
    })
    .returning({ id: messageThreads.id });
  await tx
    .insert(messageParticipants)
    .values(values.participants.map((personId) => ({ threadId: thread!.id, personId })));
  return thread!.id;
}

export async function insertMessage(
  tx: Executor,
  values: { threadId: string; authorId: string; body: string; now: Date },
): Promise<string> {
  const [message] = await tx
    .insert(messages)
    .values({
      threadId: values.threadId,
      authorId: values.authorId,
      body: values.body,
      createdAt: values.now,
    })
    .returning({ id: messages.id });
  await tx.update(messageThreads).set({ lastMessageAt: values.now }).where(eq(messageThreads.id, values.threadId));
  // The author has read their own thread up to their message.
  await tx
    .update(messageParticipants)
    .set({ lastReadAt: values.now })
    .where(and(eq(messageParticipants.threadId, values.threadId), eq(messageParticipants.personId, values.authorId)));
  return message!.id;
}

/** The other participants of a thread the principal takes part in (empty: not a participant, or gone). */
export async function participantsOf(tx: Executor, threadId: string, personId: string, now: Date) {
  const rows = await tx.execute<{ personId: string; organizationId: string; subject: string }>(sql`
    select o.person_id as "personId", t.organization_id as "organizationId", t.subject
    from people.message_participants me
      join people.message_threads t on t.id = me.thread_id
      join people.message_participants o on o.thread_id = t.id and o.person_id <> me.person_id
    where me.thread_id = ${threadId} and me.person_id = ${personId} and ${notExpired(now)}`);
  return [...rows];
}

export async function markRead(tx: Executor, threadId: string, personId: string, now: Date): Promise<void> {
  await tx
    .update(messageParticipants)
    .set({ lastReadAt: now })
    .where(and(eq(messageParticipants.threadId, threadId), eq(messageParticipants.personId, personId)));
  await tx
    .update(notifications)
    .set({ readAt: now })
    .where(
      and(
        eq(notifications.threadId, threadId),
        eq(notifications.personId, personId),
        sql`${notifications.readAt} is null`,
      ),
    );
}

/** Who among `personIds` turned a kind of notification off in the client (no settings row: it is on). */
export async function notWantingNotifications(
  tx: Executor,
  personIds: readonly string[],
  kind: 'MESSAGE' | 'ANNOUNCEMENT',
): Promise<Set<string>> {
  if (personIds.length === 0) return new Set();
  const rows = await tx
    .select({ personId: notificationSettings.personId })
    .from(notificationSettings)
    .where(
      and(
        inArray(notificationSettings.personId, [...personIds]),
        eq(notificationSettings.kind, kind),
        eq(notificationSettings.inApp, false),
      ),
    );
  return new Set(rows.map((row) => row.personId));
}

export async function insertNotifications(
  tx: Executor,
  rows: {
    personId: string;
    kind: NotificationKind;
    title: string;
    threadId?: string;
    aboutPersonId?: string;
    visibleFrom: string;
  }[],
): Promise<void> {
  if (rows.length === 0) return;
  await tx.insert(notifications).values(rows);
}

/**
 * Retention: threads whose last message is older than `MESSAGE_RETENTION_DAYS` are deleted with their
 * messages, participants and notifications (cascades). Reads already ignore them, so the purge only frees space.
 */
export async function purgeExpiredThreads(db: Executor, now: Date): Promise<number> {
  const rows = await db
    .delete(messageThreads)
    .where(
      sql`${messageThreads.lastMessageAt} <= ${now.toISOString()}::timestamptz - make_interval(days => ${MESSAGE_RETENTION_DAYS})`,
    )
    .returning({ id: messageThreads.id });
  return rows.length;
}
