/**
 * Coverage figures (DOMAIN.md rule 21): counts only, one statement per figure and area, never rows fetched and
 * counted here. The children of an area come from people (`ExtraCoverage.childIds`, through `@requires`): a
 * child is covered on a date when one of their contracts is active on it — concluded on or before the date and
 * not ended by it — whatever the payment method, and counts once however many contracts they hold.
 */
import { sqlRegionDate, type CoverageArea } from '@region/kit';
import { extraEducationTables, type Executor } from '@region/db';
import type { ProgrammeDirection } from '@region/schema/enums';
import { sql, type SQL } from 'drizzle-orm';
import type { CoverageRef } from './service.ts';

const { programmes } = extraEducationTables;

export type ProgrammeRow = typeof programmes.$inferSelect;

/**
 * A contract `c` active on the date: concluded by it and not ended by it. A contract ended on the date no longer
 * counts on it, as a group's free places count only contracts without an end (catalogue).
 */
const activeOn = (on: string) =>
  sql`c.concluded_on <= ${on}::date and (c.ended_on is null or c.ended_on > ${on}::date)`;

/** Published programmes of the area: the region all, a municipality by the programme's municipality, an organization its own. */
function programmesOfArea(area: CoverageArea): SQL {
  switch (area.area) {
    case 'REGION':
      return sql`p.status = 'PUBLISHED'`;
    case 'MUNICIPALITY':
      return sql`p.status = 'PUBLISHED' and p.municipality_id = ${area.areaId}::uuid`;
    case 'ORGANIZATION':
      return sql`p.status = 'PUBLISHED' and p.organization_id = ${area.areaId}::uuid`;
  }
}

export const areaKey = (area: CoverageArea) => `${area.area}/${area.areaId}/${area.on}`;
const array = (values: readonly string[]) => `{${values.join(',')}}`;

/** The areas as a derived table `a(key, kind, area_id, on_date)`; ids and dates were checked by the caller. */
function areasTable(areas: readonly CoverageArea[]) {
  return sql`unnest(${array(areas.map(areaKey))}::text[], ${array(areas.map((a) => a.area))}::text[],
    ${array(areas.map((a) => a.areaId))}::text[], ${array(areas.map((a) => a.on))}::date[]) as a(key, kind, area_id, on_date)`;
}

/** A programme `p` of area `a` in the catalogue (compared as text: the region's id is no uuid). */
const programmeInArea = sql`p.status = 'PUBLISHED' and (a.kind = 'REGION'
  or (a.kind = 'MUNICIPALITY' and p.municipality_id::text = a.area_id)
  or (a.kind = 'ORGANIZATION' and p.organization_id::text = a.area_id))`;

/** A contract `c` active on the area's date `a.on_date`. */
const activeOnAreaDate = sql`c.concluded_on <= a.on_date and (c.ended_on is null or c.ended_on > a.on_date)`;

/** Each area's children paired with its key and date: `k(key, child_id, on_date)`. */
function childrenTable(areas: readonly CoverageRef[]) {
  const pairs = areas.flatMap((area) => (area.childIds ?? []).map((id) => [areaKey(area), id, area.on] as const));
  return sql`unnest(${array(pairs.map((p) => p[0]))}::text[], ${array(pairs.map((p) => p[1]))}::uuid[],
    ${array(pairs.map((p) => p[2]))}::date[]) as k(key, child_id, on_date)`;
}

export interface EnrolmentFigures {
  /** Children of the area with at least one active contract. */
  enrolled: number;
  byDirection: ReadonlyMap<ProgrammeDirection, number>;
}

/** How many of each area's children hold an active contract, in all and per direction of the programme. */
export async function enrolmentOf(db: Executor, areas: readonly CoverageRef[]): Promise<Map<string, EnrolmentFigures>> {
  const figures = new Map<string, { enrolled: number; byDirection: Map<ProgrammeDirection, number> }>(
    areas.map((area) => [areaKey(area), { enrolled: 0, byDirection: new Map() }]),
  );
  if (!areas.some((area) => area.childIds?.length)) return figures;
  const rows = await db.execute<{ key: string; direction: ProgrammeDirection | null; children: number }>(sql`
    select k.key, p.direction, count(distinct c.child_id)::int as children
    from ${childrenTable(areas)}
    join extra_education.contracts c on c.child_id = k.child_id
      and c.concluded_on <= k.on_date and (c.ended_on is null or c.ended_on > k.on_date)
    join extra_education.groups g on g.id = c.group_id
    join extra_education.programmes p on p.id = g.programme_id
    group by grouping sets ((k.key, p.direction), (k.key))`);
  for (const row of rows) {
    const area = figures.get(row.key);
    if (!area) continue;
    if (row.direction === null) area.enrolled = row.children;
    else area.byDirection.set(row.direction, row.children);
  }
  return figures;
}

