/**
 * The read contract and the analytics reader's lockdown (issue 12): `analytics_ro` — and the analytics
 * subgraph's role through it — selects from the `analytics_contract` views only; every table of every other
 * schema, personal data first of all, answers «permission denied». The tables are listed from the catalog,
 * not by hand, so a table or a schema added later (extra education) is covered without editing this file.
 */
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANALYTICS_READER, urlForRole } from '@region/db';
import { SUBGRAPH_ROLES } from '@region/db';
import { createTestDatabase, type TestDatabase } from '@region/tests/database';
import { TEST_ROLE_PASSWORD } from '@region/tests/constants';

let database: TestDatabase;
let owner: postgres.Sql;
let readers: { role: string; sql: postgres.Sql }[];

/** Columns of the owners' tables that identify a person directly: none may reach the contract. */
const DIRECT_IDENTIFIERS =
  /(^|_)(last_name|first_name|middle_name|normalized_name|snils|document_(type|series|number|issued_on)|birth_certificate_(series|number)|registration_address|residence_address|address|place_of_birth|citizenship|phone|email|applicant_data|esia_oid|epgu_number|comment|reason|topic|homework|kids|old_value|new_value)$/;

beforeAll(async () => {
  database = await createTestDatabase('demo');
  owner = postgres(database.adminUrl, { max: 1, onnotice: () => {} });
  readers = [ANALYTICS_READER, SUBGRAPH_ROLES.analytics.role].map((role) => ({
    role,
    sql: postgres(urlForRole(database.adminUrl, role, TEST_ROLE_PASSWORD), { max: 1, onnotice: () => {} }),
  }));
  // A schema and a table created after the migrations (a new subgraph's) are closed too.
  await owner.unsafe(`create schema late_subgraph; create table late_subgraph.cards (id int, last_name text);
    insert into late_subgraph.cards values (1, 'Иванов')`);
});
afterAll(async () => {
  await Promise.all(readers?.map((reader) => reader.sql.end()) ?? []);
  await owner?.end();
  await database?.drop();
});

async function relations(where: string) {
  return owner.unsafe<{ schema: string; name: string; columns: string[] }[]>(`
    select c.table_schema as schema, c.table_name as name, array_agg(c.column_name::text order by c.ordinal_position) as columns
    from information_schema.columns c
    where ${where}
    group by c.table_schema, c.table_name order by 1, 2`);
}

const quoted = (name: string) => `"${name.replaceAll('"', '""')}"`;

describe('analytics_ro outside the contract', () => {
  it('is refused every column of every table of people, learning, admissions and any other schema', async () => {
    const tables = await relations(`c.table_schema not in ('pg_catalog', 'information_schema', 'analytics_contract')`);
    const schemas = new Set(tables.map((table) => table.schema));
    for (const expected of [
      'people',
      'learning',
      'admissions',
      'extra_education',
      'analytics',
      'analytics_secret',
      'late_subgraph',
    ])
      expect(schemas, expected).toContain(expected);
    // The personal-data columns are among them: the test reaches the names and SNILS it must refuse.
    const personal = tables.flatMap((table) => table.columns.filter((column) => DIRECT_IDENTIFIERS.test(column)));
    expect(personal).toEqual(expect.arrayContaining(['last_name', 'snils', 'child_last_name']));
    for (const { role, sql } of readers) {
      for (const table of tables) {
        // The subgraph's own schema (saved reports) is its to write; the reader gets nothing of it.
        if (role === SUBGRAPH_ROLES.analytics.role && table.schema === SUBGRAPH_ROLES.analytics.schema) continue;
        for (const column of table.columns) {
          const refused = await sql
            .unsafe(`select ${quoted(column)} from ${quoted(table.schema)}.${quoted(table.name)} limit 1`)
            .then(
              () => null,
              (error: { code?: string }) => error.code,
            );
          expect(refused, `${role} reads ${table.schema}.${table.name}.${column}`).toBe('42501');
        }
      }
    }
  });
});

