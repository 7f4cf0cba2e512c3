/**
 * The finished first-grade campaign of the current school year (rule 15): about 1.2 applications a place
 * at every school, 84% from ЕПГУ (rule 16), PRIORITY ~15% / TERRITORY ~60% / OTHER ~25%, each with a full
 * status history. The first group (PRIORITY, TERRITORY) registers 1 April – 30 June, is directed from 30 June
 * and enrolled by the school's order within 3 working days; OTHER registers from 6 July and takes the places
 * left. Nobody is directed beyond the places. Only in municipality 1 are rule 15 violations planted (PLANTED).
 * Children are snapshots — except the school's first graders of the people data who live on its territory:
 * their applications point at their person records, and their parents are the applicants.
 */
import { addDays } from '../calendar.ts';
import type { Random } from '../random.ts';
import { STREETS } from '../names.ts';
import { addWorkingDays, localDate, localMoment, momentAfter, workingDayOnOrBefore } from './calendar.ts';
import { campaignDates, type CampaignDates } from './campaign.ts';
import type { AdmissionsContext } from './context.ts';
import { documentsFor, priorityRights, weighted, type ApplicationDraft } from './drafts.ts';
import { LAST_HOUSE, onSegment, onTerritory, type FirstGrader, type PlacesPlan, type SchoolPlan } from './places.ts';
import { address, applicantFromPerson, newEpguNumber, newFamily, type Family } from './snapshots.ts';
import type { ApplicationCategory, ApplicationSource } from './types.ts';
import {
  NO_DOCUMENTS,
  numberEnrolmentOrders,
  writeHistory,
  type Outcome,
  type Planned,
  type Stage,
} from './first-grade-history.ts';

/**
 * Rule 15 violations planted on purpose, all in municipality 1 (seed 001 counted 46 early directions):
 * PRIORITY/TERRITORY applications directed on the last working days before 30 June, and enrolments by a
 * late order on the third working day after the deadline (8 July 2026). Municipality 2 has none.
 */
export const PLANTED = { municipality: 1, earlyDirections: 3, lateEnrolments: 2 } as const;

const REJECTIONS: Readonly<Record<'SUBMITTED' | 'UNDER_REVIEW', readonly string[]>> = {
  SUBMITTED: ['Повторное заявление: на ребёнка уже подано заявление в эту организацию'],
  UNDER_REVIEW: [
    'Не подтверждено проживание на закреплённой территории',
    'Не подтверждено преимущественное право на приём',
    'Ребёнок не достиг возраста 6 лет 6 месяцев, разрешение учредителя не представлено',
  ],
};
const NO_PLACES = 'Свободных мест нет: все места в 1 класс заняты';
const WITHDRAWALS = [
  'Семья переезжает в другой город',
  'Выбрана другая школа',
  'Ребёнок пойдёт в школу в следующем году',
];

export function planFirstGrade(context: AdmissionsContext, places: PlacesPlan): ApplicationDraft[] {
  const rng = context.random('first-grade');
  const campaign = campaignDates(context.catalog.schoolYear);
  const planned = places.schools.flatMap((plan) => planSchool(context, rng, plan, places, campaign));
  plantViolations(context.random('first-grade/violations'), planned, campaign);
  const history = context.random('first-grade/history');
  for (const entry of planned) writeHistory(history, entry, campaign);
  numberEnrolmentOrders(context, planned);
  return planned.map((entry) => entry.draft);
}

