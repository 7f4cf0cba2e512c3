/** A throwaway embedded PostgreSQL, migrated, for the db package's own tests: one per test file. */
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDb, type DbHandle } from '../src/client.ts';
import { startEmbeddedPostgres } from '../src/embedded.ts';
import { migrateDatabase } from '../src/migrate.ts';

export interface TestCluster {
  handle: DbHandle;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

export async function startMigratedCluster(): Promise<TestCluster> {
  const dataDir = await mkdtemp(join(tmpdir(), 'region-demo-'));
  const cluster = await startEmbeddedPostgres({ dataDir, port: await freePort(), persistent: false, fast: true });
  await migrateDatabase(cluster.url, 'test');
  const handle = createDb(cluster.url);
  return {
    handle,
    stop: async () => {
      await handle.close();
      await cluster.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
