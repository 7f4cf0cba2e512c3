/**
 * The access log's monthly partitions (issue 14 §4): created ahead, dropped past the retention. Both run
 * as the migration owner's SECURITY DEFINER functions (migration 0027), so the people role keeps no DDL
 * and no DELETE right on the log.
 */
import type { Executor } from '@region/db';
import { sql } from 'drizzle-orm';

/** Months created ahead of the current one, so a flush never lands in the default partition. */
export const MONTHS_AHEAD = 3;

/** The first moment kept: the start of the UTC month `retentionMonths` before the current one. */
export function retentionStart(now: Date, retentionMonths: number): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - retentionMonths, 1));
}

export async function maintainPiiReadPartitions(
  db: Executor,
  now: Date,
  retentionMonths: number,
): Promise<{ created: number; dropped: string[] }> {
  const month = now.toISOString().slice(0, 10);
  const [ensured] = await db.execute<{ created: number }>(
    sql`select people.ensure_pii_read_partitions(${month}::date, ${MONTHS_AHEAD + 1}::int) as created`,
  );
  const dropped = await db.execute<{ name: string }>(
    sql`select people.drop_pii_read_partitions(${retentionStart(now, retentionMonths).toISOString()}::timestamptz) as name`,
  );
  return { created: ensured?.created ?? 0, dropped: [...dropped].map((row) => row.name) };
}
