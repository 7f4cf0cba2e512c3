/**
 * «ГИР ВУ» in the school cabinet (issue 12, DOMAIN.md rule 22) in a real Chromium: the school admin sees the learners
 * who turn 17 this year with the errors of their cards — a missing SNILS, a wrong check number — opens a card from
 * the list, and downloads the file, which holds the learners in the seed's column order; the coordinator sees the
 * errors by organization, the analyst is not offered the page. The clock: November 2026.
 */
import { snilsChecksum } from '@region/schema/identifiers';
import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessibilityViolations } from '../src/accessibility.ts';
import { DESKTOP, launchBrowser, newContext, screenshot, signIn } from '../src/browser.ts';
import { startPlatform, type Platform } from '../src/platform.ts';

let platform: Platform;
let browser: Browser;
let school: string;

async function learner(lastName: string, snils: string | null): Promise<void> {
  const [row] = await platform.admin.sql<{ id: string }[]>`
    insert into people.persons (last_name, first_name, middle_name, normalized_name, birth_date, sex, snils, citizenship,
      place_of_birth, registration_address, residence_address, document_type, document_series, document_number,
      document_issued_on)
    values (${lastName}, 'Олег', 'Ильич', ${`${lastName.toLowerCase()} олег ильич`}, '2009-10-10', 'MALE', ${snils},
      'RUS', 'г. Копейск', 'г. Копейск, ул. Мира, 5', 'г. Копейск, ул. Мира, 5', 'RF_PASSPORT', '7523',
      ${String(100_000 + lastName.length * 7919)}, '2023-10-20')
    returning id`;
  await platform.admin.sql`insert into people.enrolments (person_id, organization_id, class_name, started_on)
    values (${row!.id}, ${school}, '11Б', '2025-09-01')`;
  await platform.admin.sql`insert into people.consents (person_id, kind) values (${row!.id}, 'PROCESSING')`;
}

beforeAll(async () => {
  platform = await startPlatform({ web: true, now: new Date('2026-11-20T07:00:00Z') });
  browser = await launchBrowser();
  const me = await platform.query<{ me: { grants: { organization: { id: string } | null }[] } }>(
    { login: 'admin' },
    '{ me { grants { organization { id } } } }',
  );
  school = me.data!.me.grants.find((grant) => grant.organization)!.organization!.id;
  const nine = '314159265';
  await learner('Бесснилсов', null);
  await learner('Опечаткин', nine + String((Number(snilsChecksum(nine)) + 1) % 100).padStart(2, '0'));
});
afterAll(async () => {
  await browser?.close();
  await platform?.stop();
});

async function open(path: string, login = 'admin'): Promise<Page> {
  const page = await (await newContext(browser, DESKTOP)).newPage();
  await signIn(page, platform.webUrl, login, path);
  return page;
}

describe('ГИР ВУ in the school cabinet', () => {
  it('lists the learners with errors in Russian, each linked to the card to fix', async () => {
    const page = await open(`/school/military-registration/${school}`);
    await page.getByRole('heading', { name: 'ГИР ВУ', level: 1 }).waitFor();
    await page.getByText('исполняется 17 лет (2009 года рождения)').waitFor();
    const missing = page.getByRole('row').filter({ hasText: 'Бесснилсов' });
    await expect(missing.textContent()).resolves.toContain('Не указан СНИЛС.');
    const wrong = page.getByRole('row').filter({ hasText: 'Опечаткин' });
    await expect(wrong.textContent()).resolves.toContain('не сходится контрольное число');
    await expect(page.getByRole('link', { name: 'ГИР ВУ' }).getAttribute('aria-current')).resolves.toBe('page');
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'school-military-registration');

    await page.getByRole('link', { name: 'Бесснилсов Олег Ильич' }).click();
    await page.getByRole('heading', { name: 'Бесснилсов Олег Ильич' }).waitFor();
    await page.getByRole('link', { name: /К ГИР ВУ/ }).waitFor();
    await page.context().close();
  });

  it('downloads the file with the learners in the seed’s column order', async () => {
    const page = await open(`/school/military-registration/${school}`);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Скачать файл для ГИР ВУ (CSV)' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('ГИР-ВУ-2026-организация.csv');
    const csv = await readFile((await download.path())!, 'utf8');
    expect(csv.startsWith('\uFEFFФамилия;Имя;Отчество;Дата рождения;Пол;Класс;Вид документа;')).toBe(true);
    expect(csv).toContain('Бесснилсов;Олег;Ильич;10.10.2009;М;11Б;Паспорт гражданина РФ;7523;');
    await page.getByText(/Файл сохранён: обучающихся в файле — \d+/).waitFor();
    await page.context().close();
  });
});

describe('ГИР ВУ in the territory cabinet', () => {
  it('shows the coordinator the errors by organization of the municipality', async () => {
    const page = await open('/territory/military-registration', 'coordinator');
    await page.getByRole('heading', { name: 'ГИР ВУ', level: 1 }).waitFor();
    const [row] = await platform.admin.sql<{ short_name: string }[]>`
      select short_name from people.organizations where id = ${school}`;
    const line = page.getByRole('row').filter({ hasText: row!.short_name });
    await expect(line.textContent()).resolves.toContain('Не указан СНИЛС. — 1');
    await page.getByRole('button', { name: 'Скачать файл для ГИР ВУ (CSV)' }).waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'territory-military-registration');
    await page.context().close();
  });

  it('does not offer the page to the ministry analyst', async () => {
    const page = await open('/territory', 'analyst');
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    await expect(page.getByRole('link', { name: 'ГИР ВУ' }).count()).resolves.toBe(0);
    await page.context().close();
  });
});
