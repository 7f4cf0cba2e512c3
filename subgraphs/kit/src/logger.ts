import { isSpanContextValid, trace } from '@opentelemetry/api';
import { pino, type DestinationStream, type Logger } from 'pino';
import { currentRequestId } from './request-context.ts';

export type { Logger };

/**
 * Every line written while a request runs carries its `requestId` (and, when tracing is on, its `traceId`
 * and `spanId`), whichever logger object wrote it — the context's, the kit's error masking, a repository's —
 * so no context factory has to remember to make a child logger (issue 10 §4).
 */
function requestBindings(): Record<string, string> {
  const requestId = currentRequestId();
  const span = trace.getActiveSpan()?.spanContext();
  const bindings: Record<string, string> = {};
  if (requestId) bindings['requestId'] = requestId;
  if (span && isSpanContextValid(span)) {
    bindings['traceId'] = span.traceId;
    bindings['spanId'] = span.spanId;
  }
  return bindings;
}

export function createLogger(
  service: string,
  level = process.env['LOG_LEVEL'] ?? 'info',
  destination?: DestinationStream,
): Logger {
  const options = { name: service, level, base: { service }, mixin: requestBindings };
  return destination ? pino(options, destination) : pino(options);
}
