/**
 * What a region's database records of its generation (generate.ts): the plan the first run fixed, each chunk
 * written (in the chunk's own transaction, so an interrupted run resumes where it stopped), and — for a
 * resumed run — the identifiers and territory already in use, read back so the remaining chunks are made
 * exactly as an uninterrupted run would make them.
 */
import type postgres from 'postgres';
import { createContext, documentKey } from '../context.ts';
import { MUNICIPALITIES } from '../territory.ts';
import { batchRows, copyBatch } from './copy.ts';
import type { Chunk, RegionShared } from './organization.ts';

/** The generator's own tables in the database it fills (created on the first run). */
export const BOOKKEEPING = `
  create schema if not exists region_generator;
  create table if not exists region_generator.plan (
    id smallint primary key default 1 check (id = 1),
    seed text not null,
    learners integer not null,
    demo_learners integer not null,
    school_year smallint not null,
    through date not null,
    created_at timestamptz not null default now()
  );
  alter table region_generator.plan add column if not exists stamped_until timestamptz;
  create table if not exists region_generator.deferred_indexes (
    name text primary key,
    definition text not null
  );
  create table if not exists region_generator.chunks (
    number integer primary key,
    key text not null,
    learners integer not null,
    rows jsonb not null,
    written_at timestamptz not null default now()
  );`;

/**
 * The plan of this database, recorded by the first run; returns the demo's learners it was made with and the
 * moment no change time of the journal may pass (`RegionOptions.asOf`).
 */
export async function recordPlan(
  sql: postgres.Sql,
  wanted: { seed: string; learners: number; schoolYear: number; through: string; asOf: Date | undefined },
): Promise<{ demoLearners: number; stampedUntil: number }> {
  const [existing] = await sql<
    {
      seed: string;
      learners: number;
      demoLearners: number;
      schoolYear: number;
      through: string;
      stampedUntil: Date;
    }[]
  >`select seed, learners, demo_learners as "demoLearners", school_year as "schoolYear", through::text as through,
      coalesce(stamped_until, created_at) as "stampedUntil"
    from region_generator.plan`;
  if (existing) {
    const stampedUntil = new Date(existing.stampedUntil).getTime();
    const differs =
      existing.seed !== wanted.seed ||
      existing.learners !== wanted.learners ||
      existing.schoolYear !== wanted.schoolYear ||
      existing.through !== wanted.through ||
      (wanted.asOf !== undefined && wanted.asOf.getTime() !== stampedUntil);
    if (differs)
      throw new Error(
        `region: this database holds a region of ${existing.learners} learners (seed ${existing.seed}, ` +
          `year ${existing.schoolYear}, through ${existing.through}, as of ${new Date(stampedUntil).toISOString()}); ` +
          'generate another one into an empty database',
      );
    return { demoLearners: existing.demoLearners, stampedUntil };
  }
  const [{ count } = { count: 0 }] = await sql<{ count: number }[]>`
    select count(distinct m.person_id)::int as count
    from learning.class_members m join learning.classes c on c.id = m.class_id
    where c.school_year = ${wanted.schoolYear}`;
  if (wanted.learners < count)
    throw new Error(`region: the demo part alone has ${count} learners; ask for at least that many`);
  const [recorded] = await sql<{ stampedUntil: Date }[]>`
    insert into region_generator.plan (seed, learners, demo_learners, school_year, through, stamped_until)
    values (${wanted.seed}, ${wanted.learners}, ${count}, ${wanted.schoolYear}, ${wanted.through},
      ${wanted.asOf ?? null}::timestamptz)
    returning coalesce(stamped_until, created_at) as "stampedUntil"`;
  return { demoLearners: count, stampedUntil: new Date(recorded!.stampedUntil).getTime() };
}

/**
 * The identifiers in use, read back from the database: the demo's and those of the chunks already written.
 * A resumed run therefore generates the remaining chunks exactly as an uninterrupted one would.
 */
