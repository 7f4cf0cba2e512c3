import { workingCalendar, type NonWorkingDays, type WorkingCalendar } from './calendar.ts';

/**
 * 2025: Labour Code art. 112 holidays and Government decree of 04.10.2024 No. 1335 «О переносе выходных дней
 * в 2025 году»: Sat 4 Jan → Fri 2 May; Sun 5 Jan → Wed 31 Dec; Sun 23 Feb → Thu 8 May; Sat 8 Mar → Fri 13 Jun;
 * Sat 1 Nov → Mon 3 Nov (so Saturday 1 November is a working day). 247 working days.
 */
export const NON_WORKING_DAYS_2025: NonWorkingDays = {
  year: 2025,
  days: [
    ...['01', '02', '03', '04', '05', '06', '07', '08'].map((day) => `2025-01-${day}`),
    '2025-02-23',
    '2025-03-08',
    '2025-05-01',
    '2025-05-02', // from Sat 4 Jan
    '2025-05-08', // from Sun 23 Feb
    '2025-05-09',
    '2025-06-12',
    '2025-06-13', // from Sat 8 Mar
    '2025-11-03', // from Sat 1 Nov
    '2025-11-04',
    '2025-12-31', // from Sun 5 Jan
  ],
  workingWeekends: ['2025-11-01'],
};

/**
 * 2026: Labour Code art. 112 holidays and the Government decree on transfers of days off in 2026
 * (signed 24.09.2025): Sat 3 Jan → Fri 9 Jan; Sun 4 Jan → Thu 31 Dec. By art. 112 part 2 Sun 8 Mar moves to
 * Mon 9 Mar and Sat 9 May to Mon 11 May. No working Saturdays. 247 working days.
 */
export const NON_WORKING_DAYS_2026: NonWorkingDays = {
  year: 2026,
  days: [
    ...['01', '02', '03', '04', '05', '06', '07', '08'].map((day) => `2026-01-${day}`),
    '2026-01-09', // from Sat 3 Jan
    '2026-02-23',
    '2026-03-08',
    '2026-03-09', // art. 112 part 2: Sun 8 Mar
    '2026-05-01',
    '2026-05-09',
    '2026-05-11', // art. 112 part 2: Sat 9 May
    '2026-06-12',
    '2026-11-04',
    '2026-12-31', // from Sun 4 Jan
  ],
};

/**
 * 2027: the transfer decree for 2027 was not known when this was written (it is usually signed in the autumn
 * of the year before), so only Labour Code art. 112 applies: the federal holidays, and a holiday on a weekend
 * moves to the next working day (Sat 1 May → Mon 3 May, Sun 9 May → Mon 10 May, Sat 12 Jun → Mon 14 Jun).
 * Sat 2 and Sun 3 January are not moved: only a decree moves January holidays. Replace this with the decree's
 * list when it is published; it equals `laborCodeNonWorkingDays(2027)` (checked by a test).
 */
export const NON_WORKING_DAYS_2027: NonWorkingDays = {
  year: 2027,
  days: [
    ...['01', '02', '03', '04', '05', '06', '07', '08'].map((day) => `2027-01-${day}`),
    '2027-02-23',
    '2027-03-08',
    '2027-05-01',
    '2027-05-03', // art. 112 part 2: Sat 1 May
    '2027-05-09',
    '2027-05-10', // art. 112 part 2: Sun 9 May
    '2027-06-12',
    '2027-06-14', // art. 112 part 2: Sat 12 Jun
    '2027-11-04',
  ],
};

export const RUSSIAN_NON_WORKING_DAYS: readonly NonWorkingDays[] = [
  NON_WORKING_DAYS_2025,
  NON_WORKING_DAYS_2026,
  NON_WORKING_DAYS_2027,
];

/** The Russian five-day-week calendar for the years above. */
export function russianWorkingCalendar(): WorkingCalendar {
  return workingCalendar(RUSSIAN_NON_WORKING_DAYS);
}
