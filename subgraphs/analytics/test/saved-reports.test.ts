/**
 * Saved reports per person, shareable within the same territory (issue 12): the coordinator's shared report
 * is listed to the region's analyst and to an admin of an organization in her municipality, not to an admin
 * of another municipality; whoever opens it runs it with their own scope and suppression, never the saver's.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPlatform, type GraphQLResponse, type Platform } from '@region/tests/platform';

const TODAY = new Date('2026-11-20T07:00:00Z');

let platform: Platform;
let municipality1: string;
let sharedId: string;
let privateId: string;
let filteredId: string;

const FIELDS = `id title shared mine definition { dataset dimensions measures filters { dimension values } }`;
const TABLE = `table { rows { cells { key value suppressed } } }`;

const codes = (result: GraphQLResponse) => result.errors?.map((error) => error.extensions?.code) ?? [];

async function save(login: string, input: Record<string, unknown>) {
  return platform.query<{ saveReport: { id: string; mine: boolean; shared: boolean } }>(
    { login },
    `mutation ($input: SaveReportInput!) { saveReport(input: $input) { ${FIELDS} } }`,
    { input },
  );
}

async function list(login: string): Promise<{ id: string; mine: boolean }[]> {
  const result = await platform.query<{ savedReports: { id: string; mine: boolean }[] }>(
    { login },
    `{ savedReports { id mine } }`,
  );
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  return result.data!.savedReports;
}

async function open(login: string, id: string) {
  return platform.query<{ savedReport: { id: string; table: { rows: { cells: { key: string | null }[] }[] } } }>(
    { login },
    `query ($id: ID!) { savedReport(id: $id) { id ${TABLE} } }`,
    { id },
  );
}

/** The municipalities a saved report's table shows to the one who opens it. */
async function municipalitiesSeenBy(login: string, id: string): Promise<Set<string>> {
  const result = await open(login, id);
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  return new Set(result.data!.savedReport.table.rows.map((row) => row.cells[0]!.key!));
}

const BY_MUNICIPALITY = { dataset: 'CONTINGENT', dimensions: ['MUNICIPALITY', 'GRADE'], measures: ['PERSONS'] };

beforeAll(async () => {
  platform = await startPlatform({ now: TODAY });
  [{ id: municipality1 }] = (await platform.admin.sql`select g.municipality_id as id from people.role_grants g
    join people.esia_links l on l.person_id = g.person_id
    where l.esia_oid = '1000000103' and g.role = 'MUNICIPAL_COORDINATOR'`) as unknown as [{ id: string }];
  const [{ same }] = (await platform.admin.sql`select o.municipality_id = ${municipality1} as same
    from people.role_grants g join people.esia_links l on l.person_id = g.person_id
    join people.organizations o on o.id = g.organization_id
    where l.esia_oid = '1000000104' and g.role = 'ORG_ADMIN'`) as unknown as [{ same: boolean }];
  // The test's premise: «admin» works in the coordinator's municipality, «admin2» in another one.
  expect(same).toBe(true);

  const shared = await save('coordinator', {
    title: 'Контингент по параллелям',
    report: BY_MUNICIPALITY,
    shared: true,
  });
  expect(shared.errors, JSON.stringify(shared.errors)).toBeUndefined();
  sharedId = shared.data!.saveReport.id;
  const mine = await save('coordinator', { title: 'Черновик', report: BY_MUNICIPALITY });
  privateId = mine.data!.saveReport.id;
  const filtered = await save('coordinator', {
    title: 'Только мой муниципалитет',
    report: { ...BY_MUNICIPALITY, filters: [{ dimension: 'MUNICIPALITY', values: [municipality1] }] },
    shared: true,
  });
  filteredId = filtered.data!.saveReport.id;
});
afterAll(async () => {
  await platform?.stop();
});