export async function loadShared(
  sql: postgres.Sql,
  seed: number | string,
  schoolYear: number,
  through: string,
  stampedUntil: number,
): Promise<RegionShared> {
  // createContext starts the sets with the demo accounts' identifiers, ESIA people the platform may not hold.
  const base = createContext(seed, schoolYear);
  const shared: RegionShared = {
    seed,
    schoolYear,
    through,
    stampedUntil,
    usedSnils: base.usedSnils,
    usedDocuments: base.usedDocuments,
    usedNameBirth: base.usedNameBirth,
    usedInns: new Set(),
    usedCertificateNumbers: new Set(),
    operatorId: null,
    municipalityIds: new Map(),
    coordinators: new Map(),
    subjectIds: new Map(),
  };
  const cursor = sql<
    {
      snils: string | null;
      documentType: string | null;
      documentSeries: string | null;
      documentNumber: string | null;
      key: string;
    }[]
  >`select snils, document_type as "documentType", document_series as "documentSeries",
      document_number as "documentNumber", normalized_name || '|' || birth_date::text as key
    from people.persons`.cursor(10_000);
  for await (const persons of cursor) {
    for (const person of persons) {
      if (person.snils) shared.usedSnils.add(person.snils);
      if (person.documentType && person.documentNumber)
        shared.usedDocuments.add(documentKey(person.documentType, person.documentSeries ?? '', person.documentNumber));
      shared.usedNameBirth.add(person.key);
    }
  }
  for (const { inn } of await sql<{ inn: string }[]>`select inn from people.organizations`) shared.usedInns.add(inn);
  for (const { code, epguNumber } of await sql<{ code: string; epguNumber: string | null }[]>`
    select code, epgu_number as "epguNumber" from extra_education.certificates`) {
    shared.usedCertificateNumbers.add(code);
    if (epguNumber) shared.usedCertificateNumbers.add(epguNumber);
  }
  for (const { id, name } of await sql<{ id: string; name: string }[]>`select id, name from learning.subjects`)
    shared.subjectIds.set(name, id);
  const [operator] = await sql<{ personId: string }[]>`
    select person_id as "personId" from people.role_grants
    where role = 'REGIONAL_OPERATOR' and withdrawn_at is null order by granted_at, id limit 1`;
  shared.operatorId = operator?.personId ?? null;
  return shared;
}

/** Municipality and coordinator ids, from the database: the demo's and those chunk 0 wrote. */
export async function loadTerritory(sql: postgres.Sql, shared: RegionShared): Promise<void> {
  const numberOf = new Map(MUNICIPALITIES.map((municipality, index) => [municipality.oktmo, index + 1]));
  for (const { id, oktmo } of await sql<{ id: string; oktmo: string }[]>`select id, oktmo from people.municipalities`) {
    const number = numberOf.get(oktmo);
    if (number) shared.municipalityIds.set(number, id);
  }
  const numberById = new Map([...shared.municipalityIds].map(([number, id]) => [id, number]));
  for (const grant of await sql<{ personId: string; municipalityId: string }[]>`
    select person_id as "personId", municipality_id as "municipalityId" from people.role_grants
    where role = 'MUNICIPAL_COORDINATOR' and withdrawn_at is null order by granted_at, id`) {
    const number = numberById.get(grant.municipalityId);
    if (number && !shared.coordinators.has(number)) shared.coordinators.set(number, grant.personId);
  }
}

export async function writeChunk(sql: postgres.Sql, chunk: Chunk): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const batch of chunk.batches) counts[batch.target] = (counts[batch.target] ?? 0) + batchRows(batch);
  await sql.begin(async (tx) => {
    for (const batch of chunk.batches) await copyBatch(tx, batch);
    await tx`
      insert into region_generator.chunks (number, key, learners, rows)
      values (${chunk.number}, ${chunk.key}, ${chunk.learners}, ${tx.json(counts)})`;
  });
  return counts;
}
