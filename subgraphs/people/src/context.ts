import type { Database } from '@region/db';
import { groupLoader, type Logger, type Principal } from '@region/kit';
import { createCompletenessLoaders } from './modules/completeness/index.ts';
import { consentsOf } from './modules/consents/service.ts';
import { employmentsOf } from './modules/employment/repository.ts';
import { grantsOfPersons } from './modules/grants/service.ts';
import { guardianFacts } from './modules/portfolio-readiness/repository.ts';
import { movementsOf } from './modules/movement-book/service.ts';
import { createOrganizationLoaders } from './modules/organizations/loaders.ts';
import { createPersonLoaders } from './modules/persons/loaders.ts';
import { PeoplePolicy } from './policy.ts';

export interface PeopleContext {
  principal: Principal;
  policy: PeoplePolicy;
  db: Database;
  loaders: ReturnType<typeof createLoaders>;
  logger: Logger;
  /** The clock, injectable so tests and the demo can stand on a given date. */
  now: () => Date;
}

function createLoaders(db: Database, policy: PeoplePolicy) {
  return {
    ...createPersonLoaders(db, policy),
    ...createOrganizationLoaders(db, policy),
    ...createCompletenessLoaders(db, policy),
    consents: groupLoader(
      (ids: readonly string[]) => consentsOf(db, ids),
      (row) => row.personId,
    ),
    movements: groupLoader(
      (ids: readonly string[]) => movementsOf(db, ids),
      (row) => row.personId,
    ),
    employments: groupLoader(
      (ids: readonly string[]) => employmentsOf(db, ids),
      (row) => row.personId,
    ),
    grants: groupLoader(
      (ids: readonly string[]) => grantsOfPersons(db, ids),
      (row) => row.personId,
    ),
    guardianFacts: groupLoader(
      (ids: readonly string[]) => guardianFacts(db, ids),
      (row) => row.childId,
    ),
  };
}

export function createContext(
  principal: Principal,
  deps: { db: Database; logger: Logger; now: () => Date },
): PeopleContext {
  const policy = new PeoplePolicy(principal);
  return {
    principal,
    policy,
    db: deps.db,
    loaders: createLoaders(deps.db, policy),
    logger: deps.logger,
    now: deps.now,
  };
}
