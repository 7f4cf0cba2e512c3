import { groupLoader, rowLoader } from '@region/kit';
import type { Executor } from '@region/db';
import type { LearningPolicy } from '../../policy.ts';
import { allSubjects, assignmentsOfClasses, loadClasses, schoolYearsByIds, schoolYearsOf } from './repository.ts';

export function createClassLoaders(db: Executor, policy: LearningPolicy) {
  // Subjects are read whole, once per request: lessons, marks and portfolio rows reach them at different
  // depths of one operation, and batches of those depths merge or not as the database's answers interleave —
  // one read of the short list keeps the statement count fixed (issue 13 §3).
  let subjects: Promise<Awaited<ReturnType<typeof allSubjects>>> | undefined;
  return {
    class: rowLoader(
      (ids: readonly string[]) => loadClasses(db, policy, ids),
      (row) => row.id,
    ),
    subject: rowLoader(
      async (ids: readonly string[]) => {
        // `then` runs the query once; the builder itself would run again at every await.
        subjects ??= allSubjects(db).then((rows) => rows);
        const wanted = new Set(ids);
        return (await subjects).filter((row) => wanted.has(row.id));
      },
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