describe('saving and listing', () => {
  it('lists the saver’s own reports, shared or not, as theirs', async () => {
    const reports = await list('coordinator');
    expect(reports.map((report) => report.id)).toEqual(expect.arrayContaining([sharedId, privateId, filteredId]));
    expect(reports.every((report) => report.mine)).toBe(true);
  });

  it('lists a shared report to the region’s analyst and to an admin in the same municipality, not a private one', async () => {
    for (const login of ['analyst', 'admin']) {
      const reports = await list(login);
      expect(
        reports.map((report) => report.id),
        login,
      ).toContain(sharedId);
      expect(
        reports.map((report) => report.id),
        login,
      ).not.toContain(privateId);
      expect(reports.find((report) => report.id === sharedId)!.mine).toBe(false);
    }
  });

  it('does not list or open it for an admin of another municipality (NOT_FOUND)', async () => {
    expect((await list('admin2')).map((report) => report.id)).not.toContain(sharedId);
    expect(codes(await open('admin2', sharedId))).toEqual(['NOT_FOUND']);
    expect(codes(await open('analyst', privateId))).toEqual(['NOT_FOUND']);
  });

  it('refuses a definition the catalogue refuses, and an empty title (BAD_USER_INPUT)', async () => {
    const bad = await save('coordinator', {
      title: 'Ошибка',
      report: { dataset: 'CONTINGENT', dimensions: ['SUBJECT'], measures: ['PERSONS'] },
    });
    expect(codes(bad)).toEqual(['BAD_USER_INPUT']);
    const untitled = await save('coordinator', { title: '   ', report: BY_MUNICIPALITY });
    expect(codes(untitled)).toEqual(['BAD_USER_INPUT']);
    expect((untitled.errors![0]!.extensions as { field?: string }).field).toBe('title');
  });

  it('refuses saved reports to a principal without reports:read (FORBIDDEN)', async () => {
    const result = await platform.query({ login: 'guardian' }, `{ savedReports { id } }`);
    expect(codes(result)).toContain('FORBIDDEN');
  });
});

describe('opening a shared report', () => {
  it('runs it with the opener’s scope: the analyst sees the region, the admin only their organization', async () => {
    expect(await municipalitiesSeenBy('coordinator', sharedId)).toEqual(new Set([municipality1]));
    const region = await municipalitiesSeenBy('analyst', sharedId);
    expect(region.size).toBeGreaterThan(1);
    const admin = await open('admin', sharedId);
    expect(admin.errors).toBeUndefined();
    expect(new Set(admin.data!.savedReport.table.rows.map((row) => row.cells[0]!.key))).toEqual(
      new Set([municipality1]),
    );
    const [{ learners }] = (await platform.admin.sql`select count(distinct e.person_id)::int as learners
      from people.enrolments e join people.role_grants g on g.organization_id = e.organization_id
      join people.esia_links l on l.person_id = g.person_id
      join people.persons p on p.id = e.person_id and p.merged_into is null
      where l.esia_oid = '1000000104' and g.role = 'ORG_ADMIN' and e.started_on <= '2026-11-20'
        and (e.ended_on is null or e.ended_on > '2026-11-20')`) as unknown as [{ learners: number }];
    const seen = admin.data!.savedReport.table.rows.reduce(
      (sum, row) => sum + ((row.cells[2] as { value?: number }).value ?? 0),
      0,
    );
    expect(seen).toBe(learners);
    expect(learners).toBeGreaterThan(0);
  });

  it('refuses the saver’s municipality filter to an admin whose scope it exceeds (FORBIDDEN), as report would', async () => {
    expect(codes(await open('admin', filteredId))).toEqual(['FORBIDDEN']);
  });
});

describe('changing and deleting', () => {
  it('refuses another person’s shared report to be changed or deleted (FORBIDDEN)', async () => {
    const change = await save('analyst', { id: sharedId, title: 'Моё', report: BY_MUNICIPALITY });
    expect(codes(change)).toEqual(['FORBIDDEN']);
    const remove = await platform.query({ login: 'analyst' }, `mutation { deleteSavedReport(id: "${sharedId}") }`);
    expect(codes(remove)).toEqual(['FORBIDDEN']);
  });

  it('changes and deletes the saver’s own report', async () => {
    const renamed = await save('coordinator', { id: privateId, title: 'Переименован', report: BY_MUNICIPALITY });
    expect(renamed.errors).toBeUndefined();
    expect(renamed.data!.saveReport.id).toBe(privateId);
    const removed = await platform.query<{ deleteSavedReport: string }>(
      { login: 'coordinator' },
      `mutation { deleteSavedReport(id: "${privateId}") }`,
    );
    expect(removed.data?.deleteSavedReport).toBe(privateId);
    expect(codes(await open('coordinator', privateId))).toEqual(['NOT_FOUND']);
  });
});
