/**
 * Communication in a real Chromium (issue 15 §1): a teacher messages her class's parents and a parent answers
 * (desktop and phone width, with the unread badge and the bell); an announcement reaches its audience only —
 * the parents of the school see it on their first page, a parent of another school and the school's teacher do not.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESKTOP, launchBrowser, newContext, PHONE, screenshot, signIn, type Viewport } from '../src/browser.ts';
import { startPlatform, type Platform } from '../src/platform.ts';

/** Friday 20 November 2026, 12:00 in the region. */
const NOW = new Date('2026-11-20T07:00:00Z');

let platform: Platform;
let browser: Browser;

beforeAll(async () => {
  platform = await startPlatform({ web: true, now: NOW });
  browser = await launchBrowser();
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

describe('messages', () => {
  it('a teacher writes to the parents of 5А; a parent reads it on a phone and answers; the teacher sees the answer', async () => {
    const teacher = await open('teacher', '/teacher/messages/new');
    await teacher.getByRole('heading', { name: 'Новое сообщение', level: 1 }).waitFor();
    await teacher.getByRole('checkbox', { name: 'Выбрать всех: родители — 5а' }).check();
    await teacher.getByLabel('Тема').fill('Родительское собрание');
    await teacher.getByLabel('Текст сообщения').fill('Собрание в пятницу в 18:00, кабинет 21.');
    await screenshot(teacher, 'messages-new');
    await teacher.getByRole('button', { name: /^Отправить \(\d+\)$/ }).click();
    await teacher.getByRole('heading', { name: 'Сообщения', level: 1 }).waitFor();
    await teacher.getByText(/Сообщение отправлено/).waitFor();
    await teacher.context().close();

    platform.setNow(new Date(NOW.getTime() + 10 * 60_000)); // the parent reads it ten minutes later
    const parent = await open('guardian', '/guardian', PHONE);
    await parent.getByRole('heading', { level: 1 }).first().waitFor();
    // The unread badge in the menu and the bell.
    const bell = parent.getByRole('button', { name: /Уведомления/ });
    await expect(bell.textContent()).resolves.toMatch(/\d+/);
    await bell.click();
    await parent
      .getByRole('region', { name: 'Уведомления' })
      .getByRole('button', { name: /Новое сообщение: Родительское собрание/ })
      .click();
    await parent.getByRole('heading', { name: 'Родительское собрание', level: 1 }).waitFor();
    await parent.getByText('Собрание в пятницу в 18:00, кабинет 21.').waitFor();
    await parent.getByLabel('Текст ответа').fill('Спасибо, придём.');
    await parent.getByRole('button', { name: 'Отправить' }).click();
    await parent.getByText('Ответ отправлен.').waitFor();
    await screenshot(parent, 'messages-thread-phone');
    await parent.context().close();

    const again = await open('teacher', '/teacher/messages');
    await again.getByRole('heading', { name: 'Сообщения', level: 1 }).waitFor();
    const answered = again.locator('.thread.unread');
    await answered.first().waitFor();
    await expect(answered.first().textContent()).resolves.toContain('Спасибо, придём.');
    await expect(
      again
        .getByRole('navigation', { name: 'Разделы кабинета' })
        .getByRole('link', { name: /Сообщения/ })
        .textContent(),
    ).resolves.toMatch(/1/);
    await answered.first().getByRole('link').click();
    await again.getByText('Спасибо, придём.').waitFor();
    await again.context().close();
  }, 120_000);

  it('offers no stranger: another school’s parent is not among a teacher’s recipients', async () => {
    const teacher = await open('teacher', '/teacher/messages/new', PHONE);
    await teacher.getByRole('heading', { name: 'Новое сообщение', level: 1 }).waitFor();
    await teacher.getByRole('group', { name: 'Родители — 5А' }).waitFor();
    await expect(teacher.getByRole('group', { name: /Родители — 4А/ }).count()).resolves.toBe(0);
    await teacher.context().close();
  });
});

describe('announcements', () => {
  it('the school admin announces to parents: the school’s parent sees it first thing, another school’s parent and a teacher do not', async () => {
    const admin = await open('admin', '/school/announcements');
    await admin.getByRole('heading', { name: 'Объявления', level: 1 }).waitFor();
    await admin.getByLabel('Заголовок').fill('Каникулы с 28 декабря');
    await admin.getByLabel('Текст').fill('Последний учебный день — 27 декабря.');
    await admin.getByLabel('Показывать с').fill('2026-11-20');
    await admin.getByLabel('по (включительно)').fill('2026-12-27');
    await admin.getByRole('button', { name: 'Опубликовать' }).click();
    await admin.getByText('Объявление опубликовано.').waitFor();
    await admin.getByRole('listitem').filter({ hasText: 'Каникулы с 28 декабря' }).waitFor();
    await admin.context().close();

    const parent = await open('guardian', '/guardian');
    const block = parent.getByRole('region', { name: 'Объявления' });
    await block.getByRole('heading', { name: 'Каникулы с 28 декабря' }).waitFor();
    await screenshot(parent, 'announcement-guardian');
    await parent.context().close();

    for (const [login, path, viewport] of [
      ['guardian2', '/guardian', PHONE],
      ['teacher', '/teacher', DESKTOP],
    ] as const) {
      const other = await open(login, path, viewport);
      await other.getByRole('heading', { level: 1 }).first().waitFor();
      await other.waitForFunction(() => !document.querySelector('.loading'));
      // The same query answered: the first page asked for announcements and got none for this person.
      const answer = await platform.query<{ announcements: { title: string }[] }>(
        { login },
        '{ announcements { title } }',
      );
      expect(answer.data?.announcements.map((row) => row.title)).not.toContain('Каникулы с 28 декабря');
      await expect(other.getByText('Каникулы с 28 декабря').count()).resolves.toBe(0);
      await other.context().close();
    }
  }, 120_000);

  it('the parent reads the announcement on a phone', async () => {
    const parent = await open('guardian', '/guardian', PHONE);
    await parent
      .getByRole('region', { name: 'Объявления' })
      .getByRole('heading', { name: 'Каникулы с 28 декабря' })
      .waitFor();
    await parent.context().close();
  });
});
