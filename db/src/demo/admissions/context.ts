/**
 * What the admissions steps share: their own randomness and ids, the people rows they read (never change),
 * the organizations of the catalogue, and the identifiers already in use so that no generated child,
 * certificate, SNILS or ЕПГУ number collides with a person record or with another application.
 */
import { normalizeFullName } from '../../normalize.ts';
import { DEMO_ACCOUNTS } from '../accounts.ts';
import { createIdFactory, createRandom, type IdFactory, type Random } from '../random.ts';
import { MUNICIPALITIES, type MunicipalityInfo } from '../territory.ts';
import type { DemoCatalog, DemoRows, OrganizationKind, PersonRow } from '../types.ts';
import { emptyAdmissionsRows, type AdmissionsRows } from './types.ts';

export interface AdmissionsOrganization {
  key: string;
  id: string;
  kind: OrganizationKind;
  /** 1-based, as in the key. */
  municipalityNumber: number;
  municipality: MunicipalityInfo;
  shortName: string;
  /** Who decides on its applications: the last ORG_ADMIN granted there (its demo administrator or its head). */
  adminId: string;
}

export interface AdmissionsContext {
  seed: number | string;
  ids: IdFactory;
  /** An independent stream per step, so that one step's draws never shift another's. */
  random(step: string): Random;
  people: DemoRows;
  catalog: DemoCatalog;
  organizations: AdmissionsOrganization[];
  personsById: Map<string, PersonRow>;
  /** Child id → guardian links, in the order they were made. */
  guardiansOf: Map<string, { guardianId: string; relation: string }[]>;
  /** Person id → ESIA oid, for the linked accounts. */
  esiaOidOf: Map<string, string>;
  used: {
    /** Normalized full name | birth date of every person and generated child (rule 8 duplicate key). */
    nameBirth: Set<string>;
    /** Numbers of every identity document and generated birth certificate: support searches by number alone. */
    documents: Set<string>;
    snils: Set<string>;
    epguNumbers: Set<string>;
    esiaOids: Set<string>;
  };
  rows: AdmissionsRows;
}

export function createAdmissionsContext(
  seed: number | string,
  people: DemoRows,
  catalog: DemoCatalog,
): AdmissionsContext {
  const shortNames = new Map(people.organizations.map((row) => [row.id, row.shortName]));
  const organizations = Object.entries(catalog.organizations).map(([key, id]): AdmissionsOrganization => {
    const [kind, number] = key.split('-') as [OrganizationKind, string];
    const municipalityNumber = Number(number);
    const municipality = MUNICIPALITIES[municipalityNumber - 1];
    if (!municipality) throw new Error(`demo: no municipality ${municipalityNumber} for ${key}`);
    return {
      key,
      id,
      kind,
      municipalityNumber,
      municipality,
      shortName: shortNames.get(id) ?? key,
      adminId: adminOf(people, id),
    };
  });
  const guardiansOf = new Map<string, { guardianId: string; relation: string }[]>();
  for (const link of people.guardianships) {
    const list = guardiansOf.get(link.childId) ?? [];
    list.push({ guardianId: link.guardianId, relation: link.relation ?? 'PARENT' });
    guardiansOf.set(link.childId, list);
  }
  const used: AdmissionsContext['used'] = {
    nameBirth: new Set(),
    documents: new Set(),
    snils: new Set(),
    epguNumbers: new Set(),
    esiaOids: new Set(),
  };
  for (const person of people.persons) {
    if (person.birthDate) used.nameBirth.add(`${person.normalizedName}|${person.birthDate}`);
    if (person.documentNumber) used.documents.add(person.documentNumber);
    if (person.snils) used.snils.add(person.snils);
  }
  for (const account of DEMO_ACCOUNTS) {
    const { lastName, firstName, middleName, birthDate, snils, document } = account.profile;
    used.nameBirth.add(`${normalizeFullName(lastName, firstName, middleName)}|${birthDate}`);
    if (snils) used.snils.add(snils);
    if (document) used.documents.add(document.number);
    used.esiaOids.add(account.oid);
  }
  return {
    seed,
    // Another id stream and epoch than the people (1 August) and learning (20 August) rows: the campaign
    // opens in spring, and these ids never collide with theirs nor move them.
    ids: createIdFactory(`${seed}/admissions`, Date.UTC(catalog.schoolYear, 2, 20)),
    random: (step) => createRandom(seed, `admissions/${step}`),
    people,
    catalog,
    organizations,
    personsById: new Map(people.persons.map((person) => [person.id, person])),
    guardiansOf,
    esiaOidOf: new Map(people.esiaLinks.map((link) => [link.personId, link.esiaOid])),
    used,
    rows: emptyAdmissionsRows(),
  };
}

/** The last ORG_ADMIN granted in the organization: its demo administrator account, or else its head. */
function adminOf(people: DemoRows, organizationId: string): string {
  const grants = people.roleGrants.filter(
    (grant) => grant.role === 'ORG_ADMIN' && grant.organizationId === organizationId,
  );
  const admin = grants.at(-1)?.personId;
  if (!admin) throw new Error(`demo: organization ${organizationId} has no ORG_ADMIN`);
  return admin;
}

export function organizationsOf(context: AdmissionsContext, kind: OrganizationKind): AdmissionsOrganization[] {
  return context.organizations.filter((organization) => organization.kind === kind);
}
