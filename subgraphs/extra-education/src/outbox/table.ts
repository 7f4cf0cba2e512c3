/**
 * Extra-education's outbox (the kit's outbox): `extra_education.outbox`, ordered per contract. One event,
 * `MOVEMENT_REQUESTED`, for both the enrolment (ENROL) and the expulsion (EXPEL) of a contract, so the kit's
 * order per aggregate and event delivers a contract's enrolment before its expulsion (rule 20).
 */
import { extraEducationTables } from '@region/db';
import { outboxTable } from '@region/kit';
import type { PaymentMethod } from '@region/schema';

export const extraEducationOutbox = outboxTable(extraEducationTables.outbox, extraEducationTables.outbox.contractId);

export const OUTBOX_EVENTS = ['MOVEMENT_REQUESTED'] as const;
export type OutboxEvent = (typeof OUTBOX_EVENTS)[number];

/** What people's movement book is asked to record; `key` is its idempotency key. */
export interface MovementPayload {
  key: string;
  kind: 'ENROL' | 'EXPEL';
  childId: string;
  organizationId: string;
  /** The group, written in the book where a school writes the class. */
  groupId: string;
  /** «Программа — группа», as the book prints it. */
  groupName: string;
  paymentMethod: PaymentMethod;
  orderNumber: string;
  orderDate: string;
  effectiveOn: string;
  reason: string;
}

/**
 * The second outbox, `extra_education.people_outbox`, ordered per application: tells people which child an
 * organization may name (`LINK_CHANGED`, `people-links-client.ts`).
 */
export const peopleOutbox = outboxTable(
  extraEducationTables.peopleOutbox,
  extraEducationTables.peopleOutbox.applicationId,
);

export const PEOPLE_OUTBOX_EVENTS = ['LINK_CHANGED'] as const;

/** People's `ExtraEducationLinkInput`: the link of one application (and its contract) as it stands now. */
export interface LinkPayload {
  applicationId: string;
  childId: string;
  organizationId: string;
  /** The last day the organization sees the child's name; null while the application or contract is open. */
  visibleUntil: string | null;
  /** The change's moment: people keeps the newest. */
  changedAt: string;
}
