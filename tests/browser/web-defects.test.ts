/**
 * The web defects of issue 15 §3, each in a real Chromium against the real servers: every test here failed
 * before its fix. The clock stands on a Tuesday of the first quarter (the demo has lessons, marks and homework
 * around it), which is also before 1 April, when the next school year may first be formed.
 */
import { formatSnils, snilsChecksum } from '@region/schema/identifiers';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESKTOP, launchBrowser, newContext, PHONE, screenshot, signIn, type Viewport } from '../src/browser.ts';
import { personIdOf } from '../src/demo-people.ts';
import { startPlatform, type Platform } from '../src/platform.ts';

const SCHOOL_DAY = new Date('2026-10-20T09:00:00Z');

let platform: Platform;
let browser: Browser;
let school: string;
let dmitryId: string;

beforeAll(async () => {
  platform = await startPlatform({ web: true, now: SCHOOL_DAY });
  browser = await launchBrowser();
  const me = await platform.query<{ me: { grants: { organization: { id: string } | null }[] } }>(
    { login: 'admin' },
    '{ me { grants { organization { id } } } }',
  );
  school = me.data!.me.grants.find((grant) => grant.organization)!.organization!.id;
  dmitryId = await personIdOf(platform.admin, 'student');
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

/** Holds back the answers to one operation, so what a page shows before it arrives can be checked. */
async function delayOperation(page: Page, operationName: string, ms: number): Promise<void> {
  await page.route('**/graphql', async (route) => {
    if (route.request().postData()?.includes(`"operationName":"${operationName}"`)) {
      await new Promise((resolve) => setTimeout(resolve, ms));
    }
    await route.continue();
  });
}

describe('issue 15 §3: web defects', () => {
  it('1. opens every tab of a child’s page, each on its own address', async () => {
    const page = await open('guardian', `/guardian/children/${dmitryId}/diary`);
    await page.getByRole('heading', { name: 'Дневник: Кузнецов Дмитрий Алексеевич' }).waitFor();
    const tabs = page.getByRole('navigation', { name: 'Разделы по ребёнку' });
    await tabs.getByRole('link', { name: 'Портфолио', exact: true }).click();
    await page.waitForURL(`**/guardian/children/${dmitryId}/portfolio`);
    await page.locator('figure.chart figcaption', { hasText: 'Средний балл по предметам' }).waitFor();
    await tabs.getByRole('link', { name: 'Портфолио на Госуслугах' }).click();
    await page.waitForURL(`**/guardian/children/${dmitryId}/gosuslugi`);
    await page.getByText('Все условия выполнены').waitFor();
    await tabs.getByRole('link', { name: 'Заявления' }).click();
    await page.waitForURL(`**/guardian/children/${dmitryId}/applications`);
    await page.getByRole('heading', { name: 'Заявления: Кузнецов Дмитрий Алексеевич' }).waitFor();
    await tabs.getByRole('link', { name: 'Дневник' }).click();
    await page.waitForURL(`**/guardian/children/${dmitryId}/diary`);
    // An address of the old links (a section inside another) lands on the section, not on a blank page.
    await page.goto(new URL(`/guardian/children/${dmitryId}/diary/portfolio`, platform.webUrl).href);
    await page.waitForURL(`**/guardian/children/${dmitryId}/portfolio`);
    await page.locator('figure.chart figcaption', { hasText: 'Средний балл по предметам' }).waitFor();
    await page.context().close();
  });

  it('3. shows the card of a pupil who moved to another school as «выбыл», without errors or an edit button', async () => {
    const book = await platform.query<{
      movementBook: {
        edges: { node: { person: { id: string } | null; organization: { id: string; shortName: string } } }[];
      };
    }>(
      { login: 'admin' },
      'query ($o: ID!) { movementBook(organizationId: $o, first: 200) { edges { node { person { id } organization { id shortName } } } } }',
      { o: school },
    );
    const away = book.data!.movementBook.edges.find(({ node }) => node.person && node.organization.id !== school)!.node;
    const page = await open('admin', `/school/movements/${school}/person/${away.person!.id}`);
    const state = page.locator('[data-state="moved-away"]');
    await state.waitFor();
    await expect(state.textContent()).resolves.toContain('Ученик выбыл');
    await expect(state.textContent()).resolves.toContain(away.organization.shortName);
    await expect(page.getByText(/Нет доступа к полю/).count()).resolves.toBe(0);
    await expect(page.getByRole('button', { name: 'Повторить' }).count()).resolves.toBe(0);
    await expect(page.getByRole('button', { name: 'Изменить карточку' }).count()).resolves.toBe(0);
    await expect(page.getByText('все обязательные поля заполнены').count()).resolves.toBe(0);
    await screenshot(page, 'defect-moved-pupil');
    await page.context().close();
  });

  it('2. drops a fixed card from «Контроль заполнения» without signing in again', async () => {
    const page = await open('admin', `/school/completeness/${school}?field=SNILS`);
    await page.getByText('Найдено 2 карточки').waitFor();
    await page.getByRole('link', { name: 'Захаров Виктор Максимович' }).click();
    await page.getByRole('button', { name: 'Изменить карточку' }).click();
    await page.getByLabel('СНИЛС', { exact: true }).fill(formatSnils(`987654321${snilsChecksum('987654321')}`));
    await page.getByRole('button', { name: 'Сохранить' }).click();
    await page.getByText('Изменения сохранены').waitFor();
    // The list comes back slowly: what shows meanwhile must not be the list as it was before the fix.
    await delayOperation(page, 'SchoolCompleteness', 1_500);
    await page.getByRole('link', { name: '← К контролю заполнения' }).click();
    await page.getByRole('heading', { name: 'Контроль заполнения данных' }).waitFor();
    await expect(page.getByRole('link', { name: 'Захаров Виктор Максимович' }).count()).resolves.toBe(0);
    await page.getByText('Найдено 1 карточка').waitFor();
    await expect(page.getByRole('link', { name: 'Захаров Виктор Максимович' }).count()).resolves.toBe(0);
    // The figures above the list count it as filled too.
    await page
      .getByRole('group', { name: 'Чаще всего не заполнено' })
      .getByRole('button', { name: 'СНИЛС 1' })
      .waitFor();
    await page.context().close();
  });

  it('10. shows each child’s card with its week marks at once, and a child who is only in the kindergarten queue', async () => {
    const page = await (await newContext(browser)).newPage();
    await delayOperation(page, 'Diary', 2_000);
    await signIn(page, platform.webUrl, 'guardian', '/guardian');
    const card = page.locator('.child-card', { hasText: 'Кузнецов Дмитрий Алексеевич' });
    await card.waitFor();
    // Nothing pops in later: the line of the week's marks stands in the card from its first paint, and the
    // card's badges come with the card.
    await expect(card.locator('.week-marks').textContent()).resolves.toContain('Отметки за эту неделю');
    await expect(card.locator('.child-attention').count()).resolves.toBe(1);
    await card.locator('.week-marks .mark-chip').first().waitFor();
    const queued = page.locator('.child-card', { hasText: 'Кузнецова Варвара Алексеевна' });
    await queued.waitFor();
    await expect(queued.textContent()).resolves.toMatch(/очеред/i);
    await screenshot(page, 'defect-guardian-home');
    await queued.getByRole('link', { name: 'Открыть заявление' }).click();
    await page.waitForURL('**/guardian/applications/**');
    await page.context().close();
  });

  it('6. never says «Журнал класса вам не открыт» on the teacher’s own lessons while the page loads', async () => {
    const page = await (await newContext(browser)).newPage();
    await delayOperation(page, 'TeacherAssignments', 2_000);
    await signIn(page, platform.webUrl, 'teacher', '/teacher');
    await page.locator('.schedule-lesson').first().waitFor();
    await expect(page.getByText('Журнал класса вам не открыт').count()).resolves.toBe(0);
    await page
      .locator('.schedule-lesson')
      .first()
      .getByRole('link', { name: /Журнал/ })
      .waitFor();
    await expect(page.getByText('Журнал класса вам не открыт').count()).resolves.toBe(0);
    await page.context().close();
  });

  it('11. offers forming the next school year only from 1 April (the region’s date), saying so', async () => {
    const page = await open('admin', `/school/school-year/${school}`);
    const button = page.getByRole('button', { name: 'Сформировать следующий учебный год' });
    await button.waitFor();
    await expect(button.isDisabled()).resolves.toBe(true);
    await page.getByText('Учебный год 2027/28 можно сформировать с 1 апреля 2027 г.').waitFor();
    await page.context().close();
  });

  it('7. heads a places refusal as such, says where places come from, and quotes no first-grade dates for a transfer', async () => {
    const [child] = await platform.admin.sql<{ id: string }[]>`
      insert into admissions.applications (kind, year, child_last_name, child_first_name, child_middle_name,
        child_birth_date, source, registered_at, category, status)
      values ('TRANSFER', 2026, 'Лебедев', 'Артём', 'Игоревич', '2015-05-04', 'IN_PERSON', now(), 'OTHER', 'ACCEPTED')
      returning id`;
    await platform.admin.sql`insert into admissions.application_choices (application_id, organization_id, preference)
      values (${child!.id}, ${school}, 1)`;
    const page = await open('admin', `/school/admissions/${school}/${child!.id}`);
    await page.getByLabel('Новый статус').selectOption('DIRECTED');
    const form = page.getByRole('form', { name: 'Смена статуса' });
    await expect(form.textContent()).resolves.not.toMatch(/30 июня|6 июля/);
    await page.getByRole('button', { name: 'Сменить статус' }).click();
    const refusal = page.locator('.school-refusal');
    await refusal.waitFor();
    await expect(refusal.textContent()).resolves.toContain('Нет свободных мест');
    await expect(refusal.textContent()).resolves.not.toContain('Нельзя по срокам');
    await expect(refusal.textContent()).resolves.toContain('не задано число мест');
    await expect(refusal.textContent()).resolves.not.toContain('0 из 0');
    await screenshot(page, 'defect-no-places');
    await page.context().close();
  });

  it('8. shows and takes citizenship as a country, and coordinator pages cite no rule numbers', async () => {
    const [pupil] = await platform.admin.sql<{ id: string }[]>`
      select p.id from people.persons p join people.enrolments e on e.person_id = p.id
      where e.organization_id = ${school} and e.ended_on is null and p.citizenship = 'RUS' limit 1`;
    const page = await open('admin', `/school/completeness/${school}/person/${pupil!.id}`);
    const fact = page.locator('.school-fact', { hasText: 'Гражданство' });
    await fact.waitFor();
    await expect(fact.textContent()).resolves.toContain('Россия');
    await expect(fact.textContent()).resolves.not.toContain('RUS');
    await page.getByRole('button', { name: 'Изменить карточку' }).click();
    const field = page.getByLabel('Гражданство');
    await expect(field.evaluate((element) => element.tagName)).resolves.toBe('SELECT');
    await expect(field.locator('option:checked').textContent()).resolves.toBe('Россия');
    await page.context().close();

    const coordinator = await open('coordinator', '/territory');
    for (const path of ['/territory', '/territory/organizations', '/territory/not-opened', '/territory/campaign']) {
      await coordinator.goto(new URL(path, platform.webUrl).href);
      await coordinator.locator('h1').first().waitFor();
      await coordinator.waitForFunction(() => !document.querySelector('.loading'));
      await expect(coordinator.locator('main').textContent(), path).resolves.not.toMatch(/правил[оаеу]\s*\d/i);
    }
    await coordinator.context().close();
  });

  it('9. opens the diary in a compact week with today marked, and a way back to today', async () => {
    const page = await open('guardian', `/guardian/children/${dmitryId}/diary`);
    await page.getByText('19 – 25 октября 2026 г.').waitFor();
    await page.locator('.diary-lesson').first().waitFor();
    await expect(page.getByText('Тема не указана').count()).resolves.toBe(0);
    const today = page.getByRole('region', { name: 'Вторник, 20 октября' });
    await expect(today.textContent()).resolves.toContain('Сегодня');
    const week = page.locator('.diary-days');
    const compact = (await week.boundingBox())!.height;
    await screenshot(page, 'defect-diary-compact');
    await page.getByRole('button', { name: /Подробно/ }).click();
    await page.locator('.diary-topic').first().waitFor();
    const detailed = (await week.boundingBox())!.height;
    // About half the detailed week (1,170 against 2,490 px on the demo's week).
    expect(compact).toBeLessThan(1_500);
    expect(compact).toBeLessThan(detailed * 0.6);
    await page.getByRole('button', { name: /Подробно/ }).click();
    await page.getByRole('button', { name: 'Предыдущая неделя' }).click();
    await page.getByText('12 – 18 октября 2026 г.').waitFor();
    await page.getByRole('button', { name: 'Сегодня' }).click();
    await page.getByText('19 – 25 октября 2026 г.').waitFor();
    await page.context().close();
  });

  it('4. gives wide tables a horizontal scroll with a visible hint at 1280 px', async () => {
    /** The column header is cut by the screen or its scroll box, and no hint says the table scrolls. */
    const cutWithoutHint = (page: Page, header: string) =>
      page.evaluate((name) => {
        const cell = [...document.querySelectorAll('th, .diary-head span')].find(
          (element) => element.textContent?.trim() === name,
        );
        if (!cell) return 'missing';
        const box = cell.closest('.table-wrap, .table-scroll');
        const right = Math.min(window.innerWidth, box ? box.getBoundingClientRect().right : window.innerWidth);
        const cut = cell.getBoundingClientRect().right > right + 1;
        const hint = box?.parentElement?.querySelector('.scroll-hint');
        const hinted = !!hint && (hint as HTMLElement).offsetParent !== null;
        return cut && !hinted ? 'cut' : 'ok';
      }, header);

    const admin = await open('admin', `/school/movements/${school}`);
    await admin.getByRole('row').nth(5).waitFor();
    await expect(cutWithoutHint(admin, 'Внесено')).resolves.toBe('ok');
    await admin.context().close();

    const operator = await open('operator', '/territory/organizations');
    await operator.getByRole('row').nth(5).waitFor();
    await expect(cutWithoutHint(operator, 'ИНН')).resolves.toBe('ok');
    await operator.context().close();

    const guardian = await open('guardian', `/guardian/children/${dmitryId}/diary`);
    await guardian.locator('.diary-lesson').first().waitFor();
    await expect(cutWithoutHint(guardian, 'Посещ.')).resolves.toBe('ok');
    await guardian.context().close();
  });

  it('5. on a phone: the whole menu, child tabs that fit, the name, and the overdue block not filling the screen', async () => {
    const page = await open('guardian', `/guardian/children/${dmitryId}/diary`, PHONE);
    await page.locator('.diary-lesson').first().waitFor();
    const inside = (selector: string) =>
      page.evaluate(
        (css) =>
          [...document.querySelectorAll(css)].map((element) => {
            const rect = element.getBoundingClientRect();
            return rect.width > 0 && rect.left >= 0 && rect.right <= window.innerWidth + 1;
          }),
        selector,
      );
    // The person's name is shown.
    await expect(page.locator('.user-name').isVisible()).resolves.toBe(true);
    expect(await inside('.user-name')).toEqual([true]);
    // Every menu item is on the screen, «Согласия» too (after opening the menu, if it is folded).
    const menuButton = page.getByRole('button', { name: 'Меню' });
    if (await menuButton.isVisible()) await menuButton.click();
    await page.getByRole('navigation', { name: 'Разделы кабинета' }).getByRole('link', { name: 'Согласия' }).waitFor();
    expect(await inside('.app-nav a')).not.toContain(false);
    if (await menuButton.isVisible()) await menuButton.click();
    // The child's tabs fit the screen.
    expect(await inside('nav.subtabs a')).not.toContain(false);
    // The overdue block leaves most of the first screen to the diary.
    const overdue = await page.locator('.diary > section').first().boundingBox();
    expect(overdue!.height).toBeLessThan(300);
    await screenshot(page, 'defect-phone-diary');
    await page.context().close();
  });

  it('12. names the school’s director with phone and e-mail on the coordinator’s school card', async () => {
    const [director] = await platform.admin.sql<{ person_id: string }[]>`
      select person_id from people.employments
      where organization_id = ${school} and position = 'директор' and ended_on is null`;
    await platform.admin.sql`update people.persons set phone = '+73512223344', email = 'director@school1.example'
      where id = ${director!.person_id}`;
    const page = await open('coordinator', `/territory/organizations/${school}`);
    const details = page.locator('.t-details');
    await details.getByText('Руководитель').waitFor();
    await expect(details.textContent()).resolves.toMatch(/Руководитель\S.*, директор/);
    await details.getByRole('link', { name: '+73512223344' }).waitFor();
    await details.getByRole('link', { name: 'director@school1.example' }).waitFor();
    await screenshot(page, 'defect-school-card');
    await page.context().close();
  });
});
