import { groupLoader, rowLoader } from '@region/kit';
import type { Executor } from '@region/db';
import type { PeoplePolicy } from '../../policy.ts';
import { childLinks, currentEnrolments, guardianLinks, loadPersons } from './repository.ts';

export function createPersonLoaders(db: Executor, policy: PeoplePolicy) {
  return {
    person: rowLoader(
      (ids: readonly string[]) => loadPersons(db, policy, ids),
      (row) => row.id,
    ),
    childLinks: groupLoader(
      (ids: readonly string[]) => childLinks(db, ids),
      (row) => row.guardianId,
    ),
    guardianLinks: groupLoader(
      (ids: readonly string[]) => guardianLinks(db, ids),
      (row) => row.childId,
    ),
    enrolment: rowLoader(
      (ids: readonly string[]) => currentEnrolments(db, ids),
      (row) => row.personId,
    ),
  };
}
