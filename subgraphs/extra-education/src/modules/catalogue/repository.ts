/**
 * The catalogue's SQL (issue 11): programmes and groups with their free places. Row scope comes from the
 * policy as predicates, so lists are filtered in SQL (DESIGN.md, access model).
 */
import { extraEducationTables, qualified, type Executor } from '@region/db';
import { and, asc, eq, gt, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { ExtraEducationPolicy } from '../../policy.ts';

const { programmes, groups } = extraEducationTables;

export type ProgrammeRow = typeof programmes.$inferSelect;
export type GroupRow = typeof groups.$inferSelect;
export type ProgrammeInsert = Omit<typeof programmes.$inferInsert, 'id'>;
export type GroupInsert = Omit<typeof groups.$inferInsert, 'id'>;
/** Another subgraph's entity, referred to by id. */
export interface EntityRef {
  id: string;
}

export type CatalogueFunding = 'FREE' | 'CERTIFICATE' | 'PAID';
const FUNDING_METHOD = { FREE: 'BUDGET', CERTIFICATE: 'CERTIFICATE', PAID: 'PAID' } as const;

export interface ProgrammeFilter {
  direction?: ProgrammeRow['direction'] | null;
  age?: number | null;
  municipalityId?: string | null;
  organizationId?: string | null;
  funding?: CatalogueFunding | null;
  withFreePlaces?: boolean | null;
  text?: string | null;
}

/**
 * Free places of a group: capacity − active contracts − accepted applications. An accepted application holds
 * its place until the contract is concluded (then it is ENROLLED and the contract counts instead) or it is
 * withdrawn; a submitted one holds nothing, so applying never blocks the organization's choice.
 */
function freePlacesSql(groupId: SQL): SQL<number> {
  return sql<number>`greatest(0, ${qualified(groups.capacity)}
    - (select count(*) from extra_education.contracts c where c.group_id = ${groupId} and c.ended_on is null)
    - (select count(*) from extra_education.applications a where a.group_id = ${groupId} and a.status = 'ACCEPTED'))::int`;
}

function catalogueConditions(policy: ExtraEducationPolicy, filter: ProgrammeFilter, today: string): SQL[] {
  const conditions: SQL[] = [policy.listed()];
  if (filter.direction) conditions.push(eq(programmes.direction, filter.direction));
  if (filter.age !== null && filter.age !== undefined)
    conditions.push(sql`${programmes.ageFrom} <= ${filter.age} and ${programmes.ageTo} >= ${filter.age}`);
  if (filter.municipalityId) conditions.push(eq(programmes.municipalityId, filter.municipalityId));
  if (filter.organizationId) conditions.push(eq(programmes.organizationId, filter.organizationId));
  if (filter.funding)
    conditions.push(
      sql`${programmes.funding} @> array[${FUNDING_METHOD[filter.funding]}]::extra_education.payment_method[]`,
    );
  if (filter.withFreePlaces)
    conditions.push(sql`exists (select 1 from extra_education.groups g
      where g.programme_id = ${qualified(programmes.id)} and g.ends_on >= ${today}
        and g.capacity > (select count(*) from extra_education.contracts c where c.group_id = g.id and c.ended_on is null)
          + (select count(*) from extra_education.applications a where a.group_id = g.id and a.status = 'ACCEPTED'))`);
  // Every word must occur in the name or the description: «робот лего» finds «Лего-робототехника».
  for (const word of filter.text?.trim().split(/\s+/).filter(Boolean) ?? []) {
    const pattern = `%${word.replace(/[%_\\]/g, '\\$&')}%`;
    conditions.push(or(ilike(programmes.name, pattern), ilike(programmes.description, pattern))!);
  }
  return conditions;
}

export function listCatalogue(
  db: Executor,
  policy: ExtraEducationPolicy,
  filter: ProgrammeFilter,
  today: string,
  page: { first: number; after: string | null },
) {
  const after = page.after ? gt(programmes.id, page.after) : undefined;
  return db
    .select()
    .from(programmes)
    .where(and(...catalogueConditions(policy, filter, today), after))
    .orderBy(asc(programmes.id))
    .limit(page.first + 1);
}

export async function countCatalogue(
  db: Executor,
  policy: ExtraEducationPolicy,
  filter: ProgrammeFilter,
  today: string,
) {
  const [row] = await db
    .select({ count: sql<number>`count(*)::int` })
    .from(programmes)
    .where(and(...catalogueConditions(policy, filter, today)));
  return row?.count ?? 0;
}

export interface ManagedFilter {
  organizationId?: string | null;
  status?: ProgrammeRow['status'] | null;
}

function managedConditions(policy: ExtraEducationPolicy, filter: ManagedFilter): SQL[] {
  const conditions: SQL[] = [policy.managed()];
  if (filter.organizationId) conditions.push(eq(programmes.organizationId, filter.organizationId));
  if (filter.status) conditions.push(eq(programmes.status, filter.status));
  return conditions;
}

export function listManaged(
  db: Executor,
  policy: ExtraEducationPolicy,
  filter: ManagedFilter,
  page: { first: number; after: string | null },
) {
  const after = page.after ? gt(programmes.id, page.after) : undefined;
  return db
    .select()
    .from(programmes)
    .where(and(...managedConditions(policy, filter), after))
    .orderBy(asc(programmes.id))
    .limit(page.first + 1);
}

export async function countManaged(db: Executor, policy: ExtraEducationPolicy, filter: ManagedFilter) {
  const [row] = await db
    .select({ count: sql<number>`count(*)::int` })
    .from(programmes)
    .where(and(...managedConditions(policy, filter)));
  return row?.count ?? 0;
}

/** Programmes by id within the principal's read scope (lookups and references). */
export function loadProgrammes(db: Executor, policy: ExtraEducationPolicy, ids: readonly string[]) {
  return db
    .select()
    .from(programmes)
    .where(and(inArray(programmes.id, [...ids]), policy.readable()));
}

/** The published programmes of organizations (`Organization.programmes`). */
export function loadPublishedOfOrganizations(db: Executor, policy: ExtraEducationPolicy, ids: readonly string[]) {
  return db
    .select()
    .from(programmes)
    .where(and(inArray(programmes.organizationId, [...ids]), policy.listed()))
    .orderBy(asc(programmes.name), asc(programmes.id));
}

/** Groups of readable programmes, by programme, in order of their start. */
export function loadGroupsOfProgrammes(db: Executor, policy: ExtraEducationPolicy, programmeIds: readonly string[]) {
  return db
    .select({ group: groups })
    .from(groups)
    .innerJoin(programmes, eq(programmes.id, groups.programmeId))
    .where(and(inArray(groups.programmeId, [...programmeIds]), policy.readable()))
    .orderBy(asc(groups.startsOn), asc(groups.id))
    .then((rows) => rows.map((row) => row.group));
}

/** Groups by id whose programme the principal may read. */
export function loadGroups(db: Executor, policy: ExtraEducationPolicy, ids: readonly string[]) {
  return db
    .select({ group: groups })
    .from(groups)
    .innerJoin(programmes, eq(programmes.id, groups.programmeId))
    .where(and(inArray(groups.id, [...ids]), policy.readable()))
    .then((rows) => rows.map((row) => row.group));
}

/** Free places per group id (one statement for a page of groups). */
export function loadFreePlaces(db: Executor, groupIds: readonly string[]) {
  return db
    .select({ id: groups.id, freePlaces: freePlacesSql(qualified(groups.id)) })
    .from(groups)
    .where(inArray(groups.id, [...groupIds]));
}

/** One programme for a write, locked against a concurrent change (no row scope: the service checks it). */
export async function lockProgramme(db: Executor, id: string): Promise<ProgrammeRow | null> {
  const [row] = await db.select().from(programmes).where(eq(programmes.id, id)).for('update');
  return row ?? null;
}

export async function lockGroup(db: Executor, id: string): Promise<GroupRow | null> {
  const [row] = await db.select().from(groups).where(eq(groups.id, id)).for('update');
  return row ?? null;
}

export async function countGroups(db: Executor, programmeId: string): Promise<number> {
  const [row] = await db
    .select({ count: sql<number>`count(*)::int` })
    .from(groups)
    .where(eq(groups.programmeId, programmeId));
  return row?.count ?? 0;
}

/** Places a group holds now (active contracts and accepted applications): its capacity may not go below. */
export async function placesTaken(db: Executor, groupId: string): Promise<number> {
  const [row] = await db
    .select({
      taken: sql<number>`((select count(*) from extra_education.contracts c where c.group_id = ${groupId} and c.ended_on is null)
        + (select count(*) from extra_education.applications a where a.group_id = ${groupId} and a.status = 'ACCEPTED'))::int`,
    })
    .from(sql`(select 1) as one`);
  return row?.taken ?? 0;
}

export async function insertProgramme(db: Executor, values: ProgrammeInsert): Promise<ProgrammeRow> {
  const [row] = await db.insert(programmes).values(values).returning();
  return row!;
}

export async function updateProgrammeRow(
  db: Executor,
  id: string,
  values: Partial<ProgrammeInsert>,
): Promise<ProgrammeRow> {
  const [row] = await db
    .update(programmes)
    .set({ ...values, updatedAt: sql`now()` })
    .where(eq(programmes.id, id))
    .returning();
  return row!;
}

export async function insertGroup(db: Executor, values: GroupInsert): Promise<GroupRow> {
  const [row] = await db.insert(groups).values(values).returning();
  return row!;
}

export async function updateGroupRow(db: Executor, id: string, values: Partial<GroupInsert>): Promise<GroupRow> {
  const [row] = await db
    .update(groups)
    .set({ ...values, updatedAt: sql`now()` })
    .where(eq(groups.id, id))
    .returning();
  return row!;
}
