/**
 * The movement book (книга движения) as pure functions: order numbers per organization and calendar year,
 * and the projection of the book onto current placements. The people subgraph keeps `enrolments` equal to
 * `projectEnrolments(movements)` in the transaction of each entry.
 */
import { ruDate } from './calendar.ts';
import type { EnrolmentRow, MovementRow } from './types.ts';

/** A movement before its order is numbered: entries with the same `orderKey` are listed in one order. */
export type MovementDraft = Omit<MovementRow, 'orderNumber'> & { orderKey: string };

type Kind = MovementRow['kind'];

/**
 * Numbers orders the way a secretary does: per organization and calendar year, in date order, one number
 * per order however many learners it lists, with gaps for the organization's other orders.
 */
export function numberOrders(
  drafts: readonly MovementDraft[],
  suffixOf: (organizationId: string) => string,
  gap: () => number,
): MovementRow[] {
  const numbers = new Map<string, number>();
  const next = new Map<string, number>();
  const byDate = [...drafts].sort(
    (a, b) => a.orderDate.localeCompare(b.orderDate) || a.orderKey.localeCompare(b.orderKey),
  );
  for (const draft of byDate) {
    const key = `${draft.organizationId}|${draft.orderDate}|${draft.orderKey}`;
    if (numbers.has(key)) continue;
    const book = `${draft.organizationId}|${draft.orderDate.slice(0, 4)}`;
    const number = (next.get(book) ?? 0) + gap();
    next.set(book, number);
    numbers.set(key, number);
  }
  return drafts.map(({ orderKey, ...movement }) => ({
    ...movement,
    orderNumber: `${numbers.get(`${movement.organizationId}|${movement.orderDate}|${orderKey}`)}-${suffixOf(movement.organizationId)}`,
  }));
}

/** «№ 45-у от 01.09.2026», as the book prints an order. */
export function formatOrder(movement: Pick<MovementRow, 'orderNumber' | 'orderDate'>): string {
  return `№ ${movement.orderNumber} от ${ruDate(movement.orderDate)}`;
}

const OPENS: ReadonlySet<Kind> = new Set(['ENROL', 'TRANSFER']);

/**
 * Replays each learner's entries in effective-date order: ENROL and TRANSFER close the current placement
 * and open a new one, EXPEL and GRADUATE close it. At most one placement per learner stays open.
 */
export function projectEnrolments(movements: readonly MovementRow[], nextId: () => string): EnrolmentRow[] {
  const byPerson = new Map<string, MovementRow[]>();
  for (const movement of movements) {
    const entries = byPerson.get(movement.personId);
    if (entries) entries.push(movement);
    else byPerson.set(movement.personId, [movement]);
  }
  const enrolments: EnrolmentRow[] = [];
  for (const [personId, entries] of byPerson) {
    let current: EnrolmentRow | undefined;
    for (const entry of [...entries].sort((a, b) => a.effectiveOn.localeCompare(b.effectiveOn))) {
      if (current) current.endedOn = entry.effectiveOn;
      current = undefined;
      if (!OPENS.has(entry.kind)) continue;
      current = {
        id: nextId(),
        personId,
        organizationId: entry.organizationId,
        classId: entry.classId ?? null,
        className: entry.className ?? null,
        startedOn: entry.effectiveOn,
        endedOn: null,
      };
      enrolments.push(current);
    }
  }
  return enrolments;
}
