/**
 * The analysts' pages of the territory cabinet in Chromium against the real servers (issue 12): the ministry
 * analyst builds «учащиеся по муниципалитетам × параллелям × полу» from the catalogue's menus and sees «к» in
 * small cells with the note that explains them; a coordinator's report holds their municipality only, and a
 * filter on another comes back as the server's refusal; GraphiQL opens with the analyst's own token and runs
 * a query; the monitoring dashboards draw charts beside their tables.
 */
import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import type { Browser, Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newContext, screenshot, signIn } from '../src/browser.ts';
import { startPlatform, type Platform } from '../src/platform.ts';

let platform: Platform;
let browser: Browser;
let own: { id: string; name: string };
let other: { id: string; name: string };

const REPORT = `query ($input: ReportInput!) { report(input: $input) {
  rowCount suppressed minCellSize rows { cells { label value suppressed } } totals { cells { suppressed } } } }`;
const LEARNERS_BY_MUNICIPALITY_GRADE_GENDER = {
  dataset: 'CONTINGENT',
  dimensions: ['MUNICIPALITY', 'GRADE', 'GENDER'],
  measures: ['PERSONS'],
};
const REPORT_PATH = '/territory/reports?dataset=CONTINGENT&dimensions=MUNICIPALITY,GRADE,GENDER&measures=PERSONS';

interface ReportAnswer {
  report: {
    rowCount: number;
    suppressed: boolean;
    minCellSize: number;
    rows: { cells: { label: string | null; value: number | null; suppressed: boolean }[] }[];
    totals: { cells: { suppressed: boolean }[] }[];
  };
}

