/**
 * The report builder through the gateway (issue 12): the analyst's region table with small cells suppressed
 * so that no hidden value follows from the totals, the coordinator's municipality and its refusals, the
 * organization admin's organization, and the catalogue's refusals of impossible combinations.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPlatform, type GraphQLResponse, type Platform } from '@region/tests/platform';

const TODAY = new Date('2026-11-20T07:00:00Z');

let platform: Platform;
let municipality1: string;
let municipality2: string;
let foreignSchool: string;
let adminSchool: string;
/** The grade of the planted small cell: three learners of municipality 1 whose gender is not recorded. */
let plantedGrade: number;
const planted: string[] = [];

interface Cell {
  key: string | null;
  label: string | null;
  value: number | null;
  suppressed: boolean;
  total: boolean;
}
interface Table {
  columns: { id: string; title: string; kind: string }[];
  rows: { cells: Cell[] }[];
  totals: { cells: Cell[] }[];
  rowCount: number;
  suppressed: boolean;
  note: string | null;
}

const REPORT = `query ($input: ReportInput!) { report(input: $input) {
  columns { id title kind } rowCount suppressed note
  rows { cells { key label value suppressed total } }
  totals { cells { key label value suppressed total } }
} }`;

async function report(login: string, input: Record<string, unknown>): Promise<GraphQLResponse<{ report: Table }>> {
  return platform.query<{ report: Table }>({ login }, REPORT, { input });
}

function ok(result: GraphQLResponse<{ report: Table }>): Table {
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  return result.data!.report;
}

function codes(result: GraphQLResponse): (string | undefined)[] {
  return result.errors?.map((error) => error.extensions?.code) ?? [];
}

const BY_MUNICIPALITY_GRADE_GENDER = {
  dataset: 'CONTINGENT',
  dimensions: ['MUNICIPALITY', 'GRADE', 'GENDER'],
  measures: ['PERSONS'],
};

beforeAll(async () => {
  platform = await startPlatform({ now: TODAY });
  const sql = platform.admin.sql;
  const [coordinatorMunicipality] = await sql<{ id: string }[]>`
    select g.municipality_id as id from people.role_grants g join people.esia_links l on l.person_id = g.person_id
    where l.esia_oid = '1000000103' and g.role = 'MUNICIPAL_COORDINATOR'`;
  municipality1 = coordinatorMunicipality!.id;
  [{ id: municipality2 }] =
    (await sql`select id from people.municipalities where id <> ${municipality1} limit 1`) as unknown as [
      { id: string },
    ];
  [{ id: foreignSchool }] = (await sql`select id from people.organizations where municipality_id = ${municipality2}
    and type = 'SCHOOL' limit 1`) as [{ id: string }];
  [{ id: adminSchool }] = (await sql`select g.organization_id as id from people.role_grants g
    join people.esia_links l on l.person_id = g.person_id where l.esia_oid = '1000000104' and g.role = 'ORG_ADMIN'`) as unknown as [
    { id: string },
  ];
  // Three learners without a recorded gender in one class of municipality 1: a cell of 3 < k = 5.
  const [target] = await sql<{ class_id: string; organization_id: string; class_name: string; grade: number }[]>`
    select e.class_id, e.organization_id, e.class_name, c.grade from people.enrolments e
    join learning.classes c on c.id = e.class_id join people.organizations o on o.id = e.organization_id
    where e.ended_on is null and o.municipality_id = ${municipality1} and c.grade is not null
    order by c.grade desc limit 1`;
  plantedGrade = target!.grade;
  for (const n of [1, 2, 3]) {
    const [person] = await sql<{ id: string }[]>`
      insert into people.persons (last_name, first_name, normalized_name, birth_date)
      values ('Скрытов', ${`Ученик${n}`}, ${`скрытов ученик${n}`}, '2010-03-03') returning id`;
    await sql`insert into people.enrolments (person_id, organization_id, class_id, class_name, started_on)
      values (${person!.id}, ${target!.organization_id}, ${target!.class_id}, ${target!.class_name}, '2026-09-01')`;
    await sql`insert into people.consents (person_id, kind) values (${person!.id}, 'PROCESSING')`;
    planted.push(person!.id);
  }
});
afterAll(async () => {
  await platform?.stop();
});

/**
 * The analyst's attack: every published cell and total gives one linear equation per line of the table
 * (a line's cells sum to its total). A hidden cell is recovered when it is determined by those equations —
 * when its unit vector lies in the row space of the system over the hidden cells.
 */
