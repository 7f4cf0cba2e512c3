/** What the learning steps share: their own randomness and ids, the people rows they refer to, the rows so far. */
import { createIdFactory, createRandom, type IdFactory, type Random } from '../random.ts';
import type { DemoCatalog, DemoRows, OrganizationKind } from '../types.ts';
import { yearCalendar, type YearCalendar } from './calendar.ts';
import { emptyLearningRows, type LearningRows, type StudyPeriodRow } from './types.ts';

/** OPEN: opened in time; LATE: opened after the deadline of rule 13; DRAFT: formed, not opened; NONE: no year. */
export type YearState = 'OPEN' | 'LATE' | 'DRAFT' | 'NONE';

export interface LearningOrganization {
  key: string;
  id: string;
  kind: OrganizationKind;
  municipalityNumber: number;
  /** Who opens the year and closes periods: the demo administrator account where there is one, else the head. */
  adminId: string;
  state: YearState;
  calendar: YearCalendar;
  /** The current school year's periods (none when the year does not exist). */
  periods: StudyPeriodRow[];
}

export interface LearningContext {
  seed: number | string;
  schoolYear: number;
  asOf: string;
  ids: IdFactory;
  /** An independent stream per step, so that one step's draws never shift another's. */
  random(step: string): Random;
  people: DemoRows;
  catalog: DemoCatalog;
  organizations: LearningOrganization[];
  rows: LearningRows;
}

export function createLearningContext(seed: number | string, people: DemoRows, catalog: DemoCatalog): LearningContext {
  const year = catalog.schoolYear;
  const context: LearningContext = {
    seed,
    schoolYear: year,
    asOf: catalog.asOf,
    // Another id stream and a later epoch than the people rows: their ids never move and never collide.
    ids: createIdFactory(`${seed}/learning`, Date.UTC(year, 7, 20)),
    random: (step) => createRandom(seed, `learning/${step}`),
    people,
    catalog,
    organizations: [],
    rows: emptyLearningRows(),
  };
  const states = yearStates(Object.keys(catalog.organizations), accountOrganizations(catalog, people));
  for (const [key, id] of Object.entries(catalog.organizations)) {
    const [kind, municipality] = key.split('-') as [OrganizationKind, string];
    context.organizations.push({
      key,
      id,
      kind,
      municipalityNumber: Number(municipality),
      adminId: adminOf(people, id),
      state: states.get(key) ?? 'OPEN',
      calendar: yearCalendar(kind, year),
      periods: [],
    });
  }
  return context;
}

/**
 * Rule 13 needs organizations that have not opened the year, and every municipal coordinator should see
 * one: in each odd municipality the last school keeps the year a DRAFT, in each even one the last
 * kindergarten; the region's last extra-education centre has no year at all; the last school of the last
 * municipality opened it late (after 6 September). Organizations where a demo account works or studies are
 * left open, so that every account's journal and diary are there.
 */
function yearStates(keys: string[], accountOrganizations: Set<string>): Map<string, YearState> {
  const states = new Map<string, YearState>();
  const last = (prefix: string) =>
    keys.filter((key) => key.startsWith(prefix) && !accountOrganizations.has(key)).at(-1);
  const municipalities = [...new Set(keys.map((key) => Number(key.split('-')[1])))];
  for (const number of municipalities) {
    const kinds = number % 2 === 1 ? ['school', 'kindergarten'] : ['kindergarten', 'school'];
    const key = kinds.map((kind) => last(`${kind}-${number}-`)).find(Boolean);
    if (key) states.set(key, 'DRAFT');
  }
  const centre = last('extra-');
  if (centre) states.set(centre, 'NONE');
  const late = last(`school-${municipalities.at(-1)}-`);
  if (late && !states.has(late)) states.set(late, 'LATE');
  return states;
}

function accountOrganizations(catalog: DemoCatalog, people: DemoRows): Set<string> {
  const accountIds = new Set(Object.values(catalog.accounts).flat());
  const keysById = new Map(Object.entries(catalog.organizations).map(([key, id]) => [id, key]));
  const organizations = new Set<string>();
  for (const row of [...people.employments, ...people.enrolments]) {
    const key = keysById.get(row.organizationId);
    if (key && accountIds.has(row.personId)) organizations.add(key);
  }
  return organizations;
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

export function isJournalKept(organization: LearningOrganization): boolean {
  return (
    (organization.state === 'OPEN' || organization.state === 'LATE') &&
    (organization.kind === 'school' || organization.kind === 'college')
  );
}
