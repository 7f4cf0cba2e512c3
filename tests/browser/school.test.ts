/**
 * The school administration's cabinet in a real Chromium against the real servers: data completeness and
 * a card's edit form (SNILS refused before sending), duplicates with last logins and a merge, the movement
 * book, the school year (formed from 1 April, then opened; a class promoted by one order, a repeater
 * left behind), admissions with a status change and the
 * «Направлен в ОО» deadline, and another school's admin refused. The clock starts on 25 March 2027.
 */
import { formatSnils, snilsChecksum } from '@region/schema/identifiers';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESKTOP, launchBrowser, newContext, PHONE, screenshot, signIn, type Viewport } from '../src/browser.ts';
import { startPlatform, type Platform } from '../src/platform.ts';

let platform: Platform;
let browser: Browser;
let school: string;

const BEFORE_APRIL = new Date('2027-03-25T05:00:00Z');
const APRIL = new Date('2027-04-05T05:00:00Z');
const END_OF_RECEPTION = new Date('2027-06-30T06:00:00Z');

beforeAll(async () => {
  platform = await startPlatform({ web: true, now: BEFORE_APRIL });
  browser = await launchBrowser();
  const me = await platform.query<{ me: { grants: { organization: { id: string } | null }[] } }>(
    { login: 'admin' },
    '{ me { grants { organization { id } } } }',
  );
  school = me.data!.me.grants.find((grant) => grant.organization)!.organization!.id;
});
afterAll(async () => {
  await browser?.close();
  await platform?.stop();
});

async function open(login: string, path: string, viewport: Viewport = DESKTOP): Promise<Page> {
  const page = await (await newContext(browser, viewport)).newPage();
  await signIn(page, platform.webUrl, login, path);
  return page;
}

const url = (section: string, ...rest: string[]) => ['/school', section, school, ...rest].join('/');

