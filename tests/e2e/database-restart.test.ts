/**
 * Issue 9, Faults: killing PostgreSQL for a while under write load leaves every service serving afterwards,
 * with no lesson half-written. This file runs its own PostgreSQL cluster (the shared test cluster must never
 * be stopped: other files use it) and the subgraphs as real child processes, as `npm start` does, so a crash
 * in the database driver shows as a process that exited. Everything listens on loopback; every loop is bounded.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, migrateDatabase, urlForDatabase, urlForRole, type DbHandle } from '@region/db';
import { startEmbeddedPostgres, type EmbeddedCluster } from '@region/db/embedded';
import { seedDemoRegion } from '@region/db/demo/seed';
import { createDevEsia } from '@region/dev-esia';
import { generateSigningKeys } from '@region/dev-esia/keys';
import { createGateway, type Gateway } from '@region/gateway';
import {
  closeServer,
  createLogger,
  generateInternalKeyPair,
  internalTokenSigner,
  listen,
  type InternalTokenSigner,
} from '@region/kit';
import { startService, stopService, waitHealthy, type RunningService } from '@region/launcher/processes';
import { SUBGRAPHS as REGISTRY, SUPERGRAPH_PATH } from '@region/schema';
import { DEMO_SEED } from '../src/constants.ts';
import { freePort } from '@region/tests/ports';

/** How long PostgreSQL stays down (the issue asks for 10 s; shorten it locally with DB_OUTAGE_MS). */
const OUTAGE_MS = Number(process.env['DB_OUTAGE_MS'] ?? 10_000);
/** Writes before the outage: at least this long, and until a few went through. */
const WARM_UP_MS = 2_000;
/** How PostgreSQL goes: killed outright (SIGKILL) by default; SIGINT is an operator's fast shutdown. */
const KILL_SIGNAL = (process.env['DB_OUTAGE_SIGNAL'] ?? 'SIGKILL') as NodeJS.Signals;
/** The bound on the writers' loop, whatever the timing. */
const MAX_WRITES = 3_000;
const WRITERS = 4;
/** The demo's school day in the 2nd quarter (as in the learning tests): its past lessons are writable. */
const TODAY = new Date('2026-11-20T07:00:00Z');
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const ROLE_PASSWORD = 'region-restart-test';
const ESIA_ISSUER = 'https://esia.test/';
const ESIA_AUDIENCE = 'region-edu-platform';
/** Every subgraph of the registry, each as its own process (`entry.main`), as `npm start` runs them. */
const SUBGRAPHS = REGISTRY.map((entry) => entry.name);

