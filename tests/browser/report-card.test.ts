/**
 * Issue 15 §2 in Chromium against the real servers: a parent opens the child's report card (табель), sees the
 * API's marks, and prints it — under print media the page is the card alone (no header, menu, tabs or
 * buttons) and Chrome's A4 PDF of it is one page; the завуч opens the сводная ведомость of a class and
 * downloads it as XLSX, which holds the numbers the API answers.
 */
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newContext, screenshot, signIn } from '../src/browser.ts';
import { personIdOf } from '../src/demo-people.ts';
import { startPlatform, type Platform } from '../src/platform.ts';

/** A school day of the 2nd quarter: the 1st quarter's marks are in the demo. */
const SCHOOL_DAY = new Date('2026-11-20T07:00:00Z');

let platform: Platform;
let browser: Browser;
let dmitryId: string;

beforeAll(async () => {
  platform = await startPlatform({ web: true, now: SCHOOL_DAY });
  browser = await launchBrowser();
  dmitryId = await personIdOf(platform.admin, 'student');
});
afterAll(async () => {
  await browser?.close();
  await platform?.stop();
});

async function signedIn(login: string, path: string): Promise<Page> {
  const page = await (await newContext(browser)).newPage();
  await signIn(page, platform.webUrl, login, path);
  return page;
}

const MARK_TEXT: Record<string, string> = {
  TWO: '2',
  THREE: '3',
  FOUR: '4',
  FIVE: '5',
  PASS: 'зач',
  FAIL: 'незач',
  NOT_ATTESTED: 'н/а',
};

