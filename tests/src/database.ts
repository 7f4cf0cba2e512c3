import { randomUUID } from 'node:crypto';
import postgres from 'postgres';
import { inject } from 'vitest';
import { createDb, urlForDatabase, urlForRole, SUBGRAPH_ROLES, type DbHandle, type SubgraphName } from '@region/db';
import type { SubgraphEntry } from '@region/schema';
import { DEMO_TEMPLATE, EMPTY_TEMPLATE, TEST_ROLE_PASSWORD } from './constants.ts';

export interface TestDatabase {
  name: string;
  /** Superuser URL: for setting up facts a test needs, never for the code under test. */
  adminUrl: string;
  /** The URL a subgraph's own role connects with: the code under test runs with exactly its privileges. */
  roleUrl(subgraph: SubgraphName | SubgraphEntry): string;
  /** A superuser handle for arranging and inspecting rows. */
  admin(): DbHandle;
  drop(): Promise<void>;
}

/** A fresh database cloned from the migrated (`empty`) or seeded (`demo`) template. */
export async function createTestDatabase(template: 'empty' | 'demo' = 'demo'): Promise<TestDatabase> {
  const serverUrl = inject('adminUrl');
  const name = `t_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
  const server = postgres(serverUrl, { max: 1, onnotice: () => {} });
  try {
    await server.unsafe(`create database "${name}" template "${template === 'demo' ? DEMO_TEMPLATE : EMPTY_TEMPLATE}"`);
  } finally {
    await server.end();
  }
  const adminUrl = urlForDatabase(serverUrl, name);
  const handles: DbHandle[] = [];
  return {
    name,
    adminUrl,
    roleUrl: (subgraph) =>
      urlForRole(
        adminUrl,
        typeof subgraph === 'string' ? SUBGRAPH_ROLES[subgraph].role : subgraph.database.role,
        TEST_ROLE_PASSWORD,
      ),
    admin: () => {
      const handle = createDb(adminUrl, { max: 2 });
      handles.push(handle);
      return handle;
    },
    drop: async () => {
      await Promise.all(handles.map((handle) => handle.close()));
      const dropper = postgres(serverUrl, { max: 1, onnotice: () => {} });
      try {
        await dropper.unsafe(`drop database if exists "${name}" with (force)`);
      } finally {
        await dropper.end();
      }
    },
  };
}
