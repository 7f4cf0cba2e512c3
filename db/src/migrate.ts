/**
 * Brings a database to the current schema: the subgraphs' roles, the committed drizzle migrations, and
 * each role's privileges. Idempotent; run by `npm start` and by the test setup.
 */
import { fileURLToPath } from 'node:url';
import { migrate } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import { createDb } from './client.ts';

export const MIGRATIONS_DIR = fileURLToPath(new URL('../migrations', import.meta.url));

/**
 * One role per subgraph, each able to write only its own schema (DESIGN.md, Database), and a read-only
 * role for analytics. Schemas that do not exist yet are granted when their migration lands.
 */
export const SUBGRAPH_ROLES = {
  people: { role: 'people_svc', schema: 'people' },
  learning: { role: 'learning_svc', schema: 'learning' },
  admissions: { role: 'admissions_svc', schema: 'admissions' },
} as const;
export const ANALYTICS_READER = 'analytics_ro';
export type SubgraphName = keyof typeof SUBGRAPH_ROLES;

export async function migrateDatabase(adminUrl: string, rolePassword: string): Promise<void> {
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    await ensureRoles(admin, rolePassword);
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
    await grantPrivileges(granter);
  } finally {
    await granter.end();
  }
}

async function ensureRoles(sql: postgres.Sql, password: string): Promise<void> {
  const roles = [...Object.values(SUBGRAPH_ROLES).map((r) => r.role), ANALYTICS_READER];
  for (const role of roles) {
    // Roles are cluster-wide: several test databases on one cluster share them, so creation may race.
    await sql`
      do $$ begin
        create role ${sql.unsafe(role)} login;
      exception when duplicate_object then null;
      end $$`;
    await sql.unsafe(`alter role ${role} password '${password.replaceAll("'", "''")}'`);
  }
}

async function grantPrivileges(sql: postgres.Sql): Promise<void> {
  const [{ current_database: database }] = (await sql`select current_database()`) as unknown as [
    { current_database: string },
  ];
  for (const { role, schema } of Object.values(SUBGRAPH_ROLES)) {
    await sql.unsafe(`
      grant connect on database "${database}" to ${role};
      grant usage on schema ${schema} to ${role};
      grant select, insert, update, delete on all tables in schema ${schema} to ${role};
      grant usage, select on all sequences in schema ${schema} to ${role};
      grant connect on database "${database}" to ${ANALYTICS_READER};
      grant usage on schema ${schema} to ${ANALYTICS_READER};
      grant select on all tables in schema ${schema} to ${ANALYTICS_READER};
    `);
  }
  // Opening a school year creates its partitions through this function only (no DDL rights for the role).
  await sql.unsafe(`
    revoke execute on function learning.ensure_year_partitions(smallint) from public;
    grant execute on function learning.ensure_year_partitions(smallint) to ${SUBGRAPH_ROLES.learning.role};
  `);
  // Nobody but the migration owner creates objects.
  await sql.unsafe('revoke create on schema public from public');
}
