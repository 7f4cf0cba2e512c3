/**
 * ОО-1's contingent sections (issue 12, DOMAIN.md rule 23): the class and learner counts by grade equal
 * counts made by hand over the movement book and learning's classes — for the organization's own admin
 * (who reads every learner's data, so nothing is hidden), summed over a municipality and the region for
 * the operator; the analyst gets «к» in the XLSX where the form hides a small group.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPlatform, type GraphQLResponse, type Platform } from '@region/tests/platform';

const TODAY = new Date('2026-11-20T07:00:00Z');
const ON = '2026-11-20';

let platform: Platform;
let adminSchool: string;
let municipality1: string;

interface Cell {
  value: number | null;
  suppressed: boolean;
}
interface Form {
  level: string;
  territory: string;
  ageOn: string;
  suppressed: boolean;
  sections: { code: string; columns: string[]; rows: { line: string; title: string; cells: Cell[] }[] }[];
  file: { filename: string; contentBase64: string };
}

const OO1 = `query ($input: Oo1Input!) { oo1(input: $input) {
  level territory ageOn suppressed
  sections { code columns rows { line title cells { value suppressed } } }
  file { filename contentBase64 }
} }`;

async function oo1(login: string, input: Record<string, unknown>): Promise<GraphQLResponse<{ oo1: Form }>> {
  return platform.query<{ oo1: Form }>({ login }, OO1, { input });
}

function ok(result: GraphQLResponse<{ oo1: Form }>): Form {
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  return result.data!.oo1;
}

/** Classes, learners and girls per grade 1–11 of the schools a predicate picks, counted by hand. */
async function byHand(where: 'organization' | 'municipality' | 'region', id: string | null) {
  const sql = platform.admin.sql;
  const territory =
    where === 'organization'
      ? sql`and e.organization_id = ${id}`
      : where === 'municipality'
        ? sql`and o.municipality_id = ${id}`
        : sql``;
  const rows = await sql<{ grade: number; classes: number; learners: number; girls: number }[]>`
    select c.grade, count(distinct e.class_id)::int as classes, count(distinct e.person_id)::int as learners,
      count(distinct e.person_id) filter (where p.sex = 'FEMALE')::int as girls
    from people.enrolments e
    join people.persons p on p.id = e.person_id and p.merged_into is null
    join people.organizations o on o.id = e.organization_id and o.type = 'SCHOOL'
    join learning.classes c on c.id = e.class_id
    where e.started_on <= ${ON} and (e.ended_on is null or e.ended_on > ${ON}) and c.grade between 1 and 11 ${territory}
    group by c.grade`;
  return new Map(rows.map((row) => [row.grade, row]));
}

/** Section 2.1.1 as grade → [classes, learners, girls], every value shown. */
function section211(form: Form) {
  const section = form.sections.find((s) => s.code === '2.1.1')!;
  return section.rows.slice(0, 11).map((row) => row.cells.map((cell) => cell.value));
}

beforeAll(async () => {
  platform = await startPlatform({ now: TODAY });
  const sql = platform.admin.sql;
  [{ id: adminSchool }] = (await sql`select g.organization_id as id from people.role_grants g
    join people.esia_links l on l.person_id = g.person_id where l.esia_oid = '1000000104' and g.role = 'ORG_ADMIN'`) as unknown as [
    { id: string },
  ];
  [{ id: municipality1 }] = (await sql`select municipality_id as id from people.organizations
    where id = ${adminSchool}`) as unknown as [{ id: string }];
});
afterAll(async () => {
  await platform?.stop();
});