function recoverable(table: Table, dimensions: number): string[] {
  const all = [...table.rows, ...table.totals].map((row) => ({
    coords: row.cells.slice(0, dimensions).map((cell) => (cell.total ? '*' : String(cell.key))),
    value: row.cells[dimensions]!.value,
    suppressed: row.cells[dimensions]!.suppressed,
  }));
  const hidden = all.map((cell, i) => (cell.suppressed ? i : -1)).filter((i) => i >= 0);
  const column = new Map(hidden.map((cellIndex, c) => [cellIndex, c]));
  const equations: number[][] = [];
  for (const [i, cell] of all.entries()) {
    for (let d = 0; d < dimensions; d++) {
      if (cell.coords[d] !== '*') continue;
      // The total `cell` over dimension d equals the sum of the cells that differ from it in d only.
      const members = all
        .map((other, j) => ({ other, j }))
        .filter(
          ({ other }) => other.coords[d] !== '*' && other.coords.every((c, e) => e === d || c === cell.coords[e]),
        );
      const row = new Array<number>(hidden.length).fill(0);
      for (const { j } of members) if (column.has(j)) row[column.get(j)!]! += 1;
      if (column.has(i)) row[column.get(i)!]! -= 1;
      if (row.some((x) => x !== 0)) equations.push(row);
    }
  }
  const rank = (matrix: number[][]) => {
    const m = matrix.map((row) => [...row]);
    let r = 0;
    for (let c = 0; c < hidden.length && r < m.length; c++) {
      const pivot = m.findIndex((row, i) => i >= r && Math.abs(row[c]!) > 1e-9);
      if (pivot < 0) continue;
      [m[r], m[pivot]] = [m[pivot]!, m[r]!];
      for (let i = 0; i < m.length; i++) {
        if (i === r) continue;
        const factor = m[i]![c]! / m[r]![c]!;
        if (factor !== 0) m[i] = m[i]!.map((x, k) => x - factor * m[r]![k]!);
      }
      r++;
    }
    return r;
  };
  const base = rank(equations);
  return hidden
    .filter((_, c) => {
      const unit = new Array<number>(hidden.length).fill(0);
      unit[c] = 1;
      return rank([...equations, unit]) === base;
    })
    .map((cellIndex) => all[cellIndex]!.coords.join(' × '));
}

describe('analyst: learners by municipality × grade × gender', () => {
  it('suppresses the cell under k and every cell that would give it away; totals reveal none', async () => {
    const table = ok(await report('analyst', BY_MUNICIPALITY_GRADE_GENDER));
    expect(table.columns.map((column) => column.title)).toEqual([
      'Муниципалитет',
      'Параллель',
      'Пол',
      'Число обучающихся',
    ]);
    const planted = table.rows.find(
      (row) =>
        row.cells[0]!.key === municipality1 && row.cells[1]!.key === String(plantedGrade) && row.cells[2]!.key === null,
    );
    expect(planted?.cells[2]!.label).toBe('Не указано');
    expect(planted?.cells[3]).toMatchObject({ value: null, suppressed: true });
    expect(table.suppressed).toBe(true);
    expect(table.note).toContain('к —');
    // Complementary suppression: more than the planted cell is hidden, and nothing hidden can be solved for.
    const hidden = [...table.rows, ...table.totals].filter((row) => row.cells[3]!.suppressed);
    expect(hidden.length).toBeGreaterThan(1);
    expect(recoverable(table, 3)).toEqual([]);
  });

  it('shows a cell of k persons or more, equal to a count made by hand', async () => {
    const table = ok(await report('analyst', BY_MUNICIPALITY_GRADE_GENDER));
    const shown = table.rows.find((row) => !row.cells[3]!.suppressed && row.cells[2]!.key === 'FEMALE')!;
    expect(shown.cells[3]!.value).toBeGreaterThanOrEqual(5);
    const [{ count }] = (await platform.admin.sql<{ count: number }[]>`
      select count(*)::int as count from people.enrolments e join people.persons p on p.id = e.person_id
      join people.organizations o on o.id = e.organization_id join learning.classes c on c.id = e.class_id
      where e.ended_on is null and p.merged_into is null and o.municipality_id = ${shown.cells[0]!.key}
        and c.grade = ${Number(shown.cells[1]!.key)} and p.sex = 'FEMALE'`) as unknown as [{ count: number }];
    expect(shown.cells[3]!.value).toBe(count);
  });

  it('without suppression the planted cell would be solvable: the attack itself works', () => {
    // A table where only the planted cell is hidden: its line's total minus the other cells gives it.
    const table: Table = {
      columns: [],
      rowCount: 2,
      suppressed: true,
      note: null,
      rows: [
        {
          cells: [
            { key: 'a', label: null, value: null, suppressed: false, total: false },
            { key: null, label: null, value: null, suppressed: true, total: false },
          ],
        },
        {
          cells: [
            { key: 'b', label: null, value: null, suppressed: false, total: false },
            { key: null, label: null, value: 7, suppressed: false, total: false },
          ],
        },
      ],
      totals: [
        {
          cells: [
            { key: null, label: 'Итого', value: null, suppressed: false, total: true },
            { key: null, label: null, value: 10, suppressed: false, total: false },
          ],
        },
      ],
    };
    expect(recoverable(table, 1)).toEqual(['a']);
  });
});

