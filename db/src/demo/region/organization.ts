/**
 * One chunk of the bulk region: the territory (chunk 0: municipalities and their coordinators) or one
 * organization with everything that belongs to it — staff, learners and their families, the movement book,
 * consents, the planted faults, its learning rows and extra-education certificates. The people side runs
 * the demo's own steps (`createLearners`, `recordMovements`, `plantCardFaults`, `plantDuplicateParents`,
 * `grantConsents`, `createPerson`) on a context of the chunk, whose random streams and ids come from the
 * seed and the chunk's key: a chunk is the same whatever ran before it, except for the identifiers already
 * in use (SNILS, documents, name + birth date, INN), which the shared sets carry from chunk to chunk.
 */
import type { PlacedAccounts } from '../account-records.ts';
import { addDays, ageOn, randomDate, randomMoment } from '../calendar.ts';
import { grantConsents } from '../consents.ts';
import { recordMovements } from '../contingent.ts';
import { createContext, type ClassPlan, type Context, type OrganizationInfo } from '../context.ts';
import { plantCardFaults, plantDuplicateParents } from '../faults.ts';
import { grantRole } from '../grants.ts';
import { createLearners } from '../learners.ts';
import { newInn, ORGANIZATION_TYPES, organizationNames } from '../organizations.ts';
import { createPerson, newAddress, randomBirthDate, randomName } from '../person-factory.ts';
import { createIdFactory, createRandom } from '../random.ts';
import { MUNICIPALITIES, type MunicipalityInfo } from '../territory.ts';
import {
  consentRequests,
  consents,
  employments,
  enrolments,
  guardianships,
  movements,
  municipalities,
  organizations,
  persons,
  roleGrants,
} from '../../people.ts';
import { certificates, certificateStatusChanges } from '../../extra-education.ts';
import { rowsBatch, type CopyBatch } from './copy.ts';
import { generateJournal } from './journal.ts';
import { birthRange, type OrganizationPlan, type RegionPlan } from './plan.ts';
import { staffOrganization } from './staff.ts';

const NO_ACCOUNTS: PlacedAccounts = { records: new Map(), staff: [], learners: [] };
const CERTIFICATE_SHARE = 0.3;
/** A chunk's ids start 2^24 ms (4.7 hours) after the previous chunk's: UUIDv7 order follows chunk order. */
const CHUNK_ID_SPAN_MS = 2 ** 24;

/** What chunks share: the options, the identifiers in use and the ids of the territory. */
export interface RegionShared {
  seed: number | string;
  schoolYear: number;
  through: string;
  usedSnils: Set<string>;
  usedDocuments: Set<string>;
  usedNameBirth: Set<string>;
  usedInns: Set<string>;
  /** Certificate codes and ЕПГУ numbers of the demo's certificates (the bulk ones come from disjoint blocks). */
  usedCertificateNumbers: Set<string>;
  operatorId: string | null;
  /** Municipality number (1-based) → id, and its municipal coordinator. */
  municipalityIds: Map<number, string>;
  coordinators: Map<number, string>;
  /** Subject name → id of the demo's catalogue. */
  subjectIds: Map<string, string>;
}

export interface Chunk {
  number: number;
  key: string;
  learners: number;
  batches: CopyBatch[];
}

function chunkContext(shared: RegionShared, number: number, key: string): Context {
  const seed = `${shared.seed}/region/${key}`;
  const context = createContext(seed, shared.schoolYear);
  context.ids = createIdFactory(seed, Date.UTC(shared.schoolYear, 8, 1) + number * CHUNK_ID_SPAN_MS);
  context.usedSnils = shared.usedSnils;
  context.usedDocuments = shared.usedDocuments;
  context.usedNameBirth = shared.usedNameBirth;
  return context;
}

function municipalityOf(number: number): MunicipalityInfo {
  const municipality = MUNICIPALITIES[number - 1];
  if (!municipality) throw new Error(`region: no municipality ${number}`);
  return municipality;
}

/** Chunk 0: the municipalities of the bulk region, each with a coordinator (as account-records.ts does). */
export function generateTerritory(shared: RegionShared, plan: RegionPlan): Chunk {
  const context = chunkContext(shared, 0, 'territory');
  for (const number of plan.municipalityNumbers) {
    const municipality = municipalityOf(number);
    const municipalityId = context.ids.next();
    context.rows.municipalities.push({ id: municipalityId, name: municipality.name, oktmo: municipality.oktmo });
    const sex = context.rng.chance(0.7) ? ('FEMALE' as const) : ('MALE' as const);
    const coordinator = createPerson(context, {
      ...randomName(context, sex),
      sex,
      birthDate: randomBirthDate(context, 30, 58),
      municipality,
      role: 'official',
    });
    grantRole(
      context,
      coordinator.id,
      'MUNICIPAL_COORDINATOR',
      { kind: 'MUNICIPALITY', municipalityId },
      shared.operatorId,
    );
  }
  grantConsents(context, NO_ACCOUNTS);
  return {
    number: 0,
    key: 'territory',
    learners: 0,
    batches: [
      rowsBatch(municipalities, context.rows.municipalities),
      rowsBatch(persons, context.rows.persons),
      rowsBatch(consents, context.rows.consents),
      rowsBatch(roleGrants, context.rows.roleGrants),
    ],
  };
}

