/** The bell's SQL (issue 15 §1): a person's own notifications only, shown from their first day, kept 90 days. */
import { communicationTables, type Executor } from '@region/db';
import { and, desc, eq, gt, inArray, isNull, lte, sql } from 'drizzle-orm';

const { notifications, notificationSettings, emailOutbox, receivedNotices } = communicationTables;

export const NOTIFICATION_RETENTION_DAYS = 90;

export type NotificationKind =
  'MESSAGE' | 'ANNOUNCEMENT' | 'MARK' | 'ABSENCE' | 'HOMEWORK' | 'CONSENT_REQUEST' | 'APPLICATION';

const live = (personId: string, today: string, now: Date) =>
  and(
    eq(notifications.personId, personId),
    lte(notifications.visibleFrom, today),
    gt(
      notifications.createdAt,
      sql`${now.toISOString()}::timestamptz - make_interval(days => ${NOTIFICATION_RETENTION_DAYS})`,
    ),
  );

export function notificationsOf(db: Executor, personId: string, today: string, now: Date, limit: number) {
  return db
    .select({
      id: notifications.id,
      kind: notifications.kind,
      title: notifications.title,
      threadId: notifications.threadId,
      announcementId: notifications.announcementId,
      aboutPersonId: notifications.aboutPersonId,
      createdAt: notifications.createdAt,
      read: sql<boolean>`${notifications.readAt} is not null`,
    })
    .from(notifications)
    .where(live(personId, today, now))
    .orderBy(desc(notifications.visibleFrom), desc(notifications.createdAt))
    .limit(limit);
}

export async function unreadNotificationsOf(db: Executor, personId: string, today: string, now: Date) {
  const [row] = await db
    .select({ count: sql<number>`count(*)::int` })
    .from(notifications)
    .where(and(live(personId, today, now), isNull(notifications.readAt)));
  return row?.count ?? 0;
}

/** Marks the person's own notifications read (`ids` null: all of them); another's id is simply not matched. */
export async function markNotificationsRead(db: Executor, personId: string, ids: readonly string[] | null, now: Date) {
  const rows = await db
    .update(notifications)
    .set({ readAt: now })
    .where(
      and(
        eq(notifications.personId, personId),
        isNull(notifications.readAt),
        ids ? inArray(notifications.id, [...ids]) : undefined,
      ),
    )
    .returning({ id: notifications.id });
  return rows.length;
}

export function settingsOf(db: Executor, personId: string) {
  return db
    .select({ kind: notificationSettings.kind, inApp: notificationSettings.inApp, email: notificationSettings.email })
    .from(notificationSettings)
    .where(eq(notificationSettings.personId, personId));
}

/** Saves both channels of a kind; `email` null keeps the e-mail choice as it was (off when never set). */
export async function saveSetting(
  db: Executor,
  personId: string,
  kind: NotificationKind,
  inApp: boolean,
  email: boolean | null,
) {
  const [row] = await db
    .insert(notificationSettings)
    .values({ personId, kind, inApp, email: email ?? false })
    .onConflictDoUpdate({
      target: [notificationSettings.personId, notificationSettings.kind],
      set: { inApp, ...(email === null ? {} : { email }) },
    })
    .returning({
      kind: notificationSettings.kind,
      inApp: notificationSettings.inApp,
      email: notificationSettings.email,
    });
  return row!;
}

export interface EmailCopy {
  personId: string;
  kind: NotificationKind;
  subject: string;
  text: string;
}

/**
 * E-mail copies of notifications (issue 15 §1), in the caller's transaction: one `email_outbox` row for each
 * person who chose e-mail for the kind (a settings row with `email`) and has an address on the card; the
 * address is read here, so the `people-mail` worker needs no other table. Whether the person may be told at all
 * (consent, guardianship, a work role) is the caller's rule, as for the notification itself.
 */
export async function enqueueEmailCopies(tx: Executor, copies: readonly EmailCopy[]): Promise<number> {
  if (copies.length === 0) return 0;
  const rows = await tx.execute<{ id: number }>(sql`
    insert into ${emailOutbox} (person_id, event, payload)
    select p.id, 'NOTIFICATION_EMAIL',
      jsonb_build_object('to', btrim(p.email), 'kind', c.kind, 'subject', c.subject, 'text', c.text)
    from jsonb_to_recordset(${JSON.stringify(copies)}::jsonb) as c("personId" uuid, kind text, subject text, text text)
    join people.persons p on p.id = c."personId" and p.merged_into is null
    join people.notification_settings s on s.person_id = p.id and s.kind::text = c.kind and s.email
    where p.email is not null and btrim(p.email) <> ''
    returning id`);
  return rows.length;
}

/**
 * Records an incoming notice's key; false when it was recorded before (a retried delivery), so the caller
 * writes nothing.
 */
export async function firstReceipt(tx: Executor, key: string): Promise<boolean> {
  const rows = await tx
    .insert(receivedNotices)
    .values({ key })
    .onConflictDoNothing()
    .returning({ key: receivedNotices.key });
  return rows.length > 0;
}

/**
 * Notifications past retention (messages' own go with their threads), the notice keys as old, and e-mail
 * copies sent as long ago (they hold an address; an undelivered one stays for the operator).
 */
export async function purgeExpiredNotifications(db: Executor, now: Date): Promise<number> {
  const cutoff = sql`${now.toISOString()}::timestamptz - make_interval(days => ${NOTIFICATION_RETENTION_DAYS})`;
  await db.delete(receivedNotices).where(sql`${receivedNotices.receivedAt} <= ${cutoff}`);
  await db.delete(emailOutbox).where(sql`${emailOutbox.deliveredAt} <= ${cutoff}`);
  const rows = await db
    .delete(notifications)
    .where(
      sql`${notifications.createdAt} <= ${now.toISOString()}::timestamptz - make_interval(days => ${NOTIFICATION_RETENTION_DAYS})`,
    )
    .returning({ id: notifications.id });
  return rows.length;
}

/**
 * The guardians told of a child's consent request (rule 3): every guardian of the child with an active consent
 * to processing, with their in-app choice for CONSENT_REQUEST and the child's first name.
 */
export async function consentRequestRecipients(tx: Executor, childId: string) {
  const rows = await tx.execute<{ person_id: string; first_name: string; in_app: boolean }>(sql`
    select g.guardian_id as person_id, c.first_name, coalesce(s.in_app, true) as in_app
    from people.guardianships g
    join people.persons c on c.id = g.child_id
    join people.persons gp on gp.id = g.guardian_id and gp.merged_into is null
    left join people.notification_settings s on s.person_id = g.guardian_id and s.kind = 'CONSENT_REQUEST'
    where g.child_id = ${childId}
      and exists (select 1 from people.consents k where k.person_id = g.guardian_id
        and k.kind = 'PROCESSING' and k.withdrawn_at is null)`);
  return rows.map((row) => ({ personId: row.person_id, childFirstName: row.first_name, inApp: row.in_app }));
}
