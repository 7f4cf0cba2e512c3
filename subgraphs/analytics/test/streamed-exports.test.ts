/**
 * Streamed report files (issue 12): `reportFileLink` answers a one-minute link bound to the asking principal;
 * the gateway passes `/exports/analytics/report` through to the subgraph, which streams the file from a
 * database cursor. The file holds exactly the table's numbers and «к» for that principal (read back with
 * exceljs and csv-parse); the checks are the table's; an expired, tampered or foreign link is refused.
 */
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb } from '@region/db';
import { signExportLink } from '@region/kit';
import { refreshFacts } from '../src/facts/refresh.ts';
import { startPlatform, type GraphQLResponse, type Platform } from '@region/tests/platform';

const TODAY = new Date('2026-11-20T07:00:00Z');

let platform: Platform;
let municipality1: string;
let municipalityName: string;

interface Cell {
  label: string | null;
  value: number | null;
  suppressed: boolean;
}
interface Table {
  columns: { kind: string }[];
  rows: { cells: Cell[] }[];
  totals: { cells: Cell[] }[];
  rowCount: number;
  suppressed: boolean;
  note: string | null;
}
interface Link {
  url: string;
  expiresAt: string;
  filename: string;
}

const codes = (result: GraphQLResponse) => result.errors?.map((error) => error.extensions?.code) ?? [];

async function tableAndLink(login: string, input: Record<string, unknown>, format: 'CSV' | 'XLSX') {
  const result = await platform.query<{ report: Table; reportFileLink: Link }>(
    { login },
    `query ($input: ReportInput!, $format: ReportFileFormat!) {
      report(input: $input) { columns { kind } suppressed note rowCount
        rows { cells { label value suppressed } } totals { cells { label value suppressed } } }
      reportFileLink(input: $input, format: $format) { url expiresAt filename }
    }`,
    { input, format },
  );
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  return result.data!;
}

const download = (url: string) => fetch(new URL(url, platform.gatewayUrl));

/** The table as the file should hold it: labels of the dimensions, values or «к» of the measures. */
function expected(table: Table): (string | number)[][] {
  return [...table.rows, ...table.totals].map((row) =>
    row.cells.map((cell, index) =>
      table.columns[index]!.kind === 'DIMENSION' ? cell.label! : cell.suppressed ? 'к' : (cell.value ?? ''),
    ),
  );
}

/**
 * Row order: the file orders rows in the database by the labels (ICU Russian order), the table in JavaScript
 * (numeric-aware); the rows themselves must be the same, so both are compared sorted.
 */
const sorted = (lines: (string | number)[][]) => lines.map((line) => JSON.stringify(line)).sort();

function split(lines: (string | number)[][]) {
  const blank = lines.findIndex((line) => line.every((cell) => cell === '' || cell === null));
  return { header: lines.slice(0, blank).map((line) => String(line[0])), body: lines.slice(blank + 2) };
}

async function xlsxLines(body: Buffer): Promise<(string | number)[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(body as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0]!;
  const lines: (string | number)[][] = [];
  for (let r = 1; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const cells: (string | number)[] = [];
    for (let c = 1; c <= Math.max(row.cellCount, 1); c++) {
      const value = row.getCell(c).value;
      cells.push(typeof value === 'number' ? value : value === null || value === undefined ? '' : String(value));
    }
    lines.push(cells);
  }
  return lines;
}

function csvLines(body: Buffer): string[][] {
  const text = body.toString('utf8');
  expect(text.startsWith('\ufeff')).toBe(true);
  return parse(text.slice(1), { delimiter: ';', relax_column_count: true }) as string[][];
}

const INPUT = {
  dataset: 'CONTINGENT',
  dimensions: ['GRADE', 'GENDER'],
  measures: ['PERSONS', 'SHARE_OF_PERSONS'],
};
const BY_CLASS = {
  dataset: 'CONTINGENT',
  dimensions: ['ORGANIZATION', 'CLASS', 'GENDER'],
  measures: ['PERSONS', 'CLASSES'],
};

