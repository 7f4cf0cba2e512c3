/**
 * What a principal sees of one card: rule 5 (no consent → depersonalized in every response) and the
 * per-row scopes computed in SQL with the row (`piiGrant`, `contactsGrant`: which grant allows it, or null).
 */
import { forbidden } from '@region/kit';
import { MASKED_FIRST_NAME, MASKED_LAST_NAME } from '@region/schema';
import type { GraphQLResolveInfo } from 'graphql';
import type { PeopleContext } from '../../context.ts';
import { clientOperationName } from '../pii-reads/log.ts';
import { PERSONAL_DATA_FIELDS, type PersonalDataField } from '../pii-reads/fields.ts';
import type { PersonRow } from './repository.ts';

/** Masked without consent, except a member of staff's name (`NAME_VISIBLE_SQL` in the repository). */
export function visibleName(row: PersonRow) {
  if (!row.nameVisible) return { lastName: MASKED_LAST_NAME, firstName: MASKED_FIRST_NAME, middleName: null };
  return { lastName: row.lastName, firstName: row.firstName, middleName: row.middleName };
}

type Guard = 'pii' | 'contacts';

const SCOPE_OF_GUARD = { pii: 'pii:read', contacts: 'contacts:read' } as const;

/** Refuses a personal-data field of this row unless the principal holds its scope over the row. */
export function assertCanRead(row: PersonRow, guard: Guard, field: string): void {
  const allowed = (guard === 'pii' ? row.piiGrant : row.contactsGrant) !== null;
  if (!allowed) throw forbidden(`Нет доступа к полю «${field}» этого лица.`);
}

/**
 * Records a read of a personal-data field of `personId` in the request's access log (issue 14 §4): this is
 * the one place a card's personal data is handed out, so every such read passes here. Memory only — the
 * log's writer flushes in batches, off the request path.
 */
export function recordRead(
  ctx: PeopleContext,
  info: GraphQLResolveInfo,
  personId: string,
  guard: Guard,
  grantIndex: number | null,
): void {
  const grant = ctx.policy.grantAt(SCOPE_OF_GUARD[guard], grantIndex);
  ctx.piiReads.record(personId, grant, info.fieldName, clientOperationName(info.operation.name?.value));
}

/**
 * A personal-data field: refused with FORBIDDEN when the principal lacks the scope over this row (the
 * field resolves to null with an error carrying its path), masked when the person has not consented (then
 * nothing was read and nothing is logged), else read and logged.
 */
export function guarded<T>(guard: Guard, field: PersonalDataField, read: (row: PersonRow) => T) {
  const label = PERSONAL_DATA_FIELDS[field];
  return (row: PersonRow, _args: unknown, ctx: PeopleContext, info: GraphQLResolveInfo): T | null => {
    assertCanRead(row, guard, label);
    if (!row.consented) return null;
    recordRead(ctx, info, row.id, guard, guard === 'pii' ? row.piiGrant : row.contactsGrant);
    return read(row);
  };
}
