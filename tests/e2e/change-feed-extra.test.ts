/**
 * The change feed of extra education and the pruning of every feed (issue 14 §2), through the gateway as the
 * demo municipal system runs it (by its manifest's hash). A certificate belongs to its municipality (rule 19): the
 * municipal system reads its municipality's certificates and no other's; a status change is an UPSERT next. A
 * pruned log tells a consumer whose cursor lies below the pruned horizon to start again (`CONFLICT`,
 * `CURSOR_EXPIRED`) instead of answering a page with a silent gap; a consumer at the head reads on.
 */
import { readFileSync } from 'node:fs';
import { createDb, extraEducationTables } from '@region/db';
import { pruneChanges } from '@region/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPlatform, type GraphQLResponse, type Platform } from '../src/platform.ts';

const TODAY = new Date('2026-11-20T07:00:00Z');

interface Change {
  version: string;
  kind: 'UPSERT' | 'DELETE';
  entity: string;
  id: string;
  organizationId: string | null;
  municipalityId: string | null;
  personId: string | null;
}
interface Page {
  changes: Change[];
  cursor: string;
  hasMore: boolean;
}

const manifest = JSON.parse(
  readFileSync(new URL('../../db/src/demo/manifests/mis-municipality-1.json', import.meta.url), 'utf8'),
) as { operations: { id: string; name: string; body: string }[] };
const HASH = manifest.operations.find((operation) => operation.name === 'ExtraEducationChanges')!.id;

let platform: Platform;
let token: string;
let municipalityId: string;

async function request(
  entity: string,
  since: string | null,
): Promise<GraphQLResponse<{ extraEducationChanges: Page }>> {
  const response = await fetch(platform.gatewayUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({
      variables: { entity, since, first: 200 },
      extensions: { persistedQuery: { version: 1, sha256Hash: HASH } },
    }),
  });
  return (await response.json()) as GraphQLResponse<{ extraEducationChanges: Page }>;
}