beforeAll(async () => {
  platform = await startPlatform({ now: TODAY });
  const sql = platform.admin.sql;
  [{ id: municipality1, name: municipalityName }] = (await sql`select m.id, m.name from people.role_grants g
    join people.esia_links l on l.person_id = g.person_id join people.municipalities m on m.id = g.municipality_id
    where l.esia_oid = '1000000103' and g.role = 'MUNICIPAL_COORDINATOR'`) as unknown as [{ id: string; name: string }];
  // Three learners in one class of municipality 1: a cell of 3 < k.
  const [target] = await sql<{ class_id: string; organization_id: string; class_name: string }[]>`
    select e.class_id, e.organization_id, e.class_name from people.enrolments e
    join learning.classes c on c.id = e.class_id join people.organizations o on o.id = e.organization_id
    where e.ended_on is null and o.municipality_id = ${municipality1} and c.grade is not null
    order by c.grade desc limit 1`;
  for (const n of [1, 2, 3]) {
    const [person] = await sql<{ id: string }[]>`
      insert into people.persons (last_name, first_name, normalized_name, birth_date)
      values ('Скрытов', ${`Ученик${n}`}, ${`скрытов ученик${n}`}, '2010-03-03') returning id`;
    await sql`insert into people.enrolments (person_id, organization_id, class_id, class_name, started_on)
      values (${person!.id}, ${target!.organization_id}, ${target!.class_id}, ${target!.class_name}, '2026-09-01')`;
    await sql`insert into people.consents (person_id, kind) values (${person!.id}, 'PROCESSING')`;
  }
});
afterAll(async () => {
  await platform?.stop();
});

