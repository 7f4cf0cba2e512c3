/**
 * Delivery of decided enrolments to the movement book (issue 4: «Enrolled» creates the enrolment in people
 * exactly once, even if retried). The admissions process calls the gateway as its own external system
 * (client credentials allowed `movement:write` only; the kit's `gatewayClient`) and passes the application's
 * key as the movement's idempotency key, so a retried delivery returns the entry made the first time.
 */
import { DeliveryError, gatewayClient, type Deliver, type GatewayClientOptions, type OutboxMessage } from '@region/kit';

export interface EnrolmentPayload {
  key: string;
  kind: string;
  year: number;
  childId: string | null;
  organizationId: string | null;
  orderNumber: string;
  orderDate: string;
}

/** The gateway and the admissions service account's token (`serviceTokenProvider`). */
export type MovementBookOptions = GatewayClientOptions;

export const RECORD = /* GraphQL */ `
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

export function movementBookDeliverer(options: MovementBookOptions): Deliver {
  const send = gatewayClient(options);
  return async (message: OutboxMessage) => {
    const payload = message.payload as EnrolmentPayload;
    if (!payload.childId) {
      throw new DeliveryError('Ребёнок из заявления не сопоставлен с карточкой: зачисление вносится вручную.', {
        permanent: true,
      });
    }
    if (!payload.organizationId) throw new DeliveryError('Не указана организация зачисления.', { permanent: true });
    await send(RECORD, {
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
    });
  };
}
