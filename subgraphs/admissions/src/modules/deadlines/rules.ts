import type { ApplicationKind } from '@region/schema/enums';
import type { Campaign } from './campaign.ts';
import type { WorkingCalendar } from './calendar.ts';
import { assertIsoDate, formatRuDate as ru } from './dates.ts';

export type RuleCode =
  | 'PRIORITY_RECEPTION_WINDOW'
  | 'OTHER_RECEPTION_WINDOW'
  | 'DIRECTION_BEFORE_END_OF_PRIORITY_RECEPTION'
  | 'DIRECTION_BEFORE_OTHER_RECEPTION'
  | 'ENROLMENT_ORDER_EARLY'
  | 'ENROLMENT_ORDER_LATE'
  | 'ENROLMENT_ORDER_OUTSIDE_CAMPAIGN'
  | 'NO_PLACES';

export interface Violation {
  rule: RuleCode;
  /** For the school secretary, in Russian: what is refused, by which rule, and from or until which date. */
  message: string;
  /** The boundary: the first allowed day when it is too early, the last allowed day when it is too late. */
  deadline?: string;
}

export type { ApplicationKind };

/** PRIORITY: points 9, 9(1), 10, 12 of Order 458; TERRITORY: lives on the school's assigned territory. */
export type ApplicantCategory = 'PRIORITY' | 'TERRITORY' | 'OTHER';

export interface SubmissionInput {
  kind: ApplicationKind;
  category: ApplicantCategory;
  submittedOn: string;
}

export interface DirectionInput {
  kind: ApplicationKind;
  category: ApplicantCategory;
}

/** Short Russian titles of the rules, for lists and monitoring reports (DOMAIN.md rule 21). */
export const RULE_TITLES: Readonly<Record<RuleCode, string>> = {
  PRIORITY_RECEPTION_WINDOW: 'Срок приёма заявлений льготных категорий и закреплённой территории',
  OTHER_RECEPTION_WINDOW: 'Срок приёма заявлений детей с незакреплённой территории',
  DIRECTION_BEFORE_END_OF_PRIORITY_RECEPTION: 'Направление в ОО до окончания приёма льготных категорий',
  DIRECTION_BEFORE_OTHER_RECEPTION: 'Направление в ОО до начала приёма детей с незакреплённой территории',
  ENROLMENT_ORDER_EARLY: 'Приказ о зачислении до окончания приёма заявлений',
  ENROLMENT_ORDER_LATE: 'Приказ о зачислении позже срока',
  ENROLMENT_ORDER_OUTSIDE_CAMPAIGN: 'Приказ о зачислении вне сроков приёмной кампании',
  NO_PLACES: 'Нет свободных мест',
};

const POINT_17 = 'п. 17 Порядка приёма, приказ Минпросвещения России от 02.09.2020 № 458';
const FIRST_GROUP = 'детей льготных категорий и детей, проживающих на закреплённой территории';
const OTHERS = 'детей, не проживающих на закреплённой территории';

function workingDaysRu(n: number): string {
  const genitiveSingular = n % 10 === 1 && n % 100 !== 11;
  return `${n} ${genitiveSingular ? 'рабочего дня' : 'рабочих дней'}`;
}

/**
 * Reception windows for first grade (Order 458 point 17; DOMAIN.md rule 15): PRIORITY and TERRITORY from
 * 1 April to 30 June; OTHER from 6 July to 5 September. A PRIORITY or TERRITORY application after 30 June is
 * refused in its own category; the message points to the reception on free places from 6 July.
 * Other kinds have no window here and return null: Order 458 point 17 sets dates only for first grade;
 * 10th grade, transfers, kindergarten queue, camps and colleges follow other rules (not modelled in this module).
 */
