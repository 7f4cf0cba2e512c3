/**
 * What a principal sees of one card: rule 5 (no consent → depersonalized in every response) and the
 * per-row scopes computed in SQL with the row (`canReadPii`, `canReadContacts`).
 */
import { forbidden } from '@region/kit';
import { MASKED_FIRST_NAME, MASKED_LAST_NAME } from '@region/schema';
import type { PersonRow } from './repository.ts';

/** Masked without consent, except a member of staff's name (`NAME_VISIBLE_SQL` in the repository). */
export function visibleName(row: PersonRow) {
  if (!row.nameVisible) return { lastName: MASKED_LAST_NAME, firstName: MASKED_FIRST_NAME, middleName: null };
  return { lastName: row.lastName, firstName: row.firstName, middleName: row.middleName };
}

type Guard = 'pii' | 'contacts';

/** Refuses a personal-data field of this row unless the principal holds its scope over the row. */
export function assertCanRead(row: PersonRow, guard: Guard, field: string): void {
  const allowed = guard === 'pii' ? row.canReadPii : row.canReadContacts;
  if (!allowed) throw forbidden(`Нет доступа к полю «${field}» этого лица.`);
}

/**
 * A personal-data field: refused with FORBIDDEN when the principal lacks the scope over this row (the
 * field resolves to null with an error carrying its path), masked when the person has not consented.
 */
export function guarded<T>(guard: Guard, field: string, read: (row: PersonRow) => T) {
  return (row: PersonRow): T | null => {
    assertCanRead(row, guard, field);
    if (!row.consented) return null;
    return read(row);
  };
}
