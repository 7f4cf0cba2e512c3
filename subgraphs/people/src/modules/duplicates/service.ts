/**
 * Duplicates (DOMAIN.md rule 8, seed 000: 37,335 duplicate parents): list records sharing a normalized
 * full name and birth date, and merge two of them so that one person has one record again.
 */
import { badInput, forbidden, notFound, regionDate } from '@region/kit';
import type { Database, Executor } from '@region/db';
import type { PeoplePolicy } from '../../policy.ts';
import { recordHistory } from '../history.ts';
import { updatePersonRow } from '../persons/repository.ts';
import { duplicateGroups, lockLiveCards, moveLinks, type DuplicateGroupRow } from './repository.ts';

export type { DuplicateGroupRow };

/**
 * Groups are formed from consented records only (rule 5): grouping by name and birth date is a filter on
 * personal data, and a depersonalized record in a group would be named by the group and its partner.
 */
export async function listDuplicates(
  db: Executor,
  policy: PeoplePolicy,
  filter: { organizationId?: string | null },
  page: { first: number; after: { name: string; birthDate: string } | null },
): Promise<DuplicateGroupRow[]> {
  return duplicateGroups(db, policy.personsWithScope('duplicates:manage'), filter, page);
}

/** Card fields a merge fills on the kept record when it has none. */
const FILLABLE = [
  'middleName',
  'birthDate',
  'sex',
  'snils',
  'citizenship',
  'placeOfBirth',
  'registrationAddress',
  'residenceAddress',
  'phone',
  'email',
  'documentType',
  'documentSeries',
  'documentNumber',
  'documentIssuedOn',
  'educationForm',
  'movementFirst',
  'education',
] as const;

export async function mergePersons(
  db: Database,
  policy: PeoplePolicy,
  keepId: string,
  mergeId: string,
  now: Date,
): Promise<void> {
  if (keepId === mergeId) throw badInput('Нельзя объединить карточку саму с собой.', 'mergeId');
  await db.transaction(async (tx) => {
    const rows = await lockLiveCards(tx, [keepId, mergeId], {
      readable: policy.personsWithScope('person:read'),
      manage: policy.personsWithScope('duplicates:manage'),
    });
    const keep = rows.find((r) => r.row.id === keepId);
    const merged = rows.find((r) => r.row.id === mergeId);
    if (!keep || !merged) throw notFound('Карточка');
    if (!keep.canManage || !merged.canManage) throw forbidden('Объединять можно только карточки своей организации.');

    // The merged record's current enrolment, if the kept one has its own, ends on the region's date.
    await moveLinks(tx, keepId, mergeId, { now, today: regionDate(now) });

    const actor = policy.personId;
    await updatePersonRow(tx, mergeId, { mergedInto: keepId, updatedAt: now });
    const fill: Record<string, unknown> = {};
    for (const field of FILLABLE) {
      if ((keep.row[field] === null || keep.row[field] === '') && merged.row[field] !== null)
        fill[field] = merged.row[field];
    }
    if (Object.keys(fill).length > 0) await updatePersonRow(tx, keepId, { ...fill, updatedAt: now });
    await recordHistory(
      tx,
      { entity: 'person', entityId: mergeId, field: 'merged_into', oldValue: null, newValue: keepId, changedBy: actor },
      ...Object.entries(fill).map(([field, value]) => ({
        entity: 'person',
        entityId: keepId,
        field,
        oldValue: keep.row[field as keyof typeof keep.row] ?? null,
        newValue: value,
        changedBy: actor,
      })),
    );
  });
}
