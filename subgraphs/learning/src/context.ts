import type { Database } from '@region/db';
import type { Logger, Principal } from '@region/kit';
import { createClassLoaders } from './modules/classes/loaders.ts';
import { createJournalLoaders } from './modules/journal/loaders.ts';
import { LearningPolicy } from './policy.ts';

export interface LearningContext {
  principal: Principal;
  policy: LearningPolicy;
  db: Database;
  loaders: ReturnType<typeof createLoaders>;
  logger: Logger;
  /** The clock, injectable so tests and the demo can stand on a given date. */
  now: () => Date;
}

function createLoaders(db: Database, policy: LearningPolicy) {
  return { ...createClassLoaders(db, policy), ...createJournalLoaders(db, policy) };
}

export function createContext(
  principal: Principal,
  deps: { db: Database; logger: Logger; now: () => Date },
): LearningContext {
  const policy = new LearningPolicy(principal);
  return {
    principal,
    policy,
    db: deps.db,
    loaders: createLoaders(deps.db, policy),
    logger: deps.logger,
    now: deps.now,
  };
}
