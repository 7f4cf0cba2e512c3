/**
 * Moments in the region's own time (the zone the server configures, see `ui/format.ts`): lessons, events and
 * status changes happen in the region, so a parent reads «18:30» for a meeting at 18:30 wherever the browser is.
 */
import { regionFormat } from '../../ui/format.ts';

const DATE_TIME: Intl.DateTimeFormatOptions = {
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
};
const DAY_MONTH_TIME: Intl.DateTimeFormatOptions = {
  day: 'numeric',
  month: 'long',
  weekday: 'short',
  hour: '2-digit',
  minute: '2-digit',
};
const TIME: Intl.DateTimeFormatOptions = { hour: '2-digit', minute: '2-digit' };

/** `2026-12-07T13:30:00Z` → `07.12.2026, 18:30`. */
export function formatRegionDateTime(moment: string | null | undefined): string {
  return moment ? regionFormat(DATE_TIME).format(new Date(moment)) : '—';
}

/** `2026-12-07T13:30:00Z` → `пн, 7 декабря, 18:30`. */
export function formatEventMoment(moment: string): string {
  return regionFormat(DAY_MONTH_TIME).format(new Date(moment));
}

export function formatRegionTime(moment: string): string {
  return regionFormat(TIME).format(new Date(moment));
}

/** A signed change of an average: `+0,25`, `−0,40`, or `—`. */
export function formatChange(change: number | null | undefined): string {
  if (change === null || change === undefined) return '—';
  const text = Math.abs(change).toLocaleString('ru-RU', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  if (change > 0) return `+${text}`;
  if (change < 0) return `−${text}`;
  return text;
}

export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

const SHORT_WEEKDAY = new Intl.DateTimeFormat('ru-RU', { weekday: 'short', timeZone: 'UTC' });

/** `2026-10-12` → `Пн`. */
export function formatShortWeekday(date: string): string {
  return capitalize(SHORT_WEEKDAY.format(new Date(`${date.slice(0, 10)}T00:00:00Z`)));
}

/** `203` → `каб. 203`; a named room (`Спортзал`) as it is. */
export function formatRoom(room: string): string {
  return /^\d/.test(room) ? `каб. ${room}` : room;
}

/** A lesson's bell times: `08:30–09:10`, or null when the school has no bells for it. */
export function formatLessonTime(time: { startsAt: string; endsAt: string } | null | undefined): string | null {
  return time ? `${time.startsAt}–${time.endsAt}` : null;
}

/** How a screen reader says a lesson's times: «с 08:30 до 09:10». */
export function spokenLessonTime(time: { startsAt: string; endsAt: string } | null | undefined): string {
  return time ? `с ${time.startsAt} до ${time.endsAt}` : '';
}
