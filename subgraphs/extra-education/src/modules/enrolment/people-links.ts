/**
 * How long an organization sees the name of a child who applied to it (issue 11, «Extra-education: names
 * for the organization» in docs/architecture.md). People keeps the link; this module decides its last day:
 * - a SUBMITTED or ACCEPTED application, and an active contract: open (no last day);
 * - a REFUSED or WITHDRAWN application: the day of the change — the organization no longer needs the name
 *   (data minimisation, 152-FZ art. 5), only the person deciding that day still sees whom they decided;
 * - an ended contract: `NAME_AFTER_CONTRACT_DAYS` after its end — the last month's charge, the expulsion
 *   order and any dispute with the family are settled within it.
 */
import { addDays } from '@region/kit';
import type { LinkPayload } from '../../outbox/table.ts';

export const NAME_AFTER_CONTRACT_DAYS = 30;

interface Linked {
  applicationId: string;
  childId: string;
  organizationId: string;
}

export function linkPayload(row: Linked, visibleUntil: string | null, now: Date): LinkPayload {
  return {
    applicationId: row.applicationId,
    childId: row.childId,
    organizationId: row.organizationId,
    visibleUntil,
    changedAt: now.toISOString(),
  };
}

/** The link of an application that is open (submitted, accepted, or enrolled with an active contract). */
export const openLink = (row: Linked, now: Date) => linkPayload(row, null, now);

/** A refused or withdrawn application: visible on the day of the change only. */
export const closedLink = (row: Linked, today: string, now: Date) => linkPayload(row, today, now);

/** An ended contract: visible for `NAME_AFTER_CONTRACT_DAYS` after its last day. */
export const endedContractLink = (row: Linked, endedOn: string, now: Date) =>
  linkPayload(row, addDays(endedOn, NAME_AFTER_CONTRACT_DAYS), now);
