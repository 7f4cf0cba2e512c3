/**
 * Brings a database to the current schema: the subgraphs' roles, the committed drizzle migrations, and
 * each role's privileges. Idempotent; run by `npm start` and by the test setup.
 */
import { fileURLToPath } from 'node:url';
import { migrate } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import { SUBGRAPHS, type Registry, type SubgraphName } from '@region/schema';
import { createDb } from './client.ts';

export const MIGRATIONS_DIR = fileURLToPath(new URL('../migrations', import.meta.url));

/**
 * One role per subgraph, each able to write only its own schema (DESIGN.md, Database), and a read-only
 * role for analytics. Both come from the subgraph registry (`@region/schema`, issue 10 §2).
 */
export const SUBGRAPH_ROLES = Object.fromEntries(SUBGRAPHS.map((entry) => [entry.name, entry.database])) as Record<
  SubgraphName,
  { role: string; schema: string }
>;
export const ANALYTICS_READER = 'analytics_ro';
/**
 * The read contract (issue 12): views with pseudonymous keys and no direct identifiers, created by migration
 * `0013_analytics_contract.sql`. The analytics reader may select from these and from nothing else.
 */
export const ANALYTICS_CONTRACT_SCHEMA = 'analytics_contract';
export type { SubgraphName };

/**
 * `registry` is the platform's own unless a test adds a throwaway subgraph: its role and schema are
 * created and granted like the others (its tables, if any, come with the committed migrations).
 */
export async function migrateDatabase(
  adminUrl: string,
  rolePassword: string,
  registry: Registry = SUBGRAPHS,
): Promise<void> {
  const databases = registry.map((entry) => entry.database);
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    await ensureRoles(admin, rolePassword, databases);
  } finally {
    await admin.end();
  }
  const { db, close } = createDb(adminUrl, { max: 1 });
  try {
    await migrate(db, { migrationsFolder: MIGRATIONS_DIR, migrationsSchema: 'drizzle' });
  } finally {
    await close();
  }
  const granter = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    await grantPrivileges(granter, databases);
  } finally {
    await granter.end();
  }
}

type SubgraphDatabase = Registry[number]['database'];

async function ensureRoles(sql: postgres.Sql, password: string, databases: SubgraphDatabase[]): Promise<void> {
  const roles = [...databases.map((r) => r.role), ANALYTICS_READER];
  for (const role of roles) {
    // Roles are cluster-wide: several test databases on one cluster share them, so creation may race.
    await sql`
      do $$ begin
        create role ${sql.unsafe(role)} login;
      exception when duplicate_object then null;
      end $$`;
    await sql.unsafe(`alter role ${role} password '${password.replaceAll("'", "''")}'`);
  }
  // The analytics subgraph reads the contract through the reader's privileges, and only those (issue 12).
  const analytics = databases.find((database) => database.schema === 'analytics');
  if (analytics) {
    await sql.unsafe(`
      do $$ begin
        if not pg_has_role('${analytics.role}', '${ANALYTICS_READER}', 'member') then
          grant ${ANALYTICS_READER} to ${analytics.role};
        end if;
      exception when unique_violation or duplicate_object then null;
      end $$`);
  }
}

/**
 * Closed by default (issue 12): the analytics reader loses every privilege in every schema of the database —
 * the owners' schemas, a subgraph's schema added later, a table created after this run — and gets `usage` on
 * the contract schema and `select` on its views, nothing else. Earlier releases granted it `select` on every
 * table of every schema; this revokes those grants on an existing database too.
 */
async function lockDownAnalyticsReader(sql: postgres.Sql, database: string): Promise<void> {
  const schemas = (await sql`
    select nspname from pg_namespace
    where nspname not in ('pg_catalog', 'information_schema', 'pg_toast', ${ANALYTICS_CONTRACT_SCHEMA})
      and nspname not like 'pg\_temp\_%' and nspname not like 'pg\_toast\_temp\_%'`) as unknown as {
    nspname: string;
  }[];
  for (const { nspname } of schemas) {
    const schema = `"${nspname.replaceAll('"', '""')}"`;
    await sql.unsafe(`
      revoke all on all tables in schema ${schema} from ${ANALYTICS_READER};
      revoke all on all sequences in schema ${schema} from ${ANALYTICS_READER};
      revoke all on all functions in schema ${schema} from ${ANALYTICS_READER};
      revoke all on schema ${schema} from ${ANALYTICS_READER};
      alter default privileges in schema ${schema} revoke all on tables from ${ANALYTICS_READER};
      alter default privileges in schema ${schema} revoke all on sequences from ${ANALYTICS_READER};
    `);
  }
  await sql.unsafe(`
    grant connect on database "${database}" to ${ANALYTICS_READER};
    revoke create on schema ${ANALYTICS_CONTRACT_SCHEMA} from public;
    grant usage on schema ${ANALYTICS_CONTRACT_SCHEMA} to ${ANALYTICS_READER};
    grant select on all tables in schema ${ANALYTICS_CONTRACT_SCHEMA} to ${ANALYTICS_READER};
  `);
}

async function grantPrivileges(sql: postgres.Sql, databases: SubgraphDatabase[]): Promise<void> {
  const [{ current_database: database }] = (await sql`select current_database()`) as unknown as [
    { current_database: string },
  ];
  for (const { role, schema } of databases) {
    // A subgraph whose migration has not created its schema yet (a new one, no tables so far) still gets
    // it, owned by the migration owner, so its role can be granted the same way.
    await sql.unsafe(`
      create schema if not exists ${schema};
      grant connect on database "${database}" to ${role};
      grant usage on schema ${schema} to ${role};
      grant select, insert, update, delete on all tables in schema ${schema} to ${role};
      grant usage, select on all sequences in schema ${schema} to ${role};
    `);
  }
  await lockDownAnalyticsReader(sql, database);
  // Opening a school year creates its partitions through this function only (no DDL rights for the role).
  await sql.unsafe(`
    revoke execute on function learning.ensure_year_partitions(smallint) from public;
    grant execute on function learning.ensure_year_partitions(smallint) to ${SUBGRAPH_ROLES.learning.role};
  `);
  // The personal-data access log is append-only (issue 14 §4): the people role inserts and reads, on the
  // table and on each partition, and old months go only through the owner's partition functions.
  await sql.unsafe(`
    do $$
    declare part regclass;
    begin
      for part in select 'people.pii_reads'::regclass
          union all select inhrelid::regclass from pg_inherits where inhparent = 'people.pii_reads'::regclass loop
        execute format('revoke update, delete, truncate on %s from ${SUBGRAPH_ROLES.people.role}', part);
      end loop;
    end $$;
    revoke execute on function people.ensure_pii_read_partitions(date, integer) from public;
    revoke execute on function people.drop_pii_read_partitions(timestamptz) from public;
    grant execute on function people.ensure_pii_read_partitions(date, integer) to ${SUBGRAPH_ROLES.people.role};
    grant execute on function people.drop_pii_read_partitions(timestamptz) to ${SUBGRAPH_ROLES.people.role};
  `);
  // Nobody but the migration owner creates objects.
  await sql.unsafe('revoke create on schema public from public');
}
