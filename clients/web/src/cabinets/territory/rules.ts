/** The monitoring rules the pages explain, and the numbers as a report writes them. */

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

/** «2026/27» for a school year by its starting year. */
export function schoolYearName(year: number): string {
  return `${year}/${String(year + 1).slice(2)}`;
}

/** The server's current campaign year and the four before it (and the chosen one, if older). */
export function yearOptions(current: number | undefined, chosen: number | null): number[] {
  if (current === undefined) return chosen ? [chosen] : [];
  const years = Array.from({ length: 5 }, (_, index) => current - index);
  if (chosen && !years.includes(chosen)) years.push(chosen);
  return years;
}