describe('row scope', () => {
  it('gives the coordinator their municipality only, small cells shown (pii:read over all of it)', async () => {
    const table = ok(await report('coordinator', BY_MUNICIPALITY_GRADE_GENDER));
    expect(new Set(table.rows.map((row) => row.cells[0]!.key))).toEqual(new Set([municipality1]));
    const planted = table.rows.find((row) => row.cells[1]!.key === String(plantedGrade) && row.cells[2]!.key === null);
    expect(planted?.cells[3]).toMatchObject({ value: 3, suppressed: false });
  });

  it('hides from the coordinator too a small cell holding a learner without consent (rule 5)', async () => {
    await platform.admin.sql`update people.consents set withdrawn_at = now() where person_id = ${planted[0]!}`;
    try {
      const table = ok(await report('coordinator', BY_MUNICIPALITY_GRADE_GENDER));
      const cell = table.rows.find((row) => row.cells[1]!.key === String(plantedGrade) && row.cells[2]!.key === null);
      expect(cell?.cells[3]).toMatchObject({ value: null, suppressed: true });
      expect(recoverable(table, 3)).toEqual([]);
    } finally {
      await platform.admin.sql`update people.consents set withdrawn_at = null where person_id = ${planted[0]!}`;
    }
  });

  it('refuses the coordinator another municipality, or a school of it (FORBIDDEN, not empty)', async () => {
    const other = await report('coordinator', {
      ...BY_MUNICIPALITY_GRADE_GENDER,
      filters: [{ dimension: 'MUNICIPALITY', values: [municipality2] }],
    });
    expect(codes(other)).toContain('FORBIDDEN');
    expect(other.data?.report ?? null).toBeNull();
    const school = await report('coordinator', {
      ...BY_MUNICIPALITY_GRADE_GENDER,
      filters: [{ dimension: 'ORGANIZATION', values: [foreignSchool] }],
    });
    expect(codes(school)).toContain('FORBIDDEN');
    const own = ok(
      await report('coordinator', {
        ...BY_MUNICIPALITY_GRADE_GENDER,
        filters: [{ dimension: 'MUNICIPALITY', values: [municipality1] }],
      }),
    );
    expect(own.rowCount).toBeGreaterThan(0);
  });

  it('gives the organization admin their organization and refuses another', async () => {
    const table = ok(
      await report('admin', {
        dataset: 'CONTINGENT',
        dimensions: ['ORGANIZATION', 'CLASS'],
        measures: ['PERSONS', 'CLASSES'],
      }),
    );
    expect(new Set(table.rows.map((row) => row.cells[0]!.key))).toEqual(new Set([adminSchool]));
    const refused = await report('admin', {
      dataset: 'CONTINGENT',
      dimensions: ['CLASS'],
      measures: ['PERSONS'],
      filters: [{ dimension: 'ORGANIZATION', values: [foreignSchool] }],
    });
    expect(codes(refused)).toContain('FORBIDDEN');
  });

  it('refuses a teacher the report builder', async () => {
    const refused = await report('teacher', BY_MUNICIPALITY_GRADE_GENDER);
    expect(codes(refused)).toContain('FORBIDDEN');
  });
});