export function checkSubmission(application: SubmissionInput, campaign: Campaign): Violation | null {
  if (application.kind !== 'FIRST_GRADE') return null;
  const on = assertIsoDate(application.submittedOn);
  if (application.category === 'OTHER') {
    const { from, to } = campaign.otherReception;
    if (on < from) {
      return {
        rule: 'OTHER_RECEPTION_WINDOW',
        message: `Приём заявлений в 1 класс ${OTHERS}, начинается ${ru(from)} Заявление от ${ru(on)} принять нельзя (${POINT_17}). Принять его можно с ${ru(from)}`,
        deadline: from,
      };
    }
    if (on > to) {
      return {
        rule: 'OTHER_RECEPTION_WINDOW',
        message: `Приём заявлений в 1 класс ${OTHERS}, завершился ${ru(to)} Заявление от ${ru(on)} принять нельзя (${POINT_17}).`,
        deadline: to,
      };
    }
    return null;
  }
  const { from, to } = campaign.priorityReception;
  if (on < from) {
    return {
      rule: 'PRIORITY_RECEPTION_WINDOW',
      message: `Приём заявлений в 1 класс ${FIRST_GROUP}, начинается ${ru(from)} Заявление от ${ru(on)} принять нельзя (${POINT_17}). Принять его можно с ${ru(from)}`,
      deadline: from,
    };
  }
  if (on > to) {
    const other = campaign.otherReception;
    return {
      rule: 'PRIORITY_RECEPTION_WINDOW',
      message: `Приём заявлений в 1 класс ${FIRST_GROUP}, завершился ${ru(to)} Заявление от ${ru(on)} в этот период принять нельзя (${POINT_17}). На свободные места заявления принимаются с ${ru(other.from)} по ${ru(other.to)}`,
      deadline: to,
    };
  }
  return null;
}

/**
 * Moving a first-grade application to «Направлен в ОО» (DOMAIN.md rule 15; seed 001: 46 violations).
 * PRIORITY and TERRITORY: not before `directionNotBefore` (30 June) — reception of their group is still open.
 * OTHER: not before the start of other reception (6 July), nor before `directionNotBefore` — a place given to them
 * earlier would be taken from children of the first group. Other kinds: null.
 */
export function checkDirection(application: DirectionInput, on: string, campaign: Campaign): Violation | null {
  if (application.kind !== 'FIRST_GRADE') return null;
  assertIsoDate(on);
  if (application.category === 'OTHER') {
    const from = [campaign.otherReception.from, campaign.directionNotBefore].sort().at(-1) as string;
    if (on >= from) return null;
    return {
      rule: 'DIRECTION_BEFORE_OTHER_RECEPTION',
      message: `Заявление ребёнка, не проживающего на закреплённой территории, нельзя перевести в статус «Направлен в ОО» до ${ru(from)}: приём таких заявлений начинается ${ru(campaign.otherReception.from)} (${POINT_17}). Перевести можно с ${ru(from)}`,
      deadline: from,
    };
  }
  const from = campaign.directionNotBefore;
  if (on >= from) return null;
  return {
    rule: 'DIRECTION_BEFORE_END_OF_PRIORITY_RECEPTION',
    message: `Заявление нельзя перевести в статус «Направлен в ОО» до ${ru(from)}: приём заявлений ${FIRST_GROUP}, идёт по ${ru(campaign.priorityReception.to)} (${POINT_17}). Перевести можно с ${ru(from)}`,
    deadline: from,
  };
}

/** The last day for the first-grade enrolment order: 3 working days after priority reception ends (point 17). */
export function enrolmentOrderDeadline(campaign: Campaign, calendar: WorkingCalendar): string {
  return calendar.addWorkingDays(campaign.priorityReception.to, campaign.enrolmentOrderWorkingDays);
}

/**
 * The enrolment order for children of the first group (point 17): within 3 working days after reception ends,
 * and not before `directionNotBefore`, since nobody can be directed earlier. Orders for OTHER children have their
 * own term (not modelled here).
 */
export function checkEnrolmentOrder(
  orderDate: string,
  campaign: Campaign,
  calendar: WorkingCalendar,
): Violation | null {
  assertIsoDate(orderDate);
  const deadline = enrolmentOrderDeadline(campaign, calendar);
  const end = campaign.priorityReception.to;
  const term = workingDaysRu(campaign.enrolmentOrderWorkingDays);
  if (orderDate < campaign.directionNotBefore) {
    return {
      rule: 'ENROLMENT_ORDER_EARLY',
      message: `Приказ о зачислении в 1 класс нельзя издать раньше ${ru(campaign.directionNotBefore)}: приём заявлений ${FIRST_GROUP}, идёт по ${ru(end)} (${POINT_17}). Приказ издаётся с ${ru(campaign.directionNotBefore)} по ${ru(deadline)}`,
      deadline: campaign.directionNotBefore,
    };
  }
  if (orderDate > deadline) {
    return {
      rule: 'ENROLMENT_ORDER_LATE',
      message: `Приказ о зачислении в 1 класс нужно издать не позднее ${ru(deadline)} — в течение ${term} после окончания приёма заявлений ${ru(end)} (${POINT_17}). Приказ от ${ru(orderDate)} издан позже срока.`,
      deadline,
    };
  }
  return null;
}

