import { groupLoader, rowLoader } from '@region/kit';
import type { Executor } from '@region/db';
import type { LearningPolicy } from '../../policy.ts';
import { assignmentsOfClasses, loadClasses, loadSubjects, schoolYearsByIds, schoolYearsOf } from './repository.ts';

export function createClassLoaders(db: Executor, policy: LearningPolicy) {
  return {
    class: rowLoader(
      (ids: readonly string[]) => loadClasses(db, policy, ids),
      (row) => row.id,
    ),
    subject: rowLoader(
      (ids: readonly string[]) => loadSubjects(db, ids),
      (row) => row.id,
    ),
    assignmentsOfClass: groupLoader(
      (ids: readonly string[]) => assignmentsOfClasses(db, ids),
      (row) => row.classId,
    ),
    schoolYear: rowLoader(
      (ids: readonly string[]) => schoolYearsByIds(db, ids),
      (row) => row.id,
    ),
    schoolYearsOfOrganization: groupLoader(
      (ids: readonly string[]) => schoolYearsOf(db, ids),
      (row) => row.organizationId,
    ),
  };
}