describe('the read contract', () => {
  it('carries no direct identifier of a person', async () => {
    const views = await relations(`c.table_schema = 'analytics_contract'`);
    expect(views.map((view) => view.name)).toEqual(
      expect.arrayContaining([
        'contingent',
        'marks',
        'attendance',
        'applications',
        'persons',
        'organizations',
        'lesson_attendance',
        'admission_facts',
        'card_completeness',
        'extra_programmes',
        'extra_certificates',
        'extra_contracts',
      ]),
    );
    for (const view of views)
      for (const column of view.columns) expect(DIRECT_IDENTIFIERS.test(column), `${view.name}.${column}`).toBe(false);
    // And no view reads such a column of the owners' tables, under any name.
    const used = await owner<{ view: string; source: string }[]>`
      select u.view_name as view, u.table_schema || '.' || u.table_name || '.' || u.column_name as source
      from information_schema.view_column_usage u where u.view_schema = 'analytics_contract'`;
    const identifiers = used.filter((row) => DIRECT_IDENTIFIERS.test(row.source.split('.')[2]!));
    // Organizations and municipalities are public reference data; their names are no person's. The card
    // completeness view (rule 7) reads identifiers only to answer whether they are filled: see below.
    expect(
      identifiers.filter(
        (row) => !/^people\.(organizations|municipalities)\./.test(row.source) && row.view !== 'card_completeness',
      ),
    ).toEqual([]);
  });

  it('answers of the card completeness view only booleans besides its keys, territory, kind and dates', async () => {
    const columns = await owner<{ column: string; type: string }[]>`
      select column_name as column, data_type as type from information_schema.columns
      where table_schema = 'analytics_contract' and table_name = 'card_completeness' order by ordinal_position`;
    const described = new Set([
      'person_key',
      'card_kind',
      'gender',
      'birth_year',
      'birth_month',
      'organization_id',
      'municipality_id',
      'organization_type',
      'started_on',
      'ended_on',
    ]);
    const flags = columns.filter((column) => !described.has(column.column));
    expect(flags.map((column) => column.column)).toEqual(
      expect.arrayContaining(['snils_filled', 'identity_document_filled']),
    );
    for (const flag of flags) expect(flag.type, flag.column).toBe('boolean');
  });

  it('holds the extra-education programmes, certificates and contracts without codes', async () => {
    const views = await relations(`c.table_schema = 'analytics_contract' and c.table_name like 'extra\\_%'`);
    expect(views.map((view) => view.name)).toEqual(['extra_certificates', 'extra_contracts', 'extra_programmes']);
    for (const view of views) expect(view.columns).not.toContain('code');
    const used = await owner<{ source: string }[]>`
      select u.table_schema || '.' || u.table_name || '.' || u.column_name as source
      from information_schema.view_column_usage u where u.view_schema = 'analytics_contract'
        and u.table_schema = 'extra_education'`;
    const read = used.map((row) => row.source);
    expect(read).toContain('extra_education.contracts.payment_method');
    expect(read.filter((source) => /\.(code|epgu_number|end_reason|reason|price_per_month)$/.test(source))).toEqual([]);
  });

  it('is readable by analytics_ro and by the analytics subgraph, with pseudonymous keys', async () => {
    const views = await relations(`c.table_schema = 'analytics_contract'`);
    for (const { role, sql } of readers) {
      for (const view of views) {
        await expect(
          sql.unsafe(`select * from analytics_contract.${quoted(view.name)} limit 1`),
          `${role} reads ${view.name}`,
        ).resolves.toBeDefined();
      }
    }
    const [reader] = readers;
    const [{ learners }] = (await reader!.sql<{ learners: number }[]>`
      select count(*)::int as learners from analytics_contract.contingent where ended_on is null`) as unknown as [
      { learners: number },
    ];
    const [{ enrolled }] = (await owner<{ enrolled: number }[]>`
      select count(*)::int as enrolled from people.enrolments e join people.persons p on p.id = e.person_id
      where e.ended_on is null and p.merged_into is null`) as unknown as [{ enrolled: number }];
    expect(learners).toBe(enrolled);
    expect(learners).toBeGreaterThan(0);
    // A person's id from the API finds nothing in the contract: keys are keyed hashes, not the ids.
    const [{ id }] = (await owner<
      { id: string }[]
    >`select person_id::text as id from people.enrolments limit 1`) as unknown as [{ id: string }];
    const found = await reader!.sql`select 1 from analytics_contract.contingent where person_key = ${id}::uuid`;
    expect(found).toHaveLength(0);
  });

  it('cannot be changed or extended by the reader', async () => {
    const { sql } = readers[0]!;
    const code = (run: Promise<unknown>) =>
      run.then(
        () => null,
        (error: { code?: string }) => error.code,
      );
    expect(await code(sql`create view analytics_contract.mine as select 1`)).toBe('42501');
    expect(await code(sql`create table public.mine (id int)`)).toBe('42501');
    expect(await code(sql`select key from analytics_secret.pseudonym_key`)).toBe('42501');
  });
});
