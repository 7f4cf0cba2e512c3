import { tables, type Executor } from '@region/db';
import { asc, desc, inArray } from 'drizzle-orm';

const { employments } = tables;

export type EmploymentRow = typeof employments.$inferSelect;

export function employmentsOf(db: Executor, personIds: readonly string[]) {
  return db
    .select()
    .from(employments)
    .where(inArray(employments.personId, [...personIds]))
    .orderBy(desc(employments.isMain), asc(employments.startedOn));
}
