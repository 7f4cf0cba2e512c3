/**
 * The kindergarten queue of the planned year (rule 18): 20–40 applications whose first choice is each
 * kindergarten, for children born 2023–2025 (snapshots, child_id null), SUBMITTED, UNDER_REVIEW or ACCEPTED,
 * and every change of each child's position with its reason. The queue is replayed in time: registrations,
 * benefits granted later, children leaving the queue (only counted here, like the children admitted in
 * 2025), families changing the desired kindergarten. Order: a benefit first, then the moment of registration,
 * as the admissions subgraph's queue orders it (queue/service.ts); once everyone who left has gone, the
 * current positions are 1..n in exactly that order, so its next recomputation moves nobody.
 * The demo `guardian` account queues a younger sibling at kindergarten-1-1 (GUARDIAN_QUEUE), registered
 * on a day that gives it 2–3 changes of position; one real parent per kindergarten queues a younger child too.
 */
import { normalizeFullName } from '../../normalize.ts';
import { addDays, randomDate } from '../calendar.ts';
import { FEMALE_FIRST_NAMES, MALE_FIRST_NAMES, STREETS } from '../names.ts';
import type { Random } from '../random.ts';
import { earlierOf, laterOf, localDate, localMoment, workingDayOnOrBefore } from './calendar.ts';
import { demoCampaignYears } from './campaign.ts';
import { organizationsOf, type AdmissionsContext, type AdmissionsOrganization } from './context.ts';
import { documentsFor, HistoryWriter, weighted, type ApplicationDraft } from './drafts.ts';
import { replay, type Member, type PositionDraft, type QueueStatus, type Stay } from './queue-replay.ts';
import {
  address,
  applicantFromPerson,
  newBirthCertificate,
  newChild,
  newEpguNumber,
  newEsiaOid,
  newFamily,
  siblingNames,
  type Family,
  type Sex,
} from './snapshots.ts';
import type { ApplicationCategory, ApplicationSource } from './types.ts';

/** The demo guardian's queue application: what the web client shows her (accounts.ts: Кузнецова Ольга Игоревна). */
export const GUARDIAN_QUEUE = {
  login: 'guardian',
  organization: 'kindergarten-1-1',
  child: { lastName: 'Кузнецова', firstName: 'Варвара', middleName: 'Алексеевна', birthDate: '2024-02-19' },
  /** Changes of position after the registration. */
  changes: [2, 3],
} as const;

interface Planner {
  context: AdmissionsContext;
  rng: Random;
  year: number;
  asOf: string;
  moments: Set<number>;
  members: Member[];
  usedGuardians: Set<string>;
}

export function planKindergartenQueue(context: AdmissionsContext): {
  drafts: ApplicationDraft[];
  positions: PositionDraft[];
} {
  const planner: Planner = {
    context,
    rng: context.random('kindergarten'),
    year: demoCampaignYears(context.catalog.schoolYear).planned,
    asOf: context.catalog.asOf,
    moments: new Set(),
    members: [],
    usedGuardians: new Set(),
  };
  const kindergartens = organizationsOf(context, 'kindergarten');
  let guardian: Member | null = null;
  for (const kindergarten of kindergartens) {
    const count = planner.rng.int(20, 40);
    const own: Member[] = [];
    if (kindergarten.key === GUARDIAN_QUEUE.organization) {
      const family = accountFamily(planner);
      if (family) {
        guardian = addMember(planner, kindergarten, family, 'ACCEPTED', 'EPGU', 'TERRITORY');
        own.push(guardian);
      }
    }
    const relative = relativeFamily(planner, kindergarten);
    if (relative) own.push(addMember(planner, kindergarten, relative, 'ACCEPTED', 'EPGU', null));
    while (own.length < count) own.push(addMember(planner, kindergarten, null, null, null, null));
    grantBenefit(planner, own);
    changeKindergartens(planner, kindergarten, own, kindergartens);
    addLeavers(planner, kindergarten);
  }
  if (guardian) registerGuardian(planner, guardian);
  const drafts = planner.members.flatMap((member) => (member.draft ? [member.draft] : []));
  for (const draft of drafts)
    if (draft.source === 'EPGU') draft.epguNumber = newEpguNumber(context, planner.rng, draft.registeredAt);
  const history = context.random('kindergarten/history');
  for (const member of planner.members) if (member.draft) writeHistory(history, planner, member);
  return { drafts, positions: replay(planner.members) };
}

