/**
 * The region's time (DOMAIN.md, Times): every legal date — a reception window, an 18th birthday, "today" of
 * a journal — is a calendar date in the region's time zone, not in UTC. This module is the one place that
 * names the zone; everything else asks it for dates. `REGION_TIME_ZONE` (IANA name) configures it per
 * process; the default is Челябинская область's, UTC+5.
 */

export const DEFAULT_REGION_TIME_ZONE = 'Asia/Yekaterinburg';

let zone = DEFAULT_REGION_TIME_ZONE;
let formatter = makeFormatter(zone);

function makeFormatter(timeZone: string): Intl.DateTimeFormat {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
}

/** Sets the region's zone for this process (from its env, once at start). Throws on an unknown zone. */
export function configureRegionTimeZone(timeZone: string): void {
  formatter = makeFormatter(timeZone);
  zone = timeZone;
}

export function regionTimeZone(): string {
  return zone;
}

/** `YYYY-MM-DD` of a moment in the region: 00:30 local on 1 April is 1 April, though UTC says 31 March. */
export function regionDate(moment: Date): string {
  return formatter.format(moment);
}