export async function generateOrganization(shared: RegionShared, plan: OrganizationPlan): Promise<Chunk> {
  const context = chunkContext(shared, plan.number, plan.key);
  const municipality = municipalityOf(plan.municipalityNumber);
  const municipalityId = shared.municipalityIds.get(plan.municipalityNumber);
  if (!municipalityId) throw new Error(`region: municipality ${plan.municipalityNumber} is not written yet`);
  const organization: OrganizationInfo = {
    key: plan.key,
    id: context.ids.next(),
    kind: plan.kind,
    municipalityNumber: plan.municipalityNumber,
    municipalityId,
    municipality,
  };
  context.organizations.push(organization);
  context.catalog.organizations[plan.key] = organization.id;
  const names = organizationNames(plan.kind, plan.n, plan.municipalityNumber, municipality);
  context.rows.organizations.push({
    id: organization.id,
    municipalityId,
    type: ORGANIZATION_TYPES[plan.kind],
    fullName: names.full,
    shortName: names.short,
    inn: newInn(context, municipality, shared.usedInns, plan.invalidInn),
    address: newAddress(context, municipality).replace(/, кв\. \d+$/, ''),
    pfdoParticipant: plan.kind === 'extra',
  });
  for (const seats of plan.classes) {
    const classPlan: ClassPlan = {
      id: context.ids.next(),
      name: seats.name,
      grade: seats.grade,
      age: seats.age,
      organization,
      ...birthRange(shared.schoolYear, seats.age),
      size: seats.size,
    };
    context.classes.push(classPlan);
    context.catalog.classes.push({
      id: classPlan.id,
      organizationId: organization.id,
      organizationKey: plan.key,
      name: seats.name,
      grade: seats.grade,
      schoolYear: shared.schoolYear,
      classTeacherId: null,
    });
  }

  const staffing = staffOrganization(
    context,
    organization,
    context.classes,
    shared.coordinators.get(plan.municipalityNumber) ?? null,
  );
  const learners = createLearners(context, NO_ACCOUNTS);
  recordMovements(context, learners, staffing);
  // Seed 000's duplicate parents: the demo plants about four for six schools.
  if (plan.kind === 'school' && context.rng.chance(2 / 3)) plantDuplicateParents(context, 1);
  plantCardFaults(context, staffing);
  grantConsents(context, NO_ACCOUNTS);
  const issued = issueCertificates(context, shared, plan, municipalityId);

  const head = staffing.heads.get(plan.key);
  if (!head) throw new Error(`region: ${plan.key} has no head`);
  const journal = await generateJournal({
    context,
    organization,
    state: plan.state,
    adminId: head,
    subjectIds: shared.subjectIds,
    through: shared.through,
    random: (step) => createRandom(`${shared.seed}/region/${plan.key}`, `learning/${step}`),
  });
  const { rows } = context;
  return {
    number: plan.number,
    key: plan.key,
    learners: plan.learners,
    batches: [
      rowsBatch(organizations, rows.organizations),
      rowsBatch(persons, rows.persons),
      rowsBatch(guardianships, rows.guardianships),
      rowsBatch(employments, rows.employments),
      rowsBatch(movements, rows.movements),
      rowsBatch(enrolments, rows.enrolments),
      rowsBatch(consents, rows.consents),
      rowsBatch(consentRequests, rows.consentRequests),
      rowsBatch(roleGrants, rows.roleGrants),
      ...journal,
      rowsBatch(certificates, issued.certificates),
      rowsBatch(certificateStatusChanges, issued.changes),
    ],
  };
}

/**
 * ПФДО certificates (rule 19) for part of the school's learners aged 5–17 on the day of issue, in the
 * first two months of the year, as extra-education/enrolment.ts issues them.
 */
function issueCertificates(context: Context, shared: RegionShared, plan: OrganizationPlan, municipalityId: string) {
  const rng = createRandom(`${shared.seed}/region/${plan.key}`, 'certificates');
  const issued = { certificates: [] as Record<string, unknown>[], changes: [] as Record<string, unknown>[] };
  if (plan.kind !== 'school') return issued;
  let serial = 0;
  // Blocks of 10,000 per chunk, away from the demo's random ones.
  const nextNumber = (base: number) => {
    for (;;) {
      const number = String(base + plan.number * 10_000 + serial++);
      if (!shared.usedCertificateNumbers.has(number)) return number;
    }
  };
  const enrolled = new Set(context.rows.enrolments.filter((e) => !e.endedOn).map((e) => e.personId));
  const yearStart = context.yearStart;
  for (const child of context.rows.persons) {
    if (!enrolled.has(child.id) || !child.birthDate || !rng.chance(CERTIFICATE_SHARE)) continue;
    const issuedOn = randomDate(rng, yearStart, addDays(yearStart, 60));
    const age = ageOn(child.birthDate, issuedOn);
    if (age < 5 || age > 17) continue;
    const guardian = context.guardiansOf.get(child.id)?.[0] ?? null;
    const roll = rng.next();
    const source = roll < 0.7 && (guardian || age >= 14) ? 'CABINET' : roll < 0.9 ? 'EPGU' : 'IN_PERSON';
    const createdAt = randomMoment(rng, issuedOn, issuedOn);
    const id = context.ids.next();
    issued.certificates.push({
      id,
      personId: child.id,
      code: nextNumber(3_000_000_000),
      issuedOn,
      source,
      epguNumber: source === 'EPGU' ? nextNumber(4_000_000_000) : null,
      applicantId: source === 'CABINET' ? (guardian ?? child.id) : guardian,
      municipalityId,
      createdAt,
    });
    issued.changes.push({
      certificateId: id,
      status: 'FROZEN',
      reason: 'Сертификат выдан',
      contractId: null,
      changedBy: source === 'CABINET' ? (guardian ?? child.id) : null,
      changedAt: createdAt,
    });
  }
  return issued;
}
