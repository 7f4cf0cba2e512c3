/**
 * The «Моя школа» data mart (issue 14 §3) over a real PostgreSQL, real HTTP and dev ESIA's stand-in receiver:
 * the learning-mart worker cuts the demo school's classes, lessons and marks from learning's change log and
 * delivers them; a mark made next goes in the next batch; a delivery failed before or after the receiver stored
 * it is retried under the same key and stored once; a refused record shows in the delivery report with its
 * reason; a withdrawn consent reaches the receiver as the learner's deletion; the report's access.
 */
import { createDb, type DbHandle } from '@region/db';
import { createLogger, gatewayClient } from '@region/kit';
import { peopleChangesReader } from '../../subgraphs/learning/src/mart/people-feed.ts';
import { martReceiver } from '../../subgraphs/learning/src/mart/receiver.ts';
import { pseudonym, type MartRecord } from '../../subgraphs/learning/src/mart/records.ts';
import { createMartWorker } from '../../subgraphs/learning/src/mart/worker.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPlatform, type Platform } from '../src/platform.ts';

const TODAY = new Date('2026-11-20T07:00:00Z');
const KEY = 'test-moya-shkola-pseudonym-key-0123456789';

interface StoredBatch {
  batchId: string;
  organizationId: string;
  records: MartRecord[];
  answer: { accepted: number; refused: { type: string; id: string; code: string; reason: string }[] };
  deliveries: number;
}

let platform: Platform;
let learning: DbHandle;
let school: string;
let otherSchool: string;
let worker: ReturnType<typeof createMartWorker>;

async function received(): Promise<StoredBatch[]> {
  const response = await fetch(`${platform.esiaUrl}/moya-shkola/batches`);
  return ((await response.json()) as StoredBatch[]).filter((batch) => batch.organizationId === school);
}

