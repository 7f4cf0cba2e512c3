/**
 * How the gateway words an error for the client and for its log. Internal failures are masked (the kit's
 * `maskError`), with two exceptions: Apollo Server's own refusals of malformed requests are the client's
 * input, and a failure a subgraph reports was logged in detail by that subgraph — the gateway logs it once
 * per burst, not once per request (issue 9, §7: a database restart must not flood the log).
 */
import { isPublicCode, maskError, type Logger } from '@region/kit';
import type { GraphQLFormattedError } from 'graphql';

const MASKED = 'Внутренняя ошибка сервера. Мы уже разбираемся.';

/** Logs the first event of a key, then at most one line per `windowMs` with how many were not logged. */
export function burstLog(logger: Logger, message: string, windowMs = 10_000, now = Date.now) {
  const bursts = new Map<string, { reportedAt: number; unreported: number }>();
  return (key: string, fields: Record<string, unknown>) => {
    const at = now();
    const burst = bursts.get(key);
    if (burst && at - burst.reportedAt < windowMs) {
      burst.unreported += 1;
      return;
    }
    logger.error({ ...fields, unreported: burst?.unreported ?? 0 }, message);
    bursts.set(key, { reportedAt: at, unreported: 0 });
  };
}

export function gatewayErrorFormatter(logger: Logger, now = Date.now) {
  const subgraphFailed = burstLog(logger, 'subgraph reported an internal error', 10_000, now);
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const answer = requestErrorAsInput(formatted, error);
    const service = (error as { extensions?: { serviceName?: unknown } }).extensions?.serviceName;
    if (typeof service === 'string' && !isPublicCode(answer.extensions?.['code'])) {
      subgraphFailed(service, { service, path: formatted.path });
      return { message: MASKED, path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR', service } };
    }
    return maskError(answer, error, logger);
  };
}

/**
 * Apollo Server refuses some malformed requests itself with a 4xx status but without a code the platform
 * publishes (a persisted query whose hash does not match its text, an unknown persisted-query version);
 * they are the client's input, not a failure to be masked and logged.
 */
function requestErrorAsInput(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const status = (error as { extensions?: { http?: { status?: unknown } } }).extensions?.http?.status;
  if (isPublicCode(formatted.extensions?.['code']) || typeof status !== 'number') return formatted;
  if (status < 400 || status >= 500) return formatted;
  return {
    message: `Неверный запрос: ${formatted.message}.`,
    extensions: { ...formatted.extensions, code: 'BAD_USER_INPUT' },
  };
}
