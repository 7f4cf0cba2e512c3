/** The people subgraph (its registry entry: `@region/schema`, `SUBGRAPHS`): used by `index.ts`, the tests and the launcher. */
import { defineSubgraph, outboxMetrics, type SubgraphDefinition, type SubgraphDeps } from '@region/kit';
import { createLoaders, type PeopleContext } from './context.ts';
import { announcementsModule } from './modules/announcements/index.ts';
import { auditModule } from './modules/audit/index.ts';
import { changesModule } from './modules/changes/index.ts';
import { completenessModule } from './modules/completeness/index.ts';
import { consentsModule } from './modules/consents/index.ts';
import { duplicatesModule } from './modules/duplicates/index.ts';
import { employmentModule } from './modules/employment/index.ts';
import { extraCoverageModule } from './modules/extra-coverage/index.ts';
import { extraEducationLinksModule } from './modules/extra-education-links/index.ts';
import { grantsModule } from './modules/grants/index.ts';
import { guardianshipModule } from './modules/guardianship/index.ts';
import { journalNoticesModule } from './modules/journal-notices/index.ts';
import { applicationNoticesModule } from './modules/application-notices/index.ts';
import { loginModule } from './modules/login/index.ts';
import { messagesModule } from './modules/messages/index.ts';
import { messageFilesModule } from './modules/message-files/index.ts';
import { messageFileRoutes } from './modules/message-files/route.ts';
import { militaryRegistrationModule } from './modules/military-registration/index.ts';
import { movementBookModule } from './modules/movement-book/index.ts';
import { notificationsModule } from './modules/notifications/index.ts';
import { organizationsModule } from './modules/organizations/index.ts';
import { personsModule } from './modules/persons/index.ts';
import { PiiReadLog, type PiiReadLogOptions } from './modules/pii-reads/log.ts';
import { piiReadsModule } from './modules/pii-reads/index.ts';
import { portfolioReadinessModule } from './modules/portfolio-readiness/index.ts';
import { processingConsentModule } from './modules/processing-consent/index.ts';
import { serviceAccountsModule } from './modules/service-accounts/index.ts';
import { emailOutbox, EMAIL_OUTBOX_EVENTS } from './mail/table.ts';
import { PeoplePolicy } from './policy.ts';
import { fileSettingsOf, type MessageFileSettings } from './files.ts';

export interface PeopleDeps extends SubgraphDeps {
  /** The personal-data access log's flush settings (issue 14 §4; env `PII_READ_FLUSH_MS`…, tests). */
  piiReadLog?: PiiReadLogOptions | undefined;
  /** Message attachments' store, scanner and URL signer; left out: the local disk under `.data/files` (files.ts). */
  files?: MessageFileSettings | undefined;
}

/** The deps inside: the process's one access-log writer, made by `create` below. */
interface PeopleRuntimeDeps extends PeopleDeps {
  piiReads: PiiReadLog;
}

const peopleApi = defineSubgraph<PeopleContext, PeopleRuntimeDeps>({
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
    militaryRegistrationModule,
    extraCoverageModule,
    extraEducationLinksModule,
    messagesModule,
    messageFilesModule,
    announcementsModule,
    notificationsModule,
    journalNoticesModule,
    applicationNoticesModule,
    changesModule,
    serviceAccountsModule,
    piiReadsModule,
  ],
  policy: (principal, now) => new PeoplePolicy(principal, now),
  loaders: createLoaders,
  extend: ({ principal, deps }) => ({
    piiReads: deps.piiReads.forRequest(principal, (deps.now ?? (() => new Date()))()),
    files: fileSettingsOf(deps),
  }),
  metrics: (deps) => outboxMetrics(deps.db, emailOutbox, EMAIL_OUTBOX_EVENTS),
  routes: (deps) =>
    messageFileRoutes({
      db: deps.db,
      files: fileSettingsOf(deps),
      logger: deps.logger,
      now: deps.now ?? (() => new Date()),
    }),
});

/** The API with its access-log writer: the writer's last batch is flushed when the subgraph stops. */
const peopleSubgraph: SubgraphDefinition<PeopleDeps> = {
  name: peopleApi.name,
  async create(deps) {
    const piiReads = new PiiReadLog(deps.db, deps.logger, deps.piiReadLog);
    const subgraph = await peopleApi.create({ ...deps, piiReads });
    return {
      server: subgraph.server,
      stop: async () => {
        await subgraph.stop();
        await piiReads.stop();
      },
    };
  },
};
export default peopleSubgraph;

/** Builds the subgraph without listening. */
export const createPeopleSubgraph = peopleSubgraph.create;
