import type { Database } from '@region/db';
import { groupLoader, rowLoader, type SubgraphContext } from '@region/kit';
import { createCompletenessLoaders } from './modules/completeness/index.ts';
import { consentsOf } from './modules/consents/service.ts';
import { employmentsOf, headsOf } from './modules/employment/repository.ts';
import { createExtraCoverageLoaders } from './modules/extra-coverage/index.ts';
import { grantsOfPersons } from './modules/grants/service.ts';
import { createMessageLoaders } from './modules/messages/index.ts';
import { guardianFacts } from './modules/portfolio-readiness/repository.ts';
import { movementsOf } from './modules/movement-book/service.ts';
import { createOrganizationLoaders } from './modules/organizations/loaders.ts';
import { createPersonLoaders } from './modules/persons/loaders.ts';
import { manifestsOf } from './modules/service-accounts/repository.ts';
import type { RequestReads } from './modules/pii-reads/log.ts';
import { PeoplePolicy } from './policy.ts';
import type { MessageFileSettings } from './files.ts';
import { messageFilesOf } from './modules/message-files/repository.ts';

export interface PeopleContext extends SubgraphContext<PeoplePolicy, ReturnType<typeof createLoaders>> {
  /** This request's reads of personal data, for the access log (issue 14 §4). */
  piiReads: RequestReads;
  /** The file store, scanner and URL signer of message attachments (issue 15 §1). */
  files: MessageFileSettings;
}

export function createLoaders(db: Database, policy: PeoplePolicy) {
  return {
    ...createPersonLoaders(db, policy),
    ...createOrganizationLoaders(db, policy),
    ...createCompletenessLoaders(db, policy),
    ...createExtraCoverageLoaders(db),
    ...createMessageLoaders(db),
    messageFiles: groupLoader(
      (messageIds: readonly string[]) => messageFilesOf(db, messageIds),
      (row) => row.messageId!,
    ),
    consents: groupLoader(
      (ids: readonly string[]) => consentsOf(db, ids),
      (row) => row.personId,
    ),
    movements: groupLoader(
      (ids: readonly string[]) => movementsOf(db, ids),
      (row) => row.personId,
    ),
    organizationHead: rowLoader(
      (ids: readonly string[]) => headsOf(db, ids),
      (row) => row.organizationId,
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
    operationManifests: groupLoader(
      (ids: readonly string[]) => manifestsOf(db, ids),
      (row) => row.serviceAccountId,
    ),
  };
}
