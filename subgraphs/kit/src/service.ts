/**
 * Process lifecycle shared by every service: listen, then stop cleanly on SIGINT/SIGTERM — stop taking
 * requests, let the in-flight ones finish, close the pools — so Ctrl-C in `npm start` leaves nothing behind.
 */
import type { Server } from 'node:http';
import { closeServer, DRAIN_GRACE_MS, listen } from './http.ts';
import type { Logger } from './logger.ts';

/** Time left after the drain for stopping Apollo and closing the pools. */
const SHUTDOWN_MS = 5_000;

export interface RunOptions {
  name: string;
  server: Server;
  port: number;
  host?: string;
  logger: Logger;
  /** Called after the server stopped listening: stop Apollo, close database pools. */
  onShutdown?: () => Promise<void>;
}

export async function runService(options: RunOptions): Promise<void> {
  const port = await listen(options.server, options.port, options.host);
  options.logger.info({ port }, `${options.name} listening`);
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    options.logger.info({ signal }, `${options.name} stopping`);
    // Drain first (in-flight requests finish, up to the grace period), then close the pools they use.
    const force = setTimeout(() => process.exit(1), DRAIN_GRACE_MS + SHUTDOWN_MS);
    force.unref();
    await closeServer(options.server, DRAIN_GRACE_MS);
    await options.onShutdown?.();
    options.logger.info(`${options.name} stopped`);
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}
