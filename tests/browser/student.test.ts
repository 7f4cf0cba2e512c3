/**
 * The student's cabinet in a real Chromium against the real servers: their own diary (the guardian's
 * component), the week's timetable and the portfolio, at desktop and phone width.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newContext, PHONE, screenshot, signIn, type Viewport } from '../src/browser.ts';
import { startPlatform, type Platform } from '../src/platform.ts';

let platform: Platform;
let browser: Browser;

beforeAll(async () => {
  // A Tuesday of the first quarter: the demo has marks and attendance around it.
  platform = await startPlatform({ web: true, now: new Date('2026-10-20T09:00:00Z') });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await platform?.stop();
});

async function signedIn(login: string, path: string, viewport?: Viewport): Promise<Page> {
  const page = await (await newContext(browser, viewport)).newPage();
  await signIn(page, platform.webUrl, login, path);
  return page;
}

describe('student cabinet', () => {
  it('opens on the diary of the current week, with marks and the way to other weeks', async () => {
    const tab = await signedIn('student', '/');
    await tab.waitForURL((url) => url.pathname === '/student');
    await tab.getByRole('heading', { name: 'Дневник', level: 1 }).waitFor();
    await tab.getByText('19 – 25 октября 2026 г.').waitFor();
    await tab.getByRole('button', { name: 'Предыдущая неделя' }).click();
    await tab.getByText('12 – 18 октября 2026 г.').waitFor();
    await tab.getByRole('region', { name: 'Понедельник, 12 октября' }).waitFor();
    expect(await tab.locator('.diary .mark-chip').count()).toBeGreaterThan(0);
    await screenshot(tab, 'student-diary');
    await tab.getByRole('button', { name: 'Следующая неделя' }).click();
    await tab.getByText('19 – 25 октября 2026 г.').waitFor();
    // «Сегодня» (was «К текущей неделе») goes to the server's current week: no week in the address.
    await tab.getByRole('button', { name: 'Сегодня' }).click();
    await tab.waitForURL((url) => url.pathname === '/student' && !url.searchParams.has('week'));
    await tab.context().close();
  });

  it('shows the week timetable by lesson number and day, and follows the week chosen', async () => {
    const tab = await signedIn('student', '/student/schedule?week=2026-10-12');
    const table = tab.getByRole('table', { name: 'Расписание уроков на неделю' });
    await table.waitFor();
    await table.getByRole('columnheader', { name: 'Пн, 12 октября' }).waitFor();
    await table.getByRole('columnheader', { name: 'Пт, 16 октября' }).waitFor();
    const first = table.getByRole('row', { name: /^1 / });
    await expect(first.locator('td').count()).resolves.toBe(5);
    await screenshot(tab, 'student-schedule');
    await tab.context().close();
  });

  it("puts the student's own averages next to the class average", async () => {
    const tab = await signedIn('student-8b', '/student/portfolio');
    await tab.locator('.user-name', { hasText: 'Кузнецова Анна Алексеевна' }).waitFor();
    const chart = tab.locator('figure.chart');
    await chart.getByText('Средний балл по предметам').waitFor();
    expect(await chart.locator('tbody tr').count()).toBeGreaterThan(3);
    await screenshot(tab, 'student-portfolio');
    await tab.context().close();
  });

  it('works at phone width: the timetable becomes a list per day', async () => {
    const tab = await signedIn('student', '/student/schedule?week=2026-10-12', PHONE);
    await tab.getByRole('heading', { name: 'Понедельник, 12 октября', level: 2 }).waitFor();
    await expect(tab.getByRole('table', { name: 'Расписание уроков на неделю' }).isVisible()).resolves.toBe(false);
    await expect(tab.evaluate(() => document.documentElement.scrollWidth)).resolves.toBeLessThanOrEqual(PHONE.width);
    await screenshot(tab, 'student-schedule-phone');
    await tab.goto(new URL('/student?week=2026-10-12', platform.webUrl).href);
    await tab.getByRole('region', { name: 'Понедельник, 12 октября' }).waitFor();
    await expect(tab.evaluate(() => document.documentElement.scrollWidth)).resolves.toBeLessThanOrEqual(PHONE.width);
    await screenshot(tab, 'student-diary-phone');
    await tab.context().close();
  });

  it('keeps a student out of the guardian cabinet', async () => {
    const tab = await signedIn('student', '/guardian');
    await tab.waitForURL((url) => url.pathname === '/student');
    await tab.context().close();
  });
});
