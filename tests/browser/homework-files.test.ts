/**
 * Homework files in a real Chromium against the real servers (issue 15 §2, «Done when»): a teacher attaches a
 * file to a lesson's homework in the lesson editor, the pupil downloads it from her diary and hands in work as a
 * file, her guardian downloads it without a way to hand in, and the teacher sees and downloads the handed-in work.
 */
import { readFile } from 'node:fs/promises';
import type { Browser, Download, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESKTOP, launchBrowser, newContext, screenshot, signIn } from '../src/browser.ts';
import { personIdOf } from '../src/demo-people.ts';
import { startPlatform, type Platform } from '../src/platform.ts';

/** Friday 23 October 2026, 09:00 in the region. */
const NOW = new Date('2026-10-23T04:00:00Z');
const DAY_MONTH = new Intl.DateTimeFormat('ru-RU', { day: 'numeric', month: 'long', timeZone: 'UTC' });
const dayMonth = (date: string) => DAY_MONTH.format(new Date(`${date}T00:00:00Z`));

const TASK = 'Карточка №3: решить задачи 1–5';
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n', 'latin1');
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

let platform: Platform;
let browser: Browser;
let journalPath: string;
let lesson: { id: string; date: string };
let studentId: string;

beforeAll(async () => {
  platform = await startPlatform({ web: true, now: NOW });
  browser = await launchBrowser();
  // The demo closes the first quarter on 27 October; on the 23rd it is still open.
  await platform.admin
    .sql`update learning.study_periods set closed_at = null, closed_by = null where starts_on = '2026-09-01'`;
  const teacherId = await personIdOf(platform.admin, 'teacher');
  studentId = await personIdOf(platform.admin, 'student');
  const [row] = await platform.admin.sql<{ id: string; date: string; classId: string; subjectId: string }[]>`
    select l.id, to_char(l.date, 'YYYY-MM-DD') as date, l.class_id as "classId", l.subject_id as "subjectId"
    from learning.lessons l
    where l.school_year = 2026 and l.teacher_id = ${teacherId} and l.date between '2026-10-19' and '2026-10-22'
    order by l.date desc, l.lesson_number limit 1`;
  lesson = { id: row!.id, date: row!.date };
  journalPath = `/teacher/journal/${row!.classId}/${row!.subjectId}`;
  // The homework's text is the lesson editor's own test (teacher.test.ts); here it is given.
  await platform.admin.sql`update learning.lessons set homework = ${TASK}, homework_mandatory = true,
    homework_attachments = null where id = ${lesson.id}`;
  await platform.admin.sql`delete from learning.homework_submissions where lesson_id = ${lesson.id}`;
});
afterAll(async () => {
  await browser?.close();
  await platform?.stop();
});

async function signedIn(login: string, path: string): Promise<Page> {
  const page = await (await newContext(browser, DESKTOP)).newPage();
  await signIn(page, platform.webUrl, login, path);
  return page;
}

async function openLessonEditor(): Promise<Locator> {
  const tab = await signedIn('teacher', journalPath);
  await tab.getByRole('grid').waitFor();
  await tab
    .getByRole('button', { name: new RegExp(`^Урок ${dayMonth(lesson.date)}`) })
    .first()
    .click();
  const dialog = tab.getByRole('dialog');
  await dialog.waitFor();
  return dialog;
}

/** Clicks a file's link and answers the downloaded bytes. */
async function downloaded(page: Page, link: Locator): Promise<Buffer> {
  const [download] = (await Promise.all([page.waitForEvent('download'), link.click()])) as [Download, void];
  return readFile((await download.path())!);
}

/** The diary row of the lesson in the detailed week (the compact one keeps a line a lesson), its files open. */
async function diaryFiles(tab: Page, toggle: string): Promise<Locator> {
  await tab.getByRole('button', { name: /Подробно/ }).click();
  await tab.locator('.diary-topic').first().waitFor();
  const row = tab.locator('.diary-lesson', { hasText: TASK });
  await row.waitFor();
  await row.getByRole('button', { name: toggle }).click();
  await row.getByRole('list', { name: 'Файлы задания' }).waitFor();
  return row;
}

describe('homework files', () => {
  it('a teacher attaches a file to homework and the pupil downloads it and hands in work', async () => {
    const editor = await openLessonEditor();
    await editor.getByText('Файлов нет.').waitFor();
    await editor.getByLabel('Прикрепить файл').setInputFiles({
      name: 'Карточка №3.pdf',
      mimeType: 'application/pdf',
      buffer: PDF,
    });
    await editor.getByText('Файл «Карточка №3.pdf» прикреплён к заданию.').waitFor();
    await editor.getByRole('link', { name: 'Карточка №3.pdf' }).waitFor();
    await screenshot(editor.page(), 'homework-files-teacher');
    await editor.page().context().close();

    const pupil = await signedIn('student', '/');
    await pupil.getByRole('heading', { name: 'Дневник', level: 1 }).waitFor();
    const row = await diaryFiles(pupil, 'Файлы и сдача работы');
    const bytes = await downloaded(pupil, row.getByRole('link', { name: 'Карточка №3.pdf' }));
    expect(bytes.equals(PDF)).toBe(true);

    // A wrong type is refused with the server's Russian message, and nothing is handed in.
    await row.getByLabel('Сдать работу файлом').setInputFiles({
      name: 'решение.pdf',
      mimeType: 'application/pdf',
      buffer: PNG,
    });
    await row
      .getByRole('alert')
      .getByText(/не соответствует расширению \.pdf/)
      .waitFor();

    await row
      .getByLabel('Сдать работу файлом')
      .setInputFiles({ name: 'решение.png', mimeType: 'image/png', buffer: PNG });
    await row.getByText('Работа «решение.png» сдана.').waitFor();
    await row.getByRole('link', { name: 'решение.png' }).waitFor();
    await row.getByText('сдано', { exact: true }).first().waitFor();
    await screenshot(pupil, 'homework-files-pupil');
    await pupil.context().close();

    const [submitted] = await platform.admin.sql`
      select 1 from learning.homework_submissions where lesson_id = ${lesson.id} and student_id = ${studentId}`;
    expect(submitted).toBeDefined();
    // Two sign-ins, an upload, a download, two hand-ins: longer than one page's default 30 s under load.
  }, 90_000);

  it('the guardian downloads the files but is not offered to hand in work', async () => {
    const tab = await signedIn('guardian', `/guardian/children/${studentId}/diary`);
    const row = await diaryFiles(tab, 'Файлы');
    expect((await downloaded(tab, row.getByRole('link', { name: 'Карточка №3.pdf' }))).equals(PDF)).toBe(true);
    expect((await downloaded(tab, row.getByRole('link', { name: 'решение.png' }))).equals(PNG)).toBe(true);
    await expect(row.getByLabel('Сдать работу файлом').count()).resolves.toBe(0);
    await tab.context().close();
  });

  it('the teacher sees the handed-in work in the lesson editor and downloads it', async () => {
    const editor = await openLessonEditor();
    const work = editor.getByRole('list', { name: 'Сданные работы' });
    await work.waitFor();
    const name = await platform.admin.sql<{ fullName: string }[]>`
      select concat_ws(' ', last_name, first_name, middle_name) as "fullName" from people.persons where id = ${studentId}`;
    await work.getByText(name[0]!.fullName).waitFor();
    const bytes = await downloaded(editor.page(), work.getByRole('link', { name: 'решение.png' }));
    expect(bytes.equals(PNG)).toBe(true);
    await editor.page().context().close();
  });
});
