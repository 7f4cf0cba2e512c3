/**
 * What the generator does to the server while it loads (generate.ts): statistics refreshed as the region
 * grows, and the journal tables' secondary indexes dropped for the load and built again at its end.
 */
import type postgres from 'postgres';

/**
 * Statistics that follow the region as it grows. The change-feed triggers join each COPY's transition table
 * to `people.persons`, `people.enrolments` and `learning.classes`, and PL/pgSQL plans such a statement once
 * per session and keeps the plan until the tables' statistics change. Planned in the first chunk, while the
 * tables held the demo's few thousand rows, the join was a nested loop rescanning a materialised table per
 * inserted row: the server's cost per chunk grew with the region (the first 400,000 run, 2026-12-04, spent most
 * of its server time in `tuplestore`/`Material` until an `ANALYZE` by hand: 225 → 375 learners/s). So the
 * tables the chunks write are analysed each time the region's learners double — that invalidates the cached
 * plans, the next trigger call is planned for the tables' size (about ten times for 400,000 learners, a
 * second each). The journal tables and the change logs are left out: nothing joins them, and autovacuum
 * (off for the run) and the final ANALYZE look after them.
 */
export function refreshStatistics(sql: postgres.Sql, learnersAtStart: number) {
  let next = Math.max(2 * learnersAtStart, 1_000);
  let running: Promise<void> = Promise.resolve();
  let failure: unknown = null;
  return {
    grown(learners: number): void {
      if (learners < next) return;
      while (next <= learners) next *= 2;
      running = running.then(() =>
        sql
          .unsafe(
            `do $$
             declare t regclass;
             begin
               for t in
                 select c.oid::regclass from pg_class c join pg_namespace n on n.oid = c.relnamespace
                 where n.nspname in ('people', 'learning', 'admissions', 'extra_education')
                   and c.relkind in ('r', 'p') and not c.relispartition
                   and c.relname not in ('marks', 'attendance', 'lessons', 'changes')
               loop execute format('analyze %s', t); end loop;
             end $$`,
          )
          .then(
            () => undefined,
            (error: unknown) => {
              failure ??= error;
            },
          ),
      );
    },
    async settled(): Promise<void> {
      await running;
      if (failure) throw failure;
    },
  };
}

/** Tables whose secondary indexes wait for the end of the run. */
const DEFERRED_TABLES = ['lessons', 'marks', 'attendance'];

export async function deferIndexes(sql: postgres.Sql): Promise<void> {
  await sql.begin(async (tx) => {
    const indexes = await tx<{ name: string; definition: string }[]>`
      select i.indexname as name, i.indexdef as definition
      from pg_indexes i
      where i.schemaname = 'learning' and i.tablename in ${tx(DEFERRED_TABLES)}
        and not exists (
          select 1 from pg_constraint c
          where c.conname = i.indexname and c.connamespace = 'learning'::regnamespace and c.contype = 'p')`;
    for (const index of indexes) {
      await tx`
        insert into region_generator.deferred_indexes (name, definition)
        values (${index.name}, ${index.definition}) on conflict do nothing`;
      await tx.unsafe(`drop index learning."${index.name}"`);
    }
  });
}

export async function rebuildIndexes(sql: postgres.Sql): Promise<void> {
  const deferred = await sql<{ name: string; definition: string }[]>`
    select name, definition from region_generator.deferred_indexes order by name`;
  await sql`set maintenance_work_mem = '512MB'`;
  for (const index of deferred) {
    await sql.begin(async (tx) => {
      // pg_indexes writes a partitioned table's index as `ON ONLY`, which would build it on the parent alone
      // (left invalid, the partitions without it): built `ON` the parent, it is built on every partition.
      await tx.unsafe(index.definition.replace(/ ON ONLY /, ' ON '));
      await tx`delete from region_generator.deferred_indexes where name = ${index.name}`;
    });
  }
}

/**
 * The completeness counts' triggers (migration `completeness_triggers`) wait for the end of the run too:
 * each chunk's COPYs into the enrolments and the employments would note its organization and recount it as
 * the chunk commits (≈ 0.15 s of server CPU per 1,000 learners at 20,000, measured with a recount per
 * statement), so they are disabled for the chunks and every organization is recounted once at the end, in
 * the transaction that enables them again — from then on the counts are exact and kept so. A run
 * interrupted in between leaves them disabled; the next run (or its resume) enables them and recounts.
 */
const COMPLETENESS_TRIGGERS = `
  select c.relname as "table", t.tgname as name
  from pg_trigger t join pg_class c on c.oid = t.tgrelid
  where c.relnamespace = 'people'::regnamespace and c.relname in ('persons', 'enrolments', 'employments')
    and t.tgname like 'completeness\\_%'
  order by c.relname, t.tgname`;

async function switchCompletenessTriggers(sql: postgres.Sql | postgres.TransactionSql, on: boolean): Promise<void> {
  const triggers = await sql.unsafe<{ table: string; name: string }[]>(COMPLETENESS_TRIGGERS);
  for (const trigger of triggers) {
    await sql.unsafe(`alter table people."${trigger.table}" ${on ? 'enable' : 'disable'} trigger "${trigger.name}"`);
  }
}

export async function deferCompletenessCounts(sql: postgres.Sql): Promise<void> {
  await sql.begin((tx) => switchCompletenessTriggers(tx, false));
}

export async function recountCompleteness(sql: postgres.Sql): Promise<void> {
  await sql.begin(async (tx) => {
    await switchCompletenessTriggers(tx, true);
    await tx`select people.completeness_recount(array(select id from people.organizations))`;
  });
}
