/**
 * What a subgraph does while its database is gone (issue 9, Faults): the request fails with
 * `SERVICE_UNAVAILABLE` instead of a masked internal error, the log says so once per burst rather than a
 * stack per request, and the process keeps serving, so it answers again as soon as PostgreSQL is back.
 */
import { AppError } from './errors.ts';
import type { Logger } from './logger.ts';

/** The `postgres` driver's own codes for a connection it lost or could not open. */
const DRIVER_CODES = new Set(['CONNECTION_CLOSED', 'CONNECTION_DESTROYED', 'CONNECT_TIMEOUT', 'CONNECTION_ENDED']);
/** Socket errors of a server that is down or went away. */
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH']);
/**
 * SQLSTATEs of a server that is shutting down, starting up or out of connections: class 08 (connection
 * exception), 57P01 admin_shutdown, 57P02 crash_shutdown, 57P03 cannot_connect_now, 53300 too_many_connections.
 */
const SQLSTATES = new Set(['57P01', '57P02', '57P03', '53300']);

/** The error itself and what it wraps (GraphQL's `originalError`, drizzle's `cause`), outermost first. */
function* chain(error: unknown): Generator<unknown> {
  const seen = new Set<unknown>();
  let current = error;
  while (current && typeof current === 'object' && !seen.has(current)) {
    seen.add(current);
    yield current;
    const next = current as { originalError?: unknown; cause?: unknown };
    current = next.originalError ?? next.cause;
  }
}

function codeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? code : undefined;
}

/** The database could not be reached: not the request's fault, and it passes when PostgreSQL is back. */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (const link of chain(error)) {
    const code = codeOf(link);
    if (!code) continue;
    if (DRIVER_CODES.has(code) || SOCKET_CODES.has(code) || SQLSTATES.has(code) || /^08[0-9A-Z]{3}$/.test(code))
      return true;
  }
  return false;
}

export const SERVICE_UNAVAILABLE_MESSAGE = 'Сервис временно недоступен. Повторите попытку через минуту.';

export function serviceUnavailable(): AppError {
  return new AppError('SERVICE_UNAVAILABLE', SERVICE_UNAVAILABLE_MESSAGE);
}

/**
 * An exception nobody could catch that is known to be the driver losing its connection: `postgres` 3.4.9
 * writes to a socket it already dropped from a `setImmediate` (porsager/postgres#1154, #1208). The patch in
 * `patches/` removes the known path; this recognizes the same failure should another path reach it.
 */
export function isDriverConnectionLoss(error: unknown): boolean {
  if (isDatabaseUnavailable(error)) return true;
  if (!(error instanceof TypeError) || !error.message.includes("reading 'write'")) return false;
  const top = (error.stack ?? '').split('\n')[1] ?? '';
  return /\bnextWrite\b.*node_modules[\\/]postgres[\\/].*connection\.js/.test(top);
}

/**
 * The last line of defence: an uncaught exception or unhandled rejection that is the driver's connection
 * loss is logged and the process keeps serving; anything else still ends the process (exit code 1), since
 * its state is unknown — the launcher restarts it.
 */
export function keepServingOnConnectionLoss(logger: Logger): void {
  process.on('uncaughtException', (error, origin) => {
    if (isDriverConnectionLoss(error)) {
      logger.error({ err: error, origin }, 'database connection lost outside a request; still serving');
      return;
    }
    logger.fatal({ err: error, origin }, 'uncaught exception; exiting');
    process.exit(1);
  });
}

/**
 * Logs the first failure of a burst at once and then one line per `windowMs` with how many more there were,
 * so an outage under load does not write a stack per request.
 */
export function burstLog(logger: Logger, message: string, windowMs = 10_000): (details: object) => void {
  let windowStart = 0;
  let suppressed = 0;
  return (details) => {
    const now = Date.now();
    if (now - windowStart < windowMs) {
      suppressed++;
      return;
    }
    logger.warn({ ...details, ...(suppressed ? { suppressed } : {}) }, message);
    windowStart = now;
    suppressed = 0;
  };
}
