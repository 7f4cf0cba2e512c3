/**
 * The change feed (issue 14 §2) through the gateway, as the demo municipal system runs it — by the hashes of its
 * manifest: it reads from the start, a mark and an enrolment made next appear in the next page, a withdrawn consent
 * appears as a tombstone, and a change committed by a slow concurrent transaction (opened before a read,
 * committed after it) is not skipped. Territory: its municipality only; persons without `changes:read` refused.
 */
import { readFileSync } from 'node:fs';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPlatform, type GraphQLResponse, type Platform } from '../src/platform.ts';

const TODAY = new Date('2026-11-20T07:00:00Z');

interface Change {
  version: string;
  kind: 'UPSERT' | 'DELETE';
  entity: string;
  id: string;
  organizationId: string | null;
  personId: string | null;
  classId: string | null;
  reason: string | null;
}
interface Page {
  changes: Change[];
  cursor: string;
  hasMore: boolean;
}

const manifest = JSON.parse(
  readFileSync(new URL('../../db/src/demo/manifests/mis-municipality-1.json', import.meta.url), 'utf8'),
) as { operations: { id: string; name: string; body: string }[] };
const hashOf = (name: string) => manifest.operations.find((operation) => operation.name === name)!.id;
const bodyOf = (name: string) => manifest.operations.find((operation) => operation.name === name)!.body;

let platform: Platform;
let token: string;
let ownOrganizations: Set<string>;

type Feed = 'people' | 'learning' | 'admissions';
const OPERATION: Record<Feed, string> = {
  people: 'PeopleChanges',
  learning: 'LearningChanges',
  admissions: 'AdmissionsChanges',
};

async function page(feed: Feed, entity: string, since: string | null, first = 200): Promise<Page> {
  const response = await fetch(platform.gatewayUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({
      variables: { entity, since, first },
      extensions: {
        persistedQuery: { version: 1, sha256Hash: hashOf(OPERATION[feed]) },
      },
    }),
  });
  const body = (await response.json()) as { data?: Record<string, Page>; errors?: unknown[] };
  expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
  return body.data![`${feed}Changes`]!;
}

/** Every page from `since` to the end, as a consumer on a schedule reads it. */
async function walk(feed: Feed, entity: string, since: string | null) {
  const changes: Change[] = [];
  let cursor = since;
  let pages = 0;
  for (;;) {
    const next = await page(feed, entity, cursor);
    changes.push(...next.changes);
    cursor = next.cursor;
    pages += 1;
    if (!next.hasMore) return { changes, cursor: cursor!, pages };
  }
}

/**
 * Reads from `since` until `found` holds. The read bound is the oldest transaction running in the whole cluster,
 * and other test files share it: a change may show a moment later than its commit, never never.
 */
