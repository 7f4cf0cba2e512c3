/**
 * People's e-mail outbox (`people.email_outbox`, the kit's outbox): copies of notifications for the persons
 * who chose e-mail for their kind, written with the notification (`enqueueEmailCopies`), sent by the
 * `people-mail` worker to the SMTP relay. Ordered per person.
 */
import { communicationTables } from '@region/db';
import { outboxTable } from '@region/kit';

export const emailOutbox = outboxTable(communicationTables.emailOutbox, communicationTables.emailOutbox.personId);

export const EMAIL_OUTBOX_EVENTS = ['NOTIFICATION_EMAIL'] as const;

/** One letter, as `enqueueEmailCopies` writes it: the address was read from the card at that moment. */
export interface EmailPayload {
  to: string;
  kind: string;
  subject: string;
  text: string;
}
