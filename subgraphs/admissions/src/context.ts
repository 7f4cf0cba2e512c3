import type { Database } from '@region/db';
import type { Logger, Principal } from '@region/kit';
import { createApplicationLoaders } from './modules/applications/index.ts';
import { peopleConsentLookup, type ConsentLookup } from './people-consents.ts';
import { AdmissionsPolicy } from './policy.ts';

export interface AdmissionsContext {
  principal: Principal;
  policy: AdmissionsPolicy;
  db: Database;
  loaders: ReturnType<typeof createApplicationLoaders>;
  logger: Logger;
  /** The clock, injectable so tests and the demo can stand on a date of the campaign. */
  now: () => Date;
  /** Which of these persons consent to processing now, asked of people on the caller's behalf. */
  consentsOf: ConsentLookup;
}

export function createContext(
  principal: Principal,
  deps: { db: Database; logger: Logger; now: () => Date; peopleUrl?: string | undefined },
  token = '',
): AdmissionsContext {
  const policy = new AdmissionsPolicy(principal);
  return {
    principal,
    policy,
    db: deps.db,
    loaders: createApplicationLoaders(deps.db, policy),
    logger: deps.logger,
    now: deps.now,
    consentsOf: peopleConsentLookup(deps.peopleUrl, token),
  };
}