describe('school administration', () => {
  it('does not offer forming the next school year before 1 April, saying from which date it is possible', async () => {
    const page = await open('admin', url('school-year'));
    await page.getByRole('heading', { name: 'Учебный год', level: 1 }).waitFor();
    const button = page.getByRole('button', { name: 'Сформировать следующий учебный год' });
    await expect(button.isDisabled()).resolves.toBe(true);
    await page.getByText('Учебный год 2027/28 можно сформировать с 1 апреля 2027 г.').waitFor();
    await screenshot(page, 'school-year-refused');
    await page.context().close();
  });

  it('forms the school year from 1 April and opens it after a confirmation', async () => {
    platform.setNow(APRIL);
    const page = await open('admin', url('school-year'));
    await page.getByRole('button', { name: 'Сформировать следующий учебный год' }).click();
    await page.getByText('Учебный год 2027/28 сформирован.').waitFor();
    await page.getByRole('button', { name: 'Открыть учебный год 2027/28' }).click();
    const dialog = page.getByRole('dialog', { name: 'Открыть учебный год 2027/28?' });
    await dialog.getByRole('button', { name: 'Открыть' }).click();
    await page.getByText('Учебный год 2027/28 открыт.').waitFor();
    await expect(page.getByRole('row', { name: /2027\/28.*Открыт/ }).count()).resolves.toBe(1);
    await screenshot(page, 'school-year');
    await page.context().close();
  });

  it('lists students with gaps by field, refuses an invalid SNILS at the field and saves a valid one', async () => {
    const page = await open('admin', url('completeness'));
    await page.getByRole('heading', { name: 'Контроль заполнения данных' }).waitFor();
    await page.getByLabel('Незаполненное поле').selectOption('SNILS');
    await page.getByText('Найдено 2 карточки').waitFor();
    const student = page.getByRole('link', { name: 'Захаров Виктор Максимович' });
    await expect(page.getByRole('row').filter({ hasText: 'Захаров' }).textContent()).resolves.toContain('СНИЛС');
    await screenshot(page, 'school-completeness');

    await student.click();
    await page.getByRole('heading', { name: 'Захаров Виктор Максимович' }).waitFor();
    await expect(page.getByText('Не заполнены обязательные поля: СНИЛС').isVisible()).resolves.toBe(true);
    const sent: string[] = [];
    page.on('request', (request) => {
      if (request.postData()?.includes('SchoolUpdatePerson')) sent.push(request.postData()!);
    });
    await page.getByRole('button', { name: 'Изменить карточку' }).click();
    const snils = page.getByLabel('СНИЛС', { exact: true });
    await snils.fill('112-233-445 96');
    await page.getByRole('button', { name: 'Сохранить' }).click();
    await page.getByText('не сходится контрольное число').waitFor();
    await expect(snils.getAttribute('aria-invalid')).resolves.toBe('true');
    expect(sent).toEqual([]);
    await screenshot(page, 'school-card-invalid-snils');

    // A valid number of another card: the server refuses it, and the refusal stands at the field.
    await snils.fill('026-721-805 42');
    await page.getByRole('button', { name: 'Сохранить' }).click();
    await page.getByText('Человек с таким СНИЛС уже есть в системе').waitFor();
    expect(sent).toHaveLength(1);
    await expect(snils.getAttribute('aria-invalid')).resolves.toBe('true');

    const valid = formatSnils(`987654320${snilsChecksum('987654320')}`);
    await snils.fill(valid);
    await page.getByRole('button', { name: 'Сохранить' }).click();
    await page.getByText('Изменения сохранены').waitFor();
    expect(sent).toHaveLength(2);
    await page.getByText('все обязательные поля заполнены').waitFor();
    await expect(page.locator('.school-fact', { hasText: 'СНИЛС' }).textContent()).resolves.toContain(valid);
    await page.getByRole('row', { name: new RegExp(`СНИЛС.*${valid}`) }).waitFor();
    await screenshot(page, 'school-card');
    await page.context().close();
  });

  it('shows each duplicate record with its last login and merges one into the chosen card', async () => {
    await platform.admin.sql`update people.persons set last_login_at = '2027-03-01T09:15:00Z'
      where normalized_name = 'орлова василиса геннадьевна' and snils is not null`;
    const page = await open('admin', url('duplicates'));
    const group = page.locator('section.card', { hasText: 'Орлова Василиса Геннадьевна' });
    await group.waitFor();
    const logins = await group.getByTestId('last-login').allTextContents();
    // Shown in the region's time (UTC+5).
    expect(logins.sort()).toEqual(['01.03.2027, 14:15', 'не входил(а)']);
    await group.getByRole('button', { name: /Объединить карточку \d с выбранной/ }).click();
    const dialog = page.getByRole('dialog', { name: 'Объединить карточки?' });
    await expect(dialog.textContent()).resolves.toContain('Отменить объединение нельзя');
    await screenshot(page, 'school-duplicates-confirm');
    await dialog.getByRole('button', { name: 'Объединить' }).click();
    await page.getByText('Карточки объединены.').waitFor();
    await page.locator('section.card', { hasText: 'Орлова Василиса Геннадьевна' }).waitFor({ state: 'detached' });
    await screenshot(page, 'school-duplicates');
    await page.context().close();
  });

  it('shows the movement book and records a transfer, checking the dates first', async () => {
    const page = await open('admin', url('movements'));
    await page.getByRole('heading', { name: 'Книга движения' }).waitFor();
    await page.getByRole('row').nth(10).waitFor();
    await screenshot(page, 'school-movements');

    await page.getByRole('link', { name: 'Новая запись' }).click();
    await page.getByLabel('Перевод').check();
    await page.getByLabel('Обучающийся *').fill('Киселёв Евгений');
    await page.getByRole('button', { name: /Киселёв Евгений Владимирович/ }).click();
    await page.getByLabel('Класс *').selectOption({ label: '10В' });
    await page.getByLabel('Номер приказа *').fill('41-у');
    await page.getByLabel('Дата приказа *').fill('2027-04-05');
    await page.getByLabel('Действует с *').fill('2027-04-01');
    await page.getByRole('button', { name: 'Внести запись' }).click();
    await page.getByText('Дата вступления в силу не может быть раньше даты приказа.').waitFor();
    await page.getByLabel('Действует с *').fill('2027-04-06');
    await page.getByRole('button', { name: 'Внести запись' }).click();
    await page.getByText('Запись внесена: перевод, Киселёв Евгений Владимирович').waitFor();
    await page.getByRole('row', { name: /№ 41-у/ }).waitFor();
    await expect(page.getByRole('row').nth(1).textContent()).resolves.toContain('Киселёв Евгений Владимирович');
    await page.context().close();
  });

  it("promotes a class into next year's class by one order, leaving the repeater behind", async () => {
    const classes = await platform.query<{
      organization: { current: { id: string; name: string }[]; next: { id: string; name: string }[] };
    }>(
      { login: 'admin' },
      'query ($id: ID!) { organization(id: $id) { current: classes(schoolYear: 2026) { id name } next: classes(schoolYear: 2027) { id name } } }',
      { id: school },
    );
    const from = classes.data!.organization.current.find((c) => c.name === '5А')!.id;
    const to = classes.data!.organization.next.find((c) => c.name === '6А')!.id;
    const learners = await platform.query<{ persons: { edges: { node: { id: string; fullName: string } }[] } }>(
      { login: 'admin' },
      'query ($c: ID!) { persons(filter: { classId: $c }, first: 100) { edges { node { id fullName } } } }',
      { c: from },
    );
    const people = learners.data!.persons.edges.map((edge) => edge.node);
    expect(people.length).toBeGreaterThan(2);
    const repeater = people[0]!;

    const page = await open('admin', url('school-year'));
    const promotion = page.getByRole('region', { name: 'Перевод обучающихся' });
    const fifth = promotion.getByRole('region', { name: '5А → 6А' });
    await fifth.getByRole('checkbox').first().waitFor();
    await expect(promotion.getByRole('region', { name: '10В → 11В' }).count()).resolves.toBe(1);
    const sent: string[] = [];
    page.on('request', (request) => {
      if (request.postData()?.includes('SchoolRecordClassMovement')) sent.push(request.postData()!);
    });
    await fifth.getByRole('button', { name: 'Провести приказ' }).click();
    await promotion.getByText('Укажите номер приказа.').waitFor();
    await promotion.getByText('Укажите дату приказа.').waitFor();
    expect(sent).toEqual([]);
    await expect(promotion.getByLabel('Действует с *').inputValue()).resolves.toBe('2027-09-01');

    await promotion.getByLabel('Номер приказа *').fill('55-у');
    await promotion.getByLabel('Дата приказа *').fill('2027-04-05');
    await fifth.getByLabel(`${repeater.fullName} — остаётся на повторное обучение`).check();
    await fifth.getByRole('button', { name: 'Провести приказ' }).click();
    await fifth.getByText(`Приказ № 55-у проведён: `).waitFor();
    await expect(fifth.getByRole('status').textContent()).resolves.toContain(String(people.length - 1));
    expect(sent).toHaveLength(1);
    // Only the repeater is left in this year's class list.
    await expect.poll(() => fifth.getByRole('checkbox').count()).toBe(1);
    await screenshot(page, 'school-year-promotion');

    const moved = await platform.admin.sql<{ person_id: string }[]>`
      select person_id from people.enrolments where class_id = ${to} and ended_on is null and started_on = '2027-09-01'`;
    expect(moved.map((row) => row.person_id).sort()).toEqual(
      people
        .filter((person) => person.id !== repeater.id)
        .map((person) => person.id)
        .sort(),
    );
    const [stays] = await platform.admin.sql<{ class_id: string }[]>`
      select class_id from people.enrolments where person_id = ${repeater.id} and ended_on is null`;
    expect(stays?.class_id).toBe(from);
    const entries = await platform.admin.sql<{ person_id: string }[]>`
      select person_id from people.movements where order_number = '55-у' and kind = 'TRANSFER'
        and class_id = ${to} and from_class_id = ${from}`;
    expect(entries).toHaveLength(people.length - 1);
    expect(entries.some((row) => row.person_id === repeater.id)).toBe(false);

    await page.context().close();
  });

  it('moves an application along and shows the «Направлен в ОО» deadline refusal next to the action', async () => {
    const intake = await platform.query(
      { token: await platform.serviceToken('epgu') },
      `mutation ($input: EpguApplicationInput!) { intakeEpguApplication(input: $input) { application { id } } }`,
      {
        input: {
          epguNumber: 'SCHOOL-UI-1',
          registeredAt: '2027-04-02T04:00:00Z',
          kind: 'FIRST_GRADE',
          year: 2027,
          category: 'TERRITORY',
          organizationIds: [school],
          child: {
            lastName: 'Приёмова',
            firstName: 'Алиса',
            birthDate: '2020-05-05',
            birthCertificateNumber: '555001',
          },
          applicant: { lastName: 'Приёмова', firstName: 'Ольга' },
        },
      },
    );
    expect(intake.errors).toBeUndefined();

    const page = await open('admin', url('admissions'));
    await page.getByLabel('Статус').selectOption('SUBMITTED');
    await page.getByRole('link', { name: 'Приёмова Алиса' }).click();
    await page.getByRole('heading', { name: 'Заявление: Приёмова Алиса' }).waitFor();
    for (const [status, name] of [
      ['UNDER_REVIEW', 'На рассмотрении'],
      ['ACCEPTED', 'Принято к рассмотрению'],
    ] as const) {
      await page.getByLabel('Новый статус').selectOption(status);
      await page.getByRole('button', { name: 'Сменить статус' }).click();
      await page.getByText(`Статус изменён: «${name}».`).waitFor();
    }
    await expect(page.locator('.school-timeline li').count()).resolves.toBe(3);
    await page.getByLabel('Новый статус').selectOption('DIRECTED');
    await page.getByRole('button', { name: 'Сменить статус' }).click();
    const refusal = page.locator('[data-code="DEADLINE_RULE"]');
    await refusal.waitFor();
    await expect(refusal.textContent()).resolves.toMatch(/«Направлен в ОО» до 30 июня 2027/);
    await expect(refusal.textContent()).resolves.toContain('Дата по правилу: 30.06.2027');
    await screenshot(page, 'school-admissions-deadline');

    await page.getByRole('link', { name: '← К заявлениям' }).click();
    await page.getByLabel('Номер на ЕПГУ').fill('SCHOOL-UI-1');
    await page.getByLabel('Дата регистрации').fill('2027-04-02');
    await page.getByRole('button', { name: 'Найти' }).click();
    const found = page.getByRole('region', { name: 'Найти заявление' }).getByRole('link', { name: 'Приёмова Алиса' });
    await found.waitFor();
    await screenshot(page, 'school-admissions');
    await page.context().close();
  });

  it('directs the application on 30 June when places are set', async () => {
    platform.setNow(END_OF_RECEPTION);
    await platform.admin.sql`insert into admissions.places (organization_id, year, kind, total)
      values (${school}, 2027, 'FIRST_GRADE', 25)`;
    const page = await open('admin', url('admissions'));
    await page.getByLabel('Статус').selectOption('ACCEPTED');
    await page.getByRole('link', { name: 'Приёмова Алиса' }).click();
    await page.getByLabel('Новый статус').selectOption('DIRECTED');
    await page.getByRole('button', { name: 'Сменить статус' }).click();
    await page.getByText('Статус изменён: «Направлен в ОО».').waitFor();
    await page.context().close();
  });

  it('shows classes and a class list, and the summary at phone width', async () => {
    const page = await open('admin', url('classes'));
    await page.getByRole('link', { name: '5А' }).click();
    await page.getByRole('heading', { name: '5А класс' }).waitFor();
    await expect(page.getByRole('row').count()).resolves.toBeGreaterThan(10);
    await screenshot(page, 'school-class');
    await page.context().close();

    const phone = await open('admin', url('completeness'), PHONE);
    await phone.getByRole('heading', { name: 'Контроль заполнения данных' }).waitFor();
    await phone.getByText(/Найдено \d+/).waitFor();
    await screenshot(phone, 'school-completeness-phone');
    await phone.context().close();
  });

  it("shows another school's admin «Нет доступа» instead of this school's students, and their own school", async () => {
    const page = await open('admin2', url('completeness'));
    await page.getByRole('heading', { name: 'Нет доступа' }).waitFor();
    await expect(page.getByRole('table').count()).resolves.toBe(0);
    await expect(page.getByText('Осипова Екатерина Сергеевна').count()).resolves.toBe(0);
    await screenshot(page, 'school-no-access');
    await page.locator('main a').first().click();
    await page.getByRole('heading', { level: 1 }).filter({ hasNotText: 'Нет доступа' }).waitFor();
    await page.context().close();
  });
});