describe('streamed report files', () => {
  const filtered = () => ({ ...INPUT, filters: [{ dimension: 'MUNICIPALITY', values: [municipality1] }] });

  it('streams the analyst’s XLSX with the table’s numbers and «к», the filters and the note in the header', async () => {
    const { report, reportFileLink } = await tableAndLink('analyst', filtered(), 'XLSX');
    expect(report.suppressed).toBe(true);
    expect(reportFileLink.url).toMatch(/^\/exports\/analytics\/report\?t=/);
    expect(new Date(reportFileLink.expiresAt).getTime() - TODAY.getTime()).toBe(60_000);
    expect(reportFileLink.filename).toBe('Контингент_2026-11-20.xlsx');
    const response = await download(reportFileLink.url);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(response.headers.get('content-disposition')).toContain(
      `filename*=UTF-8''${encodeURIComponent('Контингент_2026-11-20.xlsx')}`,
    );
    expect(response.headers.get('cache-control')).toBe('no-store');
    const { header, body } = split(await xlsxLines(Buffer.from(await response.arrayBuffer())));
    expect(header).toContain(`Фильтры: Муниципалитет: ${municipalityName}`);
    expect(header).toContain(report.note);
    expect(sorted(body)).toEqual(sorted(expected(report)));
    expect(body.flat()).toContain('к');
  });

  it('streams the CSV with the same numbers and «к» (decimal comma, BOM)', async () => {
    const { report, reportFileLink } = await tableAndLink('analyst', filtered(), 'CSV');
    const response = await download(reportFileLink.url);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const { header, body } = split(csvLines(Buffer.from(await response.arrayBuffer())));
    expect(header[0]).toBe('Контингент');
    const decimal = (cell: string | number) => (typeof cell === 'number' ? String(cell).replace('.', ',') : cell);
    expect(sorted(body)).toEqual(sorted(expected(report).map((line) => line.map(decimal))));
  });

  it('gives the operator, who may read every learner’s data, the same cells without «к»', async () => {
    const { report, reportFileLink } = await tableAndLink('operator', filtered(), 'XLSX');
    const { body } = split(await xlsxLines(Buffer.from(await (await download(reportFileLink.url)).arrayBuffer())));
    expect(report.suppressed).toBe(false);
    expect(sorted(body)).toEqual(sorted(expected(report)));
    expect(body.flat()).not.toContain('к');
  });

  it('writes every row, past the table’s page (limit), with a sort by a dimension', async () => {
    const input = { ...BY_CLASS, limit: 5, sort: [{ dimension: 'CLASS', descending: true }] };
    const { report, reportFileLink } = await tableAndLink('coordinator', input, 'CSV');
    const full = await platform.query<{ report: Table }>(
      { login: 'coordinator' },
      `query ($input: ReportInput!) { report(input: $input) { columns { kind } suppressed note rowCount
        rows { cells { label value suppressed } } totals { cells { label value suppressed } } } }`,
      { input: { ...input, limit: 5000 } },
    );
    expect(report.rows).toHaveLength(5);
    expect(report.rowCount).toBeGreaterThan(5);
    const { body } = split(csvLines(Buffer.from(await (await download(reportFileLink.url)).arrayBuffer())));
    const table = expected(full.data!.report).map((line) => line.map(String));
    expect(body).toHaveLength(table.length);
    expect(sorted(body)).toEqual(sorted(table));
  });

  it('streams from the pre-aggregated facts once filled, with the same cells as the table read from them', async () => {
    const analytics = createDb(platform.database.roleUrl('analytics'), { max: 2 });
    try {
      await refreshFacts(analytics.db, { overlapMs: 0, now: TODAY });
    } finally {
      await analytics.close();
    }
    const input = { ...BY_CLASS, filters: [{ dimension: 'MUNICIPALITY', values: [municipality1] }] };
    const result = await platform.query<{ report: Table & { factsAsOf: string | null } }>(
      { login: 'analyst' },
      `query ($input: ReportInput!) { report(input: $input) { columns { kind } suppressed note rowCount factsAsOf
        rows { cells { label value suppressed } } totals { cells { label value suppressed } } } }`,
      { input: { ...input, limit: 5000 } },
    );
    expect(result.data!.report.factsAsOf).not.toBeNull();
    const { reportFileLink } = await tableAndLink('analyst', input, 'CSV');
    const { body } = split(csvLines(Buffer.from(await (await download(reportFileLink.url)).arrayBuffer())));
    const table = expected(result.data!.report).map((line) => line.map(String));
    expect(body.length).toBe(table.length);
    expect(sorted(body)).toEqual(sorted(table));
    expect(body.flat()).toContain('к');
  });

  it('refuses a link outside the principal’s territory as the table is refused (FORBIDDEN)', async () => {
    const [{ id: other }] = (await platform.admin.sql`select id from people.municipalities
      where id <> ${municipality1} limit 1`) as unknown as [{ id: string }];
    const result = await platform.query(
      { login: 'coordinator' },
      `query ($input: ReportInput!) { reportFileLink(input: $input, format: CSV) { url } }`,
      { input: { ...INPUT, filters: [{ dimension: 'MUNICIPALITY', values: [other] }] } },
    );
    expect(codes(result)).toEqual(['FORBIDDEN']);
    const teacher = await platform.query(
      { login: 'teacher' },
      `query ($input: ReportInput!) { reportFileLink(input: $input, format: CSV) { url } }`,
      { input: INPUT },
    );
    expect(codes(teacher)).toContain('FORBIDDEN');
    const bad = await platform.query(
      { login: 'analyst' },
      `query ($input: ReportInput!) { reportFileLink(input: $input, format: CSV) { url } }`,
      { input: { ...INPUT, dimensions: ['GRADE', 'GRADE'] } },
    );
    expect(codes(bad)).toEqual(['BAD_USER_INPUT']);
  });

  it('refuses an expired link (401) and a tampered one (401)', async () => {
    const { reportFileLink } = await tableAndLink('analyst', filtered(), 'CSV');
    const token = new URL(reportFileLink.url, platform.gatewayUrl).searchParams.get('t')!;
    const [head, payload, signature] = token.split('.') as [string, string, string];
    // The analyst's link rewritten to claim the operator's region-wide grant: the signature no longer holds.
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    claims.principal.grants = [{ role: 'REGIONAL_OPERATOR', territory: { kind: 'REGION' } }];
    const forged = `${head}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${signature}`;
    const tampered = await download(`/exports/analytics/report?t=${forged}`);
    expect(tampered.status).toBe(401);
    expect(((await tampered.json()) as GraphQLResponse).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await download('/exports/analytics/report?t=garbage')).status).toBe(401);
    expect((await download('/exports/analytics/report')).status).toBe(401);

    platform.setNow(new Date(TODAY.getTime() + 61_000));
    try {
      const expired = await download(reportFileLink.url);
      expect(expired.status).toBe(401);
      const body = (await expired.json()) as GraphQLResponse;
      expect(body.errors?.[0]?.message).toContain('устарела');
    } finally {
      platform.setNow(TODAY);
    }
    // Still valid before it expires.
    expect((await download(reportFileLink.url)).status).toBe(200);
  });

  it('refuses a link made for another export (403), unknown exports (404) and a subgraph called around the gateway (401)', async () => {
    const link = await signExportLink({
      subgraph: 'analytics',
      exportName: 'movement-book',
      principal: { kind: 'PERSON', personId: '00000000-0000-0000-0000-000000000000', grants: [] },
      params: { input: INPUT, format: 'CSV' },
      now: TODAY,
    });
    const token = new URL(link.url, platform.gatewayUrl).searchParams.get('t')!;
    const foreign = await download(`/exports/analytics/report?t=${token}`);
    expect(foreign.status).toBe(403);
    expect((await download(`/exports/analytics/nothing?t=${token}`)).status).toBe(404);
    expect((await download(`/exports/nobody/report?t=${token}`)).status).toBe(404);
    const { reportFileLink } = await tableAndLink('analyst', filtered(), 'CSV');
    const direct = await fetch(new URL(reportFileLink.url, platform.subgraphUrls['analytics']));
    expect(direct.status).toBe(401);
  });
});
