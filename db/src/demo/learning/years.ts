/**
 * School years, study periods and holidays (rule 13). Every organization closed last year; this year most
 * opened it before 6 September (extra education before 20 September), one school opened it late, a few keep
 * it a DRAFT and one has not created it at all (context.ts says which). Quarters of a school are closed on the
 * Tuesday after they end, by the organization's administrator.
 */
import { addDays, randomMoment } from '../calendar.ts';
import type { Random } from '../random.ts';
import { localMoment, yearCalendar } from './calendar.ts';
import type { LearningContext, LearningOrganization } from './context.ts';

const CLOSE_AFTER_DAYS = 3;

export function createYears(context: LearningContext): void {
  const rng = context.random('years');
  const year = context.schoolYear;
  for (const organization of context.organizations) {
    const previous = yearCalendar(organization.kind, year - 1);
    context.rows.schoolYears.push({
      id: context.ids.next(),
      organizationId: organization.id,
      year: year - 1,
      startsOn: previous.startsOn,
      endsOn: previous.endsOn,
      periodKind: previous.periodKind,
      status: 'CLOSED',
      openedAt: randomMoment(rng, addDays(previous.startsOn, -7), addDays(previous.startsOn, 2)),
      openedBy: organization.adminId,
    });
    if (organization.state === 'NONE') continue;
    const { calendar } = organization;
    const schoolYearId = context.ids.next();
    context.rows.schoolYears.push({
      id: schoolYearId,
      organizationId: organization.id,
      year,
      startsOn: calendar.startsOn,
      endsOn: calendar.endsOn,
      periodKind: calendar.periodKind,
      status: organization.state === 'DRAFT' ? 'DRAFT' : 'OPEN',
      openedAt: openedAt(organization, rng),
      openedBy: organization.state === 'DRAFT' ? null : organization.adminId,
    });
    for (const period of calendar.periods) {
      const closes = organization.kind === 'school' && organization.state !== 'DRAFT';
      const closedOn = addDays(period.endsOn, CLOSE_AFTER_DAYS);
      const closed = closes && closedOn < context.asOf;
      const row = {
        id: context.ids.next(),
        schoolYearId,
        organizationId: organization.id,
        number: period.number,
        name: period.name,
        startsOn: period.startsOn,
        endsOn: period.endsOn,
        closedAt: closed ? localMoment(closedOn, '15:00', rng.int(0, 120)) : null,
        closedBy: closed ? organization.adminId : null,
      };
      context.rows.studyPeriods.push(row);
      organization.periods.push(row);
    }
    for (const holiday of calendar.holidays) {
      context.rows.holidays.push({ id: context.ids.next(), schoolYearId, organizationId: organization.id, ...holiday });
    }
  }
}

function openedAt(organization: LearningOrganization, rng: Random): Date | null {
  const start = organization.calendar.startsOn;
  switch (organization.state) {
    case 'DRAFT':
    case 'NONE':
      return null;
    case 'LATE':
      return randomMoment(rng, addDays(start, 7), addDays(start, 14));
    case 'OPEN':
      // Rule 13: schools by 6 September, extra education by 20 September.
      return organization.kind === 'extra'
        ? randomMoment(rng, addDays(start, 6), addDays(start, 18))
        : randomMoment(rng, addDays(start, -7), addDays(start, 4));
  }
}
