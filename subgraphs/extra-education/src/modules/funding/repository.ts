import { extraEducationTables, type Executor } from '@region/db';
import { and, asc, eq, gte, inArray, lte, sql } from 'drizzle-orm';

const { fundingPeriods, ledgerEntries } = extraEducationTables;

export function loadFundingPeriods(db: Executor, ids: readonly string[]) {
  return db
    .select()
    .from(fundingPeriods)
    .where(inArray(fundingPeriods.id, [...ids]));
}

export function listFundingPeriods(db: Executor) {
  return db.select().from(fundingPeriods).orderBy(asc(fundingPeriods.startsOn));
}

/** A period sharing at least one day with [startsOn, endsOn], if any. */
export async function overlappingPeriod(db: Executor, startsOn: string, endsOn: string) {
  const [row] = await db
    .select()
    .from(fundingPeriods)
    .where(and(lte(fundingPeriods.startsOn, endsOn), gte(fundingPeriods.endsOn, startsOn)))
    .limit(1);
  return row ?? null;
}

/** How many certificates hold a credit of each period. */
export async function creditedCounts(db: Executor, periodIds: readonly string[]) {
  return db
    .select({ periodId: ledgerEntries.periodId, count: sql<number>`count(*)::int` })
    .from(ledgerEntries)
    .where(and(inArray(ledgerEntries.periodId, [...periodIds]), eq(ledgerEntries.kind, 'CREDIT')))
    .groupBy(ledgerEntries.periodId);
}

/** Serializes period creation: two operators at once must not both pass the overlap check. */
export async function lockFundingPeriods(tx: Executor): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext('extra_education.funding_periods'))`);
}

export async function insertFundingPeriod(
  tx: Executor,
  values: { startsOn: string; endsOn: string; normPerCertificate: string; createdBy: string | null },
) {
  const [row] = await tx.insert(fundingPeriods).values(values).returning();
  return row!;
}
