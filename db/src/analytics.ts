/**
 * The analytics subgraph's own tables (issue 12), in schema `analytics`, written by `analytics_svc` only.
 * Analytics reads the other subgraphs through the read contract (`analytics_contract`); what it stores is
 * its users' work: saved report definitions — never a computed table, which would outlive its scope.
 */
import { sql } from 'drizzle-orm';
import { boolean, check, index, jsonb, pgSchema, text, timestamp, uuid } from 'drizzle-orm/pg-core';

export const analytics = pgSchema('analytics');

/** What `report(input:)` takes, as saved: ids and values only, checked again every time it runs. */
export interface SavedReportDefinition {
  dataset: string;
  dimensions: string[];
  measures: string[];
  filters: { dimension: string; values: string[] }[];
  sort: { dimension: string | null; measure: string | null; descending: boolean }[];
  limit: number | null;
  on: string | null;
  ageOn: string | null;
  from: string | null;
  to: string | null;
}

/**
 * A report saved by a person (issue 12: saved reports per person, shareable within the same scope). The
 * saver's `reports:read` territory at saving time is kept so a shared report is listed only to principals
 * whose territory overlaps it; whoever opens it runs it with their own principal, never the saver's.
 */
export const savedReports = analytics.table(
  'saved_reports',
  {
    id: uuid('id')
      .primaryKey()
      .default(sql`uuidv7()`),
    /** The saver's person id: only they change or delete it. */
    ownerId: uuid('owner_id').notNull(),
    title: text('title').notNull(),
    definition: jsonb('definition').$type<SavedReportDefinition>().notNull(),
    shared: boolean('shared').notNull().default(false),
    /** The saver's territory: the region, their municipalities, their organizations and those' municipalities. */
    scopeRegion: boolean('scope_region').notNull(),
    scopeMunicipalityIds: uuid('scope_municipality_ids').array().notNull(),
    scopeOrganizationIds: uuid('scope_organization_ids').array().notNull(),
    scopeOrganizationMunicipalityIds: uuid('scope_organization_municipality_ids').array().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('saved_reports_title', sql`char_length(${t.title}) between 1 and 200`),
    index('saved_reports_owner_idx').on(t.ownerId, t.updatedAt),
    index('saved_reports_shared_idx')
      .on(t.updatedAt)
      .where(sql`${t.shared}`),
  ],
);