function planSchool(
  context: AdmissionsContext,
  rng: Random,
  plan: SchoolPlan,
  places: PlacesPlan,
  campaign: CampaignDates,
): Planned[] {
  const { school } = plan;
  const total = Math.round(plan.places * (1.15 + 0.1 * rng.next()));
  const linked = plan.firstGraders.filter((child) => onTerritory(plan.territory, child.person.residenceAddress));
  const priority = Math.round(total * 0.15);
  const other = Math.round(total * 0.25);
  const territory = Math.max(linked.length, total - priority - other);
  const categories = rng.shuffle([
    ...Array<ApplicationCategory>(priority).fill('PRIORITY'),
    ...Array<ApplicationCategory>(territory - linked.length).fill('TERRITORY'),
    ...Array<ApplicationCategory>(other).fill('OTHER'),
  ]);
  const count = categories.length + linked.length;
  const epgu = Math.round(count * 0.84);
  const inPerson = Math.round(count * 0.1);
  const sources = rng.shuffle([
    ...Array<ApplicationSource>(epgu).fill('EPGU'),
    ...Array<ApplicationSource>(inPerson).fill('IN_PERSON'),
    ...Array<ApplicationSource>(count - epgu - inPerson).fill('REGIONAL_PORTAL'),
  ]);
  const neighbours = places.schools
    .map((entry) => entry.school)
    .filter((entry) => entry.municipalityNumber === school.municipalityNumber && entry.id !== school.id);
  const entries: Planned[] = [];
  const add = (category: ApplicationCategory, source: ApplicationSource, child: FirstGrader | null) => {
    const registeredAt = registrationMoment(rng, category, source, campaign);
    const family = child
      ? linkedFamily(context, child)
      : newFamily(context, rng, bornFrom(campaign), bornTo(campaign), source !== 'IN_PERSON');
    const rights = category === 'PRIORITY' ? priorityRights(rng) : [];
    const onOwnTerritory = category === 'TERRITORY' || (category === 'PRIORITY' && rng.chance(0.6));
    const draft: ApplicationDraft = {
      kind: 'FIRST_GRADE',
      year: campaign.year,
      organization: school,
      choices: [school.id, ...(neighbours.length > 0 && rng.chance(0.25) ? [rng.pick(neighbours).id] : [])],
      category,
      priorityRights: rights,
      source,
      epguNumber: source === 'EPGU' ? newEpguNumber(context, rng, registeredAt) : null,
      registeredAt,
      family,
      residenceAddress: child
        ? (child.person.residenceAddress ?? null)
        : onOwnTerritory
          ? territoryAddress(rng, plan)
          : elsewhere(rng, plan),
      documents: documentsFor('FIRST_GRADE', category, rights),
      comment: null,
      history: [],
      directedOrganizationId: null,
      id: '',
    };
    entries.push({ draft, outcome: { type: 'ENROLLED', directOn: null, enrolOn: null }, plan, linked: !!child });
  };
  categories.forEach((category, index) => add(category, sources[index] ?? 'EPGU', null));
  linked.forEach((child, index) => add('TERRITORY', sources[categories.length + index] ?? 'EPGU', child));
  decideOutcomes(rng, entries, plan, campaign);
  return entries;
}

function bornFrom(campaign: CampaignDates): string {
  return `${campaign.year - 8}-09-01`;
}

function bornTo(campaign: CampaignDates): string {
  return `${campaign.year - 6}-02-28`;
}

function linkedFamily(context: AdmissionsContext, child: FirstGrader): Family {
  const { person } = child;
  const links = context.guardiansOf.get(person.id) ?? [];
  const parent = links.find((link) => link.relation === 'PARENT') ?? links[0];
  const guardian = parent ? context.personsById.get(parent.guardianId) : undefined;
  const certificate = person.documentType === 'BIRTH_CERTIFICATE';
  return {
    child: {
      lastName: person.lastName,
      firstName: person.firstName,
      middleName: person.middleName ?? null,
      birthDate: person.birthDate ?? '',
      birthCertificateSeries: certificate ? (person.documentSeries ?? null) : null,
      birthCertificateNumber: certificate ? (person.documentNumber ?? null) : null,
      personId: person.id,
    },
    applicant: guardian
      ? applicantFromPerson(context, guardian)
      : { lastName: person.lastName, firstName: '', middleName: null, snils: null, esiaOid: null, personId: null },
  };
}

