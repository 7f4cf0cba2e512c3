/**
 * The demo's ПФДО money and enrolment (issue 11; DOMAIN.md rules 19, 19a, 20): a funding period for the
 * current school year with the regional norm, certificates for part of the children of 5 to 18, credits,
 * applications in every status with their history, and contracts — by certificate (with the reserve and the
 * monthly charges), budget and paid — with the certificates' status history (FROZEN at issue, ACTUAL when a
 * certificate contract was concluded, FROZEN again when it ended).
 *
 * The rows follow the rules the services enforce (the header of `db/src/extra-education.ts`): a certificate
 * only for a child of 5 to 17 full years on its day of issue, with a unique 10-digit code; a certificate
 * contract only at a «Участник ПФДО» organization, only after the credit, reserving price × the months of study
 * left in the group, which never exceeds the norm; a CHARGE of the month's price for every month of study begun
 * before the demo's date; a RELEASE of what is left when a contract ends. One application per child and group,
 * places never over a group's capacity. Certificates issued in the last week before the demo's date are not
 * credited yet, so a contract by them is still refused (rule 20).
 *
 * The `guardian` login's first child (`student`) holds a certificate and the second (`student-8b`) none, so the
 * cabinet's «Получить сертификат» can be shown. A non-participant organization (college 1-1, paid places
 * only) holds an accepted application asking to pay by certificate, which a contract must refuse.
 *
 * Everything is drawn from a stream and ids of its own: neither people, learning, admissions nor the catalogue
 * rows move because of it. Demo contracts have no movement-book entries (people's rows are left as they are).
 */
import type { ExtraApplicationStatus, PaymentMethod } from '@region/schema/enums';
import { addDays, ageOn, randomDate } from '../calendar.ts';
import { createIdFactory, createRandom } from '../random.ts';
import type { DemoCatalog, DemoRows } from '../types.ts';
import type {
  CertificateRow,
  ContractRow,
  ExtraApplicationRow,
  ExtraEducationRows,
  GroupRow,
  LedgerEntryRow,
  ProgrammeRow,
} from './types.ts';

/** The regional norm credited to every certificate for the school year (roubles). */
export const DEMO_NORM_PER_CERTIFICATE = '20000.00';
/** Share of the children of 5 to 18 who hold a certificate. */
const CERTIFICATE_SHARE = 0.45;

const REFUSAL_REASONS = [
  'Нет свободных мест в группе',
  'Возраст ребёнка не соответствует программе',
  'Не представлена медицинская справка о допуске к занятиям',
];

const moment = (date: string, time: string) => new Date(`${date}T${time}:00+05:00`);
const monthStart = (date: string) => `${date.slice(0, 7)}-01`;
/** First days of the months from `from`'s month to `to`'s month, both inclusive. */
function monthsBetween(from: string, to: string): string[] {
  const months: string[] = [];
  let year = Number(from.slice(0, 4));
  let month = Number(from.slice(5, 7));
  const last = monthStart(to);
  for (;;) {
    const first = `${year}-${String(month).padStart(2, '0')}-01`;
    if (first > last) return months;
    months.push(first);
    month += 1;
    if (month > 12) {
      month = 1;
      year += 1;
    }
  }
}
const times = (price: string, count: number) => (Number(price) * count).toFixed(2);

interface Child {
  id: string;
  birthDate: string;
  municipalityId: string;
  guardians: string[];
}

interface Offer {
  programme: ProgrammeRow;
  group: GroupRow;
}