interface Answer<T> {
  status: number;
  data?: T | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

let dataDir: string;
let pgPort: number;
let cluster: EmbeddedCluster | undefined;
let databaseUrl: string;
let admin: DbHandle | undefined;
const services: RunningService[] = [];
const output: string[] = [];
const servers: Server[] = [];
let gateway: Gateway | undefined;
let gatewayUrl: string;
let teacherToken: string;
let signInternal: InternalTokenSigner;

async function startCluster(): Promise<EmbeddedCluster> {
  return startEmbeddedPostgres({ dataDir, port: pgPort, persistent: true, fast: true });
}

async function query<T>(text: string, variables?: Record<string, unknown>): Promise<Answer<T>> {
  const response = await fetch(gatewayUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${teacherToken}` },
    body: JSON.stringify({ query: text, variables }),
    signal: AbortSignal.timeout(15_000),
  });
  return { status: response.status, ...((await response.json()) as Omit<Answer<T>, 'status'>) };
}

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'region-restart-pg-'));
  pgPort = await freePort();
  cluster = await startCluster();
  const server = postgres(cluster.url, { max: 1, onnotice: () => {} });
  try {
    await server.unsafe('create database "region"');
  } finally {
    await server.end();
  }
  databaseUrl = urlForDatabase(cluster.url, 'region');
  await migrateDatabase(databaseUrl, ROLE_PASSWORD);
  const seeding = createDb(databaseUrl, { max: 1 });
  try {
    await seedDemoRegion(seeding.db, { seed: DEMO_SEED, scale: 1 });
  } finally {
    await seeding.close();
  }

  const keys = await generateInternalKeyPair();
  signInternal = await internalTokenSigner(keys.privateJwk);
  const ports = Object.fromEntries(await Promise.all(SUBGRAPHS.map(async (name) => [name, await freePort()])));
  const started = REGISTRY.map(({ name, main, envPrefix: prefix, database }) => {
    const service = startService(
      {
        name,
        entry: main,
        env: {
          NODE_ENV: 'test',
          LOG_LEVEL: 'warn',
          INTERNAL_TOKEN_PUBLIC_JWKS: JSON.stringify({ keys: [keys.publicJwk] }),
          CURSOR_SECRET: randomBytes(32).toString('base64url'),
          CLOCK_NOW: TODAY.toISOString(),
          [`${prefix}_PORT`]: String(ports[name]),
          [`${prefix}_DATABASE_URL`]: urlForRole(databaseUrl, database.role, ROLE_PASSWORD),
        },
        healthUrl: `http://127.0.0.1:${ports[name]}/health`,
      },
      ROOT,
      (line) => void output.push(`[${name}] ${line}`),
    );
    services.push(service);
    return waitHealthy(service);
  });
  await Promise.all(started);

  const logger = createLogger('restart-test', process.env['TEST_LOG_LEVEL'] ?? 'silent');
  const esia = createDevEsia({
    issuer: ESIA_ISSUER,
    audience: ESIA_AUDIENCE,
    publicUrl: ESIA_ISSUER,
    ttlSeconds: 3600,
    keys: await generateSigningKeys(),
    now: () => TODAY,
  });
  servers.push(esia.server);
  const esiaUrl = `http://127.0.0.1:${await listen(esia.server, 0)}`;
  gateway = await createGateway({
    supergraphSdl: readFileSync(SUPERGRAPH_PATH, 'utf8'),
    subgraphUrls: Object.fromEntries(SUBGRAPHS.map((name) => [name, `http://127.0.0.1:${ports[name]}/graphql`])),
    esia: {
      issuer: ESIA_ISSUER,
      audience: ESIA_AUDIENCE,
      jwksUrl: `${esiaUrl}/.well-known/jwks.json`,
      apiUrl: esiaUrl,
    },
    internalPrivateJwk: keys.privateJwk,
    logger,
    // The teacher's principal stays cached through the outage, so what fails is the subgraphs' own answer.
    principalTtlMs: 600_000,
  });
  servers.push(gateway.server);
  gatewayUrl = `http://127.0.0.1:${await listen(gateway.server, 0)}/graphql`;
  teacherToken = await esia.issueToken('teacher');
  admin = createDb(databaseUrl, { max: 2 });
}, 180_000);

afterAll(async () => {
  await Promise.all(servers.map(closeServer));
  await gateway?.stop();
  await Promise.all(services.map((service) => stopService(service)));
  await admin?.close();
  await cluster?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
}, 60_000);

/** Health of every subgraph, and a learning request sent straight to the subgraph, while PostgreSQL is down. */
async function duringOutage(personId: string) {
  const started = Date.now();
  const health = Object.fromEntries(
    await Promise.all(
      services.map(async (service) => [service.spec.name, (await fetch(service.spec.healthUrl)).status] as const),
    ),
  );
  const learning = services.find((service) => service.spec.name === 'learning')!;
  const token = await signInternal({ kind: 'PERSON', personId, grants: [] });
  const response = await fetch(learning.spec.healthUrl.replace('/health', '/graphql'), {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: '{ myAssignments { class { id } } }' }),
  });
  const body = (await response.json()) as Answer<unknown>;
  return {
    health,
    errors: body.errors,
    codes: [...new Set(body.errors?.map((error) => error.extensions?.code))],
    tookMs: Date.now() - started,
  };
}

