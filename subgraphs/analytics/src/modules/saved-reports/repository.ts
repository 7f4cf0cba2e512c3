/** Saved reports (issue 12) in the subgraph's own schema `analytics`. */
import { analyticsTables, type Executor } from '@region/db';
import { and, desc, eq, or, sql, type SQL } from 'drizzle-orm';

const t = analyticsTables.savedReports;
export type SavedReportRow = typeof t.$inferSelect;
export type SavedReportDefinition = analyticsTables.SavedReportDefinition;

/** The territory a report was saved in, and the territory of the one who asks. */
export interface Territory {
  region: boolean;
  municipalityIds: string[];
  organizationIds: string[];
  /** The municipalities of `organizationIds`. */
  organizationMunicipalityIds: string[];
}

const uuids = (ids: readonly string[]) => sql`${`{${ids.join(',')}}`}::uuid[]`;

/**
 * A shared report is visible where its saver's territory and the reader's overlap: either is the region; the
 * same municipality; the same organization; or an organization inside the other's municipality.
 */
function overlaps(reader: Territory): SQL {
  if (reader.region) return sql`true`;
  return sql`(${t.scopeRegion}
    or ${t.scopeMunicipalityIds} && ${uuids(reader.municipalityIds)}
    or ${t.scopeOrganizationMunicipalityIds} && ${uuids(reader.municipalityIds)}
    or ${t.scopeOrganizationIds} && ${uuids(reader.organizationIds)}
    or ${t.scopeMunicipalityIds} && ${uuids(reader.organizationMunicipalityIds)})`;
}

const visibleTo = (ownerId: string, reader: Territory) =>
  or(eq(t.ownerId, ownerId), and(eq(t.shared, true), overlaps(reader)))!;

export async function listSavedReports(db: Executor, ownerId: string, reader: Territory): Promise<SavedReportRow[]> {
  return db.select().from(t).where(visibleTo(ownerId, reader)).orderBy(desc(t.updatedAt)).limit(500);
}

export async function findSavedReport(
  db: Executor,
  id: string,
  ownerId: string,
  reader: Territory,
): Promise<SavedReportRow | null> {
  const [row] = await db
    .select()
    .from(t)
    .where(and(eq(t.id, id), visibleTo(ownerId, reader)));
  return row ?? null;
}

export async function insertSavedReport(
  db: Executor,
  row: { ownerId: string; title: string; definition: SavedReportDefinition; shared: boolean; scope: Territory },
): Promise<SavedReportRow> {
  const [saved] = await db
    .insert(t)
    .values({
      ownerId: row.ownerId,
      title: row.title,
      definition: row.definition,
      shared: row.shared,
      scopeRegion: row.scope.region,
      scopeMunicipalityIds: row.scope.municipalityIds,
      scopeOrganizationIds: row.scope.organizationIds,
      scopeOrganizationMunicipalityIds: row.scope.organizationMunicipalityIds,
    })
    .returning();
  return saved!;
}

/** Changes the owner's own report; null when it is not theirs (or does not exist). */
export async function updateSavedReport(
  db: Executor,
  id: string,
  row: { ownerId: string; title: string; definition: SavedReportDefinition; shared: boolean; scope: Territory },
): Promise<SavedReportRow | null> {
  const [saved] = await db
    .update(t)
    .set({
      title: row.title,
      definition: row.definition,
      shared: row.shared,
      scopeRegion: row.scope.region,
      scopeMunicipalityIds: row.scope.municipalityIds,
      scopeOrganizationIds: row.scope.organizationIds,
      scopeOrganizationMunicipalityIds: row.scope.organizationMunicipalityIds,
      updatedAt: sql`now()`,
    })
    .where(and(eq(t.id, id), eq(t.ownerId, row.ownerId)))
    .returning();
  return saved ?? null;
}

export async function deleteSavedReport(db: Executor, id: string, ownerId: string): Promise<boolean> {
  const deleted = await db
    .delete(t)
    .where(and(eq(t.id, id), eq(t.ownerId, ownerId)))
    .returning({ id: t.id });
  return deleted.length > 0;
}
