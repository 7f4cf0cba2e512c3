/**
 * The `main()` of a subgraph's worker process (its registry entry's `workers`, e.g. `admissions-outbox`):
 * background work apart from the API replicas, so scaling the API does not multiply it (docs/deploy.md).
 * It connects as the subgraph's own role, serves `/health` only (for the orchestrator's probes), and stops
 * on SIGINT/SIGTERM once `stop()` has let the work in progress finish.
 */
import { createServer } from 'node:http';
import { createDb, type Database } from '@region/db';
import { z } from 'zod';
import { parseEnv, port } from './env.ts';
import { sendJson } from './http.ts';
import { createLogger, type Logger } from './logger.ts';
import { runService } from './service.ts';

export interface WorkerProcessOptions {
  /** The subgraph's name: its env prefix gives `<PREFIX>_DATABASE_URL`. */
  subgraph: string;
  /** The process kind (`outbox`): the process is `<subgraph>-<kind>`. */
  kind: string;
  /** `WORKER_PORT` when unset (the registry entry's worker port). */
  defaultPort: number;
  /** Starts the work; `stop` resolves once the work in progress is done. */
  start: (deps: { db: Database; logger: Logger }) => { stop(): Promise<void> } | Promise<{ stop(): Promise<void> }>;
}

export function workerMain(options: WorkerProcessOptions): void {
  const name = `${options.subgraph}-${options.kind}`;
  const prefix = options.subgraph.toUpperCase().replaceAll('-', '_');
  const run = async () => {
    const env = parseEnv({
      /** The subgraph's own role, like its API's: the work is on the subgraph's own schema. */
      [`${prefix}_DATABASE_URL`]: z.string().url(),
      /** `/health` of the worker process. */
      WORKER_PORT: port(options.defaultPort),
      LISTEN_HOST: z.string().min(1).default('127.0.0.1'),
    });
    const logger = createLogger(name);
    const { db, close } = createDb(String(env[`${prefix}_DATABASE_URL`]), { max: 4 });
    const work = await options.start({ db, logger });
    const server = createServer((request, response) => {
      if (new URL(request.url ?? '/', 'http://localhost').pathname === '/health')
        sendJson(response, 200, { status: 'ok' });
      else sendJson(response, 404, { error: 'not found' });
    });
    await runService({
      name,
      server,
      port: Number(env['WORKER_PORT']),
      host: String(env['LISTEN_HOST']),
      logger,
      onShutdown: async () => {
        await work.stop();
        await close();
      },
    });
  };
  run().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