/**
 * ЕПГУ and the portal take applications at any hour (07:00–23:00 here, so that the local and the UTC date
 * agree), with a rush on the first morning; schools receive in person on working days. The first group
 * crowds the first days of April, OTHER the first days of July.
 */
function registrationMoment(
  rng: Random,
  category: ApplicationCategory,
  source: ApplicationSource,
  campaign: CampaignDates,
): Date {
  const first = category !== 'OTHER';
  const from = first ? campaign.priorityFrom : campaign.otherFrom;
  const last = first ? campaign.priorityTo : addDays(campaign.otherFrom, 50);
  const span = Math.round((Date.parse(last) - Date.parse(from)) / 86_400_000);
  let date = rng.chance(first ? 0.28 : 0.35) ? from : addDays(from, 1 + Math.floor((span - 1) * rng.next() ** 2));
  if (source === 'IN_PERSON') {
    date = addWorkingDays(date, 0);
    if (date > last) date = workingDayOnOrBefore(last);
    return momentAfter(rng, date, null, 9 * 60, 17 * 60);
  }
  if (date === from && source === 'EPGU') return localMoment(date, rng.int(8 * 60, 10 * 60), rng.int(0, 59));
  return localMoment(date, rng.int(7 * 60, 22 * 60 + 59), rng.int(0, 59));
}

function territoryAddress(rng: Random, plan: SchoolPlan): string {
  const segment = plan.territory.length > 0 ? rng.pick(plan.territory) : null;
  if (!segment) return elsewhere(rng, plan);
  let house = rng.int(segment.houseFrom, segment.houseTo);
  if (segment.parity === 'ODD' && house % 2 === 0) house = house > segment.houseFrom ? house - 1 : house + 1;
  if (segment.parity === 'EVEN' && house % 2 === 1) house = house > segment.houseFrom ? house - 1 : house + 1;
  return address(rng, plan.school.municipality, segment.street, house);
}

/** An address in the school's town off its territory. */
function elsewhere(rng: Random, plan: SchoolPlan): string {
  for (;;) {
    const street = rng.pick(STREETS);
    const house = rng.int(1, LAST_HOUSE);
    if (!plan.territory.some((segment) => onSegment(segment, street, house)))
      return address(rng, plan.school.municipality, street, house);
  }
}

/**
 * Outcomes in order of registration. The first group: a few withdrawn or refused, the rest directed from
 * 30 June and enrolled by the school's order (its first graders' order in the movement book, else 1–3 July).
 * OTHER: a few withdrawn or refused, the rest enrolled while places last, refused for want of places after.
 */
