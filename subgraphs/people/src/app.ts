/** Builds the people subgraph without listening: used by `index.ts`, the tests and the launcher. */
import { createSubgraph, type InternalTokenVerifier, type Logger, type Subgraph } from '@region/kit';
import type { Database } from '@region/db';
import { sql } from 'drizzle-orm';
import { createContext, type PeopleContext } from './context.ts';
import { auditModule } from './modules/audit/index.ts';
import { consentsModule } from './modules/consents/index.ts';
import { duplicatesModule } from './modules/duplicates/index.ts';
import { employmentModule } from './modules/employment/index.ts';
import { grantsModule } from './modules/grants/index.ts';
import { guardianshipModule } from './modules/guardianship/index.ts';
import { loginModule } from './modules/login/index.ts';
import { movementBookModule } from './modules/movement-book/index.ts';
import { organizationsModule } from './modules/organizations/index.ts';
import { personsModule } from './modules/persons/index.ts';

export interface PeopleDeps {
  db: Database;
  verifyInternalToken: InternalTokenVerifier;
  logger: Logger;
  now?: () => Date;
}

export function createPeopleSubgraph(deps: PeopleDeps): Promise<Subgraph> {
  const now = deps.now ?? (() => new Date());
  return createSubgraph<PeopleContext>({
    name: 'people',
    modules: [
      personsModule,
      organizationsModule,
      loginModule,
      consentsModule,
      guardianshipModule,
      movementBookModule,
      duplicatesModule,
      employmentModule,
      auditModule,
      grantsModule,
    ],
    verifyInternalToken: deps.verifyInternalToken,
    createContext: (principal) => createContext(principal, { db: deps.db, logger: deps.logger, now }),
    logger: deps.logger,
    health: async () => {
      await deps.db.execute(sql`select 1`);
      return true;
    },
  });
}
