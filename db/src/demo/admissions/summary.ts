/** The admissions part of the region's summary, counted from the rows rather than from what was planted. */
import type { DemoCatalog } from '../types.ts';
import { localDate } from './calendar.ts';
import { campaignDates, demoCampaignYears } from './campaign.ts';
import type { AdmissionsFaults, AdmissionsRows, AdmissionsViolations } from './types.ts';

export function summarizeAdmissions(rows: AdmissionsRows, catalog: DemoCatalog): AdmissionsFaults {
  const { finished, planned } = demoCampaignYears(catalog.schoolYear);
  const campaign = campaignDates(finished);
  const keyOf = new Map(Object.entries(catalog.organizations).map(([key, id]) => [id, key]));
  const firstChoice = new Map<string, string>();
  for (const choice of rows.applicationChoices)
    if (choice.preference === 1) firstChoice.set(choice.applicationId, choice.organizationId);
  const firstGrade = rows.applications.filter((a) => a.kind === 'FIRST_GRADE' && a.year === finished);
  const queue = rows.applications.filter((a) => a.kind === 'KINDERGARTEN' && a.year === planned);
  const count = (status: string) => firstGrade.filter((a) => a.status === status).length;
  const fromEpgu = firstGrade.filter((a) => a.source === 'EPGU').length;

  const violations: AdmissionsViolations[] = catalog.municipalityIds.map((_, index) => ({
    municipality: index + 1,
    earlyDirections: {},
    lateEnrolments: {},
  }));
  const firstGroup = new Map(
    firstGrade
      .filter((a) => a.category !== 'OTHER')
      .map((a) => [a.id, a.directedOrganizationId ?? firstChoice.get(a.id)]),
  );
  for (const step of rows.statusHistory) {
    if (!firstGroup.has(step.applicationId)) continue;
    const day = localDate(step.changedAt);
    const field =
      step.toStatus === 'DIRECTED' && day < campaign.directionNotBefore
        ? 'earlyDirections'
        : step.toStatus === 'ENROLLED' && day > campaign.orderDeadline
          ? 'lateEnrolments'
          : null;
    if (!field) continue;
    const key = keyOf.get(firstGroup.get(step.applicationId) ?? '') ?? '?';
    const entry = violations[Number(key.split('-')[1]) - 1];
    if (entry) entry[field][key] = (entry[field][key] ?? 0) + 1;
  }

  return {
    firstGrade: {
      year: finished,
      applications: firstGrade.length,
      fromEpgu,
      epguShare: firstGrade.length ? Math.round((fromEpgu / firstGrade.length) * 1000) / 10 : 0,
      places: rows.places
        .filter((p) => p.kind === 'FIRST_GRADE' && p.year === finished)
        .reduce((sum, p) => sum + p.total, 0),
      enrolled: count('ENROLLED'),
      rejected: count('REJECTED'),
      withdrawn: count('WITHDRAWN'),
      linkedChildren: firstGrade.filter((a) => a.childId).length,
    },
    kindergartenQueue: { year: planned, applications: queue.length, positions: rows.queuePositions.length },
    linkedApplicants: rows.applications.filter((a) => a.applicantId).length,
    undeliveredMessages: rows.outbox.filter((m) => m.event === 'STATUS_CHANGED' && !m.deliveredAt).length,
    violations,
  };
}
