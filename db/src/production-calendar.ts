/**
 * Loading a year's production calendar (the Government's decree on moving days off, Labour Code art. 112
 * part 5) into `admissions.production_calendars` without a release: `npm run calendar:load -- file.json`
 * (see calendar-load.ts) or `loadProductionCalendarYear(db, input)`. The admissions subgraph picks it up within
 * its cache's minute.
 */
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { productionCalendars } from './admissions.ts';
import type { Executor } from './client.ts';

const isoDate = z.iso.date({ error: 'дата в виде ГГГГ-ММ-ДД' });
const weekday = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay();

export const ProductionCalendarYear = z
  .object({
    year: z.number().int().min(2000).max(2100),
    /** The decree as cited: «Постановление Правительства РФ от ДД.ММ.ГГГГ № N «О переносе выходных дней в ГГГГ году»». */
    decree: z.string().trim().min(10, 'укажите постановление: дату, номер и название'),
    /** Every non-working day that is not a plain Saturday or Sunday: the art. 112 holidays and the moved days off. */
    nonWorkingDays: z.array(isoDate).min(1),
    /** Saturdays and Sundays the decree makes working days. */
    workingWeekends: z.array(isoDate).default([]),
  })
  .superRefine((value, ctx) => {
    const foreign = [...value.nonWorkingDays, ...value.workingWeekends].filter(
      (day) => !day.startsWith(`${value.year}-`),
    );
    if (foreign.length) ctx.addIssue({ code: 'custom', message: `не относятся к ${value.year} году: ${foreign}` });
    const notWeekend = value.workingWeekends.filter((day) => weekday(day) !== 0 && weekday(day) !== 6);
    if (notWeekend.length) ctx.addIssue({ code: 'custom', message: `не суббота и не воскресенье: ${notWeekend}` });
    const both = value.workingWeekends.filter((day) => value.nonWorkingDays.includes(day));
    if (both.length) ctx.addIssue({ code: 'custom', message: `и рабочий, и нерабочий день: ${both}` });
  });
export type ProductionCalendarYear = z.input<typeof ProductionCalendarYear>;

/** Validates and stores one year, replacing what was loaded for it before; returns the stored year. */
export async function loadProductionCalendarYear(db: Executor, input: unknown): Promise<number> {
  const year = ProductionCalendarYear.parse(input);
  const nonWorkingDays = [...new Set(year.nonWorkingDays)].sort();
  const workingWeekends = [...new Set(year.workingWeekends)].sort();
  await db
    .insert(productionCalendars)
    .values({ year: year.year, decree: year.decree, nonWorkingDays, workingWeekends })
    .onConflictDoUpdate({
      target: productionCalendars.year,
      set: { decree: year.decree, nonWorkingDays, workingWeekends, createdAt: sql`now()` },
    });
  return year.year;
}
