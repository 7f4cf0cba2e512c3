/**
 * Bells and the class page in a real Chromium against the real servers (issue 15 §2): the learner's and the
 * teacher's timetables show bell times and today; a parent notifies the school of an absence in advance (a
 * refused past date shown at its field); the class teacher sees the notice and the parents' contacts on her
 * class page; in the journal the noticed day is marked and «н» there is recorded as «у».
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESKTOP, launchBrowser, newContext, PHONE, screenshot, signIn, type Viewport } from '../src/browser.ts';
import { personIdOf } from '../src/demo-people.ts';
import { startPlatform, type Platform } from '../src/platform.ts';

const DAY_MONTH = new Intl.DateTimeFormat('ru-RU', { day: 'numeric', month: 'long', timeZone: 'UTC' });
const dayMonth = (date: string) => DAY_MONTH.format(new Date(`${date}T00:00:00Z`));
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

let platform: Platform;
let browser: Browser;
let studentId: string;
let studentName: string;
let classId: string;
let journalPath: string;
/** A day of the second quarter with a mathematics lesson of the teacher in 5А: the platform's today. */
let today: string;

beforeAll(async () => {
  platform = await startPlatform({ web: true, now: new Date('2026-11-16T04:00:00Z') });
  browser = await launchBrowser();
  studentId = await personIdOf(platform.admin, 'student');
  const teacherId = await personIdOf(platform.admin, 'teacher');
  const [row] = await platform.admin.sql<
    { classId: string; subjectId: string; date: string; fullName: string }[]
  >`select l.class_id as "classId", l.subject_id as "subjectId", to_char(l.date, 'YYYY-MM-DD') as date,
      concat_ws(' ', p.last_name, p.first_name, p.middle_name) as "fullName"
    from learning.lessons l join learning.class_members m on m.class_id = l.class_id and m.person_id = ${studentId}
    join people.persons p on p.id = m.person_id
    where l.school_year = 2026 and l.teacher_id = ${teacherId} and l.date >= '2026-11-18'
      and not exists (select 1 from learning.attendance a where a.lesson_id = l.id and a.student_id = m.person_id)
    order by l.date, l.lesson_number limit 1`;
  classId = row!.classId;
  today = row!.date;
  studentName = row!.fullName;
  journalPath = `/teacher/journal/${row!.classId}/${row!.subjectId}`;
  // 10:00 local on that day.
  platform.setNow(new Date(`${today}T05:00:00Z`));
});
afterAll(async () => {
  await browser?.close();
  await platform?.stop();
});

async function open(login: string, path: string, viewport: Viewport = DESKTOP): Promise<Page> {
  const tab = await (await newContext(browser, viewport)).newPage();
  await signIn(tab, platform.webUrl, login, path);
  return tab;
}

describe('bell times', () => {
  it('the timetable shows bell times, the teacher and today, at desktop and phone width', async () => {
    const tab = await open('student', '/student/schedule');
    const table = tab.getByRole('table', { name: 'Расписание уроков на неделю' });
    await table.waitFor();
    await expect(table.getByRole('rowheader', { name: /^1\s*08:30–09:15$/ }).count()).resolves.toBe(1);
    const todayHeader = table.locator('th[aria-current="date"]');
    await expect(todayHeader.textContent()).resolves.toMatch(new RegExp(`${dayMonth(today).split(' ')[0]}.*Сегодня`));
    await expect(table.locator('.schedule-teacher').first().textContent()).resolves.toMatch(/\S+ \S+/);
    await screenshot(tab, 'student-schedule-bells');
    await tab.context().close();

    const phone = await open('student', '/student/schedule', PHONE);
    const day = phone.locator('.schedule-list section[aria-current="date"]');
    await day.waitFor();
    await expect(day.textContent()).resolves.toMatch(/Сегодня.*\d\d:\d\d–\d\d:\d\d/);
    await phone.context().close();

    const teacher = await open('teacher', '/teacher');
    const todayLessons = teacher.locator('.schedule-day.is-today');
    await todayLessons.waitFor();
    await expect(todayLessons.locator('.schedule-time').first().textContent()).resolves.toMatch(
      /^\d\d:\d\d–\d\d:\d\d$/,
    );
    await teacher.context().close();
  });

  it('the school admin changes a bell, and the diary shows the new time', async () => {
    const tab = await open('admin', '/school/bells');
    await tab.getByRole('heading', { name: 'Расписание звонков', level: 1 }).waitFor();
    await tab.getByLabel('Начало 1-го урока, 1-я смена').fill('08:15');
    await tab.getByRole('button', { name: 'Сохранить звонки 1-й смены' }).click();
    await tab.getByText('Звонки 1-й смены сохранены.').waitFor();
    await tab.context().close();
    const diary = await open('guardian', `/guardian/children/${studentId}/diary`);
    await diary.locator('.diary-time', { hasText: '08:15–09:15' }).first().waitFor();
    await diary.context().close();
    // Two sign-ins through dev ESIA and two cabinets: over 30 s on a busy CI run (2026-12-04), 3 s when quiet.
  }, 90_000);
});

