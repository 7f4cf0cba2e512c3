/** The monitoring rules the pages explain, and the numbers as a report writes them. */
import type { OrganizationType } from './labels.ts';
import type { Opening } from './queries/organizations.ts';

const PERCENT = new Intl.NumberFormat('ru-RU', { maximumFractionDigits: 1 });
const COUNT = new Intl.NumberFormat('ru-RU');

export function formatPercent(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : `${PERCENT.format(value)} %`;
}

export function formatCount(value: number): string {
  return COUNT.format(value);
}

/** Share of `part` in `whole`, %, one decimal; null for an empty whole. */
export function share(part: number, whole: number): number | null {
  return whole === 0 ? null : Math.round((part / whole) * 1000) / 10;
}

/** Completeness tone: a report highlights organizations under 95 % and alarms under 80 %. */
export function completenessTone(percent: number | null): 'success' | 'warning' | 'error' | 'neutral' {
  if (percent === null) return 'neutral';
  if (percent >= 95) return 'success';
  if (percent >= 80) return 'warning';
  return 'error';
}

/**
 * Rule 13: a school year is opened by 6 September, by extra education by 20 September. The learning
 * service knows an organization's kind only from its classes, so an extra-education centre without classes
 * yet comes with the schools' date; the registry's type decides here.
 */
export function openingDeadline(opening: Pick<Opening, 'deadline'>, type: OrganizationType): string {
  const year = opening.deadline.slice(0, 4);
  return type === 'EXTRA_EDUCATION' ? `${year}-09-20` : `${year}-09-06`;
}

/** «2026/27» for the school year a rule-13 deadline belongs to. */
export function schoolYearName(deadline: string): string {
  const year = Number(deadline.slice(0, 4));
  return `${year}/${String(year + 1).slice(2)}`;
}

/** The server's current campaign year and the four before it (and the chosen one, if older). */
export function yearOptions(current: number | undefined, chosen: number | null): number[] {
  if (current === undefined) return chosen ? [chosen] : [];
  const years = Array.from({ length: 5 }, (_, index) => current - index);
  if (chosen && !years.includes(chosen)) years.push(chosen);
  return years;
}
