/** Dates as the school sees them: ISO calendar dates in the region's time zone (Asia/Yekaterinburg). */

const REGION_TIME_ZONE = 'Asia/Yekaterinburg';

/** `YYYY-MM-DD` of a moment in the region's time zone: a mark set at 23:30 local belongs to that day. */
export function isoDate(moment: Date): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: REGION_TIME_ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(moment);
}

/** The school year a date belongs to: from 1 September of its starting year to 31 August. */
export function currentSchoolYear(moment: Date): number {
  const [year, month] = isoDate(moment).split('-').map(Number) as [number, number];
  return month >= 9 ? year : year - 1;
}

export function schoolYearOf(date: string): number {
  const [year, month] = date.split('-').map(Number) as [number, number];
  return month >= 9 ? year : year - 1;
}

export function addDays(date: string, days: number): string {
  const moment = new Date(`${date}T00:00:00Z`);
  moment.setUTCDate(moment.getUTCDate() + days);
  return moment.toISOString().slice(0, 10);
}

/** Whole days from one date to another (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}
