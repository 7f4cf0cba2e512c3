/**
 * The coordinators' cabinet in Chromium against the real servers: a municipal coordinator sees their
 * municipality's organizations with school-year status and data completeness, the organizations that have
 * not opened the year and the admissions campaign; the regional operator filters by municipality; the
 * ministry's analyst sees aggregates but no applications; a parent cannot open the cabinet.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newContext, PHONE, screenshot, signIn, type Viewport } from '../src/browser.ts';
import { startPlatform, type Platform } from '../src/platform.ts';

let platform: Platform;
let browser: Browser;
/** Organization names by municipality, and the coordinator's municipality. */
let own: { id: string; name: string; organizations: string[] };
let other: { id: string; name: string; organizations: string[] };

beforeAll(async () => {
  // 25 November 2026: the 2026/27 school year runs, the current admissions campaign is 2027's.
  platform = await startPlatform({ web: true, now: new Date('2026-11-25T07:00:00Z') });
  browser = await launchBrowser();
  const rows = await platform.admin.sql<{ id: string; name: string; short_name: string }[]>`
    select m.id, m.name, o.short_name from people.municipalities m
    join people.organizations o on o.municipality_id = m.id order by m.name, o.short_name`;
  const me = await platform.query<{ me: { grants: { municipality: { id: string } | null }[] } }>(
    { login: 'coordinator' },
    '{ me { grants { municipality { id } } } }',
  );
  const ownId = me.data!.me.grants[0]!.municipality!.id;
  const group = (id: string) => ({
    id,
    name: rows.find((row) => row.id === id)!.name,
    organizations: rows.filter((row) => row.id === id).map((row) => row.short_name),
  });
  own = group(ownId);
  other = group(rows.find((row) => row.id !== ownId)!.id);
});
afterAll(async () => {
  await browser?.close();
  await platform?.stop();
});

async function open(login: string, path: string, viewport?: Viewport): Promise<Page> {
  const tab = await (await newContext(browser, viewport)).newPage();
  await signIn(tab, platform.webUrl, login, path);
  return tab;
}

/** The names in the first column of the page's main table. */
async function rowNames(tab: Page): Promise<string[]> {
  return (await tab.locator('main table tbody th[scope="row"]').allTextContents()).map((name) => name.trim());
}

