/** What the extra-education part of the demo generator returns: plain rows of the `extra_education` schema. */
import type { groups, programmes } from '../../extra-education.ts';

type WithId<T> = T & { id: string };

export type ProgrammeRow = WithId<typeof programmes.$inferInsert>;
export type GroupRow = WithId<typeof groups.$inferInsert>;

/**
 * Rows per table of the `extra_education` schema, in foreign-key order. Certificates, funding periods and
 * the ledger, applications and contracts join here (after `groups`) when their services land (issue 11).
 */
export interface ExtraEducationRows {
  programmes: ProgrammeRow[];
  groups: GroupRow[];
}

export const emptyExtraEducationRows = (): ExtraEducationRows => ({ programmes: [], groups: [] });
