/**
 * Issue 14 §4: «Кто просматривал мои данные». Every read of another person's personal-data fields is logged
 * off the request path (in batches) and shown to the person, a minor's guardian and the regional operator;
 * the operator's anomaly report names a principal reading far more persons than the role's usual. Through
 * the gateway with real tokens, over the test file's own copy of the demo region.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, SUBGRAPH_ROLES } from '@region/db';
import { registryEntry } from '@region/schema';
import { maintainPiiReadPartitions } from '../../subgraphs/people/src/modules/pii-reads/repository.ts';
import { personIdOf } from '../src/demo-people.ts';
import { startPlatform, type GraphQLResponse, type Platform } from '../src/platform.ts';

let platform: Platform;
let studentId: string;
let classTeacherId: string;
let adminId: string;

/** The flush interval: long enough that a request's own reads cannot be written while it still runs. */
const FLUSH_MS = 400;

beforeAll(async () => {
  platform = await startPlatform({ piiReadLog: { flushMs: FLUSH_MS } });
  studentId = await personIdOf(platform.admin, 'student');
  classTeacherId = await personIdOf(platform.admin, 'class-teacher');
  adminId = await personIdOf(platform.admin, 'admin');
});
afterAll(async () => {
  await platform?.stop();
});

const PUPIL_CARD = `query TeacherPupilCard($id: ID!) { person(id: $id) { id fullName phone email } }`;
const PUPIL_NAME = `query TeacherPupilName($id: ID!) { person(id: $id) { id fullName } }`;

const LOG = `query Log($personId: ID) {
  personalDataReads(personId: $personId, first: 200) {
    edges { node { id readAt role fieldNames fields serviceAccount operation
      organization { id shortName } reader { id } } }
  }
}`;

interface LogEntry {
  id: string;
  readAt: string;
  role: string;
  fieldNames: string[];
  fields: string[];
  serviceAccount: string | null;
  operation: string | null;
  organization: { id: string; shortName: string } | null;
  reader: { id: string } | null;
}

function expectOk(result: GraphQLResponse<unknown>): void {
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
}

async function logOf(login: string, personId?: string): Promise<LogEntry[]> {
  const result = await platform.query<{ personalDataReads: { edges: { node: LogEntry }[] } }>({ login }, LOG, {
    personId,
  });
  expectOk(result);
  return result.data!.personalDataReads.edges.map((edge) => edge.node);
}

