/**
 * `npm run migrate`: the production migration step, run as its own process against a blank database.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { randomUUID } from 'node:crypto';
import postgres from 'postgres';
import { describe, expect, inject, it } from 'vitest';
import { TEST_ROLE_PASSWORD } from '../../tests/src/constants.ts';
import { urlForDatabase } from '../src/index.ts';

const COMMAND = fileURLToPath(new URL('../src/migrate-command.ts', import.meta.url));

function run(args: string[], env: Record<string, string>) {
  const { DATABASE_URL: _url, ROLE_PASSWORD: _password, ...inherited } = process.env;
  return spawnSync(process.execPath, ['--import', 'tsx', COMMAND, ...args], {
    env: { ...inherited, ...env },
    encoding: 'utf8',
    timeout: 120_000,
  });
}

describe('npm run migrate', () => {
  it('brings a blank database to the committed schema and seeds nothing', async () => {
    const serverUrl = inject('adminUrl');
    const name = `m_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
    const server = postgres(serverUrl, { max: 1, onnotice: () => {} });
    await server.unsafe(`create database "${name}"`);
    const databaseUrl = urlForDatabase(serverUrl, name);
    const database = postgres(databaseUrl, { max: 1, onnotice: () => {} });
    try {
      const result = run(['--database-url', databaseUrl], { ROLE_PASSWORD: TEST_ROLE_PASSWORD });
      expect(result.stderr).toBe('');
      expect(result.status).toBe(0);
      const [column] = await database`
        select data_type from information_schema.columns
        where table_schema = 'admissions' and table_name = 'outbox' and column_name = 'locked_until'`;
      expect(column).toEqual({ data_type: 'timestamp with time zone' });
      const [people] = await database`select count(*)::int as count from people.municipalities`;
      expect(people).toEqual({ count: 0 });
      // Idempotent: a second run of the same release changes nothing and succeeds.
      expect(run([], { DATABASE_URL: databaseUrl, ROLE_PASSWORD: TEST_ROLE_PASSWORD }).status).toBe(0);
    } finally {
      await database.end();
      await server.unsafe(`drop database if exists "${name}" with (force)`);
      await server.end();
    }
  });

  it('refuses to run without a database URL or the roles’ password, naming what is missing', () => {
    const withoutUrl = run([], { ROLE_PASSWORD: TEST_ROLE_PASSWORD });
    expect(withoutUrl.status).toBe(1);
    expect(withoutUrl.stderr).toContain('--database-url or DATABASE_URL: required');
    const withoutPassword = run(['--database-url', 'postgres://owner@localhost/region'], {});
    expect(withoutPassword.status).toBe(1);
    expect(withoutPassword.stderr).toContain('ROLE_PASSWORD: required');
  });
});