describe('ОО-1', () => {
  it('counts an organization’s classes, learners and girls by grade as counted by hand, for its own admin', async () => {
    const form = ok(await oo1('admin', { organizationId: adminSchool, on: ON }));
    expect(form.level).toBe('ORGANIZATION');
    expect(form.ageOn).toBe('2027-01-01');
    const hand = await byHand('organization', adminSchool);
    expect(hand.size).toBeGreaterThan(3);
    const expected = Array.from({ length: 11 }, (_, index) => {
      const row = hand.get(index + 1);
      return [row?.classes ?? 0, row?.learners ?? 0, row?.girls ?? 0];
    });
    // The organization's admin reads every learner's data there: no figure is hidden from them.
    expect(form.suppressed).toBe(false);
    expect(section211(form)).toEqual(expected);
    const total = form.sections[0]!.rows[11]!;
    expect(total.title).toMatch(/^Всего/);
    expect(total.cells.map((cell) => cell.value)).toEqual([
      [...hand.values()].reduce((sum, row) => sum + row.classes, 0),
      [...hand.values()].reduce((sum, row) => sum + row.learners, 0),
      [...hand.values()].reduce((sum, row) => sum + row.girls, 0),
    ]);
    // Section 2.1.2's total line splits the same learners by grade.
    const ages = form.sections.find((section) => section.code === '2.1.2')!;
    const ageTotal = ages.rows.at(-1)!.cells.map((cell) => cell.value);
    expect(ageTotal[0]).toBe(total.cells[1]!.value);
    expect(ageTotal.slice(2)).toEqual(expected.map((row) => row[1]));
    // Every age line adds up to the total, grade by grade.
    for (let column = 0; column < ageTotal.length; column++) {
      const sum = ages.rows.slice(0, -1).reduce((acc, row) => acc + (row.cells[column]!.value ?? 0), 0);
      expect(sum).toBe(ageTotal[column]);
    }
  });

  it('sums a municipality’s and the region’s schools for the operator', async () => {
    for (const [level, id] of [
      ['MUNICIPALITY', municipality1],
      ['REGION', null],
    ] as const) {
      const form = ok(await oo1('operator', level === 'REGION' ? { on: ON } : { municipalityId: id, on: ON }));
      expect(form.level).toBe(level);
      const hand = await byHand(level === 'REGION' ? 'region' : 'municipality', id);
      const shown = section211(form);
      for (let grade = 1; grade <= 11; grade++) {
        const row = hand.get(grade);
        const cells = form.sections[0]!.rows[grade - 1]!.cells;
        // A small cell of a learner without consent stays hidden even from the operator (rule 5).
        if (cells.some((cell) => cell.suppressed)) continue;
        expect(shown[grade - 1], `${level} grade ${grade}`).toEqual([
          row?.classes ?? 0,
          row?.learners ?? 0,
          row?.girls ?? 0,
        ]);
      }
    }
  });

  it('hides small groups from the analyst and marks them «к» in the XLSX, laid out as the form', async () => {
    const form = ok(await oo1('analyst', { municipalityId: municipality1, on: ON }));
    expect(form.suppressed).toBe(true);
    expect(form.file.filename).toMatch(/^ОО-1_.*_2026-11-20\.xlsx$/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(form.file.contentBase64, 'base64') as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['Раздел 2.1.1', 'Раздел 2.1.2']);
    const sheet = workbook.getWorksheet('Раздел 2.1.2')!;
    const values: unknown[] = [];
    sheet.eachRow((row) => row.eachCell((cell) => values.push(cell.value)));
    expect(values).toContain('Наименование показателя');
    expect(values).toContain('к');
    // Each «к» is a cell the form hides, and no hidden figure reaches the file.
    const hidden = form.sections[1]!.rows.flatMap((row) => row.cells).filter((cell) => cell.suppressed).length;
    expect(values.filter((value) => value === 'к')).toHaveLength(hidden);
  });

  it('refuses a coordinator another municipality’s form (FORBIDDEN) and both filters at once (BAD_USER_INPUT)', async () => {
    const [{ id: other }] = (await platform.admin.sql`select id from people.municipalities
      where id <> ${municipality1} limit 1`) as unknown as [{ id: string }];
    expect((await oo1('coordinator', { municipalityId: other })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const both = await oo1('coordinator', { municipalityId: municipality1, organizationId: adminSchool });
    expect(both.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
