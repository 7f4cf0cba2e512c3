/** Relay-style connections with keyset cursors, bounded as DESIGN.md asks (`first` ≤ 200). */
import { badInput } from './errors.ts';

export const MAX_PAGE = 200;

export function pageSize(first: number | null | undefined): number {
  const size = first ?? 50;
  if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE) {
    throw badInput(`Размер страницы должен быть от 1 до ${MAX_PAGE}.`, 'first');
  }
  return size;
}

export function encodeCursor(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

export function decodeCursor<T>(cursor: string | null | undefined, valid: (value: unknown) => value is T): T | null {
  if (!cursor) return null;
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (valid(value)) return value;
  } catch {
    // fall through to the error below
  }
  throw badInput('Неверный курсор страницы.', 'after');
}

export function connection<R>(rows: readonly R[], first: number, cursorOf: (row: R) => string) {
  const page = rows.slice(0, first);
  return {
    edges: page.map((node) => ({ cursor: cursorOf(node), node })),
    pageInfo: { hasNextPage: rows.length > first, endCursor: page.length ? cursorOf(page[page.length - 1]!) : null },
  };
}
