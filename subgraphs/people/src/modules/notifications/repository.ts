/** The bell's SQL (issue 15 §1): a person's own notifications only, shown from their first day, kept 90 days. */
import { communicationTables, type Executor } from '@region/db';
import { and, desc, eq, gt, inArray, isNull, lte, sql } from 'drizzle-orm';

const { notifications, notificationSettings } = communicationTables;

export const NOTIFICATION_RETENTION_DAYS = 90;

export type NotificationKind = 'MESSAGE' | 'ANNOUNCEMENT';

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
    .select({ kind: notificationSettings.kind, inApp: notificationSettings.inApp })
    .from(notificationSettings)
    .where(eq(notificationSettings.personId, personId));
}

export async function saveSetting(db: Executor, personId: string, kind: NotificationKind, inApp: boolean) {
  await db
    .insert(notificationSettings)
    .values({ personId, kind, inApp })
    .onConflictDoUpdate({ target: [notificationSettings.personId, notificationSettings.kind], set: { inApp } });
}

/** Notifications past retention (messages' own go with their threads). */
export async function purgeExpiredNotifications(db: Executor, now: Date): Promise<number> {
  const rows = await db
    .delete(notifications)
    .where(
      sql`${notifications.createdAt} <= ${now.toISOString()}::timestamptz - make_interval(days => ${NOTIFICATION_RETENTION_DAYS})`,
    )
    .returning({ id: notifications.id });
  return rows.length;
}