const SAVE = `mutation ($input: SaveLessonInput!) { saveLesson(input: $input) { id } }`;
const markOf = (n: number) => (n % 2 ? 'FIVE' : 'FOUR');
/** The same mark as stored (`learning.mark_value`). */
const storedMarkOf = (n: number) => (n % 2 ? '5' : '4');
const attendanceOf = (n: number) => (n % 2 ? 'ABSENT' : 'SICK');

describe('a PostgreSQL restart under write load', () => {
  it(`leaves every service serving afterwards, with no lesson half-written (${KILL_SIGNAL}, ${OUTAGE_MS} ms down)`, async () => {
    const assignment = await query<{ myAssignments: { class: { id: string }; subject: { id: string } }[] }>(
      '{ myAssignments { class { id } subject { id } } }',
    );
    expect(assignment.errors, JSON.stringify(assignment.errors)).toBeUndefined();
    const me = await query<{ me: { person: { id: string } } }>('{ me { person { id } } }');
    const teacher = me.data!.me.person.id;
    const { class: klass, subject } = assignment.data!.myAssignments[0]!;
    const grid = await query<{
      class: { journal: { students: { id: string }[]; lessons: { id: string; date: string }[] } };
    }>(
      'query ($classId: ID!, $subjectId: ID!) { class(id: $classId) { journal(subjectId: $subjectId) { students { id } lessons { id date } } } }',
      { classId: klass.id, subjectId: subject.id },
    );
    expect(grid.errors, JSON.stringify(grid.errors)).toBeUndefined();
    const { students, lessons: all } = grid.data!.class.journal;
    const lessons = all.filter((lesson) => lesson.date <= TODAY.toISOString().slice(0, 10));
    expect(lessons.length).toBeGreaterThan(1);
    expect(students.length).toBeGreaterThan(1);

    // Writers: each mutation writes a whole lesson (topic, a mark and an absence per pupil), tagged with its number.
    let phase: 'before' | 'outage' | 'after' | 'done' = 'before';
    let next = 0;
    const outcomes = { before: { ok: 0, failed: 0 }, outage: { ok: 0, failed: 0 }, after: { ok: 0, failed: 0 } };
    const codes = new Set<string>();
    const write = async () => {
      while (phase !== 'done' && next < MAX_WRITES) {
        const n = next++;
        const at = phase as Exclude<typeof phase, 'done'>;
        const tag = `restart-${n}`;
        try {
          const answer = await query(SAVE, {
            input: {
              lessonId: lessons[n % lessons.length]!.id,
              topic: tag,
              marks: students.map((student) => ({ studentId: student.id, value: markOf(n), comment: tag })),
              attendance: students.map((student) => ({ studentId: student.id, status: attendanceOf(n) })),
            },
          });
          if (answer.errors) {
            outcomes[at].failed++;
            for (const error of answer.errors) codes.add(error.extensions?.code ?? '');
            await sleep(50);
          } else outcomes[at].ok++;
        } catch {
          outcomes[at].failed++;
          await sleep(50);
        }
      }
    };
    const writers = Array.from({ length: WRITERS }, write);

    // Some writes go through first (bounded: a slow machine takes longer for its first ones).
    const warm = Date.now() + 30_000;
    await sleep(WARM_UP_MS);
    while (outcomes.before.ok < 3 && Date.now() < warm) await sleep(100);
    phase = 'outage';
    await cluster!.kill(KILL_SIGNAL);
    // While the database is down each subgraph says so: unhealthy, and a request answers SERVICE_UNAVAILABLE.
    const down = await duringOutage(teacher);
    await sleep(Math.max(0, OUTAGE_MS - down.tookMs));
    cluster = await startCluster();
    phase = 'after';
    // Serving again, without a restart of any service: health first, then writes go through.
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline && outcomes.after.ok < 5) await sleep(200);
    phase = 'done';
    await Promise.all(writers);

    expect(down.health).toEqual(Object.fromEntries(SUBGRAPHS.map((name) => [name, 503])));
    expect(down.codes, JSON.stringify(down.errors)).toEqual(['SERVICE_UNAVAILABLE']);
    const crashed = services
      .filter((service) => service.child.exitCode !== null || service.child.signalCode !== null)
      .map((s) => s.spec.name);
    expect(crashed, output.slice(-40).join('\n')).toEqual([]);
    expect(outcomes.before.ok, JSON.stringify({ outcomes, codes: [...codes] })).toBeGreaterThan(0);
    expect(outcomes.outage.failed).toBeGreaterThan(0);
    // Through the gateway too, a write the outage refused says why.
    expect([...codes]).toEqual(['SERVICE_UNAVAILABLE']);
    expect(outcomes.after.ok, JSON.stringify({ outcomes, codes: [...codes] })).toBeGreaterThanOrEqual(5);
    for (const service of services) {
      const health = await fetch(service.spec.healthUrl);
      expect(health.status, service.spec.name).toBe(200);
    }

    // Every subgraph answers through the gateway: people (the teacher's card), learning (the journal),
    // admissions (the schools serving an address) in one operation.
    const after = await query<Record<string, unknown>>(
      `query ($classId: ID!, $subjectId: ID!) {
        me { person { id } }
        class(id: $classId) { journal(subjectId: $subjectId) { lessons { id } } }
        schoolsForAddress(address: "ул. Ленина, 1") { id }
      }`,
      { classId: klass.id, subjectId: subject.id },
    );
    expect(after.errors, `${JSON.stringify(after.errors)}\n${output.slice(-20).join('\n')}`).toBeUndefined();

    // No lesson half-written: a lesson's topic names the one mutation whose marks and absences it holds.
    const ids = lessons.map((lesson) => lesson.id);
    const written = await admin!.sql<{ id: string; topic: string | null }[]>`
      select id, topic from learning.lessons where id in ${admin!.sql(ids)}`;
    const marks = await admin!.sql<{ lessonId: string; studentId: string; value: string; comment: string | null }[]>`
      select lesson_id as "lessonId", student_id as "studentId", value::text, comment from learning.marks
      where lesson_id in ${admin!.sql(ids)} and deleted_at is null and kind = 'CURRENT'`;
    const absences = await admin!.sql<{ lessonId: string; studentId: string; status: string }[]>`
      select lesson_id as "lessonId", student_id as "studentId", status::text from learning.attendance
      where lesson_id in ${admin!.sql(ids)}`;
    const half: string[] = [];
    let whole = 0;
    for (const lesson of written) {
      const n = /^restart-(\d+)$/.exec(lesson.topic ?? '')?.[1];
      const own = marks.filter((mark) => mark.lessonId === lesson.id);
      const tagged = own.filter((mark) => mark.comment?.startsWith('restart-'));
      if (n === undefined) {
        if (tagged.length) half.push(`${lesson.id}: no topic of the run, ${tagged.length} marks of it`);
        continue;
      }
      whole++;
      for (const student of students) {
        const mark = own.find((m) => m.studentId === student.id);
        const absence = absences.find((a) => a.lessonId === lesson.id && a.studentId === student.id);
        if (mark?.comment !== lesson.topic || mark.value !== storedMarkOf(Number(n)))
          half.push(`${lesson.id} ${lesson.topic}: mark ${mark?.comment} ${mark?.value}`);
        if (absence?.status !== attendanceOf(Number(n)))
          half.push(`${lesson.id} ${lesson.topic}: attendance ${absence?.status}`);
      }
    }
    expect(half).toEqual([]);
    expect(whole).toBeGreaterThan(0);
  }, 120_000);
});
