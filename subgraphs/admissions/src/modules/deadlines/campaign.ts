import { isIsoDate, yearOf } from './dates.ts';

/**
 * Dates of one year's first-grade admissions campaign (Order of Minprosveshcheniya of 02.09.2020 No. 458,
 * point 17; DOMAIN.md rule 15). Configurable per year so a region can follow a changed order without a release.
 */
export interface Campaign {
  year: number;
  /** Children with priority rights (points 9, 9(1), 10, 12) and children of the assigned territory: 1 April – 30 June. */
  priorityReception: { from: string; to: string };
  /** 30 June: an application may not be moved to «Направлен в ОО» before it (seed 001: 46 violations). */
  directionNotBefore: string;
  /** Other children: 6 July until places run out, at the latest 5 September. */
  otherReception: { from: string; to: string };
  /** The enrolment order is issued within this many working days after priority reception ends: 3. */
  enrolmentOrderWorkingDays: number;
}

/** The campaign exactly as point 17 of Order 458 sets it. */
export function defaultCampaign(year: number): Campaign {
  return {
    year,
    priorityReception: { from: `${year}-04-01`, to: `${year}-06-30` },
    directionNotBefore: `${year}-06-30`,
    otherReception: { from: `${year}-07-06`, to: `${year}-09-05` },
    enrolmentOrderWorkingDays: 3,
  };
}

/** What is wrong with a campaign, in Russian for the operator who configures it; empty when it is consistent. */
export function campaignProblems(c: Campaign): string[] {
  const problems: string[] = [];
  if (!Number.isInteger(c.year) || c.year < 2000 || c.year > 2100) problems.push(`Неверный год кампании: ${c.year}.`);
  const dates: [string, string][] = [
    ['начало приёма льготных категорий и закреплённой территории', c.priorityReception.from],
    ['окончание приёма льготных категорий и закреплённой территории', c.priorityReception.to],
    ['дата, с которой можно направлять в ОО', c.directionNotBefore],
    ['начало приёма детей с незакреплённой территории', c.otherReception.from],
    ['окончание приёма детей с незакреплённой территории', c.otherReception.to],
  ];
  for (const [label, date] of dates) {
    if (!isIsoDate(date)) problems.push(`Неверная дата (${label}): «${date}», нужна дата в виде ГГГГ-ММ-ДД.`);
    else if (yearOf(date) !== c.year) problems.push(`Дата (${label}) ${date} не относится к ${c.year} году.`);
  }
  if (!Number.isInteger(c.enrolmentOrderWorkingDays) || c.enrolmentOrderWorkingDays < 1) {
    problems.push(
      `Срок издания приказа должен быть целым числом рабочих дней, не меньше 1: ${c.enrolmentOrderWorkingDays}.`,
    );
  }
  if (problems.length > 0) return problems;

  const { priorityReception: priority, otherReception: other, directionNotBefore: direction } = c;
  if (priority.from > priority.to) problems.push('Приём льготных категорий заканчивается раньше, чем начинается.');
  if (other.from > other.to)
    problems.push('Приём детей с незакреплённой территории заканчивается раньше, чем начинается.');
  // Point 17: reception of other children starts only after reception of the first group has ended.
  if (other.from <= priority.to) {
    problems.push(
      'Приём детей с незакреплённой территории должен начинаться после окончания приёма льготных категорий.',
    );
  }
  // Rule 15: directing waits for the end of priority reception, and cannot wait past it (the order follows in days).
  if (direction < priority.from || direction > priority.to) {
    problems.push('Дата, с которой можно направлять в ОО, должна быть в пределах приёма льготных категорий.');
  }
  return problems;
}

/** Returns the campaign unchanged when it is consistent; otherwise throws with every problem listed. */
export function validateCampaign(c: Campaign): Campaign {
  const problems = campaignProblems(c);
  if (problems.length > 0) throw new RangeError(`Неверные даты приёмной кампании ${c.year} г.: ${problems.join(' ')}`);
  return c;
}
