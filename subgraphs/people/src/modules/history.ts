/**
 * Rule 6: every change to personal data is kept (who, when, field, old, new), written in the transaction
 * of the change itself so history and data can never disagree.
 */
import type { Executor } from '@region/db';
import { insertHistoryRows } from './history/repository.ts';

export interface HistoryEntry {
  entity: string;
  entityId: string;
  field: string;
  oldValue: unknown;
  newValue: unknown;
  changedBy: string | null;
}

export async function recordHistory(tx: Executor, ...entries: HistoryEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await insertHistoryRows(
    tx,
    entries.map((entry) => ({
      entity: entry.entity,
      entityId: entry.entityId,
      field: entry.field,
      oldValue: entry.oldValue ?? null,
      newValue: entry.newValue ?? null,
      changedBy: entry.changedBy,
    })),
  );
}

/** History rows for every field that differs between two versions of a record. */
export function diffHistory(
  entity: string,
  entityId: string,
  before: Record<string, unknown>,
  after: Record<string, unknown>,
  changedBy: string | null,
): HistoryEntry[] {
  return Object.keys(after)
    .filter((field) => (before[field] ?? null) !== (after[field] ?? null))
    .map((field) => ({
      entity,
      entityId,
      field,
      oldValue: before[field] ?? null,
      newValue: after[field] ?? null,
      changedBy,
    }));
}
