import { tables, type Executor } from '@region/db';
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { PeoplePolicy } from '../../policy.ts';

const { extraEducationLinks, organizations, persons } = tables;

export interface LinkInput {
  applicationId: string;
  childId: string;
  organizationId: string;
  visibleUntil: string | null;
  changedAt: Date;
}

export type LinkRow = typeof extraEducationLinks.$inferSelect;

/** The organization, if the principal holds `movement:write` over it (people's registry row scope). */
export async function organizationWritable(tx: Executor, policy: PeoplePolicy, id: string): Promise<boolean> {
  const [row] = await tx
    .select({ id: organizations.id })
    .from(organizations)
    .where(and(eq(organizations.id, id), policy.organizationsWithScope('movement:write')));
  return Boolean(row);
}

export async function liveChildExists(tx: Executor, id: string): Promise<boolean> {
  const [row] = await tx
    .select({ id: persons.id })
    .from(persons)
    .where(and(eq(persons.id, id), isNull(persons.mergedInto)));
  return Boolean(row);
}

/**
 * One row per application: a change replaces it unless it is older than the one stored (the `where` of the
 * upsert), so a retried delivery stores nothing twice and a stale one cannot reopen a closed link. Equal
 * moments replace: extra-education's outbox delivers one application's changes in order, and two changes
 * of one request (or under a fixed clock) share a moment. Returns the row as it stands.
 */
export async function upsertLink(tx: Executor, input: LinkInput): Promise<LinkRow> {
  await tx
    .insert(extraEducationLinks)
    .values({
      applicationId: input.applicationId,
      personId: input.childId,
      organizationId: input.organizationId,
      visibleUntil: input.visibleUntil,
      changedAt: input.changedAt,
    })
    .onConflictDoUpdate({
      target: extraEducationLinks.applicationId,
      set: {
        visibleUntil: sql`excluded.visible_until`,
        changedAt: sql`excluded.changed_at`,
        recordedAt: sql`now()`,
      },
      where: sql`${extraEducationLinks.changedAt} <= excluded.changed_at`,
    });
  const [row] = await tx
    .select()
    .from(extraEducationLinks)
    .where(eq(extraEducationLinks.applicationId, input.applicationId));
  return row!;
}
