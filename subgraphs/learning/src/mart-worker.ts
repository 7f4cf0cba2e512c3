/**
 * The mart process (`learning-mart`, the registry entry's worker, issue 14 §3): cuts the «Моя школа» batches
 * from learning's change log and delivers them, apart from the API replicas. It connects as `learning_svc`.
 */
import { gatewayClient, serviceTokenProvider, workerMain } from '@region/kit';
import { registryEntry } from '@region/schema';
import { readMartEnv } from './mart/env.ts';
import { peopleChangesReader } from './mart/people-feed.ts';
import { martReceiver } from './mart/receiver.ts';
import { createMartWorker } from './mart/worker.ts';

const mart = registryEntry('learning').workers?.find((worker) => worker.name === 'mart');

workerMain({
  subgraph: 'learning',
  kind: 'mart',
  defaultPort: mart?.port ?? 4016,
  start: ({ db, logger }) => {
    const env = readMartEnv();
    const peopleChanges =
      env.GATEWAY_URL && env.SERVICE_TOKEN_URL
        ? peopleChangesReader(
            gatewayClient({
              gatewayUrl: env.GATEWAY_URL,
              token: serviceTokenProvider({ url: env.SERVICE_TOKEN_URL, clientId: env.MART_CLIENT_ID }),
              timeoutMs: env.MART_TIMEOUT_MS,
            }),
          )
        : undefined;
    if (!peopleChanges) logger.warn('mart: GATEWAY_URL or SERVICE_TOKEN_URL unset, consent tombstones not followed');
    const organizations = env.MART_ORGANIZATIONS
      ? env.MART_ORGANIZATIONS.split(',').map((id) => id.trim())
      : ('ALL' as const);
    return createMartWorker({
      db,
      logger,
      deliver: martReceiver({ url: env.MART_URL, token: env.MART_TOKEN, timeoutMs: env.MART_TIMEOUT_MS }),
      peopleChanges,
      pseudonymKey: env.MART_PSEUDONYM_KEY,
      organizations,
    }).start(env.MART_POLL_MS);
  },
});
