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
