import { tables, type Executor } from '@region/db';
import { and, asc, eq, gt, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { PeoplePolicy } from '../../policy.ts';

const { organizations, municipalities } = tables;

export type OrganizationRow = typeof organizations.$inferSelect;
export type MunicipalityRow = typeof municipalities.$inferSelect;

/**
 * The registry of educational organizations is public reference data (names, types, INN, addresses are
 * published by the licensing authority), so anyone holding `org:read` reads every organization; what an
 * organization's staff may *do* is decided by the write scopes over their territory. Anonymous callers read
 * it too through `catalogue:read`, as the regional navigator shows it (issue 11).
 */
export function readsRegistry(policy: PeoplePolicy): boolean {
  return policy.holds('org:read') || policy.holds('catalogue:read');
}

function readable(policy: PeoplePolicy): SQL {
  return readsRegistry(policy) ? sql`true` : sql`false`;
}

export function loadOrganizations(db: Executor, policy: PeoplePolicy, ids: readonly string[]) {
  return db
    .select()
    .from(organizations)
    .where(and(inArray(organizations.id, [...ids]), readable(policy)));
}

export interface OrganizationFilter {
  municipalityId?: string | null;
  type?: OrganizationRow['type'] | null;
  name?: string | null;
}

function filterSql(policy: PeoplePolicy, filter: OrganizationFilter): SQL[] {
  const conditions: SQL[] = [readable(policy)];
  if (filter.municipalityId) conditions.push(eq(organizations.municipalityId, filter.municipalityId));
  if (filter.type) conditions.push(eq(organizations.type, filter.type));
  // Every word must occur in the short or the full name: «лицей 2» finds МБОУ «Лицей № 2».
  for (const word of filter.name?.trim().split(/\s+/).filter(Boolean) ?? []) {
    const pattern = `%${word.replace(/[%_\\]/g, '\\$&')}%`;
    conditions.push(or(ilike(organizations.shortName, pattern), ilike(organizations.fullName, pattern))!);
  }
  return conditions;
}

export function listOrganizations(
  db: Executor,
  policy: PeoplePolicy,
  filter: OrganizationFilter,
  page: { first: number; after: string | null },
) {
  const after = page.after ? gt(organizations.id, page.after) : undefined;
  return db
    .select()
    .from(organizations)
    .where(and(...filterSql(policy, filter), after))
    .orderBy(asc(organizations.id))
    .limit(page.first + 1);
}

export async function countOrganizations(db: Executor, policy: PeoplePolicy, filter: OrganizationFilter) {
  const [row] = await db
    .select({ count: sql<number>`count(*)::int` })
    .from(organizations)
    .where(and(...filterSql(policy, filter)));
  return row?.count ?? 0;
}

/** Municipalities are the public map of the region: every principal with `org:read` or `catalogue:read` sees them all. */
export function listMunicipalities(db: Executor) {
  return db.select().from(municipalities).orderBy(asc(municipalities.name));
}

export function loadMunicipalities(db: Executor, ids: readonly string[]) {
  return db
    .select()
    .from(municipalities)
    .where(inArray(municipalities.id, [...ids]));
}
