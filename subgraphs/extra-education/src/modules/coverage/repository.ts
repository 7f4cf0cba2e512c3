/**
 * Coverage figures (DOMAIN.md rule 21): counts only, one statement per figure and area, never rows fetched and
 * counted here. The children of an area come from people (`ExtraCoverage.childIds`, through `@requires`): a
 * child is covered on a date when one of their contracts is active on it — concluded on or before the date and
 * not ended by it — whatever the payment method, and counts once however many contracts they hold.
 */
import { sqlRegionDate, type CoverageArea } from '@region/kit';
import { extraEducationTables, type Executor } from '@region/db';
import { PROGRAMME_DIRECTIONS, type ProgrammeDirection } from '@region/schema/enums';
import { sql, type SQL } from 'drizzle-orm';

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

export interface EnrolmentFigures {
  /** Children of the area with at least one active contract. */
  enrolled: number;
  byDirection: ReadonlyMap<ProgrammeDirection, number>;
}

/** How many of the area's children hold an active contract, in all and per direction of the programme. */
export async function enrolmentOf(db: Executor, childIds: readonly string[], on: string): Promise<EnrolmentFigures> {
  if (childIds.length === 0) return { enrolled: 0, byDirection: new Map() };
  const rows = await db.execute<{ direction: ProgrammeDirection | null; children: number }>(sql`
    select p.direction, count(distinct c.child_id)::int as children
    from extra_education.contracts c
    join extra_education.groups g on g.id = c.group_id
    join extra_education.programmes p on p.id = g.programme_id
    where c.child_id = any(${`{${childIds.join(',')}}`}::uuid[]) and ${activeOn(on)}
    group by grouping sets ((p.direction), ())`);
  let enrolled = 0;
  const byDirection = new Map<ProgrammeDirection, number>();
  for (const row of rows) {
    if (row.direction === null) enrolled = row.children;
    else byDirection.set(row.direction, row.children);
  }
  return { enrolled, byDirection };
}

export interface ProgrammeFigures {
  programmes: number;
  withoutEnrolment: number;
  byDirection: ReadonlyMap<ProgrammeDirection, { programmes: number; withoutEnrolment: number }>;
}

/** Published programmes of the area, and those with no active contract in any of their groups on the date. */
export async function programmesOf(db: Executor, area: CoverageArea): Promise<ProgrammeFigures> {
  const rows = await db.execute<{ direction: ProgrammeDirection | null; programmes: number; idle: number }>(sql`
    select p.direction, count(*)::int as programmes,
      count(*) filter (where not exists (select 1 from extra_education.contracts c
        join extra_education.groups g on g.id = c.group_id
        where g.programme_id = p.id and ${activeOn(area.on)}))::int as idle
    from extra_education.programmes p
    where ${programmesOfArea(area)}
    group by grouping sets ((p.direction), ())`);
  const figures = { programmes: 0, withoutEnrolment: 0, byDirection: new Map() } as {
    programmes: number;
    withoutEnrolment: number;
    byDirection: Map<ProgrammeDirection, { programmes: number; withoutEnrolment: number }>;
  };
  for (const row of rows) {
    if (row.direction === null) {
      figures.programmes = row.programmes;
      figures.withoutEnrolment = row.idle;
    } else figures.byDirection.set(row.direction, { programmes: row.programmes, withoutEnrolment: row.idle });
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
 * Certificates issued by the date with their status on it (the latest change by the end of the region's day).
 * The region counts every certificate, a municipality those issued in it (`certificates.municipality_id`, the
 * coordinators' row scope), an organization those of its children (`childIds`).
 */
export async function certificatesOf(
  db: Executor,
  area: CoverageArea,
  childIds: readonly string[],
): Promise<CertificateFigures> {
  const where =
    area.area === 'REGION'
      ? sql`true`
      : area.area === 'MUNICIPALITY'
        ? sql`k.municipality_id = ${area.areaId}::uuid`
        : sql`k.person_id = any(${`{${childIds.join(',')}}`}::uuid[])`;
  const [row] = await db.execute<CertificateFigures>(sql`
    with status as (
      select k.id, (select s.status from extra_education.certificate_status_changes s
        where s.certificate_id = k.id and ${sqlRegionDate(sql`s.changed_at`)} <= ${area.on}::date
        order by s.changed_at desc, s.id desc limit 1) as status
      from extra_education.certificates k
      where k.issued_on <= ${area.on}::date and ${where})
    select count(*)::int as total,
      count(*) filter (where status is distinct from 'ACTUAL')::int as frozen,
      count(*) filter (where status = 'ACTUAL')::int as actual
    from status`);
  return row ?? { total: 0, frozen: 0, actual: 0 };
}

export const DIRECTIONS = PROGRAMME_DIRECTIONS;
