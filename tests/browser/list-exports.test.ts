/**
 * List exports and print in Chromium (issue 15 §2): the school admin downloads the movement book as XLSX from
 * «Скачать XLSX» and the file opens (exceljs) with every entry the GraphQL list gives them; the coordinator's
 * organizations list downloads as CSV with the chosen filter in its header; the print view shows the table
 * alone (no menu, filters or buttons) with the filters written above it.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newContext, screenshot, signIn } from '../src/browser.ts';
import { startPlatform, type Platform } from '../src/platform.ts';

let platform: Platform;
let browser: Browser;
let school: { id: string; shortName: string };

beforeAll(async () => {
  platform = await startPlatform({ web: true, now: new Date('2026-11-25T07:00:00Z') });
  browser = await launchBrowser();
  const me = await platform.query<{ me: { grants: { organization: { id: string; shortName: string } | null }[] } }>(
    { login: 'admin' },
    '{ me { grants { organization { id shortName } } } }',
  );
  school = me.data!.me.grants.find((grant) => grant.organization)!.organization!;
});
afterAll(async () => {
  await browser?.close();
  await platform?.stop();
});

async function open(login: string, path: string): Promise<Page> {
  const page = await (await newContext(browser)).newPage();
  await signIn(page, platform.webUrl, login, path);
  return page;
}

describe('list exports', () => {
  it('the school admin downloads the movement book as XLSX with every entry, and prints the table alone', async () => {
    const orders: string[] = [];
    let after: string | null = null;
    for (;;) {
      const result: {
        data?: {
          movementBook: {
            edges: { node: { orderNumber: string } }[];
            pageInfo: { hasNextPage: boolean; endCursor: string };
          };
        } | null;
      } = await platform.query(
        { login: 'admin' },
        `query ($id: ID!, $after: String) { movementBook(organizationId: $id, first: 100, after: $after) {
            edges { node { orderNumber } } pageInfo { hasNextPage endCursor } } }`,
        { id: school.id, after },
      );
      const book = result.data!.movementBook;
      orders.push(...book.edges.map((edge) => edge.node.orderNumber));
      if (!book.pageInfo.hasNextPage) break;
      after = book.pageInfo.endCursor;
    }
    expect(orders.length).toBeGreaterThan(0);

    const tab = await open('admin', `/school/movements/${school.id}`);
    await tab.getByRole('heading', { name: 'Книга движения', level: 1 }).waitFor();
    await tab.locator('table tbody tr').first().waitFor();
    const [download] = await Promise.all([
      tab.waitForEvent('download'),
      tab.getByRole('button', { name: 'Скачать XLSX' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^Книга_движения_.*_2026-11-25\.xlsx$/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(await download.path());
    const sheet = workbook.worksheets[0]!;
    expect(String(sheet.getRow(1).getCell(1).value)).toBe(`Книга движения — ${school.shortName}`);
    const header = sheet.getRow(5).values as unknown[];
    const orderColumn = header.indexOf('Номер приказа');
    const fileOrders: string[] = [];
    sheet.eachRow((row, number) => {
      if (number > 5) fileOrders.push(String(row.getCell(orderColumn).value));
    });
    // Every page of the list, not only the rows on screen.
    expect(fileOrders).toEqual(orders);

    await tab.emulateMedia({ media: 'print' });
    await expect(tab.locator('.app-nav').isVisible()).resolves.toBe(false);
    await expect(tab.getByRole('button', { name: 'Печать' }).isVisible()).resolves.toBe(false);
    await expect(tab.locator('table').first().isVisible()).resolves.toBe(true);
    await expect(tab.locator('.print-filters').textContent()).resolves.toBe('Фильтры: нет');
    await screenshot(tab, 'movement-book-print');
    await tab.context().close();
  });

  it('the coordinator downloads the organizations of a type as CSV with the filter in the header', async () => {
    const tab = await open('coordinator', '/territory/organizations?type=SCHOOL');
    await tab.getByRole('heading', { name: 'Организации', level: 1 }).waitFor();
    await tab.locator('table tbody tr').first().waitFor();
    const shown = await tab.locator('table tbody tr th').allTextContents();
    const [download] = await Promise.all([
      tab.waitForEvent('download'),
      tab.getByRole('button', { name: 'Скачать CSV' }).click(),
    ]);
    const text = readFileSync(await download.path(), 'utf8');
    const lines = parse(text.slice(1), { delimiter: ';', relax_column_count: true }) as string[][];
    // The coordinator's list is their municipality's: both choices are named.
    expect(lines.map((line) => line[0])).toContainEqual(
      expect.stringMatching(/^Фильтры: Муниципалитет: .+; Тип: Школа$/),
    );
    const blank = lines.findIndex((line) => line.every((cell) => cell === ''));
    const names = lines.slice(blank + 2).map((line) => line[0]);
    expect(names.slice(0, shown.length)).toEqual(shown.map((name) => name.trim()));
    await tab.context().close();
  });
});