export interface ProgrammeFigures {
  programmes: number;
  withoutEnrolment: number;
  byDirection: ReadonlyMap<ProgrammeDirection, { programmes: number; withoutEnrolment: number }>;
}

/** Each area's published programmes, and those with no active contract in any of their groups on its date. */
export async function programmesOf(
  db: Executor,
  areas: readonly CoverageArea[],
): Promise<Map<string, ProgrammeFigures>> {
  const figures = new Map<
    string,
    {
      programmes: number;
      withoutEnrolment: number;
      byDirection: Map<ProgrammeDirection, { programmes: number; withoutEnrolment: number }>;
    }
  >(areas.map((area) => [areaKey(area), { programmes: 0, withoutEnrolment: 0, byDirection: new Map() }]));
  const rows = await db.execute<{
    key: string;
    direction: ProgrammeDirection | null;
    programmes: number;
    idle: number;
  }>(sql`
    select a.key, p.direction, count(*)::int as programmes,
      count(*) filter (where not exists (select 1 from extra_education.contracts c
        join extra_education.groups g on g.id = c.group_id
        where g.programme_id = p.id and ${activeOnAreaDate}))::int as idle
    from ${areasTable(areas)}
    join extra_education.programmes p on ${programmeInArea}
    group by grouping sets ((a.key, p.direction), (a.key))`);
  for (const row of rows) {
    const area = figures.get(row.key);
    if (!area) continue;
    if (row.direction === null) {
      area.programmes = row.programmes;
      area.withoutEnrolment = row.idle;
    } else area.byDirection.set(row.direction, { programmes: row.programmes, withoutEnrolment: row.idle });
  }
  return figures;
}

/** The area's published programmes with no active contract on the date, by name. */
export async function idleProgrammesOf(db: Executor, area: CoverageArea, first: number): Promise<ProgrammeRow[]> {
  const rows = await db.execute<{ id: string }>(sql`
    select p.id from extra_education.programmes p
    where ${programmesOfArea(area)} and not exists (select 1 from extra_education.contracts c
      join extra_education.groups g on g.id = c.group_id
      where g.programme_id = p.id and ${activeOn(area.on)})
    order by p.name, p.id
    limit ${first}`);
  const ids = rows.map((row) => row.id);
  if (ids.length === 0) return [];
  const found = await db
    .select()
    .from(programmes)
    .where(sql`${programmes.id} in ${ids}`);
  const byId = new Map(found.map((row) => [row.id, row]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

export type CertificateFigures = {
  total: number;
  frozen: number;
  actual: number;
};

/**
 * Certificates issued by each area's date with their status on it (the latest change by the end of the region's
 * day). The region counts every certificate, a municipality those issued in it (`certificates.municipality_id`,
 * the coordinators' row scope), an organization those of its children (`childIds`).
 */
export async function certificatesOf(
  db: Executor,
  areas: readonly CoverageRef[],
): Promise<Map<string, CertificateFigures>> {
  const organizations = areas.filter((area) => area.area === 'ORGANIZATION');
  const rows = await db.execute<CertificateFigures & { key: string }>(sql`
    with reached as (
      select a.key, a.on_date, cert.id
      from ${areasTable(areas.filter((area) => area.area !== 'ORGANIZATION'))}
      join extra_education.certificates cert on a.kind = 'REGION' or cert.municipality_id::text = a.area_id
      where cert.issued_on <= a.on_date
      union all
      select k.key, k.on_date, cert.id
      from ${childrenTable(organizations)}
      join extra_education.certificates cert on cert.person_id = k.child_id
      where cert.issued_on <= k.on_date),
    status as (
      select r.key, (select s.status from extra_education.certificate_status_changes s
        where s.certificate_id = r.id and ${sqlRegionDate(sql`s.changed_at`)} <= r.on_date
        order by s.changed_at desc, s.id desc limit 1) as status
      from reached r)
    select key, count(*)::int as total,
      count(*) filter (where status is distinct from 'ACTUAL')::int as frozen,
      count(*) filter (where status = 'ACTUAL')::int as actual
    from status group by key`);
  const found = new Map(rows.map((row) => [row.key, { total: row.total, frozen: row.frozen, actual: row.actual }]));
  return new Map(areas.map((area) => [areaKey(area), found.get(areaKey(area)) ?? { total: 0, frozen: 0, actual: 0 }]));
}
