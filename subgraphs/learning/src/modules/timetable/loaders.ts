import { groupLoader } from '@region/kit';
import type { Executor } from '@region/db';
import { bellsOfClasses, bellsOfOrganizations } from './repository.ts';

export function createTimetableLoaders(db: Executor) {
  return {
    /** The bells of each class's shift: one statement for every lesson of a diary, schedule or journal. */
    bellsOfClass: groupLoader(
      (ids: readonly string[]) => bellsOfClasses(db, ids),
      (row) => row.classId,
    ),
    bellsOfOrganization: groupLoader(
      (ids: readonly string[]) => bellsOfOrganizations(db, ids),
      (row) => row.organizationId,
    ),
  };
}
