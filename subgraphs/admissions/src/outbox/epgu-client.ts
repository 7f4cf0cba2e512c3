/**
 * Delivery of status changes back to ЕПГУ (DOMAIN.md rule 17): one POST per outbox message.
 *
 * Body: `{ epguNumber, applicationId, status, previousStatus, reason, changedAt }`, from the payload the
 * applications service writes (`to` → status, `from` → previousStatus, `at` → changedAt).
 * `Idempotency-Key` is the outbox message id: when our "delivered" write fails after ЕПГУ took the
 * message, the message is sent again with the same key and ЕПГУ drops the duplicate.
 *
 * Answers: 2xx — delivered; 409 — delivered (ЕПГУ already has it); 408 and 429 — retryable (they say
 * "later", not "never"); any other 4xx — permanent failure, not retried; 5xx, other statuses, timeouts
 * and network errors — retryable.
 */
import { DeliveryError, type Deliver, type OutboxMessage } from '@region/kit';

/** The outbox payload of `STATUS_CHANGED`, as written by `recordChange` in the applications service. */
export interface StatusChangedPayload {
  epguNumber: string | null;
  applicationId: string;
  from: string | null;
  to: string;
  reason: string | null;
  at: string;
}

/** What ЕПГУ receives. */
export interface EpguStatusNotice {
  epguNumber: string | null;
  applicationId: string;
  status: string;
  previousStatus: string | null;
  reason: string | null;
  changedAt: string;
}

export interface EpguDelivererOptions {
  url: string | URL;
  /** Per request, reading the answer included. */
  timeoutMs: number;
  fetch?: typeof globalThis.fetch;
}

/** Longest piece of ЕПГУ's answer kept in the error (the worker keeps 1000 characters in all). */
const ANSWER_EXCERPT = 500;

function isStatusChanged(payload: unknown): payload is StatusChangedPayload {
  if (typeof payload !== 'object' || payload === null) return false;
  const value = payload as Record<string, unknown>;
  return (
    typeof value['applicationId'] === 'string' && typeof value['to'] === 'string' && typeof value['at'] === 'string'
  );
}

export function toEpguNotice(payload: StatusChangedPayload): EpguStatusNotice {
  return {
    epguNumber: payload.epguNumber ?? null,
    applicationId: payload.applicationId,
    status: payload.to,
    previousStatus: payload.from ?? null,
    reason: payload.reason ?? null,
    changedAt: payload.at,
  };
}

function isRetryableStatus(status: number): boolean {
  return status < 400 || status >= 500 || status === 408 || status === 429;
}

function networkError(error: unknown, timeoutMs: number): DeliveryError {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
    return new DeliveryError(`ЕПГУ did not answer within ${timeoutMs} ms`, { cause: error });
  }
  const message = error instanceof Error ? error.message : String(error);
  const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return new DeliveryError(`ЕПГУ is unreachable (${message}${cause})`, { cause: error });
}

export function epguDeliverer(options: EpguDelivererOptions): Deliver {
  const { url, timeoutMs, fetch: send = globalThis.fetch } = options;
  return async (message: OutboxMessage) => {
    if (message.event !== 'STATUS_CHANGED') {
      throw new DeliveryError(`Only STATUS_CHANGED goes to ЕПГУ, not ${message.event}`, { permanent: true });
    }
    if (!isStatusChanged(message.payload)) {
      throw new DeliveryError('Malformed STATUS_CHANGED payload (applicationId, to and at are required)', {
        permanent: true,
      });
    }
    const signal = AbortSignal.timeout(timeoutMs);
    let status: number;
    let answer: string;
    try {
      const response = await send(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/json',
          'idempotency-key': String(message.id),
        },
        body: JSON.stringify(toEpguNotice(message.payload)),
        signal,
      });
      status = response.status;
      // Read the answer in any case: it frees the connection, and a refusal says why.
      answer = await response.text().catch(() => '');
    } catch (error) {
      throw networkError(error, timeoutMs);
    }
    if ((status >= 200 && status < 300) || status === 409) return;
    const excerpt = answer.trim().slice(0, ANSWER_EXCERPT);
    throw new DeliveryError(`ЕПГУ answered HTTP ${status}${excerpt ? `: ${excerpt}` : ''}`, {
      permanent: !isRetryableStatus(status),
    });
  };
}
