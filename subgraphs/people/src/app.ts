/** Builds the people subgraph without listening: used by `index.ts`, the tests and the launcher. */
import { createSubgraph, type Subgraph, type SubgraphDeps } from '@region/kit';
import { createContext, type PeopleContext } from './context.ts';
import { auditModule } from './modules/audit/index.ts';
import { completenessModule } from './modules/completeness/index.ts';
import { consentsModule } from './modules/consents/index.ts';
import { duplicatesModule } from './modules/duplicates/index.ts';
import { employmentModule } from './modules/employment/index.ts';
import { grantsModule } from './modules/grants/index.ts';
import { guardianshipModule } from './modules/guardianship/index.ts';
import { loginModule } from './modules/login/index.ts';
import { movementBookModule } from './modules/movement-book/index.ts';
import { organizationsModule } from './modules/organizations/index.ts';
import { personsModule } from './modules/persons/index.ts';
import { portfolioReadinessModule } from './modules/portfolio-readiness/index.ts';
import { processingConsentModule } from './modules/processing-consent/index.ts';

export function createPeopleSubgraph(deps: SubgraphDeps): Promise<Subgraph> {
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
      portfolioReadinessModule,
      completenessModule,
      processingConsentModule,
    ],
    verifyInternalToken: deps.verifyInternalToken,
    createContext: (principal) => createContext(principal, { db: deps.db, logger: deps.logger, now }),
    logger: deps.logger,
    db: deps.db,
  });
}