export function generateEnrolment(
  seed: number | string,
  people: DemoRows,
  catalog: DemoCatalog,
  catalogue: Pick<ExtraEducationRows, 'programmes' | 'groups'>,
): Omit<ExtraEducationRows, 'programmes' | 'groups'> {
  const ids = createIdFactory(`${seed}/extra-education/enrolment`, Date.UTC(catalog.schoolYear, 7, 28));
  const random = createRandom(seed, 'extra-education/enrolment');
  const asOf = catalog.asOf;
  const lastDay = addDays(asOf, -1);
  const yearStart = `${catalog.schoolYear}-09-01`;
  const operator = catalog.accounts['operator']?.[0] ?? null;

  const rows: Omit<ExtraEducationRows, 'programmes' | 'groups'> = {
    fundingPeriods: [],
    certificates: [],
    certificateStatusChanges: [],
    extraApplications: [],
    extraApplicationStatusHistory: [],
    contracts: [],
    ledgerEntries: [],
  };

  const period = {
    id: ids.next(),
    startsOn: yearStart,
    endsOn: `${catalog.schoolYear + 1}-08-31`,
    normPerCertificate: DEMO_NORM_PER_CERTIFICATE,
    createdBy: operator,
    createdAt: moment(`${catalog.schoolYear}-08-28`, '10:00'),
  };
  rows.fundingPeriods.push(period);

  // The children: a current enrolment in a school, kindergarten or college gives their municipality.
  const organizations = new Map(people.organizations.map((row) => [row.id, row]));
  const guardians = new Map<string, string[]>();
  for (const link of people.guardianships)
    guardians.set(link.childId, [...(guardians.get(link.childId) ?? []), link.guardianId]);
  const enrolledIn = new Map<string, string>();
  for (const enrolment of people.enrolments) {
    const organization = organizations.get(enrolment.organizationId);
    if (enrolment.endedOn || !organization || organization.type === 'EXTRA_EDUCATION') continue;
    enrolledIn.set(enrolment.personId, organization.municipalityId);
  }
  const children: Child[] = [];
  for (const person of people.persons) {
    const municipalityId = enrolledIn.get(person.id);
    if (!municipalityId || !person.birthDate || person.mergedInto) continue;
    const age = ageOn(person.birthDate, asOf);
    if (age < 5 || age > 17) continue;
    children.push({
      id: person.id,
      birthDate: person.birthDate,
      municipalityId,
      guardians: guardians.get(person.id) ?? [],
    });
  }
  const [guardianChild] = catalog.accounts['student'] ?? [];
  const [uncertifiedChild] = catalog.accounts['student-8b'] ?? [];

  // Certificates: part of the children, the guardian's first child always, her second never.
  const codes = new Set<string>();
  const epguNumbers = new Set<string>();
  const newCode = () => {
    for (;;) {
      const code = `${random.int(1, 9)}${random.digits(9)}`;
      if (!codes.has(code)) {
        codes.add(code);
        return code;
      }
    }
  };
  const newEpguNumber = () => {
    for (;;) {
      const number = random.digits(10);
      if (!epguNumbers.has(number)) {
        epguNumbers.add(number);
        return number;
      }
    }
  };
  const certificateOf = new Map<string, { row: CertificateRow; creditedOn: string | null }>();
  for (const child of random.shuffle(children)) {
    if (child.id === uncertifiedChild) continue;
    if (child.id !== guardianChild && !random.chance(CERTIFICATE_SHARE)) continue;
    const issuedOn = randomDate(random, yearStart, lastDay);
    const age = ageOn(child.birthDate, issuedOn);
    // Rule 19: 5 to 18 on the day of issue (a 5th birthday in October means no September certificate).
    if (age < 5 || age > 17) continue;
    const roll = random.next();
    const guardian = child.guardians[0] ?? null;
    const source = roll < 0.7 && (guardian || age >= 14) ? 'CABINET' : roll < 0.9 ? 'EPGU' : 'IN_PERSON';
    const applicantId = source === 'CABINET' ? (guardian ?? child.id) : guardian;
    const row: CertificateRow = {
      id: ids.next(),
      personId: child.id,
      code: newCode(),
      issuedOn,
      source,
      epguNumber: source === 'EPGU' ? newEpguNumber() : null,
      applicantId,
      municipalityId: child.municipalityId,
      createdAt: moment(issuedOn, '10:00'),
    };
    rows.certificates.push(row);
    rows.certificateStatusChanges.push({
      certificateId: row.id,
      status: 'FROZEN',
      reason: 'Сертификат выдан',
      contractId: null,
      changedBy: source === 'CABINET' ? applicantId : null,
      changedAt: moment(issuedOn, '10:00'),
    });
    // The region credits the norm the next working day; the last week's certificates wait for it (rule 20).
    const creditedOn = issuedOn < addDays(asOf, -7) ? addDays(issuedOn, 1) : null;
    if (creditedOn)
      rows.ledgerEntries.push({
        certificateId: row.id,
        kind: 'CREDIT',
        amount: period.normPerCertificate,
        periodId: period.id,
        contractId: null,
        month: null,
        createdBy: operator,
        createdAt: moment(creditedOn, '09:00'),
      });
    certificateOf.set(child.id, { row, creditedOn });
  }

  // What the catalogue offers: published programmes with their groups; places taken per group.
  const groupsOf = new Map<string, GroupRow[]>();
  for (const group of catalogue.groups)
    groupsOf.set(group.programmeId, [...(groupsOf.get(group.programmeId) ?? []), group]);
  const offers: Offer[] = catalogue.programmes
    .filter((programme) => programme.status === 'PUBLISHED')
    .flatMap((programme) => (groupsOf.get(programme.id) ?? []).map((group) => ({ programme, group })));
  const taken = new Map<string, number>();
  const applied = new Set<string>();
  const fits = (offer: Offer, child: Child, on: string, method: PaymentMethod) => {
    const age = ageOn(child.birthDate, on);
    return (
      offer.programme.funding.includes(method) &&
      offer.programme.ageFrom <= age &&
      age <= offer.programme.ageTo &&
      (taken.get(offer.group.id) ?? 0) < offer.group.capacity &&
      !applied.has(`${offer.group.id}|${child.id}`) &&
      // Children study in their own municipality.
      offer.programme.municipalityId === child.municipalityId
    );
  };
  const participant = (offer: Offer) => organizations.get(offer.programme.organizationId)?.pfdoParticipant === true;

  const apply = (
    child: Child,
    offer: Offer,
    method: PaymentMethod,
    submittedOn: string,
    path: readonly { status: ExtraApplicationStatus; on: string; reason?: string }[],
  ): ExtraApplicationRow => {
    applied.add(`${offer.group.id}|${child.id}`);
    const roll = random.next();
    const guardian = child.guardians[0] ?? null;
    const source = roll < 0.75 && guardian ? 'CABINET' : roll < 0.9 ? 'EPGU' : 'IN_PERSON';
    const final = path.at(-1) ?? { status: 'SUBMITTED' as const, on: submittedOn, reason: undefined };
    const application: ExtraApplicationRow = {
      id: ids.next(),
      groupId: offer.group.id,
      organizationId: offer.programme.organizationId,
      childId: child.id,
      applicantId: guardian,
      source,
      paymentMethod: method,
      status: final.status,
      refusalReason: final.status === 'REFUSED' ? (final.reason ?? null) : null,
      epguNumber: source === 'EPGU' ? newEpguNumber() : null,
      createdAt: moment(submittedOn, '11:00'),
      updatedAt: moment(final.on, '15:00'),
    };
    rows.extraApplications.push(application);
    let from: ExtraApplicationStatus | null = null;
    for (const step of [{ status: 'SUBMITTED' as const, on: submittedOn }, ...path]) {
      rows.extraApplicationStatusHistory.push({
        applicationId: application.id,
        fromStatus: from,
        toStatus: step.status,
        reason: 'reason' in step ? (step.reason ?? null) : null,
        changedBy: step.status === 'SUBMITTED' || step.status === 'WITHDRAWN' ? guardian : null,
        changedAt: moment(step.on, step.status === 'SUBMITTED' ? '11:00' : '15:00'),
      });
      from = step.status;
    }
    if (final.status === 'ACCEPTED') taken.set(offer.group.id, (taken.get(offer.group.id) ?? 0) + 1);
    return application;
  };

  const conclude = (child: Child, offer: Offer, method: PaymentMethod, submittedOn: string, endOn?: string) => {
    const acceptedOn = addDays(submittedOn, 1);
    const concludedOn = addDays(acceptedOn, random.int(1, 5));
    const application = apply(child, offer, method, submittedOn, [
      { status: 'ACCEPTED', on: acceptedOn },
      { status: 'ENROLLED', on: concludedOn },
    ]);
    const certificate = method === 'CERTIFICATE' ? certificateOf.get(child.id)!.row : null;
    const endedOn = endOn && endOn > concludedOn ? endOn : null;
    const contract: ContractRow = {
      id: ids.next(),
      applicationId: application.id,
      groupId: offer.group.id,
      organizationId: offer.programme.organizationId,
      childId: child.id,
      paymentMethod: method,
      certificateId: certificate?.id ?? null,
      pricePerMonth: offer.programme.pricePerMonth ?? '0.00',
      concludedOn,
      endedOn,
      endReason: endedOn ? 'Расторгнут по заявлению родителя' : null,
      createdAt: moment(concludedOn, '15:00'),
    };
    rows.contracts.push(contract);
    if (!endedOn) taken.set(offer.group.id, (taken.get(offer.group.id) ?? 0) + 1);
    if (!certificate) return contract;

    // Rule 19a: reserve the months of study left in the group, charge each month begun before the demo's date
    // (and before the end), release the rest when the contract ends.
    const price = contract.pricePerMonth;
    const reserved = monthsBetween(concludedOn, offer.group.endsOn).length;
    const entry = (kind: LedgerEntryRow['kind'], amount: string, at: Date, month: string | null = null) =>
      rows.ledgerEntries.push({
        certificateId: certificate.id,
        kind,
        amount,
        periodId: period.id,
        contractId: contract.id,
        month,
        createdBy: null,
        createdAt: at,
      });
    entry('RESERVE', times(price, reserved), moment(concludedOn, '15:00'));
    const charged = monthsBetween(concludedOn, endedOn ?? lastDay).filter((month) => month < monthStart(asOf));
    for (const month of charged)
      entry('CHARGE', price, moment(month < concludedOn ? concludedOn : month, '16:00'), month);
    rows.certificateStatusChanges.push({
      certificateId: certificate.id,
      status: 'ACTUAL',
      reason: 'Заключён договор об обучении по сертификату',
      contractId: contract.id,
      changedBy: null,
      changedAt: moment(concludedOn, '15:00'),
    });
    if (endedOn) {
      const left = reserved - charged.length;
      if (left > 0) entry('RELEASE', times(price, left), moment(endedOn, '16:00'));
      rows.certificateStatusChanges.push({
        certificateId: certificate.id,
        status: 'FROZEN',
        reason: 'Договор об обучении по сертификату расторгнут',
        contractId: contract.id,
        changedBy: null,
        changedAt: moment(endedOn, '16:00'),
      });
    }
    return contract;
  };

  const pick = (child: Child, on: string, method: PaymentMethod) => {
    const fitting = offers.filter(
      (offer) => fits(offer, child, on, method) && (method !== 'CERTIFICATE' || participant(offer)),
    );
    return fitting.length ? random.pick(fitting) : null;
  };

  // Contracts: by certificate for most credited holders (a few ended), paid and budget places for others.
  const order = random.shuffle(children);
  for (const child of order) {
    const certificate = certificateOf.get(child.id);
    if (certificate?.creditedOn && (child.id === guardianChild || random.chance(0.65))) {
      const submittedOn = addDays(certificate.creditedOn, random.int(0, 5));
      const offer = pick(child, submittedOn, 'CERTIFICATE');
      if (offer && addDays(submittedOn, 6) < lastDay) {
        const ends = child.id !== guardianChild && submittedOn < addDays(asOf, -30) && random.chance(0.12);
        conclude(child, offer, 'CERTIFICATE', submittedOn, ends ? addDays(submittedOn, random.int(15, 25)) : undefined);
      }
    }
    for (const method of ['PAID', 'BUDGET'] as const) {
      if (!random.chance(method === 'PAID' ? 0.12 : 0.18)) continue;
      const submittedOn = randomDate(random, addDays(yearStart, -10), addDays(asOf, -14));
      const offer = pick(child, submittedOn, method);
      const ends = random.chance(0.05) && addDays(submittedOn, 20) < lastDay;
      if (offer) conclude(child, offer, method, submittedOn, ends ? addDays(submittedOn, 20) : undefined);
    }
  }

  // Applications that did not (yet) become contracts: every other status, with its history.
  const methodFor = (child: Child, offer: Offer): PaymentMethod =>
    offer.programme.funding.includes('BUDGET')
      ? 'BUDGET'
      : certificateOf.get(child.id) && offer.programme.funding.includes('CERTIFICATE')
        ? 'CERTIFICATE'
        : 'PAID';
  const plans: [ExtraApplicationStatus, number][] = [
    ['SUBMITTED', 24],
    ['ACCEPTED', 10],
    ['REFUSED', 9],
    ['WITHDRAWN', 6],
  ];
  for (const [status, count] of plans) {
    let made = 0;
    for (const child of random.shuffle(children)) {
      if (made === count) break;
      const submittedOn = randomDate(random, addDays(asOf, -28), addDays(asOf, -3));
      const fitting = offers.filter((offer) => fits(offer, child, submittedOn, methodFor(child, offer)));
      if (!fitting.length) continue;
      const offer = random.pick(fitting);
      const decidedOn = addDays(submittedOn, random.int(1, 2));
      const path =
        status === 'SUBMITTED'
          ? []
          : status === 'REFUSED'
            ? [{ status, on: decidedOn, reason: REFUSAL_REASONS[made % REFUSAL_REASONS.length]! }]
            : [{ status, on: decidedOn }];
      apply(child, offer, methodFor(child, offer), submittedOn, path);
      made += 1;
    }
  }

  // A non-participant organization asked to take a certificate: accepted, its contract still to be refused.
  const nonParticipant = offers.find(
    (offer) =>
      !participant(offer) && offer.programme.funding.includes('PAID') && !offer.programme.funding.includes('BUDGET'),
  );
  if (nonParticipant) {
    const holder = random
      .shuffle(children)
      .find(
        (child) => certificateOf.get(child.id)?.creditedOn && fits(nonParticipant, child, addDays(asOf, -4), 'PAID'),
      );
    if (holder)
      apply(holder, nonParticipant, 'CERTIFICATE', addDays(asOf, -4), [{ status: 'ACCEPTED', on: addDays(asOf, -3) }]);
  }
  return rows;
}
