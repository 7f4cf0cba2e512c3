import { groupLoader, rowLoader } from '@region/kit';
import type { Executor } from '@region/db';
import type { ExtraEducationPolicy } from '../../policy.ts';
import {
  loadFreePlaces,
  loadGroups,
  loadGroupsOfProgrammes,
  loadProgrammes,
  loadPublishedOfOrganizations,
} from './repository.ts';

export function createCatalogueLoaders(db: Executor, policy: ExtraEducationPolicy) {
  return {
    programme: rowLoader(
      (ids: readonly string[]) => loadProgrammes(db, policy, ids),
      (row) => row.id,
    ),
    publishedOfOrganization: groupLoader(
      (ids: readonly string[]) => loadPublishedOfOrganizations(db, policy, ids),
      (row) => row.organizationId,
    ),
    group: rowLoader(
      (ids: readonly string[]) => loadGroups(db, policy, ids),
      (row) => row.id,
    ),
    groupsOfProgramme: groupLoader(
      (ids: readonly string[]) => loadGroupsOfProgrammes(db, policy, ids),
      (row) => row.programmeId,
    ),
    groupFreePlaces: rowLoader(
      (ids: readonly string[]) => loadFreePlaces(db, ids),
      (row) => row.id,
    ),
  };
}
