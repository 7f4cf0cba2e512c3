import type { Database } from '@region/db';
import type { Logger, Principal } from '@region/kit';
import { createApplicationLoaders } from './modules/applications/index.ts';
import { AdmissionsPolicy } from './policy.ts';

export interface AdmissionsContext {
  principal: Principal;
  policy: AdmissionsPolicy;
  db: Database;
  loaders: ReturnType<typeof createApplicationLoaders>;
  logger: Logger;
  /** The clock, injectable so tests and the demo can stand on a date of the campaign. */
  now: () => Date;
}

export function createContext(
  principal: Principal,
  deps: { db: Database; logger: Logger; now: () => Date },
): AdmissionsContext {
  const policy = new AdmissionsPolicy(principal);
  return {
    principal,
    policy,
    db: deps.db,
    loaders: createApplicationLoaders(deps.db, policy),
    logger: deps.logger,
    now: deps.now,
  };
}