function decideOutcomes(rng: Random, entries: Planned[], plan: SchoolPlan, campaign: CampaignDates): void {
  const byRegistration = [...entries].sort((a, b) => a.draft.registeredAt.getTime() - b.draft.registeredAt.getTime());
  const orderOn =
    plan.firstGraders[0]?.orderDate ?? addWorkingDays(campaign.priorityTo, rng.int(1, campaign.orderWorkingDays));
  // The school's own first graders (linked) hold their places whatever the order of registration.
  let seats = plan.places - entries.filter((entry) => entry.linked).length;
  const directOn = () => {
    const day = weighted(rng, [
      [0, 70],
      [1, 20],
      [2, 10],
    ] as const);
    const date = day === 0 ? campaign.directionNotBefore : addWorkingDays(campaign.directionNotBefore, day);
    return date < orderOn ? date : orderOn;
  };
  for (const entry of byRegistration.filter((e) => e.draft.category !== 'OTHER')) {
    if (entry.linked) {
      entry.outcome = { type: 'ENROLLED', directOn: directOn(), enrolOn: orderOn };
      continue;
    }
    const roll = rng.next();
    if (roll < 0.03) {
      const stage = weighted<Stage>(rng, [
        ['SUBMITTED', 30],
        ['UNDER_REVIEW', 30],
        ['ACCEPTED', 25],
        ['DIRECTED', seats > 0 ? 15 : 0],
      ]);
      if (stage === 'DIRECTED') seats -= 1;
      entry.outcome = {
        type: 'WITHDRAWN',
        stage,
        reason: rng.pick(WITHDRAWALS),
        directOn: stage === 'DIRECTED' ? directOn() : null,
      };
    } else if (roll < 0.08) {
      entry.outcome = rejection(rng);
    } else if (seats > 0) {
      seats -= 1;
      entry.outcome = { type: 'ENROLLED', directOn: directOn(), enrolOn: orderOn };
    } else {
      entry.outcome = { type: 'REJECTED', stage: 'ACCEPTED', reason: NO_PLACES };
    }
  }
  for (const entry of byRegistration.filter((e) => e.draft.category === 'OTHER')) {
    const roll = rng.next();
    if (roll < 0.05) {
      const stage = rng.pick<Stage>(['SUBMITTED', 'UNDER_REVIEW', 'ACCEPTED']);
      entry.outcome = { type: 'WITHDRAWN', stage, reason: rng.pick(WITHDRAWALS), directOn: null };
    } else if (roll < 0.08) {
      entry.outcome = rejection(rng);
    } else if (seats > 0) {
      seats -= 1;
      entry.outcome = { type: 'ENROLLED', directOn: null, enrolOn: null };
    } else {
      entry.outcome = { type: 'REJECTED', stage: 'ACCEPTED', reason: NO_PLACES };
    }
  }
}

function rejection(rng: Random): Outcome {
  const stage = weighted<Stage>(rng, [
    ['SUBMITTED', 20],
    ['UNDER_REVIEW', 40],
    ['DOCUMENTS_REQUESTED', 40],
  ]);
  if (stage === 'DOCUMENTS_REQUESTED') return { type: 'REJECTED', stage, reason: NO_DOCUMENTS };
  return {
    type: 'REJECTED',
    stage,
    reason: rng.pick(REJECTIONS[stage === 'SUBMITTED' ? 'SUBMITTED' : 'UNDER_REVIEW']),
  };
}

/**
 * PLANTED.earlyDirections first-group applications of municipality 1 directed on the working days just
 * before 30 June (25, 26, 29 June 2026), and PLANTED.lateEnrolments others enrolled by a late order on the
 * third working day after the deadline (8 July 2026). Only snapshot children: a linked first grader's order
 * date is the one in the movement book.
 */
function plantViolations(rng: Random, planned: Planned[], campaign: CampaignDates): void {
  const candidates = planned.filter(
    (entry) =>
      entry.plan.school.municipalityNumber === PLANTED.municipality &&
      entry.draft.category !== 'OTHER' &&
      entry.outcome.type === 'ENROLLED' &&
      !entry.linked &&
      localDate(entry.draft.registeredAt) <= addDays(campaign.priorityTo, -15),
  );
  const picked = rng.sample(candidates, PLANTED.earlyDirections + PLANTED.lateEnrolments);
  if (picked.length < PLANTED.earlyDirections + PLANTED.lateEnrolments)
    throw new Error('demo: too few first-grade applications in municipality 1 to plant the violations');
  const earlyDays: string[] = [];
  for (
    let day = addDays(campaign.directionNotBefore, -1);
    earlyDays.length < PLANTED.earlyDirections;
    day = addDays(day, -1)
  )
    if (workingDayOnOrBefore(day) === day) earlyDays.unshift(day);
  const late = addWorkingDays(campaign.orderDeadline, 3);
  picked.forEach((entry, index) => {
    if (entry.outcome.type !== 'ENROLLED') return;
    if (index < PLANTED.earlyDirections) entry.outcome.directOn = earlyDays[index % earlyDays.length] ?? null;
    else entry.outcome.enrolOn = late;
  });
}
