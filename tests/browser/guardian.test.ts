/**
 * The guardian's cabinet in a real Chromium against the real servers: the children, a diary week with
 * marks, the portfolio next to the class, the ЕПГУ readiness, granting a minor's login consent, the
 * kindergarten queue, a first-grade application within the campaign, and a child of another family.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newContext, PHONE, screenshot, signIn, type Viewport } from '../src/browser.ts';
import { personIdOf } from '../src/demo-people.ts';
import { startPlatform, type Platform } from '../src/platform.ts';

/** A Tuesday of the first quarter: the demo has marks, attendance and homework around it. */
const SCHOOL_DAY = new Date('2026-10-20T09:00:00Z');
/** Inside the first-grade reception for the territory and priority rights (1 April – 30 June 2027). */
const CAMPAIGN_DAY = new Date('2027-04-15T06:00:00Z');

let platform: Platform;
let browser: Browser;
let dmitryId: string;
let annaId: string;

beforeAll(async () => {
  // principalTtlMs 0: a consent granted in one step lets the minor in at the next, without the login cache.
  platform = await startPlatform({ web: true, now: SCHOOL_DAY, principalTtlMs: 0 });
  browser = await launchBrowser();
  dmitryId = await personIdOf(platform.admin, 'student');
  annaId = await personIdOf(platform.admin, 'student-8b');
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

/** A six-year-old linked to the guardian, with a birth certificate and consent: the child of the application. */
async function linkPreschoolChild(guardianLogin: string): Promise<string> {
  const guardianId = await personIdOf(platform.admin, guardianLogin);
  const [child] = await platform.admin.sql<{ id: string }[]>`
    insert into people.persons (last_name, first_name, middle_name, normalized_name, birth_date, sex,
      document_type, document_series, document_number, residence_address)
    values ('Кузнецов', 'Илья', 'Алексеевич', 'кузнецов илья алексеевич', '2020-08-15', 'MALE',
      'BIRTH_CERTIFICATE', 'V-ИВ', '654321', '456618, Челябинская обл., г. Копейск, пер. Тихий, д. 90, кв. 101')
    returning id`;
  await platform.admin.sql`insert into people.consents (person_id, kind, granted_by)
    values (${child!.id}, 'PROCESSING', ${guardianId})`;
  await platform.admin
    .sql`insert into people.guardianships (guardian_id, child_id) values (${guardianId}, ${child!.id})`;
  return child!.id;
}

describe('guardian cabinet', () => {
  it('shows both children with school and class, and a diary week with marks, weights and attendance', async () => {
    const tab = await signedIn('guardian', '/guardian');
    await tab.getByRole('heading', { name: 'Мои дети', level: 1 }).waitFor();
    const cards = tab.locator('.child-card');
    await cards.filter({ hasText: 'Кузнецов Дмитрий Алексеевич' }).getByText('5А класс').waitFor();
    await cards.filter({ hasText: 'Кузнецова Анна Алексеевна' }).getByText('8Б класс').waitFor();
    await screenshot(tab, 'guardian-home');

    await cards.filter({ hasText: 'Кузнецов Дмитрий' }).getByRole('link', { name: 'Дневник' }).click();
    await tab.waitForURL(`**/guardian/children/${dmitryId}/diary`);
    // No week in the address: the server's current week by its clock (19–25 October 2026).
    await tab.getByText('19 – 25 октября 2026 г.').waitFor();
    await tab.getByRole('button', { name: 'Предыдущая неделя' }).click();
    await tab.getByText('12 – 18 октября 2026 г.').waitFor();
    expect(new URL(tab.url()).searchParams.get('week')).toBe('2026-10-12');
    const monday = tab.getByRole('region', { name: 'Понедельник, 12 октября' });
    await monday.waitFor();
    expect(await tab.locator('.diary .mark-chip').count()).toBeGreaterThan(0);
    // In the detailed view each lesson names its teacher (staff of the child's school are named to its parents).
    await tab.getByRole('button', { name: /Подробно/ }).click();
    await expect(tab.locator('.diary-teacher').first().textContent()).resolves.toMatch(/· \S+ \S+/);
    await tab.getByRole('button', { name: /Подробно/ }).click();
    // A control work counts twice: the weight is shown next to the mark and read out with its kind.
    await expect(
      tab.locator('.diary .mark-chip', { hasText: 'контрольная работа, вес 2' }).count(),
    ).resolves.toBeGreaterThan(0);
    await expect(
      tab.locator('.diary [title^="Отсутствовал"], .diary [title="Болел(а)"], .diary [title="Опоздал(а)"]').count(),
    ).resolves.toBeGreaterThan(0);
    await tab.getByRole('heading', { name: /Просроченные задания/ }).waitFor();
    await screenshot(tab, 'guardian-diary');

    // The switcher keeps the section and the week.
    await tab.getByRole('combobox', { name: 'Ребёнок' }).selectOption(annaId);
    await tab.waitForURL(`**/guardian/children/${annaId}/diary?week=2026-10-12`);
    await tab.getByRole('heading', { name: 'Дневник: Кузнецова Анна Алексеевна' }).waitFor();
    await tab.context().close();
  });

  it("puts the child's average next to the class average per subject, with attendance and the holidays", async () => {
    const tab = await signedIn('guardian', `/guardian/children/${dmitryId}/portfolio`);
    const chart = tab.locator('figure.chart');
    await chart.getByText('Средний балл по предметам').waitFor();
    await expect(chart.locator('.legend').textContent()).resolves.toMatch(/ученик.*средний по классу/);
    const maths = chart.getByRole('row', { name: /Математика/ });
    const labels = await maths.locator('.bar-label').allTextContents();
    expect(labels).toHaveLength(2);
    for (const label of labels) expect(label).toMatch(/^\d,\d\d$/);
    await tab.getByText('Осенние каникулы').waitFor();
    await tab.getByRole('heading', { name: 'Контрольные работы' }).waitFor();
    await tab.getByRole('heading', { name: 'События года' }).waitFor();
    await screenshot(tab, 'guardian-portfolio');
    await tab.context().close();
  });

  it('says what is missing for the ЕПГУ portfolio and what to do, per child', async () => {
    await platform.admin.sql`update people.persons set document_number = null where id = ${annaId}`;
    const tab = await signedIn('guardian', `/guardian/children/${annaId}/gosuslugi`);
    const failed = tab.locator('[data-code="CHILD_DATA_INCOMPLETE"]');
    await failed.waitFor();
    await expect(failed.getAttribute('class')).resolves.toBe('readiness-failed');
    await expect(failed.textContent()).resolves.toContain('документ, удостоверяющий личность');
    await expect(failed.textContent()).resolves.toContain('Что сделать');
    await expect(tab.locator('.readiness-met').count()).resolves.toBe(8);
    await screenshot(tab, 'guardian-readiness');

    await tab.getByRole('combobox', { name: 'Ребёнок' }).selectOption(dmitryId);
    await tab.getByText('Все условия выполнены').waitFor();

    // Condition 3: the card must match what Госуслуги said at the parent's login (this sign-in stored it).
    await platform.admin.sql`update people.persons set birth_date = birth_date - 1 where id = ${dmitryId}`;
    await tab.reload();
    const mismatch = tab.locator('[data-code="CHILD_ESIA_MISMATCH"]');
    await mismatch.waitFor();
    await expect(mismatch.getAttribute('class')).resolves.toBe('readiness-failed');
    await expect(mismatch.textContent()).resolves.toContain('дата рождения не совпадает');
    await expect(mismatch.textContent()).resolves.toContain('Что сделать');
    await tab.context().close();
  });

  it('lets a parent grant the login consent a minor asked for, after which the minor signs in', async () => {
    const minor = await (await newContext(browser)).newPage();
    await signIn(minor, platform.webUrl, 'minor');
    await minor.locator('[data-refusal="CONSENT_REQUIRED"]').waitFor();
    await minor.context().close();

    const parent = await signedIn('minor-parent', '/guardian');
    const requests = parent.getByRole('region', { name: 'Ждут вашего решения' });
    const request = requests.locator('.consent-request', { hasText: 'Зайцев Кирилл Олегович' });
    await expect(request.textContent()).resolves.toContain('Вход ребёнка через Госуслуги');
    await screenshot(parent, 'guardian-consent-request');
    await requests.getByRole('button', { name: 'Разрешить вход' }).click();
    await parent.getByText('Согласие сохранено: Зайцев Кирилл Олегович').waitFor();
    await parent.getByRole('link', { name: 'Согласия' }).click();
    await parent
      .getByRole('row', { name: /Вход ребёнка через Госуслуги/ })
      .getByText('действует')
      .waitFor();
    await parent.context().close();

    const again = await (await newContext(browser)).newPage();
    await signIn(again, platform.webUrl, 'minor');
    // Let in for the first time: the consent to transfer personal data is asked once (rule 2).
    await again.getByRole('heading', { name: 'Согласие на передачу персональных данных' }).waitFor();
    await again.getByRole('checkbox').check();
    await again.getByRole('button', { name: 'Продолжить' }).click();
    await again.waitForURL((url) => url.pathname.startsWith('/student'));
    await again.getByRole('heading', { name: 'Дневник', level: 1 }).waitFor();
    await again.context().close();
  });

  it('shows the kindergarten queue place and every change of it with the reason', async () => {
    const tab = await signedIn('guardian', '/guardian/applications');
    const card = tab.locator('.application-card', { hasText: 'В детский сад' });
    await card.getByText('Место в очереди:').waitFor();
    await card.getByRole('link').click();
    await tab.getByRole('heading', { name: 'Очередь в детский сад' }).waitFor();
    await tab.getByRole('heading', { name: 'История статусов' }).waitFor();
    await tab.getByText('Постановка на учёт').first().waitFor();
    await screenshot(tab, 'guardian-kindergarten-queue');
    await tab.context().close();
  });

  it('answers a child of another family by URL with a clear «нет доступа» page, not a crash', async () => {
    const tab = await signedIn('guardian2', `/guardian/children/${dmitryId}/diary`);
    await tab.getByRole('heading', { name: 'Нет доступа или не найдено' }).waitFor();
    await expect(tab.locator('[data-state="no-access"]').textContent()).resolves.toContain('связана');
    await expect(tab.getByText('Кузнецов Дмитрий').count()).resolves.toBe(0);
    await screenshot(tab, 'guardian-no-access');

    // The server refuses as well: another family's application reads as not found.
    const guardianId = await personIdOf(platform.admin, 'guardian');
    const [application] = await platform.admin.sql<{ id: string }[]>`
      select id from admissions.applications where applicant_id = ${guardianId} limit 1`;
    await tab.goto(new URL(`/guardian/applications/${application!.id}`, platform.webUrl).href);
    await tab.getByText('Заявление не найдено').waitFor();
    await tab.context().close();
  });

  it('works at phone width', async () => {
    const tab = await signedIn('guardian', `/guardian/children/${dmitryId}/diary?week=2026-10-12`, PHONE);
    await tab.getByRole('region', { name: 'Понедельник, 12 октября' }).waitFor();
    await expect(tab.evaluate(() => document.documentElement.scrollWidth)).resolves.toBeLessThanOrEqual(PHONE.width);
    await screenshot(tab, 'guardian-diary-phone');
    await tab.goto(new URL('/guardian', platform.webUrl).href);
    await tab.locator('.child-card').first().waitFor();
    await expect(tab.evaluate(() => document.documentElement.scrollWidth)).resolves.toBeLessThanOrEqual(PHONE.width);
    await screenshot(tab, 'guardian-home-phone');
    await tab.context().close();
  });

  it('submits a first-grade application within the reception dates and shows its status and history', async () => {
    const childId = await linkPreschoolChild('guardian');
    platform.setNow(CAMPAIGN_DAY);
    try {
      const tab = await signedIn('guardian', `/guardian/applications/new?child=${childId}`);
      await tab.getByRole('heading', { name: 'Заявление о приёме в 1 класс' }).waitFor();
      // The child's card fills the form, the certificate included.
      await expect(tab.getByLabel('Имя', { exact: true }).inputValue()).resolves.toBe('Илья');
      await expect(tab.getByLabel('Номер свидетельства').inputValue()).resolves.toBe('654321');

      // Checked before sending.
      await tab.getByRole('button', { name: 'Подать заявление' }).click();
      await tab.getByText('Выберите хотя бы одну школу.').waitFor();
      await tab.getByText('Подтвердите, что сведения достоверны.').waitFor();

      await tab.getByRole('button', { name: 'Добавить: МБОУ СОШ № 1' }).click();
      await tab.getByText('Подтверждаю, что сведения достоверны').click();

      // «Прочие» are received from 6 July: the server's deadline rule is shown at the form.
      await tab.getByRole('radio', { name: /Прочие/ }).check();
      await tab.getByRole('button', { name: 'Подать заявление' }).click();
      const refusal = tab.locator('.refusal[data-code="DEADLINE_RULE"]');
      await refusal.waitFor();
      await expect(refusal.textContent()).resolves.toContain('6 июля 2027');
      await screenshot(tab, 'guardian-application-deadline');

      await tab.getByRole('radio', { name: /закреплённой за школой/ }).check();
      await tab.getByRole('button', { name: 'Подать заявление' }).click();
      await tab.waitForURL(/\/guardian\/applications\/[0-9a-f-]{36}$/);
      await tab.getByText('Заявление подано. Статус: «Подано».').waitFor();
      await tab.getByRole('heading', { name: 'В 1 класс, 2027/28 учебный год' }).waitFor();
      await expect(tab.locator('.timeline').textContent()).resolves.toContain('Подано');
      await screenshot(tab, 'guardian-application');

      await tab.getByRole('link', { name: '← Все заявления' }).click();
      const card = tab.locator('.application-card', { hasText: 'Кузнецов Илья Алексеевич' });
      await card.getByText('Подано', { exact: true }).waitFor();
      await screenshot(tab, 'guardian-applications');

      // A second one for the same child and year is refused, with the way to the first.
      await tab.goto(new URL(`/guardian/applications/new?child=${childId}`, platform.webUrl).href);
      await tab.getByRole('button', { name: 'Добавить: МБОУ СОШ № 1' }).click();
      await tab.getByText('Подтверждаю, что сведения достоверны').click();
      await tab.getByRole('button', { name: 'Подать заявление' }).click();
      const conflict = tab.locator('.refusal[data-code="CONFLICT"]');
      await conflict.getByRole('link', { name: 'Открыть действующее заявление' }).click();

      // Withdrawn by the applicant, with the reason in the history.
      await tab.getByRole('button', { name: 'Отозвать заявление' }).click();
      await tab.getByLabel('Причина (необязательно)').fill('Выбрали другую школу');
      await tab.getByRole('button', { name: 'Да, отозвать' }).click();
      await tab.getByText('Заявление отозвано.').waitFor();
      await tab.locator('.timeline', { hasText: 'Причина: Выбрали другую школу' }).waitFor();
      await tab.context().close();
    } finally {
      platform.setNow(SCHOOL_DAY);
    }
  });
});
