/**
 * Once per test run: a real PostgreSQL (embedded unless DATABASE_URL is set), a migrated empty template
 * and a template seeded with the demo region. Each test file clones its own database from one of them,
 * so files run in parallel and never see each other's rows (DESIGN.md, Testing).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import postgres from 'postgres';
import { createDb, migrateDatabase, urlForDatabase } from '@region/db';
import { startEmbeddedPostgres, type EmbeddedCluster } from '@region/db/embedded';
import { seedDemoRegion } from '@region/db/demo/seed';
import { buildWebClient } from '@region/web/build';
import { DEMO_SEED, DEMO_TEMPLATE, EMPTY_TEMPLATE, TEST_ROLE_PASSWORD } from './constants.ts';
import { freePort } from './ports.ts';

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  let cluster: EmbeddedCluster | undefined;
  let dataDir: string | undefined;
  let adminUrl = process.env['DATABASE_URL'];
  if (!adminUrl) {
    dataDir = await mkdtemp(join(tmpdir(), 'region-test-pg-'));
    cluster = await startEmbeddedPostgres({ dataDir, port: await freePort(), persistent: false, fast: true });
    adminUrl = cluster.url;
  }
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    for (const name of [EMPTY_TEMPLATE, DEMO_TEMPLATE]) {
      await admin.unsafe(`drop database if exists "${name}" with (force)`);
    }
    await admin.unsafe(`create database "${EMPTY_TEMPLATE}"`);
    await migrateDatabase(urlForDatabase(adminUrl, EMPTY_TEMPLATE), TEST_ROLE_PASSWORD);
    await admin.unsafe(`create database "${DEMO_TEMPLATE}" template "${EMPTY_TEMPLATE}"`);
    const demo = createDb(urlForDatabase(adminUrl, DEMO_TEMPLATE), { max: 1 });
    try {
      await seedDemoRegion(demo.db, { seed: DEMO_SEED, scale: 1 });
    } finally {
      await demo.close();
    }
  } finally {
    await admin.end();
  }
  project.provide('adminUrl', adminUrl);
  const webDist = await mkdtemp(join(tmpdir(), 'region-test-web-'));
  await buildWebClient(webDist);
  project.provide('webDist', webDist);
  return async () => {
    await rm(webDist, { recursive: true, force: true });
    await cluster?.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  };
}
