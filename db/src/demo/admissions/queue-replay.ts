/**
 * Replaying the kindergarten queue: the members of a queue and their joins, changes of kindergarten,
 * granted benefits and departures, turned into every change of position with the reason the parent sees —
 * the way the admissions subgraph's queue service orders and explains it.
 */
import type { ApplicationDraft } from './drafts.ts';

/**
 * Reasons of a move. The first three are the admissions subgraph's own (queue/service.ts), which recomputes
 * the queue on every change; the others name what it does not model yet: a benefit granted later, and a
 * family moving its application from another kindergarten's queue.
 */
export const QUEUE_REASONS = {
  registered: 'Постановка на учёт',
  leftAbove: 'Выбыл ребёнок, стоявший в очереди выше',
  priorityRegistered: 'Поставлен на учёт ребёнок с преимущественным правом',
  granted: (right: string) => `Предоставлена льгота (п. ${right})`,
  grantedBelow: 'Предоставлена льгота ребёнку, стоявшему ниже',
  changedKindergarten: 'Смена желаемого сада',
  movedIn: 'Перешёл из очереди другого сада ребёнок с более ранней датой постановки на учёт',
} as const;

export type QueueStatus = 'SUBMITTED' | 'UNDER_REVIEW' | 'ACCEPTED';

export interface Stay {
  organizationId: string;
  from: Date;
  to: Date | null;
}

/** A place in the queue: an application, or a child who has left it since (no row of its own). */
export interface Member {
  index: number;
  draft: ApplicationDraft | null;
  status: QueueStatus;
  registeredAt: Date;
  /** When the benefit counts from: the registration, a later grant, or never. */
  priorityFrom: Date | null;
  right: string | null;
  /** Two stays for a family that changed the desired kindergarten. */
  stays: Stay[];
}

export interface PositionDraft {
  draft: ApplicationDraft;
  organizationId: string;
  position: number;
  previousPosition: number | null;
  reason: string;
  current: boolean;
  changedAt: Date;
}

type EventKind = 'JOIN' | 'CHANGE' | 'GRANT' | 'LEAVE';

/** Every change of position of every application, in time order; the last row per (application, kindergarten) is current. */
export function replay(members: readonly Member[]): PositionDraft[] {
  const events: { at: number; kind: EventKind; member: Member }[] = [];
  for (const member of members) {
    const [first, second] = member.stays as [Stay, Stay | undefined];
    events.push({ at: first.from.getTime(), kind: 'JOIN', member });
    if (second) events.push({ at: second.from.getTime(), kind: 'CHANGE', member });
    else if (first.to) events.push({ at: first.to.getTime(), kind: 'LEAVE', member });
    if (member.priorityFrom && member.priorityFrom > member.registeredAt)
      events.push({ at: member.priorityFrom.getTime(), kind: 'GRANT', member });
  }
  events.sort((a, b) => a.at - b.at || a.member.index - b.member.index);
  const present = new Map<string, Member[]>();
  const last = new Map<Member, Map<string, PositionDraft>>();
  const rows: PositionDraft[] = [];
  const enter = (organizationId: string, member: Member) =>
    present.set(organizationId, [...(present.get(organizationId) ?? []), member]);
  const leave = (organizationId: string, member: Member) =>
    present.set(
      organizationId,
      (present.get(organizationId) ?? []).filter((other) => other !== member),
    );
  for (const event of events) {
    const { member, at } = event;
    const [first, second] = member.stays as [Stay, Stay | undefined];
    let affected: string[] = [];
    switch (event.kind) {
      case 'JOIN':
        enter(first.organizationId, member);
        affected = [first.organizationId];
        break;
      case 'CHANGE': {
        const to = (second as Stay).organizationId;
        leave(first.organizationId, member);
        enter(to, member);
        const row = last.get(member)?.get(first.organizationId);
        if (row) row.current = false;
        affected = [first.organizationId, to];
        break;
      }
      case 'LEAVE':
        leave(first.organizationId, member);
        affected = [first.organizationId];
        break;
      case 'GRANT':
        affected = [second && second.from.getTime() <= at ? second.organizationId : first.organizationId];
        break;
    }
    const benefit = (other: Member) => (other.priorityFrom && other.priorityFrom.getTime() <= at ? 0 : 1);
    for (const organizationId of affected) {
      const ranked = [...(present.get(organizationId) ?? [])].sort(
        (a, b) => benefit(a) - benefit(b) || a.registeredAt.getTime() - b.registeredAt.getTime() || a.index - b.index,
      );
      ranked.forEach((other, index) => {
        if (!other.draft) return;
        const position = index + 1;
        const previous = last.get(other)?.get(organizationId);
        if (previous?.position === position) return;
        const row: PositionDraft = {
          draft: other.draft,
          organizationId,
          position,
          previousPosition: previous?.position ?? null,
          reason:
            other === member
              ? subjectReason(event.kind, member)
              : othersReason(event.kind, (previous?.position ?? position) < position),
          current: true,
          changedAt: new Date(at),
        };
        if (previous) previous.current = false;
        rows.push(row);
        const own = last.get(other) ?? new Map<string, PositionDraft>();
        own.set(organizationId, row);
        last.set(other, own);
      });
    }
  }
  return rows;
}

function subjectReason(kind: EventKind, member: Member): string {
  if (kind === 'CHANGE') return QUEUE_REASONS.changedKindergarten;
  if (kind === 'GRANT') return QUEUE_REASONS.granted(member.right ?? '');
  return QUEUE_REASONS.registered;
}

function othersReason(kind: EventKind, movedDown: boolean): string {
  if (!movedDown) return QUEUE_REASONS.leftAbove;
  if (kind === 'GRANT') return QUEUE_REASONS.grantedBelow;
  if (kind === 'CHANGE') return QUEUE_REASONS.movedIn;
  return QUEUE_REASONS.priorityRegistered;
}
