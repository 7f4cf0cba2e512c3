/**
 * Drafts to rows: ids in order of registration, the status history of every application (rule 17) and,
 * for applications from ЕПГУ, one STATUS_CHANGED outbox message per change — as the applications service
 * writes them (applications filed in person or on the regional portal have no ЕПГУ number to report to).
 * Messages are delivered the way the outbox worker records it: `attempts` counts failed attempts, so a
 * message delivered at once has 0; a few were delivered after a failure or two; the latest few are still
 * waiting for ЕПГУ with their error and next attempt.
 */
import type { Random } from '../random.ts';
import type { AdmissionsContext } from './context.ts';
import type { ApplicationDraft } from './drafts.ts';
import type { PositionDraft } from './queue-replay.ts';
import { localDate } from './calendar.ts';
import { applicantData } from './snapshots.ts';
import type { OutboxRow, StatusHistoryRow } from './types.ts';

/** Messages left undelivered: the last change of the applications changed most recently. */
export const UNDELIVERED_MESSAGES = 5;

const ERRORS = ['ЕПГУ: 503 Service Unavailable', 'ЕПГУ: 503 Service Unavailable', 'ЕПГУ: 504 Gateway Timeout'];

export function emitApplications(context: AdmissionsContext, drafts: readonly ApplicationDraft[]): void {
  const ordered = [...drafts].sort((a, b) => a.registeredAt.getTime() - b.registeredAt.getTime());
  const history: (StatusHistoryRow & { order: number })[] = [];
  const messages: (OutboxRow & { order: number; last: boolean })[] = [];
  for (const draft of ordered) {
    draft.id = context.ids.next();
    const { child, applicant } = draft.family;
    const last = draft.history.at(-1);
    if (!last) throw new Error('demo: an application without history');
    context.rows.applications.push({
      id: draft.id,
      kind: draft.kind,
      year: draft.year,
      childId: child.personId,
      childLastName: child.lastName,
      childFirstName: child.firstName,
      childMiddleName: child.middleName,
      childBirthDate: child.birthDate,
      applicantId: applicant.personId,
      applicantData: applicantData(applicant),
      source: draft.source,
      epguNumber: draft.epguNumber,
      registeredAt: draft.registeredAt,
      category: draft.category,
      priorityRights: draft.priorityRights,
      residenceAddress: draft.residenceAddress,
      birthCertificateSeries: child.birthCertificateSeries,
      birthCertificateNumber: child.birthCertificateNumber,
      documents: draft.documents,
      comment: draft.comment,
      status: last.to,
      directedOrganizationId: draft.directedOrganizationId,
      enrolmentKey: last.to === 'ENROLLED' ? `application:${draft.id}` : null,
      // The order the enrolment step names: «Приказ о зачислении № 7-у от 03.07.2026», dated on its day.
      enrolmentOrderNumber: last.to === 'ENROLLED' ? (/№ (\S+) от/.exec(last.reason ?? '')?.[1] ?? null) : null,
      enrolmentOrderDate: last.to === 'ENROLLED' ? localDate(last.at) : null,
      createdAt: draft.registeredAt,
      updatedAt: last.at,
    });
    draft.choices.forEach((organizationId, index) =>
      context.rows.applicationChoices.push({ applicationId: draft.id, organizationId, preference: index + 1 }),
    );
    draft.history.forEach((step, index) => {
      const row = {
        applicationId: draft.id,
        fromStatus: step.from,
        toStatus: step.to,
        reason: step.reason,
        changedBy: step.changedBy,
        changedAt: step.at,
      };
      history.push({ ...row, order: history.length });
      if (draft.source !== 'EPGU') return;
      messages.push({
        applicationId: draft.id,
        event: 'STATUS_CHANGED',
        payload: {
          epguNumber: draft.epguNumber,
          applicationId: draft.id,
          from: step.from,
          to: step.to,
          reason: step.reason,
          at: step.at.toISOString(),
        },
        createdAt: step.at,
        order: messages.length,
        last: index === draft.history.length - 1,
      });
    });
  }
  // bigserial ids follow insertion order: insert in time order, as the service would have.
  const byTime =
    <T extends { order: number }>(at: (row: T) => Date) =>
    (a: T, b: T) =>
      at(a).getTime() - at(b).getTime() || a.order - b.order;
  for (const { order: _order, ...row } of history.sort(byTime((row) => row.changedAt)))
    context.rows.statusHistory.push(row);
  const sorted = messages.sort(byTime((row) => row.createdAt as Date));
  const waiting = new Set(
    sorted
      .filter((message) => message.last)
      .slice(-UNDELIVERED_MESSAGES)
      .map((message) => message.order),
  );
  const rng = context.random('outbox');
  // ЕПГУ gets the changes of an application in order: none is delivered before the one before it.
  const delivered = new Map<string, number>();
  for (const { order, last: _last, ...message } of sorted) {
    const row = deliver(rng, message, waiting.has(order), delivered.get(message.applicationId) ?? 0);
    if (row.deliveredAt) delivered.set(message.applicationId, row.deliveredAt.getTime());
    context.rows.outbox.push(row);
  }
}

/** 30 s, 1 min, 2 min… capped at an hour, as the worker's default backoff (without its jitter). */
function backoffMs(attempts: number): number {
  return Math.min(3_600_000, 30_000 * 2 ** Math.max(0, attempts - 1));
}

function deliver(rng: Random, message: OutboxRow, waiting: boolean, previousDelivery: number): OutboxRow {
  const created = (message.createdAt as Date).getTime();
  const failures = waiting ? rng.int(1, 6) : rng.chance(0.03) ? rng.int(1, 2) : 0;
  let attemptAt = Math.max(created + rng.int(1, 20) * 1000, previousDelivery + 1000);
  for (let attempt = 1; attempt < failures; attempt++) attemptAt += backoffMs(attempt) + rng.int(0, 5000);
  // The last failed attempt so far; a delivered message then succeeded after the backoff.
  const lastFailure = new Date(attemptAt);
  const error = failures > 0 ? rng.pick(ERRORS) : null;
  if (waiting) {
    return {
      ...message,
      attempts: failures,
      nextAttemptAt: new Date(attemptAt + backoffMs(failures)),
      lastAttemptAt: lastFailure,
      lastError: error,
      deliveredAt: null,
    };
  }
  const deliveredAt = new Date(failures > 0 ? attemptAt + backoffMs(failures) + rng.int(0, 5000) : attemptAt);
  return {
    ...message,
    attempts: failures,
    nextAttemptAt: failures > 0 ? new Date(attemptAt + backoffMs(failures)) : (message.createdAt as Date),
    lastAttemptAt: deliveredAt,
    lastError: error,
    deliveredAt,
  };
}

export function emitQueuePositions(context: AdmissionsContext, positions: readonly PositionDraft[]): void {
  const ordered = positions
    .map((position, order) => ({ position, order }))
    .sort((a, b) => a.position.changedAt.getTime() - b.position.changedAt.getTime() || a.order - b.order);
  for (const { position } of ordered) {
    context.rows.queuePositions.push({
      applicationId: position.draft.id,
      organizationId: position.organizationId,
      position: position.position,
      previousPosition: position.previousPosition,
      reason: position.reason,
      current: position.current,
      changedAt: position.changedAt,
    });
  }
}