function addMember(
  planner: Planner,
  kindergarten: AdmissionsOrganization,
  given: { family: Family; residence: string | null } | null,
  givenStatus: QueueStatus | null,
  givenSource: ApplicationSource | null,
  givenCategory: ApplicationCategory | null,
): Member {
  const { context, rng, asOf } = planner;
  const status =
    givenStatus ??
    weighted<QueueStatus>(rng, [
      ['SUBMITTED', 15],
      ['UNDER_REVIEW', 15],
      ['ACCEPTED', 70],
    ]);
  const source =
    givenSource ??
    weighted<ApplicationSource>(rng, [
      ['EPGU', 80],
      ['REGIONAL_PORTAL', 10],
      ['IN_PERSON', 10],
    ]);
  const family = given?.family ?? newFamily(context, rng, '2023-01-01', '2025-06-30', source !== 'IN_PERSON');
  const birth = family.child.birthDate;
  const [from, to] =
    status === 'SUBMITTED'
      ? [addDays(asOf, -12), addDays(asOf, -1)]
      : status === 'UNDER_REVIEW'
        ? [addDays(asOf, -40), addDays(asOf, -5)]
        : [laterOf(addDays(birth, 14), '2023-03-01'), addDays(asOf, -25)];
  const registeredAt = uniqueMoment(planner, randomDate(rng, from, to), source === 'IN_PERSON');
  let category = givenCategory;
  let right: string | null = null;
  let priorityFrom: Date | null = null;
  if (!category && rng.chance(0.12)) {
    category = 'PRIORITY';
    right = weighted(rng, [
      ['12', 40],
      ['9', 20],
      ['10', 25],
      ['9.1', 15],
    ] as const);
    priorityFrom = registeredAt;
    const grantBy = addDays(asOf, -5);
    const earliest = addDays(localDate(registeredAt), 30);
    if (status === 'ACCEPTED' && earliest < grantBy && rng.chance(0.35)) {
      priorityFrom = uniqueMoment(planner, randomDate(rng, earliest, earlierOf(addDays(earliest, 400), grantBy)), true);
    }
  }
  category ??= rng.chance(0.7) ? 'TERRITORY' : 'OTHER';
  const rights = right ? [right] : [];
  const draft: ApplicationDraft = {
    kind: 'KINDERGARTEN',
    year: planner.year,
    organization: kindergarten,
    // One kindergarten a child: the subgraph keeps a position in every chosen kindergarten, the demo only
    // replays the first choice's queue, so it gives no second choice that would lack its positions.
    choices: [kindergarten.id],
    category,
    priorityRights: rights,
    source,
    epguNumber: null,
    registeredAt,
    family,
    residenceAddress: given?.residence ?? address(rng, kindergarten.municipality, rng.pick(STREETS), rng.int(1, 120)),
    documents: documentsFor('KINDERGARTEN', category, rights),
    comment: null,
    history: [],
    directedOrganizationId: null,
    id: '',
  };
  const member: Member = {
    index: planner.members.length,
    draft,
    status,
    registeredAt,
    priorityFrom,
    right,
    stays: [{ organizationId: kindergarten.id, from: registeredAt, to: null }],
  };
  planner.members.push(member);
  return member;
}

/** A moment on `date` nobody else's event has: working hours on a working day in person, else 07:00–23:00. */
function uniqueMoment(planner: Planner, date: string, office: boolean): Date {
  const { rng } = planner;
  const day = office ? workingDayOnOrBefore(date) : date;
  for (;;) {
    const moment = office
      ? localMoment(day, rng.int(9 * 60, 17 * 60), rng.int(0, 59))
      : localMoment(day, rng.int(7 * 60, 22 * 60 + 59), rng.int(0, 59));
    if (planner.moments.has(moment.getTime())) continue;
    planner.moments.add(moment.getTime());
    return moment;
  }
}

/** The demo guardian and a younger sister of her children (Дмитрий and Анна Алексеевичи). */
function accountFamily(planner: Planner): { family: Family; residence: string | null } | null {
  const { context, rng } = planner;
  const personId = context.catalog.accounts[GUARDIAN_QUEUE.login]?.[0];
  const person = personId ? context.personsById.get(personId) : undefined;
  if (!person) return null;
  planner.usedGuardians.add(person.id);
  const { child } = GUARDIAN_QUEUE;
  context.used.nameBirth.add(
    `${normalizeFullName(child.lastName, child.firstName, child.middleName)}|${child.birthDate}`,
  );
  return {
    family: {
      child: { ...child, ...newBirthCertificate(context, rng), personId: null },
      applicant: applicantFromPerson(context, person),
    },
    residence: person.residenceAddress ?? null,
  };
}

