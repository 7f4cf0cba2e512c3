/**
 * How much a certificate contract reserves (rule 19a; issue 11, decided here): the programme's monthly price
 * × the calendar months the contract can be charged for in the current funding period — the months touched
 * by [max(group start, conclusion date, period start), min(group end, period end)], a month partly inside
 * counting whole (the monthly charge is per month). The monthly charge (`chargeExtraContracts`) takes at
 * most the contract's remaining reserve, so the reserve bounds what a contract can ever spend in the period.
 */
export interface ReserveWindow {
  from: string;
  to: string;
}

const later = (a: string, b: string) => (a > b ? a : b);
const earlier = (a: string, b: string) => (a < b ? a : b);

/** The dates a contract can be charged for in the period; null when none. */
export function reserveWindow(
  group: { startsOn: string; endsOn: string },
  concludedOn: string,
  period: { startsOn: string; endsOn: string },
): ReserveWindow | null {
  const from = later(later(group.startsOn, concludedOn), period.startsOn);
  const to = earlier(group.endsOn, period.endsOn);
  return from <= to ? { from, to } : null;
}

/** Calendar months touched by [from, to] (both YYYY-MM-DD, from ≤ to): 2026-09-15…2026-10-01 → 2. */
export function monthsTouched(window: ReserveWindow): number {
  const [fy, fm] = window.from.split('-').map(Number) as [number, number];
  const [ty, tm] = window.to.split('-').map(Number) as [number, number];
  return ty * 12 + tm - (fy * 12 + fm) + 1;
}

/** «2026-09» → its first and last days; null when not a month. */
export function monthBounds(month: string): { start: string; end: string } | null {
  const match = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(month);
  if (!match) return null;
  const year = Number(match[1]);
  const m = Number(match[2]);
  const last = new Date(Date.UTC(year, m, 0)).getUTCDate();
  return { start: `${month}-01`, end: `${month}-${String(last).padStart(2, '0')}` };
}
