/**
 * The denominator of extra-education coverage (DOMAIN.md rule 21): the children of 5 to 18 of an area on a
 * date, and the area's «Участник ПФДО» organizations. A child belongs to the area of the organization where they
 * are enrolled on the date — a school, kindergarten or college (an extra-education organization's enrolment
 * says nothing about where the child lives or studies) — and counts once. 5 to 18 is the certificate's rule 19:
 * from the 5th birthday to the day before the 18th (a 29 February birthday is reached on 1 March, as `ageOn`).
 * Every area of a request is answered by one statement (a page of municipalities included).
 */
import type { CoverageArea } from '@region/kit';
import type { Executor } from '@region/db';
import { sql } from 'drizzle-orm';

export const areaKey = (area: CoverageArea) => `${area.area}/${area.areaId}/${area.on}`;

/** The areas as a derived table `a(key, kind, area_id, on_date)`; ids and dates were checked by the caller. */
function areasTable(areas: readonly CoverageArea[]) {
  const array = (values: readonly string[]) => `{${values.join(',')}}`;
  return sql`unnest(${array(areas.map(areaKey))}::text[], ${array(areas.map((a) => a.area))}::text[],
    ${array(areas.map((a) => a.areaId))}::text[], ${array(areas.map((a) => a.on))}::date[]) as a(key, kind, area_id, on_date)`;
}

/** Does organization `o` lie in area `a`? (Compared as text: the region's id is no uuid.) */
const inArea = sql`(a.kind = 'REGION'
  or (a.kind = 'MUNICIPALITY' and o.municipality_id::text = a.area_id)
  or (a.kind = 'ORGANIZATION' and o.id::text = a.area_id))`;

/** Ids of each area's children of 5 to 18 on its date (for extra-education's `@requires`, never for a client). */
export async function childrenOfAreas(db: Executor, areas: readonly CoverageArea[]): Promise<Map<string, string[]>> {
  const rows = await db.execute<{ key: string; ids: string[] }>(sql`
    select a.key, array_agg(distinct p.id::text) as ids
    from ${areasTable(areas)}
    join people.organizations o on ${inArea}
    join people.enrolments e on e.organization_id = o.id
    join people.persons p on p.id = e.person_id
    where o.type in ('SCHOOL', 'KINDERGARTEN', 'COLLEGE')
      and e.started_on <= a.on_date and (e.ended_on is null or e.ended_on > a.on_date)
      and p.merged_into is null
      and p.birth_date <= (a.on_date - interval '5 years')::date
      and p.birth_date > (a.on_date - interval '18 years')::date
    group by a.key`);
  return new Map(rows.map((row) => [row.key, row.ids]));
}

/** «Участник ПФДО» organizations of each area (an organization area: 1 or 0). */
export async function pfdoParticipantsOf(db: Executor, areas: readonly CoverageArea[]): Promise<Map<string, number>> {
  const rows = await db.execute<{ key: string; count: number }>(sql`
    select a.key, count(o.id)::int as count
    from ${areasTable(areas)}
    left join people.organizations o on ${inArea} and o.pfdo_participant
    group by a.key`);
  return new Map(rows.map((row) => [row.key, row.count]));
}