describe('municipal coordinator', () => {
  it("lists only their municipality's organizations with school-year status and completeness", async () => {
    const tab = await open('coordinator', '/territory/organizations');
    await tab.getByRole('heading', { name: 'Организации', level: 1 }).waitFor();
    await tab.locator('main table tbody tr').first().waitFor();
    expect((await rowNames(tab)).sort()).toEqual([...own.organizations].sort());
    // A coordinator has no municipality to choose, and no other municipality's organization shows.
    await expect(tab.getByLabel('Муниципалитет').count()).resolves.toBe(0);
    const text = (await tab.locator('main').textContent()) ?? '';
    for (const name of other.organizations) expect(text).not.toContain(name);
    // The demo's school 1-3 has formed its year but not opened it: overdue since 6 September.
    const late = tab.locator('tr', { hasText: 'МБОУ СОШ № 3' });
    await expect(late.textContent()).resolves.toMatch(/Сформирован, не открыт.*срок прошёл 06\.09\.2026/);
    const school = tab.locator('tr', { hasText: 'МБОУ СОШ № 1' });
    await expect(school.textContent()).resolves.toMatch(/Открыт/);
    await expect(school.textContent()).resolves.toMatch(/\d+,\d %.*\d+ из \d+ с пропусками/);
    await expect(tab.getByText(`1–${own.organizations.length} из ${own.organizations.length}`).count()).resolves.toBe(
      1,
    );
    await screenshot(tab, 'territory-organizations');

    await tab.getByLabel('Наименование').fill('лицей');
    await tab.waitForFunction(() => document.querySelectorAll('main table tbody tr').length === 1);
    expect(await rowNames(tab)).toEqual(own.organizations.filter((name) => /лицей/i.test(name)));
    await tab.context().close();
  });

  it("opens an organization's page with completeness per field, and refuses another municipality's figures", async () => {
    const tab = await open('coordinator', '/territory/organizations');
    await tab.getByRole('link', { name: 'МБОУ СОШ № 1' }).click();
    await tab.getByRole('heading', { name: 'МБОУ СОШ № 1', level: 1 }).waitFor();
    await tab.getByText('Незаполненные обязательные поля').waitFor();
    await expect(tab.getByRole('row', { name: /2026\/27 Открыт/ }).count()).resolves.toBe(1);
    await tab.getByRole('combobox', { name: 'Год приёма' }).selectOption('2026');
    await tab.getByRole('row', { name: /Первый класс/ }).waitFor();
    await screenshot(tab, 'territory-organization');

    const [foreign] = await platform.admin.sql<{ id: string }[]>`
      select id from people.organizations where municipality_id = ${other.id} and type = 'SCHOOL' limit 1`;
    await tab.goto(new URL(`/territory/organizations/${foreign!.id}`, platform.webUrl).href);
    await tab.getByText(other.name).first().waitFor();
    await tab.getByText('доступна координаторам её территории').waitFor();
    await expect(tab.getByText('Незаполненные обязательные поля').count()).resolves.toBe(0);
    await tab.context().close();
  });

  it('lists the organizations that have not opened the school year, with the deadline to open it', async () => {
    const tab = await open('coordinator', '/territory/not-opened');
    await tab.getByText('Новый учебный год формируется с 1 апреля').waitFor();
    await tab.locator('main table tbody tr').first().waitFor();
    expect(await rowNames(tab)).toEqual(['МБОУ СОШ № 3']);
    await expect(tab.locator('main table tbody tr').first().textContent()).resolves.toMatch(
      /Сформирован, не открыт.*06\.09\.2026.*срок прошёл/,
    );
    await screenshot(tab, 'territory-not-opened');
    await tab.context().close();
  });

  it('shows the campaign figures: the current year by default, then 2026 with its violations', async () => {
    const tab = await open('coordinator', '/territory/campaign');
    const year = tab.getByRole('combobox', { name: 'Год приёма' });
    await tab.getByRole('heading', { name: 'Первый класс, 2027' }).waitFor();
    await expect(year.locator('option:checked').textContent()).resolves.toBe('2027 (текущая кампания)');
    await tab.getByText('Приём в первый класс начинается 1 апреля 2027 года').waitFor();

    const api = await platform.query<{
      admissionsCampaign: { total: number; epguShare: number; organizations: { organization: { id: string } }[] };
    }>(
      { login: 'coordinator' },
      '{ admissionsCampaign(year: 2026) { total epguShare organizations { organization { id } } } }',
    );
    const figures = api.data!.admissionsCampaign;
    await year.selectOption('2026');
    await tab.getByRole('heading', { name: 'Первый класс, 2026' }).waitFor();
    const stats = (await tab.locator('.stats').textContent()) ?? '';
    expect(stats).toContain(String(figures.total));
    expect(stats).toContain(`${String(figures.epguShare).replace('.', ',')} %`);
    await tab.getByText('Нарушения сроков приёма по Порядку № 458').waitFor();
    await tab.getByRole('table', { name: 'По источникам' }).getByText('ЕПГУ (Госуслуги)').waitFor();
    const campaignRows = tab.locator('table.t-campaign tbody tr');
    await expect(campaignRows.count()).resolves.toBe(figures.organizations.length);
    await expect(tab.locator('table.t-campaign tfoot').textContent()).resolves.toContain(String(figures.total));
    await screenshot(tab, 'territory-campaign');
    await tab.context().close();

    const phone = await open('coordinator', '/territory/campaign?year=2026', PHONE);
    await phone.getByRole('heading', { name: 'Первый класс, 2026' }).waitFor();
    await screenshot(phone, 'territory-campaign-phone');
    await phone.context().close();
  });

  it("finds an application of the municipality by its ЕПГУ number, but not another municipality's", async () => {
    // The earliest ЕПГУ application of each municipality (by its first choice).
    const firsts = await platform.admin.sql<
      { epgu: string; registered: string; municipality: string; child: string }[]
    >`
      select distinct on (o.municipality_id) o.municipality_id as municipality, a.epgu_number as epgu,
        a.child_last_name as child, ((a.registered_at at time zone 'Asia/Yekaterinburg')::date)::text as registered
      from admissions.applications a
      join admissions.application_choices c on c.application_id = a.id and c.preference = 1
      join people.organizations o on o.id = c.organization_id
      where a.epgu_number is not null
      order by o.municipality_id, a.registered_at`;
    const applications = firsts.map((row) => ({ ...row, own: row.municipality === own.id }));
    const tab = await open('coordinator', '/territory/applications');
    const search = async (row: { epgu: string; registered: string }) => {
      await tab.getByLabel('Номер ЕПГУ').fill(row.epgu);
      await tab.getByLabel('Дата регистрации').fill(row.registered);
      await tab.getByRole('button', { name: 'Найти' }).click();
    };
    await tab.getByRole('button', { name: 'Найти' }).click();
    await tab.getByText('Укажите номер ЕПГУ или номер свидетельства о рождении.').waitFor();
    await search(applications.find((row) => row.own)!);
    await tab
      .getByRole('table', { name: 'Найденные заявления' })
      .getByText(applications.find((row) => row.own)!.child)
      .waitFor();
    await search(applications.find((row) => !row.own)!);
    await tab.getByText('Заявлений не найдено').waitFor();
    await tab.context().close();
  });
});

