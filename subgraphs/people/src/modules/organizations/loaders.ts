import { rowLoader } from '@region/kit';
import type { Executor } from '@region/db';
import type { PeoplePolicy } from '../../policy.ts';
import { loadMunicipalities, loadOrganizations } from './repository.ts';

export function createOrganizationLoaders(db: Executor, policy: PeoplePolicy) {
  return {
    organization: rowLoader(
      (ids: readonly string[]) => loadOrganizations(db, policy, ids),
      (row) => row.id,
    ),
    municipality: rowLoader(
      (ids: readonly string[]) => loadMunicipalities(db, ids),
      (row) => row.id,
    ),
  };
}