describe('report card and сводная ведомость', () => {
  it('a parent opens and prints the report card', async () => {
    const api = await platform.query<{
      person: {
        reportCard: {
          periods: { name: string }[];
          subjects: { subject: { name: string }; periodMarks: ({ value: string } | null)[] }[];
          attendance: { missed: number };
        };
      };
    }>(
      { login: 'guardian' },
      `query ($id: ID!) { person(id: $id) { reportCard { periods { name }
        subjects { subject { name } periodMarks { value } } attendance { missed } } } }`,
      { id: dmitryId },
    );
    expect(api.errors).toBeUndefined();
    const card = api.data!.person.reportCard;
    expect(card.subjects.some((s) => s.periodMarks.some(Boolean))).toBe(true);

    const tab = await signedIn('guardian', `/guardian/children/${dmitryId}/report-card`);
    await tab.getByRole('link', { name: 'Табель' }).waitFor();
    const table = tab.locator('.report-card table');
    await table.waitFor();
    const headers = await table.locator('thead th').allTextContents();
    expect(headers).toEqual(['Предмет', ...card.periods.map((p) => p.name), 'Годовая', 'Итоговая']);
    for (const row of card.subjects) {
      const cells = await table
        .locator('tbody tr', { has: tab.getByRole('rowheader', { name: row.subject.name, exact: true }) })
        .locator('td')
        .allTextContents();
      expect(cells.slice(0, card.periods.length)).toEqual(row.periodMarks.map((m) => (m ? MARK_TEXT[m.value] : '')));
    }
    await expect(tab.getByTestId('missed').textContent()).resolves.toBe(String(card.attendance.missed));
    await screenshot(tab, 'guardian-report-card');

    // «Распечатать табель» opens the browser's print dialog.
    await tab.evaluate(() => {
      window.print = () => document.body.setAttribute('data-printed', 'yes');
    });
    await tab.getByRole('button', { name: 'Распечатать табель' }).click();
    await expect(tab.locator('body').getAttribute('data-printed')).resolves.toBe('yes');

    // Under print media: the card alone, with its title; no navigation, tabs or buttons.
    await tab.emulateMedia({ media: 'print' });
    for (const selector of ['.app-header', '.app-nav', '.subtabs', '.page-header', 'button']) {
      const shown = await tab
        .locator(selector)
        .evaluateAll((nodes) => nodes.filter((node) => node.getClientRects().length > 0).length);
      expect(shown, selector).toBe(0);
    }
    await expect(tab.locator('.report-card .print-title').isVisible()).resolves.toBe(true);
    await expect(tab.locator('.report-card .print-title').textContent()).resolves.toMatch(/^Табель успеваемости: /);
    await expect(table.isVisible()).resolves.toBe(true);
    await screenshot(tab, 'guardian-report-card-print');
    // Chrome's print to an A4 PDF: the card fits one page.
    const pdf = await tab.pdf({ format: 'A4', preferCSSPageSize: true });
    const pages = pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? [];
    expect(pages).toHaveLength(1);
    await tab.context().close();
  });

  it('the завуч exports the сводная ведомость as XLSX', async () => {
    const [row] = await platform.admin.sql<
      { class_id: string; organization_id: string; period_id: string; period_name: string }[]
    >`
      select c.id as class_id, c.organization_id, p.id as period_id, p.name as period_name
      from learning.classes c join learning.school_years y on y.organization_id = c.organization_id and y.year = c.school_year
        join learning.study_periods p on p.school_year_id = y.id
      where c.name = '5А' and c.school_year = 2026 and ${SCHOOL_DAY.toISOString().slice(0, 10)}::date between p.starts_on and p.ends_on
        and c.organization_id = (select c2.organization_id from learning.classes c2
          join learning.class_members m on m.class_id = c2.id
          where m.person_id = ${dmitryId} and c2.school_year = 2026 limit 1)`;
    const api = await platform.query<{
      summarySheet: {
        subjects: { name: string }[];
        rows: {
          student: { fullName: string };
          marks: (string | null)[];
          average: number | null;
          twos: number;
          notAttested: number;
          attendance: { missed: number; excused: number };
        }[];
      };
    }>(
      { login: 'admin' },
      `query ($c: ID!, $p: ID!) { summarySheet(classId: $c, periodId: $p) { subjects { name }
        rows { student { fullName } marks average twos notAttested attendance { missed excused } } } }`,
      { c: row!.class_id, p: row!.period_id },
    );
    expect(api.errors).toBeUndefined();
    const sheet = api.data!.summarySheet;

    const tab = await signedIn('admin', `/school/summary-sheet/${row!.organization_id}`);
    await tab.getByRole('heading', { name: /^Сводная ведомость/, level: 1 }).waitFor();
    await tab.getByLabel('Класс').selectOption({ label: '5А' });
    await tab.getByLabel('Учебный период').selectOption({ label: row!.period_name });
    const table = tab.locator('.summary-sheet table');
    await table.locator('tbody tr').first().waitFor();
    await expect(table.locator('tbody tr').count()).resolves.toBe(sheet.rows.length + 1);
    await screenshot(tab, 'school-summary-sheet');

    const [download] = await Promise.all([
      tab.waitForEvent('download'),
      tab.getByRole('button', { name: 'Скачать XLSX' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^Сводная_ведомость_5А_.*\.xlsx$/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile((await download.path())!);
    const lines: unknown[][] = [];
    workbook.worksheets[0]!.eachRow({ includeEmpty: true }, (line) =>
      lines.push(Array.from((line.values as unknown[]).slice(1), (cell) => cell ?? '')),
    );
    const head = lines.findIndex((line) => line[0] === '№');
    expect(lines[head]!.slice(2, 2 + sheet.subjects.length)).toEqual(sheet.subjects.map((s) => s.name));
    sheet.rows.forEach((expected, index) => {
      const line = lines[head + 1 + index]!;
      expect(line[1]).toBe(expected.student.fullName);
      expect(line.slice(2, 2 + sheet.subjects.length)).toEqual(
        expected.marks.map((m) =>
          m === null ? '' : /^[2-5]$/.test(MARK_TEXT[m]!) ? Number(MARK_TEXT[m]) : MARK_TEXT[m],
        ),
      );
      expect(line.slice(2 + sheet.subjects.length)).toEqual([
        expected.average ?? '',
        expected.twos,
        expected.notAttested,
        expected.attendance.missed,
        expected.attendance.excused,
      ]);
    });
    await tab.context().close();
  });
});