beforeAll(async () => {
  // 25 November 2026: the 2026/27 school year runs; the demo's learners are enrolled.
  platform = await startPlatform({ web: true, now: new Date('2026-11-25T07:00:00Z') });
  browser = await launchBrowser();
  const me = await platform.query<{ me: { grants: { municipality: { id: string; name: string } | null }[] } }>(
    { login: 'coordinator' },
    '{ me { grants { municipality { id name } } } }',
  );
  own = me.data!.me.grants[0]!.municipality!;
  const [row] = await platform.admin.sql<{ id: string; name: string }[]>`
    select id, name from people.municipalities where id <> ${own.id} order by name limit 1`;
  other = row!;
  // Three learners without a recorded gender in one class of the coordinator's municipality: a cell of 3 < k.
  // The demo's classes are large enough that the region's table has no small cell of its own.
  const sql = platform.admin.sql;
  const [target] = await sql<{ class_id: string; organization_id: string; class_name: string }[]>`
    select e.class_id, e.organization_id, e.class_name from people.enrolments e
    join learning.classes c on c.id = e.class_id join people.organizations o on o.id = e.organization_id
    where e.ended_on is null and o.municipality_id = ${own.id} and c.grade is not null
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
  await browser?.close();
  await platform?.stop();
});

async function open(login: string, path: string): Promise<Page> {
  const tab = await (await newContext(browser)).newPage();
  await signIn(tab, platform.webUrl, login, path);
  return tab;
}

async function reportOf(login: string): Promise<ReportAnswer['report']> {
  const answer = await platform.query<ReportAnswer>({ login }, REPORT, {
    input: LEARNERS_BY_MUNICIPALITY_GRADE_GENDER,
  });
  expect(answer.errors).toBeUndefined();
  return answer.data!.report;
}

/** The cells of the report's body, row by row, as the page prints them. */
async function bodyCells(tab: Page): Promise<string[][]> {
  return tab
    .locator('[data-report-table] tbody tr')
    .evaluateAll((rows) =>
      rows.map((row) => [...row.querySelectorAll('th, td')].map((cell) => cell.textContent?.trim() ?? '')),
    );
}

describe('report builder', () => {
  it('the analyst builds learners by municipality × grade × gender from the menus and sees «к» in small cells', async () => {
    const expected = await reportOf('analyst');
    // The planted cell of three: the table is suppressed somewhere, or this test proves nothing.
    expect(expected.suppressed).toBe(true);

    const tab = await open('analyst', '/territory/reports');
    await tab.getByRole('heading', { name: 'Конструктор отчётов', level: 1 }).waitFor();
    await tab.getByLabel('Набор данных').selectOption({ label: 'Контингент' });
    for (const name of ['Муниципалитет', 'Параллель', 'Пол']) {
      await tab.getByRole('group', { name: 'Измерения (строки)' }).getByRole('checkbox', { name, exact: true }).check();
    }
    await tab.getByRole('checkbox', { name: 'Число обучающихся, чел.' }).check();
    await tab.getByRole('button', { name: 'Построить' }).click();
    await tab.locator('[data-report-table] tbody tr').first().waitFor();

    const cells = await bodyCells(tab);
    expect(cells).toHaveLength(expected.rowCount);
    // Row by row the page shows what the API answered: «к» exactly where the server suppressed.
    const shown = cells.map((row) => row[3]);
    const fromApi = expected.rows.map((row) => (row.cells[3]!.suppressed ? 'к' : String(row.cells[3]!.value)));
    expect(shown).toEqual(fromApi);
    expect(shown).toContain('к');
    const note = await tab.locator('[data-suppression-note]').textContent();
    expect(note).toContain(`меньше чем по ${expected.minCellSize} человек`);
    expect(note).toContain(`Порог k = ${expected.minCellSize}`);
    expect(note).toMatch(/соседние ячейки/);
    // The chart stands beside the table, hidden from screen readers (the table is what they read).
    await expect(tab.locator('.r-chart figcaption').textContent()).resolves.toMatch(/Диаграмма: Число обучающихся/);
    await expect(tab.locator('.r-chart .recharts-bar-rectangle').count()).resolves.toBeGreaterThan(0);
    await expect(tab.locator('.r-chart-canvas').getAttribute('aria-hidden')).resolves.toBe('true');
    // The report's definition is in the address: the same report opens again from it.
    expect(new URL(tab.url()).searchParams.get('dimensions')).toBe('MUNICIPALITY,GRADE,GENDER');
    await screenshot(tab, 'analytics-report-builder');

    // The CSV the server builds has the same «к» cells (Rosstat's mark) as the table.
    const [csv] = await Promise.all([
      tab.waitForEvent('download'),
      tab.getByRole('button', { name: 'Скачать CSV' }).click(),
    ]);
    expect(csv.suggestedFilename()).toMatch(/\.csv$/);
    const lines = readFileSync(await csv.path(), 'utf8').split(/\r?\n/);
    // The file holds the rows and then the totals, each hidden count as «к».
    const hidden = [...expected.rows, ...expected.totals].filter((row) => row.cells[3]!.suppressed).length;
    expect(hidden).toBeGreaterThan(0);
    expect(lines.filter((line) => /;к$/.test(line)).length).toBe(hidden);

    // The XLSX streams from the same link mechanism (issue 12) and opens with the table's rows: labels, the
    // count or «к» — compared with the GraphQL table row for row (as sets: the file is ordered by the database).
    const [xlsx] = await Promise.all([
      tab.waitForEvent('download'),
      tab.getByRole('button', { name: 'Скачать XLSX' }).click(),
    ]);
    expect(xlsx.suggestedFilename()).toMatch(/^Контингент_2026-11-25\.xlsx$/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(await xlsx.path());
    const sheet = workbook.worksheets[0]!;
    const fileRows: string[] = [];
    sheet.eachRow((row) => {
      const values = (row.values as unknown[]).slice(1).map((value) => String(value ?? ''));
      if (values.length === 4 && !values.includes('Итого') && values[0] !== 'Муниципалитет')
        fileRows.push(values.join('|'));
    });
    const tableRows = expected.rows.map((row) =>
      [
        ...row.cells.slice(0, 3).map((cell) => cell.label),
        row.cells[3]!.suppressed ? 'к' : String(row.cells[3]!.value),
      ].join('|'),
    );
    expect(fileRows.sort()).toEqual(tableRows.sort());

    // Saved under a name, it is listed and opens the same report again.
    await tab.getByLabel('Название отчёта').fill('Учащиеся по параллелям и полу');
    await tab.getByRole('button', { name: 'Сохранить' }).click();
    await tab.getByText('Отчёт «Учащиеся по параллелям и полу» сохранён.').waitFor();
    await tab.goto(new URL('/territory/reports', platform.webUrl).href);
    await tab.locator('[data-saved-reports]').getByRole('link', { name: 'Учащиеся по параллелям и полу' }).click();
    await tab.locator('[data-report-table] tbody tr').first().waitFor();
    expect((await bodyCells(tab)).map((row) => row[3])).toEqual(fromApi);
    await tab.context().close();
  });

  it("a coordinator's report holds their municipality only, and another municipality's filter is refused", async () => {
    const tab = await open('coordinator', REPORT_PATH);
    await tab.locator('[data-report-table] tbody tr').first().waitFor();
    const municipalities = new Set((await bodyCells(tab)).map((row) => row[0]));
    expect([...municipalities]).toEqual([own.name]);
    expect(await tab.locator('main').textContent()).not.toContain(other.name);
    // One municipality: nothing to choose, the menu offers no municipality filter.
    await expect(tab.getByRole('group', { name: 'Муниципалитеты' }).count()).resolves.toBe(0);
    // Not in GraphiQL's audience: no introspection for coordinators.
    await expect(tab.getByRole('link', { name: 'Запросы GraphQL' }).count()).resolves.toBe(0);

    await tab.goto(new URL(`${REPORT_PATH}&f.MUNICIPALITY=${other.id}`, platform.webUrl).href);
    const alert = tab.getByRole('alert').filter({ hasText: 'за пределы вашей территории' });
    await alert.waitFor();
    await expect(alert.textContent()).resolves.toContain('Фильтр отчёта выходит за пределы вашей территории.');
    await expect(tab.locator('[data-report-table]').count()).resolves.toBe(0);
    await tab.context().close();
  });
});

describe('monitoring', () => {
  it('draws each chart beside its table', async () => {
    const tab = await open('analyst', '/territory/monitoring');
    await tab.getByRole('heading', { name: 'Обучающиеся и классы по муниципалитетам' }).waitFor();
    const section = tab.locator('section.card', { hasText: 'Обучающиеся и классы по муниципалитетам' });
    await section.locator('table tbody tr').first().waitFor();
    await expect(section.locator('figure figcaption').count()).resolves.toBe(1);
    await expect(section.locator('.recharts-bar-rectangle').count()).resolves.toBeGreaterThan(0);
    await screenshot(tab, 'analytics-monitoring');
    await tab.context().close();
  });
});

describe('GraphiQL', () => {
  it("opens with the analyst's token, loads the schema and runs the first query", async () => {
    const tab = await open('analyst', '/territory');
    const requests: Request[] = [];
    tab.on('request', (request) => {
      if (request.url().endsWith('/graphql') && request.method() === 'POST') requests.push(request);
    });
    // GraphiQL introspects first: open to the analyst, with her bearer token.
    const introspected = tab.waitForResponse(
      (response) => response.url().endsWith('/graphql') && (response.request().postData() ?? '').includes('__schema'),
    );
    await tab.getByRole('link', { name: 'Запросы GraphQL' }).click();
    await tab.getByRole('heading', { name: 'Запросы GraphQL', level: 1 }).waitFor();
    await tab.locator('[data-graphiql] .graphiql-container').waitFor();
    const introspection = await introspected;
    expect(introspection.status()).toBe(200);
    const schema = (await introspection.json()) as { data?: { __schema?: unknown }; errors?: unknown };
    expect(schema.errors).toBeUndefined();
    expect(schema.data?.__schema).toBeTruthy();

    await tab.locator('.graphiql-execute-button').click();
    const response = tab.locator('.graphiql-response');
    await response.filter({ hasText: 'minCellSize' }).waitFor();
    const text = (await response.textContent()) ?? '';
    expect(text).toContain('Контингент');
    expect(text).not.toContain('"errors"');
    const run = requests.find((request) => (request.postData() ?? '').includes('AnalystFirstQuery'));
    expect(run?.headers()['authorization']).toMatch(/^Bearer ./);
    await screenshot(tab, 'analytics-graphiql');
    await tab.context().close();
  }, 90_000);
});

describe('ОО-1', () => {
  it("the analyst sees the region's form with the API's numbers and downloads it as XLSX", async () => {
    const answer = await platform.query<{
      oo1: { sections: { code: string; rows: { cells: { value: number | null; suppressed: boolean }[] }[] }[] };
    }>({ login: 'analyst' }, '{ oo1(input: {}) { sections { code rows { cells { value suppressed } } } } }');
    expect(answer.errors).toBeUndefined();
    const sections = answer.data!.oo1.sections;
    expect(sections.length).toBeGreaterThan(0);

    const tab = await open('analyst', '/territory/oo1');
    await tab.getByRole('heading', { name: 'Форма ОО-1', level: 1 }).waitFor();
    for (const section of sections) {
      const table = tab.locator(`[data-oo1-section="${section.code}"]`);
      await table.locator('tbody tr').first().waitFor();
      const shown = await table
        .locator('tbody tr')
        .evaluateAll((rows) =>
          rows.map((row) =>
            [...row.querySelectorAll('td')].slice(1).map((cell) => cell.textContent!.replace(/\s/g, '')),
          ),
        );
      expect(shown).toEqual(
        section.rows.map((row) =>
          row.cells.map((cell) => (cell.suppressed ? 'к' : cell.value === null ? '—' : String(cell.value))),
        ),
      );
    }
    const [file] = await Promise.all([
      tab.waitForEvent('download'),
      tab.getByRole('button', { name: 'Скачать XLSX (раскладка формы)' }).click(),
    ]);
    expect(file.suggestedFilename()).toMatch(/\.xlsx$/);
    // An XLSX is a zip archive.
    expect(
      readFileSync(await file.path())
        .subarray(0, 2)
        .toString('latin1'),
    ).toBe('PK');
    await screenshot(tab, 'analytics-oo1');
    await tab.context().close();
  });
});