/** A parent of a learner of the municipality (not a demo account) queueing a younger brother or sister. */
function relativeFamily(
  planner: Planner,
  kindergarten: AdmissionsOrganization,
): { family: Family; residence: string | null } | null {
  const { context, rng } = planner;
  const accountIds = new Set(Object.values(context.catalog.accounts).flat());
  const municipalityOf = new Map(context.organizations.map((o) => [o.id, o.municipalityNumber]));
  const placed = new Map(
    context.people.enrolments.filter((e) => !e.endedOn).map((e) => [e.personId, e.organizationId] as const),
  );
  const candidates = context.people.guardianships.filter((link) => {
    if ((link.relation ?? 'PARENT') !== 'PARENT' || planner.usedGuardians.has(link.guardianId)) return false;
    if (accountIds.has(link.guardianId) || accountIds.has(link.childId)) return false;
    const organization = placed.get(link.childId);
    if (!organization || municipalityOf.get(organization) !== kindergarten.municipalityNumber) return false;
    const guardian = context.personsById.get(link.guardianId);
    const child = context.personsById.get(link.childId);
    return (
      !!guardian &&
      !!child &&
      !guardian.mergedInto &&
      !!guardian.snils &&
      (guardian.birthDate ?? '') >= '1985-01-01' &&
      siblingNames(child.lastName, child.middleName ?? null, 'MALE') !== null
    );
  });
  if (candidates.length === 0) return null;
  const link = rng.pick(candidates);
  const guardian = context.personsById.get(link.guardianId);
  const sibling = context.personsById.get(link.childId);
  if (!guardian || !sibling) return null;
  planner.usedGuardians.add(guardian.id);
  const sex: Sex = rng.chance(0.5) ? 'MALE' : 'FEMALE';
  const names = siblingNames(sibling.lastName, sibling.middleName ?? null, sex);
  if (!names) return null;
  const firstName = sex === 'MALE' ? rng.pick(MALE_FIRST_NAMES)[0] : rng.pick(FEMALE_FIRST_NAMES);
  const applicant = applicantFromPerson(context, guardian);
  return {
    family: {
      child: newChild(context, rng, { ...names, firstName }, '2023-03-01', '2025-03-31'),
      // ЕПГУ sends the applicant's ESIA oid; the platform matched the card by SNILS.
      applicant: { ...applicant, esiaOid: applicant.esiaOid ?? newEsiaOid(context, rng) },
    },
    residence: guardian.residenceAddress ?? null,
  };
}

/**
 * Every kindergarten has a child whose benefit was granted after registration (rule 18 shows it as
 * «Предоставлена льгота (п. 10)»): when the draw gave none, the latest registered accepted child who has
 * others ahead gets the benefit of point 10 some months after registering.
 */
function grantBenefit(planner: Planner, own: Member[]): void {
  const { rng, asOf } = planner;
  if (own.some((member) => member.priorityFrom && member.priorityFrom > member.registeredAt)) return;
  const latest = addDays(asOf, -60);
  const candidate = own
    .filter(
      (member, index) =>
        index >= 2 && member.status === 'ACCEPTED' && !member.priorityFrom && localDate(member.registeredAt) <= latest,
    )
    .sort((a, b) => b.registeredAt.getTime() - a.registeredAt.getTime())[0];
  const draft = candidate?.draft;
  if (!candidate || !draft) return;
  const earliest = addDays(localDate(candidate.registeredAt), 30);
  candidate.right = '10';
  candidate.priorityFrom = uniqueMoment(planner, randomDate(rng, earliest, addDays(asOf, -5)), true);
  draft.category = 'PRIORITY';
  draft.priorityRights = ['10'];
  draft.documents = documentsFor('KINDERGARTEN', 'PRIORITY', ['10']);
}

/**
 * Two families of each kindergarten came from another kindergarten's queue (moved house, mostly within the
 * municipality): they keep their date of registration, so they come in above those registered later.
 */
function changeKindergartens(
  planner: Planner,
  kindergarten: AdmissionsOrganization,
  own: Member[],
  kindergartens: AdmissionsOrganization[],
): void {
  const { rng, asOf } = planner;
  const others = kindergartens.filter((other) => other.id !== kindergarten.id);
  if (others.length === 0) return;
  const near = others.filter((other) => other.municipalityNumber === kindergarten.municipalityNumber);
  const latest = addDays(asOf, -80);
  const movable = own.filter(
    (member, index) => index >= 2 && member.status === 'ACCEPTED' && localDate(member.registeredAt) <= latest,
  );
  for (const member of rng.sample(movable, 2)) {
    const from = rng.pick(near.length > 0 ? near : others);
    const earliest = addDays(localDate(member.registeredAt), 60);
    const changedAt = uniqueMoment(planner, randomDate(rng, earliest, addDays(asOf, -15)), false);
    member.stays = [
      { organizationId: from.id, from: member.registeredAt, to: changedAt },
      { organizationId: kindergarten.id, from: changedAt, to: null },
    ];
  }
}