/** Every page from `since` to the end (the read bound is cluster-wide: a change may show a moment late). */
async function walk(entity: string, since: string | null, until: (changes: Change[]) => boolean = () => true) {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const changes: Change[] = [];
    let cursor = since;
    for (;;) {
      const body = await request(entity, cursor);
      expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
      const page = body.data!.extraEducationChanges;
      changes.push(...page.changes);
      cursor = page.cursor;
      if (!page.hasMore) break;
    }
    if (until(changes) || Date.now() > deadline) return { changes, cursor: cursor! };
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

beforeAll(async () => {
  platform = await startPlatform({ now: TODAY });
  token = await platform.serviceToken('mis-municipality-1');
  const [account] = await platform.admin.sql<{ municipality_id: string }[]>`
    select municipality_id from people.service_accounts where client_id = 'mis-municipality-1'`;
  municipalityId = account!.municipality_id;
});

afterAll(async () => {
  await platform?.stop();
});

describe('the change feed of extra education', () => {
  it("reads from the start exactly its municipality's certificates, each marked with the municipality", async () => {
    const { changes } = await walk('CERTIFICATE', null);
    const own = await platform.admin.sql<{ id: string }[]>`
      select id from extra_education.certificates where municipality_id = ${municipalityId}`;
    const others = await platform.admin.sql<{ count: number }[]>`
      select count(*)::int as count from extra_education.certificates where municipality_id <> ${municipalityId}`;
    expect(own.length).toBeGreaterThan(0);
    expect(others[0]!.count).toBeGreaterThan(0);
    expect(new Set(changes.map((change) => change.id))).toEqual(new Set(own.map((row) => row.id)));
    expect(
      changes.every(
        (change) =>
          change.municipalityId === municipalityId && change.organizationId === null && change.kind === 'UPSERT',
      ),
    ).toBe(true);
  });

  it("passes a certificate's status change next, and no certificate of another municipality", async () => {
    const { cursor } = await walk('CERTIFICATE', null);
    const [own] = await platform.admin.sql<{ id: string }[]>`
      select id from extra_education.certificates where municipality_id = ${municipalityId} order by id limit 1`;
    const [other] = await platform.admin.sql<{ id: string }[]>`
      select id from extra_education.certificates where municipality_id <> ${municipalityId} order by id limit 1`;
    await platform.admin.sql`
      insert into extra_education.certificate_status_changes (certificate_id, status, reason)
      values (${other!.id}, 'FROZEN', 'тест ленты'), (${own!.id}, 'FROZEN', 'тест ленты')`;
    const next = await walk('CERTIFICATE', cursor, (changes) => changes.length > 0);
    expect(next.changes.map(({ kind, id }) => ({ kind, id }))).toEqual([{ kind: 'UPSERT', id: own!.id }]);
  });

  it("reads contracts of its municipality's organizations only; the regional operator reads every one", async () => {
    const { changes } = await walk('CONTRACT', null);
    const own = await platform.admin.sql<{ id: string }[]>`
      select k.id from extra_education.contracts k
      join people.organizations o on o.id = k.organization_id where o.municipality_id = ${municipalityId}`;
    expect(new Set(changes.map((change) => change.id))).toEqual(new Set(own.map((row) => row.id)));
    const operator = await platform.query<{ extraEducationChanges: Page }>(
      { login: 'operator' },
      manifest.operations.find((operation) => operation.name === 'ExtraEducationChanges')!.body,
      { entity: 'CONTRACT', first: 200 },
    );
    expect(operator.errors).toBeUndefined();
    const [all] = await platform.admin.sql<{ count: number }[]>`
      select count(*)::int as count from extra_education.contracts`;
    expect(operator.data!.extraEducationChanges.changes).toHaveLength(Math.min(all!.count, 200));
  });

  it('refuses a coordinator without changes:read (FORBIDDEN)', async () => {
    const response = await platform.query(
      { login: 'coordinator' },
      manifest.operations.find((operation) => operation.name === 'ExtraEducationChanges')!.body,
      { entity: 'CERTIFICATE', first: 5 },
    );
    expect(response.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('after pruning, an older cursor is refused with CONFLICT (CURSOR_EXPIRED) and the head reads on', async () => {
    const first = await request('CERTIFICATE', null);
    const old = first.data!.extraEducationChanges.changes[0]!;
    const oldCursor = first.data!.extraEducationChanges.cursor;
    const { cursor: headCursor } = await walk('CERTIFICATE', null);
    expect(old).toBeDefined();

    const { db, close } = createDb(platform.database.adminUrl, { max: 1 });
    try {
      const log = { log: extraEducationTables.changes, horizon: extraEducationTables.changesHorizon };
      const deleted = await pruneChanges(db, log, new Date(Date.now() + 60_000), 7);
      expect(deleted).toBeGreaterThan(7);
      // Idempotent: nothing left to prune, the horizon stays.
      expect(await pruneChanges(db, log, new Date(Date.now() + 60_000))).toBe(0);
    } finally {
      await close();
    }

    const expired = await request('CERTIFICATE', oldCursor);
    expect(expired.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(expired.errors?.[0]?.extensions).toMatchObject({ field: 'since', reason: 'CURSOR_EXPIRED' });
    expect(expired.errors?.[0]?.message).toMatch(/сначала/);

    // The consumer at the head missed nothing: it reads the next change.
    const [own] = await platform.admin.sql<{ id: string }[]>`
      select id from extra_education.certificates where municipality_id = ${municipalityId} order by id desc limit 1`;
    await platform.admin.sql`
      insert into extra_education.certificate_status_changes (certificate_id, status, reason)
      values (${own!.id}, 'FROZEN', 'после очистки')`;
    const next = await walk('CERTIFICATE', headCursor, (changes) => changes.length > 0);
    expect(next.changes.map((change) => change.id)).toEqual([own!.id]);
    // From the start, the retained history only.
    const fromStart = await walk('CERTIFICATE', null, (changes) => changes.length > 0);
    expect(fromStart.changes.map((change) => change.id)).toEqual([own!.id]);
  });
});