async function waitFor(feed: Feed, entity: string, since: string, found: (changes: Change[]) => boolean) {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const { changes, cursor } = await walk(feed, entity, since);
    if (found(changes) || Date.now() > deadline) return { changes, cursor };
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Where the feed ends now (the cursor format is plain and documented: `v1.<version>.<seq>`). */
async function head(schema: Feed): Promise<string> {
  const [row] = await platform.admin.sql.unsafe<{ txid: string; seq: string }[]>(
    `select c.txid::text as txid, c.seq::text as seq from ${schema}.changes c order by c.txid desc, c.seq desc limit 1`,
  );
  return `v1.${row!.txid}.${row!.seq}`;
}

beforeAll(async () => {
  platform = await startPlatform({ now: TODAY });
  token = await platform.serviceToken('mis-municipality-1');
  const rows = await platform.admin.sql<{ id: string }[]>`
    select o.id from people.organizations o join people.service_accounts s on s.municipality_id = o.municipality_id
    where s.client_id = 'mis-municipality-1'`;
  ownOrganizations = new Set(rows.map((row) => row.id));
});

afterAll(async () => {
  await platform?.stop();
});

describe('the change feed of a municipal system', () => {
  it('reads from the start every class of its municipality and none of another, in version order', async () => {
    const { changes, pages } = await walk('learning', 'CLASS', null);
    const expected = await platform.admin.sql<{ id: string }[]>`
      select id from learning.classes where organization_id in ${platform.admin.sql([...ownOrganizations])}`;
    expect(new Set(changes.map((change) => change.id))).toEqual(new Set(expected.map((row) => row.id)));
    expect(changes.every((change) => ownOrganizations.has(change.organizationId!))).toBe(true);
    expect(changes.every((change) => change.kind === 'UPSERT' && change.entity === 'CLASS')).toBe(true);
    const versions = changes.map((change) => BigInt(change.version));
    expect(versions.every((version, i) => i === 0 || version >= versions[i - 1]!)).toBe(true);
    expect(pages).toBeGreaterThanOrEqual(1);
  });

  it('costs one statement per page of 200 (10,000 changes: 50 statements)', async () => {
    const marks = await page('learning', 'MARK', null, 200);
    expect(marks.changes).toHaveLength(200);
    expect(marks.hasMore).toBe(true);
    const statements = await platform.recordStatements(() => page('learning', 'MARK', marks.cursor, 200));
    expect(statements).toHaveLength(1);
    expect(statements[0]).toMatch(/from "learning"\."changes"/);
  });

  it('passes a mark and an enrolment made next in the next page, then the consent withdrawn as a tombstone', async () => {
    const marksFrom = await head('learning');
    const peopleFrom = await head('people');
    const [mark] = await platform.admin.sql<{ id: string; organization_id: string }[]>`
      insert into learning.marks (school_year, organization_id, class_id, subject_id, student_id, lesson_id, date,
        kind, value, set_by)
      select m.school_year, m.organization_id, m.class_id, m.subject_id, m.student_id, m.lesson_id, m.date,
        'CONTROL', '5', m.set_by
      from learning.marks m
      where m.organization_id in ${platform.admin.sql([...ownOrganizations])} and m.kind = 'CURRENT'
        and m.deleted_at is null and m.lesson_id is not null
        and not exists (select 1 from learning.marks c where c.school_year = m.school_year and c.lesson_id = m.lesson_id
          and c.student_id = m.student_id and c.kind = 'CONTROL' and c.deleted_at is null)
      limit 1
      returning id, organization_id`;
    const school = mark!.organization_id;
    const [person] = await platform.admin.sql<{ id: string }[]>`
      insert into people.persons (last_name, first_name, normalized_name, birth_date)
      values ('Лентова', 'Вера', 'лентова вера', '2019-05-05') returning id`;
    const [enrolment] = await platform.admin.sql<{ id: string }[]>`
      insert into people.enrolments (person_id, organization_id, started_on)
      values (${person!.id}, ${school}, '2026-11-20') returning id`;

    const marks = await waitFor('learning', 'MARK', marksFrom, (changes) => changes.some((c) => c.id === mark!.id));
    expect(marks.changes).toContainEqual(
      expect.objectContaining({ kind: 'UPSERT', entity: 'MARK', id: mark!.id, organizationId: school }),
    );
    const enrolments = await waitFor('people', 'ENROLMENT', peopleFrom, (changes) =>
      changes.some((c) => c.id === enrolment!.id),
    );
    expect(enrolments.changes).toEqual([
      expect.objectContaining({ kind: 'UPSERT', id: enrolment!.id, personId: person!.id, organizationId: school }),
    ]);
    const persons = await walk('people', 'PERSON', peopleFrom);
    expect(persons.changes).toContainEqual(
      expect.objectContaining({ kind: 'UPSERT', id: person!.id, organizationId: school }),
    );

    // Rule 5: the consent withdrawn, the copy elsewhere must forget the person.
    await platform.admin.sql`insert into people.consents (person_id, kind) values (${person!.id}, 'PROCESSING')`;
    await platform.admin.sql`update people.consents set withdrawn_at = now()
      where person_id = ${person!.id} and kind = 'PROCESSING'`;
    const after = await waitFor('people', 'PERSON', persons.cursor, (changes) =>
      changes.some((c) => c.kind === 'DELETE'),
    );
    expect(after.changes.map(({ kind, id, reason }) => ({ kind, id, reason }))).toEqual([
      { kind: 'UPSERT', id: person!.id, reason: 'CONSENT_GRANTED' },
      { kind: 'DELETE', id: person!.id, reason: 'CONSENT_WITHDRAWN' },
    ]);
  });

  it('passes an application to one of its schools next, and a choice removed as a tombstone for that school', async () => {
    const from = await head('admissions');
    const [school, other] = [...ownOrganizations];
    const [application] = await platform.admin.sql<{ id: string }[]>`
      insert into admissions.applications (kind, year, child_last_name, child_first_name, child_birth_date, source,
        registered_at, category)
      values ('FIRST_GRADE', 2027, 'Лентов', 'Пётр', '2020-02-02', 'IN_PERSON', ${TODAY.toISOString()}, 'OTHER')
      returning id`;
    await platform.admin.sql`insert into admissions.application_choices (application_id, organization_id, preference)
      values (${application!.id}, ${school!}, 1), (${application!.id}, ${other!}, 2)`;
    await platform.admin.sql`delete from admissions.application_choices
      where application_id = ${application!.id} and organization_id = ${other!}`;
    const { changes } = await waitFor('admissions', 'APPLICATION', from, (found) => found.length >= 3);
    const keys = changes.map(({ kind, id, organizationId }) => ({ kind, id, organizationId }));
    expect(keys).toHaveLength(3);
    // The two choices come from one statement, in either order; the removal after them.
    expect(keys.slice(0, 2)).toEqual(
      expect.arrayContaining([
        { kind: 'UPSERT', id: application!.id, organizationId: school },
        { kind: 'UPSERT', id: application!.id, organizationId: other },
      ]),
    );
    expect(keys[2]).toEqual({ kind: 'DELETE', id: application!.id, organizationId: other });
  });

  it('never skips a change committed late by a slow transaction opened before a read', async () => {
    const from = await head('learning');
    const [slowClass, quickClass] = await platform.admin.sql<{ id: string }[]>`
      select c.id from learning.classes c where c.organization_id in ${platform.admin.sql([...ownOrganizations])}
      order by c.id limit 2`;
    const slowConnection = postgres(platform.database.adminUrl, { max: 1, onnotice: () => {} });
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    try {
      let written!: () => void;
      const wasWritten = new Promise<void>((resolve) => (written = resolve));
      // The slow writer takes its transaction id first, then waits.
      const slow = slowConnection.begin(async (tx) => {
        await tx`update learning.classes set letter = letter where id = ${slowClass!.id}`;
        written();
        await released;
      });
      await wasWritten;
      // A quick writer commits after it: a bigger transaction id, committed first.
      await platform.admin.sql`update learning.classes set letter = letter where id = ${quickClass!.id}`;

      const during = await walk('learning', 'CLASS', from);
      // Neither is passed while the slow one runs: the quick one sorts after it.
      expect(during.changes).toEqual([]);
      expect(during.cursor).toBe(from);

      release();
      await slow;
      const after = await waitFor('learning', 'CLASS', during.cursor, (changes) => changes.length >= 2);
      // The slow one first: its transaction began first, whatever the order of the commits.
      expect(after.changes.map((change) => change.id)).toEqual([slowClass!.id, quickClass!.id]);
      expect(BigInt(after.changes[0]!.version)).toBeLessThan(BigInt(after.changes[1]!.version));
    } finally {
      // A failed expectation must not leave the slow transaction waiting for ever.
      release();
      await slowConnection.end();
    }
  });

  it('refuses a person without changes:read (FORBIDDEN) and answers the regional operator', async () => {
    const text = bodyOf('PeopleChanges');
    const coordinator = await platform.query({ login: 'coordinator' }, text, { entity: 'ORGANIZATION', first: 5 });
    expect(coordinator.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const operator = await platform.query<{ peopleChanges: Page }>({ login: 'operator' }, text, {
      entity: 'ORGANIZATION',
      first: 200,
    });
    expect(operator.errors).toBeUndefined();
    expect(operator.data!.peopleChanges.changes.some((change) => !ownOrganizations.has(change.id))).toBe(true);
  });

  it('refuses a malformed cursor with BAD_USER_INPUT naming since', async () => {
    const response = await fetch(platform.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({
        variables: { entity: 'PERSON', since: 'c1.garbage' },
        extensions: { persistedQuery: { version: 1, sha256Hash: hashOf('PeopleChanges') } },
      }),
    });
    const body = (await response.json()) as GraphQLResponse;
    expect(body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect((body.errors?.[0]?.extensions as { field?: string }).field).toBe('since');
  });
});
