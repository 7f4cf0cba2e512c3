import { createLogger, subgraphMain } from '@region/kit';
import { createPeopleSubgraph } from './app.ts';
import { readMailEnv, readPiiReadLogEnv } from './env.ts';
import { readFilesEnv } from './files.ts';
import { startEmailWorker } from './mail/start.ts';

subgraphMain('people', 4001, async (deps) => {
  const mailEnv = readMailEnv();
  const subgraph = await createPeopleSubgraph({ ...deps, piiReadLog: readPiiReadLogEnv(), files: readFilesEnv() });
  // In production e-mail goes out from its own process (the registry entry's worker, `worker.ts`).
  const mail =
    mailEnv.OUTBOX_WORKERS === 'on'
      ? startEmailWorker({ db: deps.db, logger: createLogger('people-mail'), env: mailEnv })
      : null;
  return {
    server: subgraph.server,
    stop: async () => {
      await mail?.stop();
      await subgraph.stop();
    },
  };
});
