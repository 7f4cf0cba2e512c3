/**
 * What the platform holds for each demo ESIA account (accounts.ts): person records with exactly the
 * account's profile, placed as its `platform` hint says, so every branch of the first-login matcher
 * (DOMAIN.md rules 2, 3, 5a) has a case to log in with.
 */
import { DEMO_ACCOUNTS, type DemoAccount } from './accounts.ts';
import { addDays, addYears, ageOn, randomMoment } from './calendar.ts';
import type { Context } from './context.ts';
import { positionFor } from './curriculum.ts';
import { grantRole } from './grants.ts';
import { createPerson, newHome, randomBirthDate, randomName, type Home, type PersonRole } from './person-factory.ts';
import { MUNICIPALITIES, type MunicipalityInfo } from './territory.ts';
import type { PersonRow } from './types.ts';

export interface AccountStaff {
  login: string;
  personId: string;
  organizationKey: string;
  position: string;
  /** Subject the account teaches in `teaches`; absent for administrators and kindergarten teachers. */
  subject?: string;
  teaches: string[];
  leadsClass?: string;
  admin: boolean;
}

export interface PlacedAccounts {
  /** login → its records (two for `duplicate-records`, none for `no-record`). */
  records: Map<string, PersonRow[]>;
  staff: AccountStaff[];
  learners: { login: string; personId: string; organizationKey: string; className: string }[];
}

const STAFF_ROLES = new Set(['ORG_ADMIN', 'TEACHER', 'CLASS_TEACHER']);
const OWN_LOGIN_AGE = 14;

/**
 * When the account was linked, 200–300 days before the school year. A teenager's account is linked at the
 * first login, which ESIA allows from 14 (rule 5a): never before the 14th birthday (and a few days after it,
 * for the parent's MINOR_LOGIN consent of rule 3 to come before it).
 */
function linkedAt(context: Context, account: DemoAccount): Date {
  const drawn = randomMoment(context.rng, addDays(context.yearStart, -300), addDays(context.yearStart, -200));
  const { birthDate } = account.profile;
  const age = ageOn(birthDate, context.asOf);
  if (age < OWN_LOGIN_AGE || age >= 18) return drawn;
  const earliest = Date.parse(addDays(addYears(birthDate, OWN_LOGIN_AGE), 3)) + (drawn.getTime() % 86_400_000);
  return new Date(Math.max(drawn.getTime(), earliest));
}

/**
 * Accounts added after the region was first generated (issue 11's `extra-admin`): `addLateAccounts` makes
 * their records last, from a random stream of their own, so a new account never shifts a draw of the
 * generated region — the tests rely on its planted faults staying where they are.
 */
export const LATE_ACCOUNTS: ReadonlySet<string> = new Set(['extra-admin']);

export function createAccountRecords(
  context: Context,
  accounts = DEMO_ACCOUNTS.filter((a) => !LATE_ACCOUNTS.has(a.login)),
): PlacedAccounts {
  const placed: PlacedAccounts = { records: new Map(), staff: [], learners: [] };
  const homes = familyHomes(context);
  for (const account of accounts) {
    const records = recordsFor(context, account, homes.get(account.login));
    placed.records.set(account.login, records);
    context.catalog.accounts[account.login] = records.map((record) => record.id);
    const [first] = records;
    if (!first) continue;
    for (const record of records) context.accountPersonIds.add(record.id);
    const { platform } = account;
    if (platform.kind === 'linked') {
      context.rows.esiaLinks.push({
        esiaOid: account.oid,
        personId: first.id,
        method: 'OID',
        linkedAt: linkedAt(context, account),
      });
      // The login that linked the account was not its last one; children under 14 never sign in themselves.
      if (ageOn(account.profile.birthDate, context.asOf) >= 14) {
        first.lastLoginAt = randomMoment(context.rng, addDays(context.asOf, -20), addDays(context.asOf, -1));
      }
    }
    if (platform.organization && account.roles.some((role) => STAFF_ROLES.has(role))) {
      placed.staff.push({
        login: account.login,
        personId: first.id,
        organizationKey: platform.organization,
        position: positionFor(platform.organization, platform.subject, account.roles.includes('ORG_ADMIN')),
        ...(platform.subject ? { subject: platform.subject } : {}),
        teaches: platform.teaches ?? [],
        ...(platform.leadsClass ? { leadsClass: platform.leadsClass } : {}),
        admin: account.roles.includes('ORG_ADMIN'),
      });
    }
    if (platform.organization && platform.className && account.roles.includes('STUDENT')) {
      placed.learners.push({
        login: account.login,
        personId: first.id,
        organizationKey: platform.organization,
        className: platform.className,
      });
    }
  }
  return placed;
}