/** Polls a log until `found` holds (the writer flushes every FLUSH_MS). */
async function waitFor(read: () => Promise<LogEntry[]>, found: (entries: LogEntry[]) => boolean) {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const entries = await read();
    if (found(entries)) return entries;
    if (Date.now() > deadline) throw new Error(`not in the log: ${JSON.stringify(entries)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function organizationOf(personId: string): Promise<string> {
  const [row] = await platform.admin.sql<{ organization_id: string }[]>`
    select organization_id from people.enrolments where person_id = ${personId} and ended_on is null`;
  return row!.organization_id;
}

describe('«Кто просматривал мои данные»', () => {
  it("shows the pupil's guardian a class teacher's read of the pupil's card, with her role and school", async () => {
    const before = new Set((await logOf('guardian', studentId)).map((entry) => entry.id));
    expectOk(await platform.query({ login: 'class-teacher' }, PUPIL_CARD, { id: studentId }));
    const entries = await waitFor(
      () => logOf('guardian', studentId),
      (log) => log.some((entry) => !before.has(entry.id) && entry.role === 'CLASS_TEACHER'),
    );
    const read = entries.find((entry) => !before.has(entry.id) && entry.role === 'CLASS_TEACHER')!;
    expect(read.organization?.id).toBe(await organizationOf(studentId));
    expect(read.fields.sort()).toEqual(['email', 'phone']);
    expect(read.fieldNames.sort()).toEqual(['Телефон', 'Эл. почта']);
    // Who exactly and by which operation is the operator's; a family sees the role and the school.
    expect(read.reader).toBeNull();
    expect(read.operation).toBeNull();
    // The pupil sees the same entry in their own cabinet.
    expect((await logOf('student')).map((entry) => entry.id)).toContain(read.id);
  });

  it("does not log the pupil's reads of their own card", async () => {
    expectOk(
      await platform.query({ login: 'student' }, `query OwnCard { me { person { id birthDate phone snils } } }`),
    );
    // A marker read after the pupil's: once it is in the log, the pupil's read would be too.
    expectOk(
      await platform.query({ login: 'class-teacher' }, PUPIL_CARD.replace('TeacherPupilCard', 'Marker'), {
        id: studentId,
      }),
    );
    const entries = await waitFor(
      () => logOf('operator', studentId),
      (log) => log.some((entry) => entry.operation === 'Marker'),
    );
    expect(entries.filter((entry) => entry.reader?.id === studentId)).toEqual([]);
  });

  it('lets the regional operator audit any person: who read, and through which operation', async () => {
    expectOk(await platform.query({ login: 'class-teacher' }, PUPIL_CARD, { id: studentId }));
    const entries = await waitFor(
      () => logOf('operator', studentId),
      (log) => log.some((entry) => entry.operation === 'TeacherPupilCard'),
    );
    const read = entries.find((entry) => entry.operation === 'TeacherPupilCard')!;
    expect(read.reader?.id).toBe(classTeacherId);
    expect(read.role).toBe('CLASS_TEACHER');
  });

  it("refuses another family's guardian and the teacher the pupil's log (FORBIDDEN)", async () => {
    for (const login of ['guardian2', 'class-teacher', 'admin']) {
      const result = await platform.query({ login }, LOG, { personId: studentId });
      expect(result.errors?.[0]?.extensions?.code, login).toBe('FORBIDDEN');
      expect(result.data?.personalDataReads ?? null, login).toBeNull();
    }
  });

  it('runs no more statements for a card with personal data than for the same card without it', async () => {
    // Warm up both and let their reads be written, so nothing of them is flushed while counting.
    expectOk(await platform.query({ login: 'class-teacher' }, PUPIL_NAME, { id: studentId }));
    expectOk(
      await platform.query({ login: 'class-teacher' }, PUPIL_CARD.replace('TeacherPupilCard', 'Warm'), {
        id: studentId,
      }),
    );
    await waitFor(
      () => logOf('operator', studentId),
      (log) => log.some((entry) => entry.operation === 'Warm'),
    );
    const withoutPii = await platform.recordStatements(() =>
      platform.query({ login: 'class-teacher' }, PUPIL_NAME, { id: studentId }),
    );
    const withPii = await platform.recordStatements(() =>
      platform.query({ login: 'class-teacher' }, PUPIL_CARD.replace('TeacherPupilCard', 'Counted'), { id: studentId }),
    );
    expect(withPii.filter((statement) => /pii_reads/.test(statement))).toEqual([]);
    expect(withPii.length).toBe(withoutPii.length);
    // …and the read is written all the same, afterwards.
    await waitFor(
      () => logOf('operator', studentId),
      (log) => log.some((entry) => entry.operation === 'Counted'),
    );
  });
});

describe('anomaly report', () => {
  const ANOMALIES = `query Anomalies { personalDataReadAnomalies { role persons usual threshold reader { id } } }`;

  it('names a principal who read far more persons than the role usually does; only to the operator', async () => {
    // The role's usual: twenty admin-days of 5 persons each over the previous days (one admin a day).
    await platform.admin.sql`
      insert into people.pii_reads (id, read_at, person_id, reader_person_id, role, fields)
      select gen_random_uuid(), now() - make_interval(days => d), gen_random_uuid(),
        ('00000000-0000-4000-8000-' || lpad(d::text, 12, '0'))::uuid, 'ORG_ADMIN', array['birthDate']
      from generate_series(1, 20) d, generate_series(1, 5) p`;
    const list = await platform.query<{ persons: { edges: { node: { depersonalized: boolean } }[] } }>(
      { login: 'admin' },
      `query AdminCards { persons(first: 120) { edges { node { id depersonalized birthDate } } } }`,
    );
    // The list also names people whose data the admin may not read (FORBIDDEN per field), and a
    // depersonalized card hands out nothing: neither is a read.
    const refused = new Set((list.errors ?? []).map((error) => error.path?.[2]));
    expect((list.errors ?? []).every((error) => error.extensions?.code === 'FORBIDDEN')).toBe(true);
    const read = list.data!.persons.edges.filter(
      (edge, index) => !edge.node.depersonalized && !refused.has(index),
    ).length;
    expect(read).toBeGreaterThan(30);
    let anomalies: {
      role: string;
      persons: number;
      usual: number;
      threshold: number;
      reader: { id: string } | null;
    }[] = [];
    const deadline = Date.now() + 10_000;
    while (!anomalies.some((row) => row.reader?.id === adminId)) {
      if (Date.now() > deadline) throw new Error(`no anomaly: ${JSON.stringify(anomalies)}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
      const result = await platform.query<{ personalDataReadAnomalies: typeof anomalies }>(
        { login: 'operator' },
        ANOMALIES,
      );
      expectOk(result);
      anomalies = result.data!.personalDataReadAnomalies;
    }
    const admin = anomalies.find((row) => row.reader?.id === adminId)!;
    expect(admin).toMatchObject({ role: 'ORG_ADMIN', usual: 5, threshold: 30 });
    expect([read - 1, read]).toContain(admin.persons); // the admin's own card, if listed, is not logged
    // A class teacher reading a handful of cards is not an anomaly.
    expect(anomalies.some((row) => row.reader?.id === classTeacherId)).toBe(false);

    for (const login of ['admin', 'guardian']) {
      const refused = await platform.query({ login }, ANOMALIES);
      expect(refused.errors?.[0]?.extensions?.code, login).toBe('FORBIDDEN');
    }
  });
});

