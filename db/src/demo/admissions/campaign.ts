/** Campaign dates of a year (rule 15): exactly the law's, as `defaultCampaign` of the admissions subgraph has them. */
import { addWorkingDays } from './calendar.ts';

export interface CampaignDates {
  year: number;
  /** PRIORITY and TERRITORY: 1 April – 30 June. */
  priorityFrom: string;
  priorityTo: string;
  /** «Направлен в ОО» not before 30 June. */
  directionNotBefore: string;
  /** OTHER: 6 July – 5 September. */
  otherFrom: string;
  otherTo: string;
  orderWorkingDays: number;
  /** The last day of the first group's enrolment order: 3 working days after 30 June (3 July 2026). */
  orderDeadline: string;
}

export function campaignDates(year: number): CampaignDates {
  const priorityTo = `${year}-06-30`;
  return {
    year,
    priorityFrom: `${year}-04-01`,
    priorityTo,
    directionNotBefore: priorityTo,
    otherFrom: `${year}-07-06`,
    otherTo: `${year}-09-05`,
    orderWorkingDays: 3,
    orderDeadline: addWorkingDays(priorityTo, 3),
  };
}

/**
 * The demo holds two campaigns: the finished first-grade campaign of the current school year (statuses,
 * violations, statistics) and the next year's, only planned on the demo's "now" — its kindergarten queue.
 */
export function demoCampaignYears(schoolYear: number): { finished: number; planned: number } {
  return { finished: schoolYear, planned: schoolYear + 1 };
}
