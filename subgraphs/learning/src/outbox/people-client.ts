/**
 * Delivery of journal notices to people (issue 15 §1): the outbox process calls the gateway as its own
 * service account (`learning-notifications`, allowed `notifications:write` only; the kit's `gatewayClient`)
 * and passes the outbox message's id as the notice's key, so a retried delivery writes no notification twice.
 */
import { gatewayClient, type Deliver, type GatewayClientOptions, type OutboxMessage } from '@region/kit';
import type { JournalNotice } from './table.ts';

export const RECORD = /* GraphQL */ `
  mutation RecordJournalNotice($input: JournalNoticeInput!) {
    recordJournalNotice(input: $input)
  }
`;

/** The idempotency key of an outbox message: its id is unique in `learning.people_outbox`. */
export const noticeKey = (message: Pick<OutboxMessage, 'id'>) => `learning.people_outbox:${message.id}`;

export function journalNoticeDeliverer(options: GatewayClientOptions): Deliver {
  const send = gatewayClient(options);
  return async (message: OutboxMessage) => {
    const notice = message.payload as JournalNotice;
    await send(RECORD, {
      input: {
        key: noticeKey(message),
        kind: notice.kind,
        organizationId: notice.organizationId,
        classId: notice.classId,
        subject: notice.subject,
        date: notice.date,
        ...(notice.kind === 'MARK'
          ? {
              studentId: notice.studentId,
              markValue: notice.markValue,
              markKind: notice.markKind,
              corrected: notice.corrected,
            }
          : notice.kind === 'ABSENCE'
            ? { studentId: notice.studentId, attendanceStatus: notice.attendanceStatus }
            : { lessonId: notice.lessonId, dueOn: notice.dueOn }),
      },
    });
  };
}
