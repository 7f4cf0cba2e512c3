/**
 * `organizationsNotOpened` as a connection (issue 13 §4): every not-opened organization exactly once across
 * pages, the coordinator's municipality only, a bad cursor refused as bad input.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPlatform, type Platform } from '@region/tests/platform';
import { expectCode, expectOk, TODAY } from './helpers.ts';

let platform: Platform;

const NOT_OPENED = `query ($first: Int, $after: String, $m: ID) {
  organizationsNotOpened(first: $first, after: $after, municipalityId: $m) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { cursor node { status organization { id municipality { id } } } }
  } }`;
type Row = { status: string; organization: { id: string; municipality: { id: string } } };
type Page = {
  organizationsNotOpened: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    edges: { cursor: string; node: Row }[];
  };
};

/** Every page of the list, following `endCursor`. */
async function allPages(login: string, first: number, m?: string) {
  const rows: Row[] = [];
  const totals = new Set<number>();
  let after: string | null = null;
  for (let pages = 0; pages < 200; pages++) {
    const result = await platform.query<Page>({ login }, NOT_OPENED, { first, after, m });
    expectOk(result);
    const page: Page['organizationsNotOpened'] = result.data!.organizationsNotOpened;
    totals.add(page.totalCount);
    expect(page.edges.length).toBeLessThanOrEqual(first);
    rows.push(...page.edges.map((edge) => edge.node));
    if (!page.pageInfo.hasNextPage) break;
    after = page.pageInfo.endCursor;
  }
  expect(totals.size).toBe(1);
  return { rows, total: [...totals][0]! };
}

async function coordinatorMunicipality(): Promise<string> {
  const me = await platform.query<{ me: { grants: { municipality: { id: string } | null }[] } }>(
    { login: 'coordinator' },
    '{ me { grants { municipality { id } } } }',
  );
  expectOk(me);
  return me.data!.me.grants.find((grant) => grant.municipality)!.municipality!.id;
}

beforeAll(async () => {
  // Grants are read per request (TTL 0), so the organizations planted below are the coordinator's at once.
  platform = await startPlatform({ now: TODAY, principalTtlMs: 0 });
  const municipalityId = await coordinatorMunicipality();
  for (let i = 0; i < 7; i += 1) {
    const [org] = await platform.admin.sql<{ id: string }[]>`
      insert into people.organizations (municipality_id, type, full_name, short_name, inn)
      values (${municipalityId}, 'SCHOOL', ${`Школа для проверки страниц № ${i + 1}`},
        ${`Школа страниц № ${i + 1}`}, '7701000000')
      returning id`;
    // A draft year makes the organization known to learning, so the region's list has it too.
    await platform.admin.sql`insert into learning.school_years (organization_id, year, starts_on, ends_on, period_kind)
      values (${org!.id}, 2026, '2026-09-01', '2027-05-31', 'QUARTER')`;
  }
});

afterAll(async () => {
  await platform?.stop();
});

describe('organizationsNotOpened pages', () => {
  it('returns every not-opened organization exactly once across pages, for a coordinator and for the region', async () => {
    for (const login of ['coordinator', 'operator']) {
      const whole = await allPages(login, 200);
      expect(whole.total).toBeGreaterThan(5);
      expect(whole.rows.length).toBe(whole.total);
      for (const first of [1, 3]) {
        const paged = await allPages(login, first);
        const ids = paged.rows.map((row) => row.organization.id);
        expect(new Set(ids).size).toBe(ids.length);
        expect(paged.total).toBe(whole.total);
        expect([...ids].sort()).toEqual(whole.rows.map((row) => row.organization.id).sort());
      }
    }
  });

  it('shows a coordinator only their municipality and refuses another one with FORBIDDEN', async () => {
    const own = await allPages('coordinator', 200);
    const mine = await coordinatorMunicipality();
    expect(new Set(own.rows.map((row) => row.organization.municipality.id))).toEqual(new Set([mine]));
    const filtered = await allPages('coordinator', 200, mine);
    expect(filtered.total).toBe(own.total);

    const region = await allPages('operator', 200);
    const other = region.rows.find((row) => row.organization.municipality.id !== mine);
    expect(other).toBeDefined();
    const asked = await platform.query<Page>({ login: 'coordinator' }, NOT_OPENED, {
      first: 200,
      m: other!.organization.municipality.id,
    });
    expectCode(asked, 'FORBIDDEN');
    expect(asked.data?.organizationsNotOpened ?? null).toBeNull();
  });

  it('refuses a malformed or forged cursor and a page size out of bounds with BAD_USER_INPUT', async () => {
    const page = await platform.query<Page>({ login: 'coordinator' }, NOT_OPENED, { first: 1 });
    expectOk(page);
    const cursor = page.data!.organizationsNotOpened.pageInfo.endCursor!;
    expectOk(await platform.query<Page>({ login: 'coordinator' }, NOT_OPENED, { first: 1, after: cursor }));
    const forged = `${cursor.slice(0, -4)}${cursor.endsWith('AAAA') ? 'BBBB' : 'AAAA'}`;
    for (const after of ['garbage', forged, 'c1.AAAA']) {
      expectCode(await platform.query({ login: 'coordinator' }, NOT_OPENED, { first: 1, after }), 'BAD_USER_INPUT');
    }
    expectCode(await platform.query({ login: 'coordinator' }, NOT_OPENED, { first: 201 }), 'BAD_USER_INPUT');
    expectCode(await platform.query({ login: 'coordinator' }, NOT_OPENED, { first: 0 }), 'BAD_USER_INPUT');
  });
});
