/**
 * The status history of a planned first-grade application — every step the admissions status machine
 * allows, on the dates the campaign's rules give — and the numbers of the enrolment orders it ends with.
 */
import { ruDate } from '../calendar.ts';
import type { Random } from '../random.ts';
import { addWorkingDays, laterOf, localDate } from './calendar.ts';
import type { CampaignDates } from './campaign.ts';
import type { AdmissionsContext } from './context.ts';
import { documentsRequest, HistoryWriter, type ApplicationDraft, type HistoryStep } from './drafts.ts';
import type { SchoolPlan } from './places.ts';

export const NO_DOCUMENTS = 'Документы не представлены в установленный срок';

export type Stage = 'SUBMITTED' | 'UNDER_REVIEW' | 'DOCUMENTS_REQUESTED' | 'ACCEPTED' | 'DIRECTED';

export type Outcome =
  | { type: 'ENROLLED'; directOn: string | null; enrolOn: string | null }
  | { type: 'REJECTED'; stage: Stage; reason: string }
  | { type: 'WITHDRAWN'; stage: Stage; reason: string; directOn: string | null };

export interface Planned {
  draft: ApplicationDraft;
  outcome: Outcome;
  plan: SchoolPlan;
  linked: boolean;
}

export function writeHistory(rng: Random, entry: Planned, campaign: CampaignDates): void {
  const { draft, outcome } = entry;
  const writer = new HistoryWriter(rng, draft);
  const admin = draft.organization.adminId;
  const first = draft.category !== 'OTHER';
  const directOn = outcome.type === 'REJECTED' ? null : outcome.directOn;
  // Steps before the direction stay before it; the first group is decided by the end of its reception.
  const limit = directOn ?? (first ? campaign.priorityTo : campaign.otherTo);
  const closing = first ? campaign.orderDeadline : campaign.otherTo;
  const stops = (stage: Stage) => outcome.type !== 'ENROLLED' && outcome.stage === stage;
  const finish = () => {
    if (outcome.type === 'REJECTED') writer.add('REJECTED', outcome.reason, admin, writer.next(1, 4, closing));
    else if (outcome.type === 'WITHDRAWN')
      writer.add('WITHDRAWN', outcome.reason, draft.family.applicant.personId, writer.byApplicant(1, 8, closing));
  };

  if (stops('SUBMITTED')) return finish();
  writer.add('UNDER_REVIEW', null, admin, writer.next(0, 3, limit));
  if (stops('UNDER_REVIEW')) return finish();
  if (stops('DOCUMENTS_REQUESTED') || rng.chance(0.12)) {
    writer.add('DOCUMENTS_REQUESTED', documentsRequest(draft), admin, writer.next(0, 2, limit));
    if (stops('DOCUMENTS_REQUESTED')) {
      writer.add('REJECTED', NO_DOCUMENTS, admin, writer.next(5, 10, closing));
      return;
    }
    if (rng.chance(0.5)) writer.add('UNDER_REVIEW', 'Документы представлены', admin, writer.next(1, 6, limit));
  }
  writer.add('ACCEPTED', null, admin, writer.next(1, 5, limit));
  if (stops('ACCEPTED')) return finish();

  const directed = directOn ?? laterOf(addWorkingDays(writer.date, rng.int(1, 3)), campaign.otherFrom);
  writer.add('DIRECTED', null, admin, writer.on(directed));
  draft.directedOrganizationId = draft.organization.id;
  if (stops('DIRECTED')) return finish();

  const enrolOn = (outcome.type === 'ENROLLED' ? outcome.enrolOn : null) ?? addWorkingDays(writer.date, rng.int(1, 3));
  const at = writer.on(enrolOn);
  // The order's number is given once every enrolment date of the school is known.
  writer.add('ENROLLED', null, admin, at);
}

/**
 * «Приказ о зачислении № 7-у от 03.07.2026» (the admissions subgraph needs an order's number and date to
 * enrol). The first graders' order of the movement book keeps its number; any other enrolment date of the
 * school is an order of its own, numbered in the school's book of that year between the orders around it
 * (numbers run per organization and year in date order, movement-book.ts), «5/1-у» where there is no gap.
 */
export function numberEnrolmentOrders(context: AdmissionsContext, planned: readonly Planned[]): void {
  const bySchool = new Map<SchoolPlan, HistoryStep[]>();
  for (const entry of planned)
    for (const step of entry.draft.history)
      if (step.to === 'ENROLLED') bySchool.set(entry.plan, [...(bySchool.get(entry.plan) ?? []), step]);
  for (const [plan, steps] of bySchool) {
    const dates = [...new Set(steps.map((step) => localDate(step.at)))].sort();
    const year = (dates[0] ?? '').slice(0, 4);
    const book = context.people.movements
      .filter((m) => m.organizationId === plan.school.id && m.orderDate.startsWith(`${year}-`))
      .map((m) => ({ date: m.orderDate, number: Number.parseInt(m.orderNumber, 10) }))
      .filter((order) => Number.isFinite(order.number));
    const numbers = new Map<string, string>();
    const between = new Map<number, string[]>();
    for (const date of dates) {
      const known = plan.firstGraders.find((child) => child.orderDate === date)?.orderNumber;
      if (known) {
        numbers.set(date, known);
        continue;
      }
      const before = Math.max(0, ...book.filter((order) => order.date <= date).map((order) => order.number));
      between.set(before, [...(between.get(before) ?? []), date]);
    }
    for (const [before, list] of between) {
      const after = Math.min(...book.filter((order) => order.number > before).map((order) => order.number));
      const fits = before + list.length < after;
      list.forEach((date, index) => numbers.set(date, fits ? `${before + index + 1}-у` : `${before}/${index + 1}-у`));
    }
    for (const step of steps) {
      const date = localDate(step.at);
      step.reason = `Приказ о зачислении № ${numbers.get(date) ?? '—'} от ${ruDate(date)}`;
    }
  }
}
