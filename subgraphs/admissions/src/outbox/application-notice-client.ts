/**
 * Delivery of application status changes to people (issue 15 §1): the outbox process calls the gateway as its
 * own notifications account (`admissions-notifications`, allowed `notifications:write` only — not the
 * enrolment account, so neither can do the other's work) and passes the outbox message's id as the notice's
 * key, so a retried delivery writes no notification twice.
 */
import { gatewayClient, type Deliver, type GatewayClientOptions, type OutboxMessage } from '@region/kit';

/** The outbox payload of `APPLICATION_NOTICE`, as `insertApplicationNotice` writes it. */
export interface ApplicationNoticePayload {
  applicationId: string;
  organizationId: string;
  applicantId: string;
  childId: string | null;
  kind: string;
  year: number;
  epguNumber: string | null;
  status: string;
}

export const RECORD = /* GraphQL */ `
  mutation RecordApplicationNotice($input: ApplicationNoticeInput!) {
    recordApplicationNotice(input: $input)
  }
`;

/** The idempotency key of an outbox message: its id is unique in `admissions.outbox`. */
export const applicationNoticeKey = (message: Pick<OutboxMessage, 'id'>) => `admissions.outbox:${message.id}`;

export function applicationNoticeDeliverer(options: GatewayClientOptions): Deliver {
  const send = gatewayClient(options);
  return async (message: OutboxMessage) => {
    const notice = message.payload as ApplicationNoticePayload;
    await send(RECORD, {
      input: {
        key: applicationNoticeKey(message),
        applicationId: notice.applicationId,
        organizationId: notice.organizationId,
        applicantId: notice.applicantId,
        childId: notice.childId,
        applicationKind: notice.kind,
        year: notice.year,
        epguNumber: notice.epguNumber,
        status: notice.status,
      },
    });
  };
}
