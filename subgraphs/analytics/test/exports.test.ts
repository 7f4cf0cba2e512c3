/**
 * Report files (issue 12): the CSV and the XLSX of a report hold the same numbers as the GraphQL table the
 * same principal gets, with the filters and the suppression note in the header, and «к» in every suppressed
 * cell. The XLSX is read back with exceljs, the CSV with csv-parse.
 */
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
  suppressed: boolean;
  note: string | null;
}
interface File {
  filename: string;
  contentType: string;
  contentBase64: string;
  suppressed: boolean;
}

const codes = (result: GraphQLResponse) => result.errors?.map((error) => error.extensions?.code) ?? [];

async function tableAndFile(login: string, input: Record<string, unknown>, format: 'CSV' | 'XLSX') {
  const result = await platform.query<{ report: Table; reportFile: File }>(
    { login },
    `query ($input: ReportInput!, $format: ReportFileFormat!) {
      report(input: $input) { columns { kind } suppressed note
        rows { cells { label value suppressed } } totals { cells { label value suppressed } } }
      reportFile(input: $input, format: $format) { filename contentType contentBase64 suppressed }
    }`,
    { input, format },
  );
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  return result.data!;
}

/** The table as the file should hold it: labels of the dimensions, values or «к» of the measures. */
function expected(table: Table): (string | number)[][] {
  return [...table.rows, ...table.totals].map((row) =>
    row.cells.map((cell, index) =>
      table.columns[index]!.kind === 'DIMENSION' ? cell.label! : cell.suppressed ? 'к' : (cell.value ?? ''),
    ),
  );
}

/** The lines of a file up to the first empty one (the header), and the table after the column titles. */
function split(lines: (string | number)[][]) {
  const blank = lines.findIndex((line) => line.every((cell) => cell === '' || cell === null));
  return { header: lines.slice(0, blank).map((line) => String(line[0])), body: lines.slice(blank + 2) };
}

async function xlsxLines(base64: string): Promise<(string | number)[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(base64, 'base64') as unknown as ArrayBuffer);
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

function csvLines(base64: string): (string | number)[][] {
  const text = Buffer.from(base64, 'base64').toString('utf8');
  expect(text.startsWith('\ufeff')).toBe(true);
  const records = parse(text.slice(1), { delimiter: ';', relax_column_count: true }) as string[][];
  return records;
}

const INPUT = {
  dataset: 'CONTINGENT',
  dimensions: ['GRADE', 'GENDER'],
  measures: ['PERSONS', 'SHARE_OF_PERSONS'],
};

beforeAll(async () => {
  platform = await startPlatform({ now: TODAY });
  const sql = platform.admin.sql;
  [{ id: municipality1, name: municipalityName }] = (await sql`select m.id, m.name from people.role_grants g
    join people.esia_links l on l.person_id = g.person_id join people.municipalities m on m.id = g.municipality_id
    where l.esia_oid = '1000000103' and g.role = 'MUNICIPAL_COORDINATOR'`) as unknown as [{ id: string; name: string }];
  // Three learners in one class of municipality 1 without a recorded gender: a cell of 3 < k.
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

describe('report files', () => {
  const filtered = { ...INPUT, filters: [{ dimension: 'MUNICIPALITY', values: [] as string[] }] };

  it('XLSX holds the table’s numbers, «к» where it hides one, the filters and the note in the header', async () => {
    filtered.filters[0]!.values = [municipality1];
    const { report, reportFile } = await tableAndFile('analyst', filtered, 'XLSX');
    expect(report.suppressed).toBe(true);
    expect(reportFile.suppressed).toBe(true);
    expect(reportFile.contentType).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(reportFile.filename).toMatch(/^Контингент_2026-11-20\.xlsx$/);
    const { header, body } = split(await xlsxLines(reportFile.contentBase64));
    expect(header).toContain(`Фильтры: Муниципалитет: ${municipalityName}`);
    expect(header).toContain(report.note);
    expect(body).toEqual(expected(report));
    expect(body.flat()).toContain('к');
    // No hidden value leaks into the file under another form.
    const hidden = [...report.rows, ...report.totals].filter((row) => row.cells.some((cell) => cell.suppressed));
    expect(hidden.length).toBeGreaterThan(0);
  });

  it('CSV holds the same numbers and «к»', async () => {
    filtered.filters[0]!.values = [municipality1];
    const { report, reportFile } = await tableAndFile('analyst', filtered, 'CSV');
    expect(reportFile.contentType).toBe('text/csv; charset=utf-8');
    const { header, body } = split(csvLines(reportFile.contentBase64));
    expect(header[0]).toBe('Контингент');
    expect(header).toContain(report.note);
    // Numbers are written with a decimal comma for a Russian spreadsheet.
    const decimal = (cell: string | number) => (typeof cell === 'number' ? String(cell).replace('.', ',') : cell);
    expect(body).toEqual(expected(report).map((line) => line.map(decimal)));
    expect(body.flat()).toContain('к');
  });

  it('answers the operator, who may read every learner’s data, without «к» in the same cells', async () => {
    filtered.filters[0]!.values = [municipality1];
    const { report, reportFile } = await tableAndFile('operator', filtered, 'XLSX');
    const { body } = split(await xlsxLines(reportFile.contentBase64));
    expect(body).toEqual(expected(report));
    expect(report.suppressed).toBe(false);
    expect(body.flat()).not.toContain('к');
  });

  it('refuses a file outside the principal’s territory as the table is refused (FORBIDDEN)', async () => {
    const [{ id: other }] = (await platform.admin.sql`select id from people.municipalities
      where id <> ${municipality1} limit 1`) as unknown as [{ id: string }];
    const result = await platform.query(
      { login: 'coordinator' },
      `query ($input: ReportInput!) { reportFile(input: $input, format: CSV) { filename } }`,
      { input: { ...INPUT, filters: [{ dimension: 'MUNICIPALITY', values: [other] }] } },
    );
    expect(codes(result)).toEqual(['FORBIDDEN']);
  });

  it('gives a saved report’s file to the one who opens it, with the saved title', async () => {
    filtered.filters[0]!.values = [municipality1];
    const saved = await platform.query<{ saveReport: { id: string; file: File; table: Table } }>(
      { login: 'coordinator' },
      `mutation ($input: SaveReportInput!) { saveReport(input: $input) { id
        table { columns { kind } suppressed note rows { cells { label value suppressed } } totals { cells { label value suppressed } } }
        file(format: XLSX) { filename contentBase64 suppressed } } }`,
      { input: { title: 'Параллели и пол', report: filtered } },
    );
    expect(saved.errors, JSON.stringify(saved.errors)).toBeUndefined();
    const { file, table } = saved.data!.saveReport;
    expect(file.filename).toBe('Параллели_и_пол_2026-11-20.xlsx');
    const { header, body } = split(await xlsxLines(file.contentBase64));
    expect(header[0]).toBe('Параллели и пол (Контингент)');
    expect(body).toEqual(expected(table));
  });
});