/** Children who stood in the queue and left it: admitted in 2025 (комплектование) or elsewhere, or withdrawn. */
function addLeavers(planner: Planner, kindergarten: AdmissionsOrganization): void {
  const { rng, asOf } = planner;
  const count = rng.int(3, 5);
  for (let i = 0; i < count; i++) {
    const registered = uniqueMoment(planner, randomDate(rng, '2023-03-01', '2025-06-30'), false);
    const day = localDate(registered);
    const leaveOn = rng.chance(0.5)
      ? randomDate(rng, laterOf('2025-08-20', addDays(day, 30)), laterOf('2025-09-05', addDays(day, 30)))
      : randomDate(rng, laterOf('2025-01-01', addDays(day, 30)), addDays(asOf, -10));
    planner.members.push({
      index: planner.members.length,
      draft: null,
      status: 'ACCEPTED',
      registeredAt: registered,
      priorityFrom: rng.chance(0.2) ? registered : null,
      right: null,
      stays: [{ organizationId: kindergarten.id, from: registered, to: uniqueMoment(planner, leaveOn, true) }],
    });
  }
}

/**
 * The guardian's registration moment: one that gives her application GUARDIAN_QUEUE.changes changes of
 * position with the rest of the queue as it is. The later she registered, the fewer moves came after, so the
 * days are tried from the latest back (a week before "now", time enough to be accepted), at three times of the
 * day, until a dozen moments fit or the moves are clearly too many; one of the moments that fit is taken.
 */
function registerGuardian(planner: Planner, guardian: Member): void {
  const { rng, asOf } = planner;
  const [fewest, most] = GUARDIAN_QUEUE.changes;
  const kindergarten = (guardian.stays[0] as Stay).organizationId;
  const queue = planner.members.filter((member) => member.stays.some((stay) => stay.organizationId === kindergarten));
  const fits: Date[] = [];
  const earliest = addDays(GUARDIAN_QUEUE.child.birthDate, 20);
  // Accepted within days of registering: the last week before "now" is left for the review.
  for (let day = addDays(asOf, -8); day >= earliest; day = addDays(day, -1)) {
    let fewestToday = Number.POSITIVE_INFINITY;
    for (const hour of [8, 13, 20]) {
      const moment = localMoment(day, hour * 60 + rng.int(0, 59), rng.int(0, 59));
      if (planner.moments.has(moment.getTime())) continue;
      registerAt(guardian, moment);
      const changes = replay(queue).filter((row) => row.draft === guardian.draft).length - 1;
      fewestToday = Math.min(fewestToday, changes);
      if (changes >= fewest && changes <= most) fits.push(moment);
    }
    if (fewestToday > most + 3 || fits.length >= 12) break;
  }
  if (fits.length === 0)
    throw new Error('demo: no registration moment gives the guardian account 2–3 changes of position');
  const moment = rng.pick(fits);
  registerAt(guardian, moment);
  planner.moments.add(moment.getTime());
}

function registerAt(member: Member, moment: Date): void {
  member.registeredAt = moment;
  member.stays = [{ ...(member.stays[0] as Stay), from: moment }];
  if (member.draft) member.draft.registeredAt = moment;
}

function writeHistory(rng: Random, planner: Planner, member: Member): void {
  const draft = member.draft as ApplicationDraft;
  const writer = new HistoryWriter(rng, draft);
  if (member.status === 'SUBMITTED') return;
  const admin = draft.organization.adminId;
  const limit = workingDayOnOrBefore(addDays(planner.asOf, -1));
  writer.add('UNDER_REVIEW', null, admin, writer.next(0, 3, limit));
  if (rng.chance(0.15)) {
    const request =
      draft.category === 'PRIORITY'
        ? `Представьте документ, подтверждающий льготу (п. ${draft.priorityRights.join(', ')})`
        : 'Представьте свидетельство о регистрации ребёнка по месту жительства';
    writer.add('DOCUMENTS_REQUESTED', request, admin, writer.next(0, 3, limit));
    writer.add('UNDER_REVIEW', 'Документы представлены', admin, writer.next(1, 8, limit));
  }
  if (member.status === 'UNDER_REVIEW') return;
  writer.add('ACCEPTED', 'Ребёнок поставлен на учёт', admin, writer.next(1, 8, limit));
}