function recordsFor(context: Context, account: DemoAccount, home: Home | undefined): PersonRow[] {
  const { profile, platform } = account;
  if (platform.kind === 'no-record') return [];
  const municipality = MUNICIPALITIES[(platform.municipality ?? 1) - 1] as MunicipalityInfo;
  const document = profile.document
    ? {
        type: profile.document.type,
        series: profile.document.series,
        number: profile.document.number,
        issuedOn: profile.document.issueDate,
      }
    : null;
  const spec = {
    sex: profile.gender === 'M' ? ('MALE' as const) : ('FEMALE' as const),
    birthDate: profile.birthDate,
    lastName: profile.lastName,
    firstName: profile.firstName,
    middleName: profile.middleName ?? null,
    municipality,
    role: roleOf(account),
    home: home ?? newHome(context, municipality),
    snils: profile.snils ?? null,
    document,
    keepBirthDate: true,
  };
  if (platform.kind !== 'duplicate-records') return [createPerson(context, spec)];
  // A legacy import (seed 000) made two records of one teacher with neither SNILS nor document: only the
  // name + birth date branch of the matcher reaches them, and it finds two.
  const legacy = { ...spec, snils: null, document: null };
  return [createPerson(context, legacy), createPerson(context, legacy)];
}

function roleOf(account: DemoAccount): PersonRole {
  if (account.roles.includes('STUDENT')) return 'learner';
  if (account.roles.some((role) => STAFF_ROLES.has(role))) return 'staff';
  if (account.roles.includes('GUARDIAN')) return 'parent';
  return 'official';
}

/** A parent account and the children it is linked to share an address. */
function familyHomes(context: Context): Map<string, Home> {
  const homes = new Map<string, Home>();
  for (const account of DEMO_ACCOUNTS) {
    const children = account.platform.childrenLogins ?? [];
    if (children.length === 0) continue;
    const child = DEMO_ACCOUNTS.find((candidate) => candidate.login === children[0]);
    const municipality = MUNICIPALITIES[(child?.platform.municipality ?? 1) - 1] as MunicipalityInfo;
    const home = newHome(context, municipality);
    for (const login of [account.login, ...children]) homes.set(login, home);
  }
  return homes;
}

/** Guardianships of the parent accounts: only these links decide what a parent sees (rule 4), not ESIA /kids. */
export function linkAccountFamilies(context: Context, placed: PlacedAccounts): void {
  for (const account of DEMO_ACCOUNTS) {
    const [guardian] = placed.records.get(account.login) ?? [];
    for (const login of account.platform.childrenLogins ?? []) {
      const [child] = placed.records.get(login) ?? [];
      if (!guardian || !child) throw new Error(`demo: cannot link ${account.login} to ${login}`);
      addGuardianship(context, guardian.id, child.id, 'PARENT');
    }
  }
}

export function addGuardianship(context: Context, guardianId: string, childId: string, relation: string): void {
  context.rows.guardianships.push({ id: context.ids.next(), guardianId, childId, relation });
  context.guardiansOf.set(childId, [...(context.guardiansOf.get(childId) ?? []), guardianId]);
}

/** Region-wide and municipal officials: the accounts, and a generated coordinator for every other municipality. */
export function grantOfficials(context: Context, placed: PlacedAccounts): Map<number, string> {
  const idOf = (login: string) => placed.records.get(login)?.[0]?.id ?? null;
  const operator = idOf('operator');
  const coordinators = new Map<number, string>();
  for (const account of DEMO_ACCOUNTS) {
    const personId = idOf(account.login);
    if (!personId) continue;
    if (account.roles.includes('REGIONAL_OPERATOR'))
      grantRole(context, personId, 'REGIONAL_OPERATOR', { kind: 'REGION' }, null);
    if (account.roles.includes('MINISTRY_ANALYST'))
      grantRole(context, personId, 'MINISTRY_ANALYST', { kind: 'REGION' }, operator);
    const number = account.platform.municipality;
    if (account.roles.includes('MUNICIPAL_COORDINATOR') && number) coordinators.set(number, personId);
  }
  context.catalog.municipalityIds.forEach((municipalityId, index) => {
    const number = index + 1;
    let coordinator = coordinators.get(number);
    if (!coordinator) {
      const municipality = MUNICIPALITIES[index] as MunicipalityInfo;
      const sex = context.rng.chance(0.7) ? ('FEMALE' as const) : ('MALE' as const);
      coordinator = createOfficial(context, municipality, sex).id;
      coordinators.set(number, coordinator);
    }
    grantRole(context, coordinator, 'MUNICIPAL_COORDINATOR', { kind: 'MUNICIPALITY', municipalityId }, operator);
  });
  return coordinators;
}

function createOfficial(context: Context, municipality: MunicipalityInfo, sex: 'MALE' | 'FEMALE'): PersonRow {
  return createPerson(context, {
    ...randomName(context, sex),
    sex,
    birthDate: randomBirthDate(context, 30, 58),
    municipality,
    role: 'official',
  });
}
