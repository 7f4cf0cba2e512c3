/**
 * The application's status machine (issue: admissions): submitted → under review → (documents
 * requested) → accepted for consideration → directed to an organization («Направлен в ОО») → enrolled,
 * or rejected / withdrawn on the way. Anything else is refused with a message a secretary understands.
 */
import { APPLICATION_STATUSES, APPLICATION_STATUS_NAMES, type ApplicationStatus } from '@region/schema/enums';

export const STATUSES = APPLICATION_STATUSES;
export type Status = ApplicationStatus;

export const STATUS_NAMES = APPLICATION_STATUS_NAMES;

const NEXT: Readonly<Record<Status, readonly Status[]>> = {
  SUBMITTED: ['UNDER_REVIEW', 'REJECTED', 'WITHDRAWN'],
  UNDER_REVIEW: ['DOCUMENTS_REQUESTED', 'ACCEPTED', 'REJECTED', 'WITHDRAWN'],
  DOCUMENTS_REQUESTED: ['UNDER_REVIEW', 'ACCEPTED', 'REJECTED', 'WITHDRAWN'],
  ACCEPTED: ['DIRECTED', 'REJECTED', 'WITHDRAWN'],
  DIRECTED: ['ENROLLED', 'REJECTED', 'WITHDRAWN'],
  ENROLLED: [],
  REJECTED: [],
  WITHDRAWN: [],
};

export function canMove(from: Status, to: Status): boolean {
  return NEXT[from].includes(to);
}

/** The moves the organization's administration may make: every next status but withdrawal (the applicant's). */
export function decisionsFrom(from: Status): Status[] {
  return NEXT[from].filter((status) => status !== 'WITHDRAWN');
}

export function transitionError(from: Status, to: Status): string | null {
  if (canMove(from, to)) return null;
  if (NEXT[from].length === 0)
    return `Заявление уже в окончательном статусе «${STATUS_NAMES[from]}»: менять его нельзя.`;
  return `Из статуса «${STATUS_NAMES[from]}» нельзя перейти в «${STATUS_NAMES[to]}». Возможно: ${NEXT[from]
    .map((status) => `«${STATUS_NAMES[status]}»`)
    .join(', ')}.`;
}

/** A reason is required where the applicant must learn why (refusal, documents to bring). */
export function reasonRequired(to: Status): boolean {
  return to === 'REJECTED' || to === 'DOCUMENTS_REQUESTED';
}
