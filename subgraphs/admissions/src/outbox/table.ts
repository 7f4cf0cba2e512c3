/**
 * Admissions' outbox (the kit's outbox, `@region/kit` `createOutboxWorker`): `admissions.outbox`, ordered per
 * application. Its events: `STATUS_CHANGED` goes to ЕПГУ (rule 17), `ENROLMENT_REQUESTED` to the movement book,
 * `APPLICATION_NOTICE` to people's notifications for the applicant (issue 15 §1).
 */
import { admissionsTables } from '@region/db';
import { outboxTable } from '@region/kit';

export const admissionsOutbox = outboxTable(admissionsTables.outbox, admissionsTables.outbox.applicationId);

export const OUTBOX_EVENTS = ['STATUS_CHANGED', 'ENROLMENT_REQUESTED', 'APPLICATION_NOTICE'] as const;
export type OutboxEvent = (typeof OUTBOX_EVENTS)[number];