describe('storage', () => {
  it('is append-only for the people role: insert and select, never update or delete', async () => {
    const people = createDb(platform.database.roleUrl(registryEntry('people')), { max: 1 });
    try {
      const [partition] = await platform.admin.sql<{ name: string }[]>`
        select c.relname as name from pg_inherits i join pg_class c on c.oid = i.inhrelid
        where i.inhparent = 'people.pii_reads'::regclass and c.relname <> 'pii_reads_default' order by 1 desc limit 1`;
      await people.sql`insert into people.pii_reads (id, read_at, person_id, reader_person_id, role, fields)
        values (gen_random_uuid(), now(), ${studentId}, ${adminId}, 'ORG_ADMIN', array['snils'])`;
      await expect(people.sql`select count(*) from people.pii_reads`).resolves.toBeDefined();
      for (const table of ['people.pii_reads', `people.${partition!.name}`, 'people.pii_reads_default']) {
        await expect(people.sql.unsafe(`update ${table} set role = 'X'`), table).rejects.toThrow(/permission denied/);
        await expect(people.sql.unsafe(`delete from ${table}`), table).rejects.toThrow(/permission denied/);
        await expect(people.sql.unsafe(`truncate ${table}`), table).rejects.toThrow(/permission denied/);
      }
      expect(SUBGRAPH_ROLES.people.role).toBe('people_svc');
    } finally {
      await people.close();
    }
  });

  it('creates months ahead and drops the months past the retention, through the owner functions only', async () => {
    const people = createDb(platform.database.roleUrl(registryEntry('people')), { max: 1 });
    try {
      // A read that fell into the default partition (no month yet) moves into its month when it is created.
      await platform.admin.sql`insert into people.pii_reads (id, read_at, person_id, reader_person_id, role, fields)
        values (gen_random_uuid(), '2031-03-10T10:00:00Z', ${studentId}, ${adminId}, 'ORG_ADMIN', array['snils'])`;
      const created = await maintainPiiReadPartitions(people.db, new Date('2031-03-15T00:00:00Z'), 36);
      expect(created.created).toBe(4);
      const [moved] = await platform.admin.sql<{ n: number }[]>`
        select count(*)::int as n from people.pii_reads_2031_03`;
      expect(moved!.n).toBe(1);
      // 36 months before March 2031: every month before March 2028 goes, with its rows.
      expect(created.dropped).toContain('pii_reads_2026_01');
      expect(created.dropped).toContain('pii_reads_2027_12');
      const [left] = await platform.admin.sql<{ n: number }[]>`
        select count(*)::int as n from people.pii_reads where read_at < '2028-03-01'`;
      expect(left!.n).toBe(0);
    } finally {
      await people.close();
    }
  });
});
