/**
 * Delivery of decided enrolments to the movement book (issue 4: «Enrolled» creates the enrolment in people
 * exactly once, even if retried). The admissions process calls the gateway as its own external system
 * (client credentials allowed `movement:write` only) and passes the application's key as the movement's
 * idempotency key, so a retried delivery returns the entry made the first time.
 */
import { DeliveryError, type Deliver, type OutboxMessage } from './worker.ts';

export interface EnrolmentPayload {
  key: string;
  kind: string;
  year: number;
  childId: string | null;
  organizationId: string | null;
  orderNumber: string;
  orderDate: string;
}

export interface MovementBookOptions {
  gatewayUrl: string;
  /** A bearer token of the admissions service account; cached by the provider. */
  token: () => Promise<string>;
  timeoutMs: number;
  fetch?: typeof fetch;
}

const RECORD = /* GraphQL */ `
  mutation RecordEnrolment($input: MovementInput!) {
    recordMovement(input: $input) {
      id
    }
  }
`;

/** Schools and colleges enrol from 1 September of the campaign year; kindergartens and camps on the order date. */
function effectiveOn(payload: EnrolmentPayload): string {
  const start = `${payload.year}-09-01`;
  if (['FIRST_GRADE', 'TENTH_GRADE', 'COLLEGE'].includes(payload.kind))
    return payload.orderDate > start ? payload.orderDate : start;
  return payload.orderDate;
}

const PERMANENT = new Set(['FORBIDDEN', 'CONFLICT', 'BAD_USER_INPUT', 'NOT_FOUND']);

export function movementBookDeliverer(options: MovementBookOptions): Deliver {
  const send = options.fetch ?? fetch;
  return async (message: OutboxMessage) => {
    const payload = message.payload as EnrolmentPayload;
    if (!payload.childId) {
      throw new DeliveryError('Ребёнок из заявления не сопоставлен с карточкой: зачисление вносится вручную.', {
        permanent: true,
      });
    }
    if (!payload.organizationId) throw new DeliveryError('Не указана организация зачисления.', { permanent: true });
    const response = await send(options.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await options.token()}` },
      body: JSON.stringify({
        query: RECORD,
        variables: {
          input: {
            personId: payload.childId,
            kind: 'ENROL',
            organizationId: payload.organizationId,
            orderNumber: payload.orderNumber,
            orderDate: payload.orderDate,
            effectiveOn: effectiveOn(payload),
            reason: 'Зачисление по заявлению',
            idempotencyKey: payload.key,
          },
        },
      }),
      signal: AbortSignal.timeout(options.timeoutMs),
    });
    if (response.status >= 500) throw new DeliveryError(`gateway answered ${response.status}`);
    const body = (await response.json().catch(() => null)) as {
      data?: unknown;
      errors?: { message: string; extensions?: { code?: string } }[];
    } | null;
    const error = body?.errors?.[0];
    if (error) {
      throw new DeliveryError(`${error.extensions?.code ?? 'ERROR'}: ${error.message}`, {
        permanent: PERMANENT.has(error.extensions?.code ?? ''),
      });
    }
    if (!response.ok || !body?.data)
      throw new DeliveryError(`gateway answered ${response.status}`, { permanent: response.status < 500 });
  };
}

/** Client-credentials tokens from the token endpoint, reused until a minute before they expire. */
export function serviceTokenProvider(options: {
  url: string;
  clientId: string;
  fetch?: typeof fetch;
}): () => Promise<string> {
  const send = options.fetch ?? fetch;
  let cached: { token: string; until: number } | null = null;
  return async () => {
    if (cached && cached.until > Date.now()) return cached.token;
    const response = await send(options.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ client_id: options.clientId }),
    });
    if (!response.ok) throw new DeliveryError(`token endpoint answered ${response.status}`);
    const body = (await response.json()) as { access_token: string; expires_in: number };
    cached = { token: body.access_token, until: Date.now() + (body.expires_in - 60) * 1000 };
    return cached.token;
  };
}
