import { tables, type Executor } from '@region/db';
import { and, asc, desc, inArray, isNull, sql } from 'drizzle-orm';

const { employments } = tables;

export type EmploymentRow = typeof employments.$inferSelect;

export function employmentsOf(db: Executor, personIds: readonly string[]) {
  return db
    .select()
    .from(employments)
    .where(inArray(employments.personId, [...personIds]))
    .orderBy(desc(employments.isMain), asc(employments.startedOn));
}

/**
 * Positions that head an organization in the staff records: a school's, college's or centre's director, a
 * kindergarten's head (заведующий/заведующая), as schools write them.
 */
export const HEAD_POSITIONS = ['директор', 'заведующий', 'заведующая'] as const;

/** The current head of each organization (the latest one started, if the records hold two). */
export function headsOf(db: Executor, organizationIds: readonly string[]) {
  return db
    .selectDistinctOn([employments.organizationId], {
      organizationId: employments.organizationId,
      personId: employments.personId,
      position: employments.position,
    })
    .from(employments)
    .where(
      and(
        inArray(employments.organizationId, [...organizationIds]),
        isNull(employments.endedOn),
        inArray(sql<string>`lower(trim(${employments.position}))`, [...HEAD_POSITIONS]),
      ),
    )
    .orderBy(employments.organizationId, desc(employments.startedOn));
}