/**
 * Working days Order 458 gives the school for the order on an application of a child from outside the assigned
 * territory, counted from the day it was received: the last such order of a campaign falls this many working days
 * after reception ends (5 September).
 */
export const OTHER_ORDER_WORKING_DAYS = 5;

/** The last day an enrolment order of the campaign can carry: the order term after the last reception day. */
export function campaignLastOrderDay(campaign: Campaign, calendar: WorkingCalendar): string {
  return calendar.addWorkingDays(campaign.otherReception.to, OTHER_ORDER_WORKING_DAYS);
}

/**
 * The date on an enrolment order moving a first-grade application to «Зачислен» (Order 458 point 17). Refused:
 * an order before reception of the child's stage allows it (the first group: before `directionNotBefore`, 30 June;
 * other children: before their reception opens, 6 July), or after the campaign's last order day. An order of the
 * first group later than 3 working days after 30 June is accepted — it is a fact — and counted as late
 * (`lateOrders`). Other kinds: null.
 */
export function checkEnrolmentOrderDate(
  application: DirectionInput,
  orderDate: string,
  campaign: Campaign,
  calendar: WorkingCalendar,
): Violation | null {
  if (application.kind !== 'FIRST_GRADE') return null;
  assertIsoDate(orderDate);
  const last = campaignLastOrderDay(campaign, calendar);
  if (application.category === 'OTHER') {
    const from = [campaign.otherReception.from, campaign.directionNotBefore].sort().at(-1) as string;
    if (orderDate < from) {
      return {
        rule: 'ENROLMENT_ORDER_EARLY',
        message: `Приказ о зачислении в 1 класс ребёнка, не проживающего на закреплённой территории, нельзя издать раньше ${ru(from)}: приём таких заявлений начинается ${ru(campaign.otherReception.from)} (${POINT_17}). Приказ от ${ru(orderDate)} принять нельзя.`,
        deadline: from,
      };
    }
  } else {
    const early = checkEnrolmentOrder(orderDate, campaign, calendar);
    if (early?.rule === 'ENROLMENT_ORDER_EARLY') return early;
  }
  if (orderDate > last) {
    return {
      rule: 'ENROLMENT_ORDER_OUTSIDE_CAMPAIGN',
      message: `Приказ от ${ru(orderDate)} не относится к приёмной кампании ${campaign.year} г.: последний приказ кампании издаётся не позднее ${ru(last)} — ${workingDaysRu(OTHER_ORDER_WORKING_DAYS)} после окончания приёма ${ru(campaign.otherReception.to)} (${POINT_17}).`,
      deadline: last,
    };
  }
  return null;
}

/** Directing beyond capacity is refused: reception runs until the free places are filled (point 17). */
export function checkPlaces(placesTotal: number, placesTaken: number): Violation | null {
  for (const n of [placesTotal, placesTaken]) {
    if (!Number.isInteger(n) || n < 0) throw new RangeError(`Число мест должно быть целым и не меньше 0: ${n}.`);
  }
  if (placesTaken < placesTotal) return null;
  if (placesTotal === 0) {
    // «занято 0 из 0» told a secretary nothing: no places were ever entered for this campaign (issue 15 §3.7).
    return {
      rule: 'NO_PLACES',
      message: `Для организации не задано число мест на эту кампанию (в системе 0 мест), поэтому направить заявление нельзя. Число мест определяет учредитель в плане приёма; чтобы его внесли в систему, обратитесь к муниципальному координатору (${POINT_17}).`,
    };
  }
  return {
    rule: 'NO_PLACES',
    message: `Свободных мест нет: занято ${placesTaken} из ${placesTotal}. Направить заявление сверх числа мест нельзя — приём идёт до заполнения свободных мест (${POINT_17}).`,
  };
}