describe('advance absence notice and the class page', () => {
  it('a parent notifies an absence; a past date is refused at its field', async () => {
    const tab = await open('guardian', `/guardian/children/${studentId}/absence`, PHONE);
    await tab.getByRole('heading', { name: 'Предупредить школу о пропуске' }).waitFor();
    await tab.getByLabel('Первый день').fill('2026-11-02');
    await tab.getByLabel('Последний день').fill(today);
    await tab.getByLabel('Причина').fill('Санаторий');
    await tab.getByRole('button', { name: 'Предупредить школу' }).click();
    await tab.getByText('Предупредить о пропуске можно с сегодняшнего дня, не задним числом.').waitFor();
    await tab.getByLabel('Первый день').fill(today);
    await tab.getByLabel('Последний день').fill(today);
    await tab.getByLabel('Причина').fill('Плановый приём у врача');
    await tab.getByRole('button', { name: 'Предупредить школу' }).click();
    await tab.getByText(/Школа предупреждена о пропуске/).waitFor();
    await tab.locator('.absence-notice', { hasText: 'Плановый приём у врача' }).waitFor();
    await screenshot(tab, 'guardian-absence-notice');
    await tab.context().close();
    const [row] = await platform.admin.sql<{ n: number }[]>`select count(*)::int as n from learning.absence_notices
      where student_id = ${studentId} and starts_on = ${today} and withdrawn_at is null`;
    expect(row!.n).toBe(1);
  });

  it('the class teacher sees the notice and the parents’ contacts on her class page', async () => {
    const tab = await open('class-teacher', '/teacher/classes');
    await tab.getByRole('link', { name: /Страница класса/ }).click();
    await tab.getByRole('heading', { name: /^Мой класс: / }).waitFor();
    await tab.locator('.class-notice', { hasText: 'Плановый приём у врача' }).waitFor();
    await expect(tab.locator('.class-notice', { hasText: 'Плановый приём у врача' }).textContent()).resolves.toContain(
      studentName,
    );
    const row = tab.getByRole('row', { name: new RegExp(escape(studentName)) });
    await expect(row.locator('a[href^="tel:"], a[href^="mailto:"]').count()).resolves.toBeGreaterThan(0);
    await expect(row.textContent()).resolves.toContain('Предупреждён пропуск');
    await screenshot(tab, 'class-teacher-class-page');
    await tab.context().close();
  });

  it('the journal marks the noticed day and records «н» there as an excused absence', async () => {
    const tab = await open('teacher', journalPath);
    await tab.getByRole('grid').waitFor();
    const cell = tab.getByRole('gridcell', { name: new RegExp(`^${escape(studentName)}, ${dayMonth(today)}`) }).first();
    await expect(cell.getAttribute('aria-label')).resolves.toMatch(/родители предупредили о пропуске/);
    await cell.click();
    await cell.evaluate((element) =>
      element.dispatchEvent(new KeyboardEvent('keydown', { key: 'н', code: 'KeyY', bubbles: true })),
    );
    await expect(cell.getAttribute('aria-label')).resolves.toMatch(/уважительная причина/);
    await tab.waitForFunction(() => !document.querySelector('.journal-cell.is-pending'));
    const [row] = await platform.admin.sql<{ status: string }[]>`select a.status::text from learning.attendance a
      where a.student_id = ${studentId} and a.date = ${today} and a.class_id = ${classId}`;
    expect(row?.status).toBe('EXCUSED');
    await tab.context().close();
  });
});
