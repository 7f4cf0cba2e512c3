/**
 * Delivery of extra-education enrolments and expulsions to people's movement book (rule 20: every enrolment
 * goes through it with its payment method). The outbox process calls the gateway as its own service account
 * (`extra-education-enrolment`, allowed `movement:write` only; the kit's `gatewayClient`) and passes the
 * message's key as the movement's idempotency key, so a retried delivery returns the entry made the first time.
 */
import { gatewayClient, type Deliver, type GatewayClientOptions, type OutboxMessage } from '@region/kit';
import type { MovementPayload } from './table.ts';

export const RECORD = /* GraphQL */ `
  mutation RecordExtraMovement($input: MovementInput!) {
    recordMovement(input: $input) {
      id
    }
  }
`;

export function movementBookDeliverer(options: GatewayClientOptions): Deliver {
  const send = gatewayClient(options);
  return async (message: OutboxMessage) => {
    const payload = message.payload as MovementPayload;
    await send(RECORD, {
      input: {
        personId: payload.childId,
        kind: payload.kind,
        organizationId: payload.organizationId,
        classId: payload.groupId,
        className: payload.groupName,
        paymentMethod: payload.paymentMethod,
        orderNumber: payload.orderNumber,
        orderDate: payload.orderDate,
        effectiveOn: payload.effectiveOn,
        reason: payload.reason,
        idempotencyKey: payload.key,
      },
    });
  };
}
