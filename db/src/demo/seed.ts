/**
 * Writes a generated region into the `people`, `learning` and `admissions` schemas: one transaction, people
 * tables first,
 * each schema's tables in foreign-key order, in batches of one statement per 10,000 rows with one bind
 * parameter per column (insert-rows.ts), far under PostgreSQL's 65,535.
 */
import { readFileSync } from 'node:fs';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { Database, Executor } from '../client.ts';
import {
  consentRequests,
  consents,
  employments,
  enrolments,
  esiaLinks,
  guardianships,
  movements,
  municipalities,
  organizations,
  persons,
  roleGrants,
  serviceAccounts,
  operationManifests,
} from '../people.ts';
import { insertAdmissions } from './admissions/tables.ts';
import type { AdmissionsRows } from './admissions/types.ts';
import { insertExtraEducation } from './extra-education/tables.ts';
import { backfillExtraEducationLinks } from '../extra-education-links.ts';
import type { ExtraEducationRows } from './extra-education/types.ts';
import { DEMO_SCHOOL_YEAR, generateRegion } from './generate.ts';
import { registerOnPlatforms } from './platforms.ts';
import { DEMO_SERVICES } from './service-accounts.ts';
import { insertRows } from './insert-rows.ts';
import { LEARNING_TABLES } from './learning/tables.ts';
import type { LearningRows } from './learning/types.ts';
import type { DemoCatalog, DemoRegion, DemoRows, GenerateOptions, RegionFaults } from './types.ts';

/** Every table the generator fills, parents before children. */
const TABLES: { readonly [K in keyof DemoRows]: PgTable } = {
  municipalities,
  organizations,
  persons,
  guardianships,
  employments,
  movements,
  enrolments,
  consents,
  consentRequests,
  esiaLinks,
  roleGrants,
};

/** Rows written per table: the people tables, then the learning and the admissions tables. */
export type DemoCounts = {
  [K in keyof DemoRows | keyof LearningRows | keyof AdmissionsRows | keyof ExtraEducationRows]: number;
};

export interface SeedResult {
  counts: DemoCounts;
  faults: RegionFaults;
  catalog: DemoCatalog;
}

export async function seedDemoRegion(db: Database, options: GenerateOptions): Promise<SeedResult> {
  const region = generateRegion(options);
  await db.transaction(async (tx) => {
    for (const table of Object.keys(TABLES) as (keyof DemoRows)[])
      await insertRows(tx, TABLES[table], region.rows[table]);
    for (const table of Object.keys(LEARNING_TABLES) as (keyof LearningRows)[])
      await insertRows(tx, LEARNING_TABLES[table], region.learning[table]);
    await insertAdmissions(tx, region.admissions);
    await insertExtraEducation(tx, region.extraEducation);
    // The demo's applications were never sent through the outbox: people learns their links here.
    await backfillExtraEducationLinks(tx);

    await registerOnPlatforms(tx, options.schoolYear ?? DEMO_SCHOOL_YEAR);
    await registerDemoServices(tx, region.catalog.municipalityIds);
  });
  return { counts: countRows(region), faults: region.faults, catalog: region.catalog };
}

export function countRows(region: Pick<DemoRegion, 'rows' | 'learning' | 'admissions' | 'extraEducation'>): DemoCounts {
  const lists = { ...region.rows, ...region.learning, ...region.admissions, ...region.extraEducation };
  return Object.fromEntries(Object.entries(lists).map(([table, list]) => [table, list.length])) as DemoCounts;
}

/**
 * The demo's external systems and their manifests (`service-accounts.ts`), added when missing: at seeding, and
 * at every `npm start` on a database seeded before an account was added to the demo (a municipal account needs
 * the seeding's municipality ids, so it is added at seeding only). Idempotent.
 */
export async function registerDemoServices(tx: Executor, municipalityIds?: readonly string[]): Promise<string[]> {
  const added: string[] = [];
  for (const service of DEMO_SERVICES) {
    if (service.municipality && !municipalityIds) continue;
    const [account] = await tx
      .insert(serviceAccounts)
      .values({
        clientId: service.clientId,
        name: service.name,
        territory: service.municipality ? ('MUNICIPALITY' as const) : ('REGION' as const),
        municipalityId: service.municipality ? municipalityIds![service.municipality - 1]! : null,
        scopes: [...service.scopes],
      })
      .onConflictDoNothing({ target: serviceAccounts.clientId })
      .returning({ id: serviceAccounts.id });
    if (!account) continue;
    added.push(service.clientId);
    if (!('manifest' in service)) continue;
    const manifest: unknown = JSON.parse(readFileSync(new URL(service.manifest, import.meta.url), 'utf8'));
    await tx.insert(operationManifests).values({ serviceAccountId: account.id, version: 1, manifest, active: true });
  }
  return added;
}

/** True when no region has been loaded yet: `npm start` seeds the demo only then. */
export async function isDatabaseEmpty(db: Executor): Promise<boolean> {
  const [municipality] = await db.select({ id: municipalities.id }).from(municipalities).limit(1);
  const [person] = await db.select({ id: persons.id }).from(persons).limit(1);
  return !municipality && !person;
}
