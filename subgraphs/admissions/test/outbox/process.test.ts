/**
 * The outbox as its own process kind (issue 10 §5): `src/worker.ts` started like the launcher and the
 * Kubernetes Deployment start it, delivering from a real database to a real HTTP ЕПГУ, then stopping on
 * SIGTERM once its run has recorded its results.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { admissionsTables, type DbHandle } from '@region/db';
import { createTestDatabase, type TestDatabase } from '@region/tests/database';
import { enqueueStatusChange, newApplication, startFakeEpgu, until, type FakeEpgu } from './fixtures.ts';
import { freePort } from '@region/tests/ports';

const ENTRY = fileURLToPath(new URL('../../src/worker.ts', import.meta.url));
const PAST = new Date('2026-01-15T06:00:00Z');

let database: TestDatabase;
let admin: DbHandle;
let epgu: FakeEpgu;

beforeAll(async () => {
  database = await createTestDatabase('empty');
  admin = database.admin();
  epgu = await startFakeEpgu();
});

afterAll(async () => {
  await epgu?.close();
  await database?.drop();
});

describe('the outbox process', () => {
  it('delivers the outbox on its own, answers /health, and exits 0 on SIGTERM', async () => {
    const application = await newApplication(admin, PAST);
    const id = await enqueueStatusChange(admin, application, { from: 'SUBMITTED', to: 'UNDER_REVIEW' }, PAST);
    const port = await freePort();
    const child = spawn(process.execPath, ['--import', 'tsx', ENTRY], {
      env: {
        ...process.env,
        NODE_ENV: 'production',
        ADMISSIONS_DATABASE_URL: database.roleUrl('admissions'),
        EPGU_URL: epgu.url,
        OUTBOX_POLL_MS: '100',
        WORKER_PORT: String(port),
        LOG_LEVEL: 'silent',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    try {
      await until(async () => {
        const [row] = await admin.db
          .select({ deliveredAt: admissionsTables.outbox.deliveredAt })
          .from(admissionsTables.outbox)
          .where(eq(admissionsTables.outbox.id, id));
        return row?.deliveredAt != null;
      }, 20_000);
      expect(epgu.keys()).toEqual([String(id)]);
      const health = await fetch(`http://127.0.0.1:${port}/health`);
      expect(health.status).toBe(200);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
    expect(stderr).toBe('');
  });
});