describe('the catalogue', () => {
  it('lists datasets, dimensions and measures with Russian titles', async () => {
    const result = await platform.query<{
      reportCatalog: { minCellSize: number; datasets: { id: string; title: string; dimensions: { id: string }[] }[] };
    }>(
      { login: 'analyst' },
      '{ reportCatalog { minCellSize datasets { id title dimensions { id title } measures { id title unit } } } }',
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!.reportCatalog.minCellSize).toBe(5);
    expect(result.data!.reportCatalog.datasets.map((dataset) => dataset.title)).toEqual([
      'Контингент',
      'Отметки',
      'Посещаемость',
      'Приёмная кампания',
      'Кадры',
      'Контроль заполнения данных',
      'Дополнительное образование',
      'Сертификаты ПФДО',
      'Сферум и ФГИС «Моя школа»: регистрация',
      'Организации: Сферум, ФГИС «Моя школа», ИНН',
    ]);
  });

  it('refuses a dimension the dataset has not, naming it (BAD_USER_INPUT)', async () => {
    const result = await report('analyst', { dataset: 'CONTINGENT', dimensions: ['SUBJECT'], measures: ['PERSONS'] });
    expect(codes(result)).toContain('BAD_USER_INPUT');
    expect(result.errors![0]!.message).toContain('«Предмет»');
    const measure = await report('analyst', { dataset: 'CONTINGENT', dimensions: [], measures: ['AVERAGE_MARK'] });
    expect(codes(measure)).toContain('BAD_USER_INPUT');
    expect(measure.errors![0]!.message).toContain('«Средний балл');
    const value = await report('analyst', {
      dataset: 'CONTINGENT',
      dimensions: ['GRADE'],
      measures: ['PERSONS'],
      filters: [{ dimension: 'MUNICIPALITY', values: ["1' or '1'='1"] }],
    });
    expect(codes(value)).toContain('BAD_USER_INPUT');
  });

  it('answers every dimension and measure of every dataset of the catalogue', async () => {
    const catalog = await platform.query<{
      reportCatalog: {
        datasets: {
          id: string;
          dimensions: { id: string }[];
          measures: { id: string; excludesDimensions: string[] }[];
        }[];
      };
    }>(
      { login: 'operator' },
      '{ reportCatalog { datasets { id dimensions { id } measures { id excludesDimensions } } } }',
    );
    // A month of lessons is enough for the attendance dataset's every dimension.
    const period: Record<string, Record<string, string>> = {
      ATTENDANCE: { from: '2026-11-01', to: '2026-11-20' },
    };
    for (const dataset of catalog.data!.reportCatalog.datasets) {
      for (const dimension of dataset.dimensions) {
        const table = ok(
          await report('operator', {
            dataset: dataset.id,
            dimensions: [dimension.id],
            measures: dataset.measures
              .filter((measure) => !measure.excludesDimensions.includes(dimension.id))
              .map((measure) => measure.id),
            ...period[dataset.id],
          }),
        );
        // The demo has no extra-education contracts or certificates yet (datasets.test.ts concludes some).
        if (dataset.id === 'EXTRA_EDUCATION' || dataset.id === 'CERTIFICATES') continue;
        expect(table.rowCount, `${dataset.id} by ${dimension.id}`).toBeGreaterThan(0);
        expect(table.rows.every((row) => row.cells[0]!.label !== null)).toBe(true);
      }
    }
  });

  it('sorts by a measure and cuts the rows at the limit, totals over all rows', async () => {
    const table = ok(
      await report('operator', {
        dataset: 'CONTINGENT',
        dimensions: ['ORGANIZATION'],
        measures: ['PERSONS', 'SHARE_OF_PERSONS'],
        sort: [{ measure: 'PERSONS', descending: true }],
        limit: 2,
      }),
    );
    expect(table.rows).toHaveLength(2);
    expect(table.rowCount).toBeGreaterThan(2);
    expect(table.rows[0]!.cells[1]!.value).toBeGreaterThanOrEqual(table.rows[1]!.cells[1]!.value!);
    const [grand] = table.totals;
    expect(grand!.cells[0]).toMatchObject({ total: true, label: 'Итого' });
    expect(grand!.cells[2]!.value).toBe(100);
    const refused = await report('operator', {
      dataset: 'CONTINGENT',
      dimensions: ['ORGANIZATION'],
      measures: ['PERSONS'],
      sort: [{ measure: 'CLASSES' }],
    });
    expect(codes(refused)).toContain('BAD_USER_INPUT');
    expect(codes(await report('operator', { ...BY_MUNICIPALITY_GRADE_GENDER, limit: 0 }))).toContain('BAD_USER_INPUT');
  });

  it('answers marks by subject with averages that follow their count', async () => {
    const table = ok(
      await report('analyst', {
        dataset: 'MARKS',
        dimensions: ['SUBJECT'],
        measures: ['PERSONS', 'MARKS', 'AVERAGE_MARK', 'SHARE_OF_TWOS'],
      }),
    );
    expect(table.rowCount).toBeGreaterThan(0);
    const [grand] = table.totals;
    const [{ average }] = (await platform.admin.sql<{ average: string }[]>`
      select round(sum(value::text::int * weight) / sum(weight), 2)::text as average from learning.marks
      where deleted_at is null and kind in ('CURRENT', 'CONTROL') and value in ('2', '3', '4', '5')
        and date between '2026-09-01' and '2026-11-20'`) as unknown as [{ average: string }];
    expect(grand!.cells[3]!.value).toBe(Number(average));
    for (const row of table.rows)
      if (row.cells[1]!.suppressed) expect(row.cells.slice(1).every((cell) => cell.value === null)).toBe(true);
  });
});
