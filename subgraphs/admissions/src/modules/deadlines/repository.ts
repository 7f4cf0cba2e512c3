/**
 * The production calendar's rows (`admissions.production_calendars`, seeded by migration
 * 0008_production_calendar_seed, loadable by an operator without a release — docs/architecture.md).
 */
import { admissionsTables, type Executor } from '@region/db';
import { inArray } from 'drizzle-orm';

const { productionCalendars } = admissionsTables;

/** The loaded decrees of the given years, in one statement; a year without a decree has no row. */
export function productionCalendarRows(
  db: Executor,
  years: readonly number[],
): Promise<(typeof productionCalendars.$inferSelect)[]> {
  return db
    .select()
    .from(productionCalendars)
    .where(inArray(productionCalendars.year, [...years]));
}
