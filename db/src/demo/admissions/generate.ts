/**
 * The `admissions` rows of the demo region («Е-услуги. Образование», DOMAIN.md rules 15–18), derived from
 * the people rows and the catalogue without changing them. Deterministic from the seed, with its own random
 * streams and ids: people and learning rows never move because of it.
 *
 * Two campaigns: the finished first-grade campaign of the current school year (2026: statuses, the planted
 * rule 15 violations of municipality 1, statistics) and the planned one of the next year (2027), whose
 * kindergarten queue is already standing on the demo's "now" (1 November 2026). Next year's first-grade
 * places are not set: schools set them before the campaign opens (and the admissions subgraph's tests do).
 */
import type { DemoCatalog, DemoRows } from '../types.ts';
import { campaignDates, demoCampaignYears } from './campaign.ts';
import { createAdmissionsContext } from './context.ts';
import { planFirstGrade } from './first-grade.ts';
import { planKindergartenQueue } from './kindergarten.ts';
import { planPlaces } from './places.ts';
import { emitApplications, emitQueuePositions } from './records.ts';
import type { AdmissionsRows } from './types.ts';

export { PLANTED } from './first-grade.ts';
export { GUARDIAN_QUEUE } from './kindergarten.ts';
export { QUEUE_REASONS } from './queue-replay.ts';
export { UNDELIVERED_MESSAGES } from './records.ts';
export { summarizeAdmissions } from './summary.ts';
export { campaignDates } from './campaign.ts';

export function generateAdmissions(seed: number | string, people: DemoRows, catalog: DemoCatalog): AdmissionsRows {
  const context = createAdmissionsContext(seed, people, catalog);
  const { finished, planned } = demoCampaignYears(catalog.schoolYear);
  for (const year of [finished, planned]) {
    const dates = campaignDates(year);
    context.rows.campaigns.push({
      year,
      priorityFrom: dates.priorityFrom,
      priorityTo: dates.priorityTo,
      directionNotBefore: dates.directionNotBefore,
      otherFrom: dates.otherFrom,
      otherTo: dates.otherTo,
      orderWorkingDays: dates.orderWorkingDays,
    });
  }
  const places = planPlaces(context);
  const firstGrade = planFirstGrade(context, places);
  const queue = planKindergartenQueue(context);
  emitApplications(context, [...firstGrade, ...queue.drafts]);
  emitQueuePositions(context, queue.positions);
  return context.rows;
}
