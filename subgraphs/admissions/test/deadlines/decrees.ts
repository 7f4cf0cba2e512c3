/**
 * The decrees of migration 0008_production_calendar_seed as plain data, for the pure calendar tests (the
 * subgraph reads them from `admissions.production_calendars`; region-dates.test.ts checks the seeded table).
 */
import { calendarYear, productionCalendar, type CalendarYear } from '../../src/modules/deadlines/index.ts';

const january = (year: number) => ['01', '02', '03', '04', '05', '06', '07', '08'].map((d) => `${year}-01-${d}`);

export const DECREE_2025: CalendarYear = calendarYear(2025, {
  decree: 'Постановление Правительства РФ от 04.10.2024 № 1335 «О переносе выходных дней в 2025 году»',
  days: [
    ...january(2025),
    ...['02-23', '03-08', '05-01', '05-02', '05-08', '05-09', '06-12', '06-13', '11-03', '11-04', '12-31'].map(
      (d) => `2025-${d}`,
    ),
  ],
  workingWeekends: ['2025-11-01'],
});

export const DECREE_2026: CalendarYear = calendarYear(2026, {
  decree: 'Постановление Правительства РФ от 24.09.2025 № 1466 «О переносе выходных дней в 2026 году»',
  days: [
    ...january(2026),
    ...['01-09', '02-23', '03-08', '03-09', '05-01', '05-09', '05-11', '06-12', '11-04', '12-31'].map(
      (d) => `2026-${d}`,
    ),
  ],
  workingWeekends: [],
});

/** 2025 and 2026 by decree; any other year by Labour Code art. 112, as in production without a decree. */
export const testCalendar = () => productionCalendar([DECREE_2025, DECREE_2026]);
