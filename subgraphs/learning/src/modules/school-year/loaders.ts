import { groupLoader } from '@region/kit';
import type { Executor } from '@region/db';
import { periodsOfSchoolYears } from './repository.ts';

export function createSchoolYearLoaders(db: Executor) {
  return {
    /** A school year's study periods, in their order (one query for every year of a response). */
    periodsOfSchoolYear: groupLoader(
      (ids: readonly string[]) => periodsOfSchoolYears(db, ids),
      (row) => row.schoolYearId,
    ),
  };
}
