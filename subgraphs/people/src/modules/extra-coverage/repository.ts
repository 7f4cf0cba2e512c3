/**
 * The denominator of extra-education coverage (DOMAIN.md rule 21): the children of 5 to 18 of an area on a
 * date, and the area's «Участник ПФДО» organizations. A child belongs to the area of the organization where they
 * are enrolled on the date — a school, kindergarten or college (an extra-education organization's enrolment
 * says nothing about where the child lives or studies) — and counts once. 5 to 18 is the certificate's rule 19:
 * from the 5th birthday to the day before the 18th (a 29 February birthday is reached on 1 March, as `ageOn`).
 */
import type { CoverageArea } from '@region/kit';
import type { Executor } from '@region/db';
import { sql, type SQL } from 'drizzle-orm';

function organizationsOfArea(area: CoverageArea): SQL {
  switch (area.area) {
    case 'REGION':
      return sql`true`;
    case 'MUNICIPALITY':
      return sql`o.municipality_id = ${area.areaId}::uuid`;
    case 'ORGANIZATION':
      return sql`o.id = ${area.areaId}::uuid`;
  }
}

/** Ids of the area's children of 5 to 18 on the date (for extra-education's `@requires`, never for a client). */
export async function childrenOfArea(db: Executor, area: CoverageArea): Promise<string[]> {
  const rows = await db.execute<{ id: string }>(sql`
    select distinct p.id
    from people.enrolments e
    join people.organizations o on o.id = e.organization_id
    join people.persons p on p.id = e.person_id
    where ${organizationsOfArea(area)}
      and o.type in ('SCHOOL', 'KINDERGARTEN', 'COLLEGE')
      and e.started_on <= ${area.on}::date and (e.ended_on is null or e.ended_on > ${area.on}::date)
      and p.merged_into is null
      and p.birth_date <= (${area.on}::date - interval '5 years')::date
      and p.birth_date > (${area.on}::date - interval '18 years')::date
    order by p.id`);
  return rows.map((row) => row.id);
}

/** «Участник ПФДО» organizations of the area (an organization area: 1 or 0). */
export async function pfdoParticipantsOf(db: Executor, area: CoverageArea): Promise<number> {
  const [row] = await db.execute<{ count: number }>(sql`
    select count(*)::int as count from people.organizations o
    where ${organizationsOfArea(area)} and o.pfdo_participant`);
  return row?.count ?? 0;
}
