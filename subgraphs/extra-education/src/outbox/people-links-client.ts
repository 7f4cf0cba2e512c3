/**
 * Delivery of the organization ↔ child links to people (issue 11, «Extra-education: names for the
 * organization»): the outbox process calls the gateway as its service account (`extra-education-enrolment`,
 * `movement:write`; the kit's `gatewayClient`). People upserts by the application and keeps the newest
 * `changedAt`, so a retried delivery stores nothing twice.
 */
import { gatewayClient, type Deliver, type GatewayClientOptions, type OutboxMessage } from '@region/kit';
import type { LinkPayload } from './table.ts';

export const RECORD = /* GraphQL */ `
  mutation RecordExtraEducationLink($input: ExtraEducationLinkInput!) {
    recordExtraEducationLink(input: $input) {
      applicationId
    }
  }
`;

export function peopleLinksDeliverer(options: GatewayClientOptions): Deliver {
  const send = gatewayClient(options);
  return async (message: OutboxMessage) => {
    const payload = message.payload as LinkPayload;
    await send(RECORD, {
      input: {
        applicationId: payload.applicationId,
        childId: payload.childId,
        organizationId: payload.organizationId,
        visibleUntil: payload.visibleUntil,
        changedAt: payload.changedAt,
      },
    });
  };
}
