/** The state the generator steps share: randomness, ids, the rows so far and the identifiers in use. */
import { normalizeFullName } from '../normalize.ts';
import { DEMO_ACCOUNTS } from './accounts.ts';
import { isoDate } from './calendar.ts';
import { createIdFactory, createRandom, type IdFactory, type Random } from './random.ts';
import type { DemoCatalog, DemoRows, OrganizationKind } from './types.ts';
import type { MunicipalityInfo } from './territory.ts';

export interface OrganizationInfo {
  key: string;
  id: string;
  kind: OrganizationKind;
  /** 1-based, as in the key. */
  municipalityNumber: number;
  municipalityId: string;
  municipality: MunicipalityInfo;
}

/** A class or group being filled: the catalogue entry plus what the generator needs to fill it. */
export interface ClassPlan {
  id: string;
  name: string;
  grade: number | null;
  /** The age learners turn in the calendar year the school year starts. */
  age: number;
  organization: OrganizationInfo;
  /** Learners of this class are born in [bornFrom, bornTo]. */
  bornFrom: string;
  bornTo: string;
  size: number;
}

export interface Context {
  rng: Random;
  ids: IdFactory;
  schoolYear: number;
  /** First day of the school year. */
  yearStart: string;
  asOf: string;
  rows: DemoRows;
  catalog: DemoCatalog;
  organizations: OrganizationInfo[];
  classes: ClassPlan[];
  /** Person ids of the demo accounts: their cards stay exactly as the accounts say. */
  accountPersonIds: Set<string>;
  /** Child id → guardian ids, in the order the links were made. */
  guardiansOf: Map<string, string[]>;
  /** Person id → municipality, for addresses of relatives. */
  homeOf: Map<string, { municipality: MunicipalityInfo; registration: string; residence: string }>;
  /** Identifiers already used: SNILS and documents are unique (rule 8), and so is name + birth date
   * unless a duplicate is planted on purpose. */
  usedSnils: Set<string>;
  usedDocuments: Set<string>;
  usedNameBirth: Set<string>;
}

export const DEMO_SCHOOL_YEAR = 2026;

export function createContext(seed: number | string, schoolYear: number): Context {
  const context: Context = {
    rng: createRandom(seed),
    ids: createIdFactory(seed, Date.UTC(schoolYear, 7, 1)),
    schoolYear,
    yearStart: isoDate(schoolYear, 9, 1),
    asOf: isoDate(schoolYear, 11, 1),
    rows: {
      municipalities: [],
      organizations: [],
      persons: [],
      guardianships: [],
      employments: [],
      movements: [],
      enrolments: [],
      consents: [],
      consentRequests: [],
      esiaLinks: [],
      roleGrants: [],
    },
    catalog: {
      schoolYear,
      asOf: isoDate(schoolYear, 11, 1),
      municipalityIds: [],
      organizations: {},
      classes: [],
      assignments: [],
      accounts: {},
    },
    organizations: [],
    classes: [],
    accountPersonIds: new Set(),
    guardiansOf: new Map(),
    homeOf: new Map(),
    usedSnils: new Set(),
    usedDocuments: new Set(),
    usedNameBirth: new Set(),
  };
  // ESIA knows these people, including those the platform must not hold: a generated record must never
  // match an account by accident.
  for (const account of DEMO_ACCOUNTS) {
    const { snils, document, lastName, firstName, middleName, birthDate } = account.profile;
    context.usedNameBirth.add(nameBirthKey(normalizeFullName(lastName, firstName, middleName), birthDate));
    if (snils) context.usedSnils.add(snils);
    if (document) context.usedDocuments.add(documentKey(document.type, document.series, document.number));
  }
  return context;
}

/** The likely-duplicate key of rule 8. */
export function nameBirthKey(normalizedName: string, birthDate: string): string {
  return `${normalizedName}|${birthDate}`;
}

export function documentKey(type: string, series: string, number: string): string {
  return `${type}|${series.replace(/\s/g, '')}|${number}`;
}

export function organizationByKey(context: Context, key: string): OrganizationInfo {
  const organization = context.organizations.find((candidate) => candidate.key === key);
  if (!organization) throw new Error(`demo: no organization ${key}`);
  return organization;
}

export function classByName(context: Context, organizationKey: string, name: string): ClassPlan {
  const plan = context.classes.find((c) => c.organization.key === organizationKey && c.name === name);
  if (!plan) throw new Error(`demo: no class ${name} in ${organizationKey}`);
  return plan;
}