describe('regional operator', () => {
  it('filters the organizations by municipality and sees the whole region not opened', async () => {
    const tab = await open('operator', '/territory/organizations');
    await tab.locator('main table tbody tr').first().waitFor();
    expect((await rowNames(tab)).sort()).toEqual([...own.organizations, ...other.organizations].sort());
    await tab.getByLabel('Муниципалитет').selectOption({ label: other.name });
    await tab.waitForFunction(
      (count) => document.querySelectorAll('main table tbody tr').length === count,
      other.organizations.length,
    );
    expect((await rowNames(tab)).sort()).toEqual([...other.organizations].sort());
    await screenshot(tab, 'territory-operator-organizations');

    await tab.getByRole('link', { name: 'Не открыли учебный год' }).click();
    // The organizations table stays until the new page renders: wait for the new page, not for any table.
    await tab.getByRole('heading', { level: 1, name: 'Не открыли учебный год' }).waitFor();
    await tab.locator('main table tbody tr').first().waitFor();
    const text = (await tab.locator('main table').textContent()) ?? '';
    expect(text).toContain(own.name);
    expect(text).toContain(other.name);
    await tab.getByLabel('Муниципалитет').selectOption({ label: own.name });
    await tab.waitForFunction(() => document.querySelectorAll('main table tbody tr').length === 1);
    expect(await rowNames(tab)).toEqual(['МБОУ СОШ № 3']);
    await tab.context().close();
  });
});

describe('ministry analyst', () => {
  it('sees aggregated completeness and campaign figures of the whole region', async () => {
    const tab = await open('analyst', '/territory');
    await tab.getByText('Только сводные показатели, без персональных данных').waitFor();
    for (const name of [own.name, other.name]) {
      await expect(tab.getByRole('row', { name: new RegExp(name) }).textContent()).resolves.toMatch(
        /\d+,\d %.*с пропусками/,
      );
    }
    await screenshot(tab, 'territory-analyst-summary');
    await tab.getByRole('link', { name: 'Приёмная кампания' }).click();
    await tab.getByRole('combobox', { name: 'Год приёма' }).selectOption('2026');
    await tab.getByRole('heading', { name: 'Первый класс, 2026' }).waitFor();
    const api = await platform.query<{ admissionsCampaign: { organizations: unknown[] } }>(
      { login: 'analyst' },
      '{ admissionsCampaign(year: 2026) { organizations { places } } }',
    );
    const count = api.data!.admissionsCampaign.organizations.length;
    expect(count).toBeGreaterThan(own.organizations.filter((name) => /СОШ|Лицей/.test(name)).length);
    await expect(tab.locator('table.t-campaign tbody tr').count()).resolves.toBe(count);
    await tab.context().close();
  });

  it('is not offered the application search, which holds children’s personal data, and the API refuses it', async () => {
    const tab = await open('analyst', '/territory/applications');
    await tab.getByText('Поиск заявлений недоступен').waitFor();
    await expect(tab.getByRole('button', { name: 'Найти' }).count()).resolves.toBe(0);
    await tab.context().close();
    const result = await platform.query(
      { login: 'analyst' },
      '{ searchApplications(birthCertificateNumber: "1") { id } }',
    );
    expect(result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const persons = await platform.query<{ persons: { totalCount: number } }>(
      { login: 'analyst' },
      '{ persons(filter: { hasMissingFields: true }) { totalCount } }',
    );
    expect(persons.data?.persons?.totalCount ?? 0).toBe(0);
  });
});

describe('access', () => {
  it('sends a parent who opens /territory to their own cabinet', async () => {
    const tab = await open('guardian', '/territory/organizations');
    await tab.waitForURL((url) => url.pathname.startsWith('/guardian'));
    await expect(tab.getByRole('link', { name: 'Организации' }).count()).resolves.toBe(0);
    await tab.context().close();
  });
});
