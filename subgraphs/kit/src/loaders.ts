/**
 * DataLoader helpers: one batched statement per list of keys, results in key order (STYLE.md). Loaders are
 * created per request, so a principal's row scope never leaks into another request's cache.
 */
import DataLoader from 'dataloader';

/** Loads at most one row per key; keys without a row (absent or outside row scope) resolve to null. */
export function rowLoader<K extends string, R>(
  fetch: (keys: readonly K[]) => Promise<readonly R[]>,
  keyOf: (row: R) => K,
): DataLoader<K, R | null> {
  return new DataLoader(async (keys) => {
    const rows = await fetch(keys);
    const byKey = new Map(rows.map((row) => [keyOf(row), row] as const));
    return keys.map((key) => byKey.get(key) ?? null);
  });
}

/** Loads every row that belongs to a key (children of a parent, employments of a person…). */
export function groupLoader<K extends string, R>(
  fetch: (keys: readonly K[]) => Promise<readonly R[]>,
  keyOf: (row: R) => K,
): DataLoader<K, R[]> {
  return new DataLoader(async (keys) => {
    const rows = await fetch(keys);
    const groups = new Map<K, R[]>(keys.map((key) => [key, []]));
    for (const row of rows) groups.get(keyOf(row))?.push(row);
    return keys.map((key) => groups.get(key) ?? []);
  });
}
