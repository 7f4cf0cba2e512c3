/**
 * DataLoader helpers: one batched statement per list of keys, results in key order (STYLE.md). Loaders are
 * created per request, so a principal's row scope never leaks into another request's cache.
 */
import DataLoader from 'dataloader';

/**
 * Dispatch a batch after pending I/O callbacks rather than after the current promise jobs: sibling fields
 * whose parents arrive from different statements then share one batch, so the statement count of an
 * operation depends on its shape only, not on how the database's answers interleave.
 */
const options = { batchScheduleFn: (dispatch: () => void) => setImmediate(dispatch) };

/** Loads at most one row per key; keys without a row (absent or outside row scope) resolve to null. */
export function rowLoader<K extends string, R>(
  fetch: (keys: readonly K[]) => Promise<readonly R[]>,
  keyOf: (row: R) => K,
): DataLoader<K, R | null> {
  return new DataLoader(async (keys: readonly K[]) => {
    const rows = await fetch(keys);
    const byKey = new Map(rows.map((row) => [keyOf(row), row] as const));
    return keys.map((key) => byKey.get(key) ?? null);
  }, options);
}

/** Loads every row that belongs to a key (children of a parent, employments of a person…). */
export function groupLoader<K extends string, R>(
  fetch: (keys: readonly K[]) => Promise<readonly R[]>,
  keyOf: (row: R) => K,
): DataLoader<K, R[]> {
  return new DataLoader(async (keys: readonly K[]) => {
    const rows = await fetch(keys);
    const groups = new Map<K, R[]>(keys.map((key) => [key, []]));
    for (const row of rows) groups.get(keyOf(row))?.push(row);
    return keys.map((key) => groups.get(key) ?? []);
  }, options);
}