async function control(path: 'refuse' | 'fail', body: unknown): Promise<void> {
  const response = await fetch(`${platform.esiaUrl}/moya-shkola/dev/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(response.status).toBe(200);
}

/**
 * Runs the worker until `found` holds for what the receiver stored. The change log's read bound is the oldest
 * transaction running in the cluster, which other test files share: a change may be cut a moment later.
 */
async function runUntil(found: (batches: StoredBatch[]) => boolean, withinMs = 60_000): Promise<StoredBatch[]> {
  const deadline = Date.now() + withinMs;
  for (;;) {
    await worker.runOnce();
    const batches = await received();
    if (found(batches)) return batches;
    if (Date.now() > deadline) throw new Error('the receiver never got the expected records');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const recordsOf = (batches: StoredBatch[]) => batches.flatMap((batch) => batch.records);

/** A new control mark of the school, as a teacher would set it (the first lesson mark without one). */
async function newMark(of: { student?: string; except?: string } = {}): Promise<{ id: string; student_id: string }> {
  const [mark] = await platform.admin.sql<{ id: string; student_id: string }[]>`
    insert into learning.marks (school_year, organization_id, class_id, subject_id, student_id, lesson_id, date,
      kind, value, set_by)
    select m.school_year, m.organization_id, m.class_id, m.subject_id, m.student_id, m.lesson_id, m.date,
      'CONTROL', '4', m.set_by
    from learning.marks m
    where m.organization_id = ${school} and m.kind = 'CURRENT' and m.deleted_at is null and m.lesson_id is not null
      and (${of.student ?? null}::uuid is null or m.student_id = ${of.student ?? null}::uuid)
      and (${of.except ?? null}::uuid is null or m.student_id <> ${of.except ?? null}::uuid)
      and not exists (select 1 from learning.marks c where c.school_year = m.school_year and c.lesson_id = m.lesson_id
        and c.student_id = m.student_id and c.kind = 'CONTROL' and c.deleted_at is null)
    limit 1
    returning id, student_id`;
  return mark!;
}

const REPORT = `query Report($organizationId: ID!, $first: Int = 200) {
  moyaShkolaDeliveryReport(organizationId: $organizationId, first: $first) {
    organizationId acceptedRecords refusedRecords pendingBatches deadBatches lastDeliveredAt
    batches { id status attempts records accepted lastError refusals { recordType recordId code reason } }
  }
}`;

beforeAll(async () => {
  platform = await startPlatform({ now: TODAY });
  learning = createDb(platform.database.roleUrl('learning'), { max: 4 });
  const [own] = await platform.admin.sql<{ organization_id: string }[]>`
    select g.organization_id from people.role_grants g join people.esia_links l on l.person_id = g.person_id
    where l.esia_oid = '1000000104' and g.role = 'ORG_ADMIN'`;
  school = own!.organization_id;
  const [other] = await platform.admin.sql<{ organization_id: string }[]>`
    select g.organization_id from people.role_grants g join people.esia_links l on l.person_id = g.person_id
    where l.esia_oid = '1000000119' and g.role = 'ORG_ADMIN'`;
  otherSchool = other!.organization_id;
  worker = createMartWorker({
    db: learning.db,
    logger: createLogger('mart-test', 'silent'),
    deliver: martReceiver({
      url: `${platform.esiaUrl}/moya-shkola/batches`,
      token: 'test-moya-shkola-token',
      timeoutMs: 10_000,
    }),
    peopleChanges: peopleChangesReader(
      gatewayClient({
        gatewayUrl: platform.gatewayUrl,
        token: () => platform.serviceToken('learning-mart'),
        timeoutMs: 10_000,
      }),
    ),
    pseudonymKey: KEY,
    // The school connected to «Моя школа» in this test; the rest of the region's log is passed over.
    organizations: [school],
    // Retry at once: the test drives the runs.
    backoff: () => 0,
  });
}, 120_000);

afterAll(async () => {
  await learning?.close();
  await platform?.stop();
});

describe('the «Моя школа» data mart', () => {
  it("delivers the demo school's classes, study periods, lessons and marks, learners by pseudonym only", async () => {
    const classes = await platform.admin.sql<{ id: string }[]>`
      select id from learning.classes where organization_id = ${school}`;
    // The first run follows people's feed first: learners whose consent the demo has withdrawn are forgotten.
    await worker.runOnce();
    const marks = await platform.admin.sql<{ id: string; student_id: string }[]>`
      select id, student_id from learning.marks where organization_id = ${school} and deleted_at is null
        and student_id not in (select person_id from learning.mart_withdrawn)`;
    expect(marks.length).toBeGreaterThan(0);
    const batches = await runUntil((found) => {
      const ids = new Set(recordsOf(found).map((record) => record.id));
      return marks.every((mark) => ids.has(mark.id)) && classes.every((row) => ids.has(row.id));
    }, 200_000);
    const records = recordsOf(batches);
    expect(new Set(records.filter((r) => r.type === 'CLASS').map((r) => r.id))).toEqual(
      new Set(classes.map((row) => row.id)),
    );
    // Replayed in delivery order, the receiver's marks are the school's live marks (a corrected mark may come
    // twice, a deleted one as a deletion).
    const live = new Set<string>();
    for (const record of records.filter((r) => r.type === 'MARK')) {
      if (record.op === 'UPSERT') live.add(record.id);
      else live.delete(record.id);
    }
    expect(live).toEqual(new Set(marks.map((mark) => mark.id)));
    expect(records.some((r) => r.type === 'STUDY_PERIOD')).toBe(true);
    const lesson = records.find((r) => r.type === 'LESSON' && r.data?.['topic']);
    expect(lesson?.data).toEqual(expect.objectContaining({ subject: expect.any(String), date: expect.any(String) }));
    const mark = records.find((r) => r.id === marks[0]!.id)!;
    expect(mark.data?.['learnerId']).toBe(pseudonym(KEY, marks[0]!.student_id));
    // No person's id, name or SNILS leaves the region: learners and teachers travel as pseudonyms.
    const sent = JSON.stringify(batches);
    const persons = await platform.admin.sql<{ id: string; last_name: string; snils: string | null }[]>`
      select p.id, p.last_name, p.snils from people.persons p
      where p.id in (select student_id from learning.marks where organization_id = ${school})
         or p.id in (select teacher_id from learning.lessons where organization_id = ${school})`;
    expect(persons.length).toBeGreaterThan(0);
    for (const person of persons) {
      expect(sent).not.toContain(person.id);
      if (person.snils) expect(sent).not.toContain(person.snils);
    }
    // Every batch is the school's and holds one entity's range of the log.
    expect(batches.every((batch) => batch.batchId.startsWith(`${school}:`))).toBe(true);

    const report = await platform.query<{
      moyaShkolaDeliveryReport: { acceptedRecords: number; pendingBatches: number; refusedRecords: number };
    }>({ login: 'operator' }, REPORT, { organizationId: school });
    expect(report.errors).toBeUndefined();
    expect(report.data!.moyaShkolaDeliveryReport).toEqual(
      expect.objectContaining({ acceptedRecords: records.length, pendingBatches: 0, refusedRecords: 0 }),
    );
  }, 240_000);

  it('sends a mark made next in the next batch, and only what changed', async () => {
    const before = new Set((await received()).map((batch) => batch.batchId));
    const mark = await newMark();
    const batches = await runUntil((found) => recordsOf(found).some((record) => record.id === mark.id));
    const fresh = batches.filter((batch) => !before.has(batch.batchId));
    expect(fresh).toHaveLength(1);
    expect(fresh[0]!.batchId).toContain(':MARK:');
    expect(fresh[0]!.records).toEqual([
      expect.objectContaining({
        type: 'MARK',
        op: 'UPSERT',
        id: mark.id,
        data: expect.objectContaining({ value: '4', kind: 'CONTROL', learnerId: pseudonym(KEY, mark.student_id) }),
      }),
    ]);
    // A deleted mark is a deletion for the receiver.
    await platform.admin.sql`update learning.marks set deleted_at = now() where id = ${mark.id}`;
    const after = await runUntil((found) =>
      recordsOf(found).some((record) => record.id === mark.id && record.op === 'DELETE'),
    );
    expect(
      recordsOf(after)
        .filter((record) => record.id === mark.id)
        .map((record) => record.op),
    ).toEqual(['UPSERT', 'DELETE']);
  }, 120_000);

  it.each(['after-store', 'before-store'] as const)(
    'retries a delivery that failed %s under the same key, and the receiver stores it once',
    async (when) => {
      await control('fail', { count: 1, when });
      const mark = await newMark();
      // The first run fails: the batch stays pending with its error and the attempt counted.
      let failed = 0;
      const deadline = Date.now() + 30_000;
      while (failed === 0 && Date.now() < deadline) failed = (await worker.runOnce()).failed;
      expect(failed).toBe(1);
      const [pending] = await platform.admin.sql<
        { id: string; status: string; attempts: number; last_error: string }[]
      >`
        select id, status, attempts, last_error from learning.mart_batches
        where organization_id = ${school} and records @> ${JSON.stringify([{ id: mark.id }])}::jsonb`;
      expect(pending).toEqual(
        expect.objectContaining({ status: 'PENDING', attempts: 1, last_error: 'receiver answered 503' }),
      );
      expect((await received()).filter((batch) => batch.batchId === pending!.id)).toHaveLength(
        when === 'after-store' ? 1 : 0,
      );

      const batches = await runUntil((found) => found.some((batch) => batch.batchId === pending!.id));
      const stored = batches.filter((batch) => recordsOf([batch]).some((record) => record.id === mark.id));
      expect(stored).toHaveLength(1);
      expect(stored[0]!.batchId).toBe(pending!.id);
      expect(stored[0]!.deliveries).toBe(when === 'after-store' ? 2 : 1);
      const [delivered] = await platform.admin.sql<{ status: string; attempts: number }[]>`
        select status, attempts from learning.mart_batches where id = ${pending!.id}`;
      expect(delivered).toEqual({ status: 'DELIVERED', attempts: 2 });
    },
    120_000,
  );

  it('shows a refused record in the delivery report with its code and reason', async () => {
    const [membership] = await platform.admin.sql<{ id: string }[]>`
      select m.id from learning.class_members m join learning.classes c on c.id = m.class_id
      where c.organization_id = ${school} and m.left_on is null limit 1`;
    await control('refuse', {
      type: 'CLASS_MEMBERSHIP',
      id: membership!.id,
      code: 'NO_SNILS',
      reason: 'Обучающийся не найден в ЕСИА: нет СНИЛС',
    });
    await platform.admin.sql`update learning.class_members set repeater = repeater where id = ${membership!.id}`;
    await runUntil((found) =>
      found.some((batch) => batch.answer.refused.some((refusal) => refusal.id === membership!.id)),
    );
    const report = await platform.query<{
      moyaShkolaDeliveryReport: {
        refusedRecords: number;
        batches: {
          status: string;
          refusals: { recordType: string; recordId: string; code: string; reason: string }[];
        }[];
      };
    }>({ login: 'admin' }, REPORT, { organizationId: school });
    expect(report.errors).toBeUndefined();
    const { refusedRecords, batches } = report.data!.moyaShkolaDeliveryReport;
    expect(refusedRecords).toBe(1);
    expect(batches.flatMap((batch) => batch.refusals)).toEqual([
      {
        recordType: 'CLASS_MEMBERSHIP',
        recordId: membership!.id,
        code: 'NO_SNILS',
        reason: 'Обучающийся не найден в ЕСИА: нет СНИЛС',
      },
    ]);
  }, 120_000);

  it('delivers a withdrawn consent as the learner’s deletion and sends nothing more of theirs', async () => {
    const [member] = await platform.admin.sql<{ person_id: string }[]>`
      select m.person_id from learning.class_members m join learning.classes c on c.id = m.class_id
      where c.organization_id = ${school} and m.left_on is null
        and exists (select 1 from learning.marks k where k.student_id = m.person_id and k.kind = 'CURRENT'
          and k.lesson_id is not null and k.deleted_at is null)
      order by m.person_id desc limit 1`;
    const learner = member!.person_id;
    await platform.admin.sql`
      insert into people.consents (person_id, kind) values (${learner}, 'PROCESSING') on conflict do nothing`;
    await platform.admin.sql`update people.consents set withdrawn_at = now()
      where person_id = ${learner} and kind = 'PROCESSING' and withdrawn_at is null`;
    const id = pseudonym(KEY, learner);
    await runUntil((found) =>
      recordsOf(found).some((record) => record.type === 'LEARNER' && record.op === 'DELETE' && record.id === id),
    );

    const mark = await newMark({ student: learner });
    const other = await newMark({ except: learner });
    const batches = await runUntil((found) => recordsOf(found).some((record) => record.id === other.id));
    expect(recordsOf(batches).some((record) => record.id === mark.id)).toBe(false);
  }, 120_000);
});

describe('access to the delivery report', () => {
  it('lets the regional operator read any school and an org admin their own', async () => {
    for (const [login, organizationId] of [
      ['operator', school],
      ['operator', otherSchool],
      ['admin', school],
      ['admin2', otherSchool],
    ] as const) {
      const result = await platform.query<{ moyaShkolaDeliveryReport: { organizationId: string } }>({ login }, REPORT, {
        organizationId,
      });
      expect(result.errors, `${login}`).toBeUndefined();
      expect(result.data!.moyaShkolaDeliveryReport.organizationId).toBe(organizationId);
    }
  });

  it("refuses another school's admin, a teacher and a municipal system with FORBIDDEN", async () => {
    const admin2 = await platform.query({ login: 'admin2' }, REPORT, { organizationId: school });
    expect(admin2.errors?.map((error) => error.extensions?.code)).toEqual(['FORBIDDEN']);
    const teacher = await platform.query({ login: 'teacher' }, REPORT, { organizationId: school });
    expect(teacher.errors?.map((error) => error.extensions?.code)).toEqual(['FORBIDDEN']);
    // A system without a manifest (the mart's own account runs only its manifest's operation, issue 14 §1).
    const system = await platform.query({ token: await platform.serviceToken('epgu') }, REPORT, {
      // Within the service accounts' query limits, so the refusal is the report's own.
      organizationId: school,
      first: 5,
    });
    expect(system.errors?.map((error) => error.extensions?.code)).toEqual(['FORBIDDEN']);
  });
});
