/**
 * «Кружки и секции» (issue 11) in a real Chromium: the anonymous catalogue filtered by age; the guardian gets
 * a ПФДО certificate for a child and applies to a group paying by it; the region credits the funds; the
 * extra-education centre sees the child's name (people's link, delivered by the outbox), accepts the application
 * and concludes a contract by certificate; the guardian sees the certificate «Актуален» and the contract; the
 * coordinator's coverage page.
 */
import type { Browser, Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessibilityViolations } from '../src/accessibility.ts';
import { launchBrowser, newContext, screenshot, signIn } from '../src/browser.ts';
import { personIdOf } from '../src/demo-people.ts';
import { startPlatform, type Platform } from '../src/platform.ts';
import { createDb } from '@region/db';
import { createLogger, createOutboxWorker } from '@region/kit';
import { peopleLinksDeliverer } from '../../subgraphs/extra-education/src/outbox/people-links-client.ts';
import { peopleOutbox } from '../../subgraphs/extra-education/src/outbox/table.ts';

let platform: Platform;
let browser: Browser;

beforeAll(async () => {
  platform = await startPlatform({ web: true, now: new Date('2026-10-23T04:00:00Z') });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await platform?.stop();
});

async function newPage(): Promise<Page> {
  return (await newContext(browser)).newPage();
}

/** Delivers extra-education's pending links to people as the outbox process would (the platform runs no workers). */
async function deliverLinks(): Promise<void> {
  const handle = createDb(platform.database.roleUrl('extra-education'));
  const worker = createOutboxWorker({
    db: handle.db,
    logger: createLogger('test', 'silent'),
    outbox: peopleOutbox,
    event: 'LINK_CHANGED',
    deliver: peopleLinksDeliverer({
      gatewayUrl: platform.gatewayUrl,
      token: () => platform.serviceToken('extra-education-enrolment'),
      timeoutMs: 5_000,
    }),
  });
  try {
    while ((await worker.runOnce()).delivered > 0);
  } finally {
    await handle.close();
  }
}

async function settled(page: Page): Promise<void> {
  await page.locator('h1').first().waitFor();
  await page.waitForFunction(() => !document.querySelector('.loading'));
}

/** The ages of the listed programmes, as `[from, to]`. */
async function listedAges(page: Page): Promise<[number, number][]> {
  const ranges = await page
    .locator('.catalogue-item')
    .evaluateAll((items) => items.map((item) => (item as HTMLElement).dataset['ages'] ?? ''));
  return ranges.map((range) => range.split('-').map(Number) as [number, number]);
}

describe('the public catalogue', () => {
  it('filters programmes by a child’s age without signing in, and opens a programme with its groups', async () => {
    const page = await newPage();
    const graphql: Request[] = [];
    page.on('request', (request) => {
      if (new URL(request.url()).pathname === '/graphql') graphql.push(request);
    });
    await page.goto(new URL('/catalogue', platform.webUrl).href);
    await page.getByRole('heading', { level: 1, name: 'Кружки и секции' }).waitFor();
    await page.locator('.catalogue-item').first().waitFor();
    const all = await page.locator('.catalogue-count').textContent();
    const before = await listedAges(page);
    // Some listed programme must not suit a 5-year-old, or the filter could not be seen to work.
    expect(before.some(([from, to]) => from > 5 || to < 5)).toBe(true);

    await page.getByLabel('Возраст ребёнка').selectOption('5');
    await page.waitForURL((url) => url.searchParams.get('age') === '5');
    await page.waitForFunction((text) => document.querySelector('.catalogue-count')?.textContent !== text, all);
    await page.locator('.catalogue-item').first().waitFor();
    const after = await listedAges(page);
    expect(after.length).toBeGreaterThan(0);
    expect(after.every(([from, to]) => from <= 5 && 5 <= to)).toBe(true);
    await screenshot(page, 'extra-catalogue-age');
    await expect(accessibilityViolations(page)).resolves.toEqual([]);

    await page.locator('.catalogue-item h2 a').first().click();
    await page.getByRole('heading', { level: 2, name: 'Группы' }).waitFor();
    await expect(page.getByRole('table').locator('tbody tr').count()).resolves.toBeGreaterThan(0);
    await expect(page.getByText('войдите через Госуслуги').count()).resolves.toBeGreaterThan(0);
    await expect(accessibilityViolations(page)).resolves.toEqual([]);

    expect(graphql.length).toBeGreaterThan(0);
    expect(graphql.every((request) => request.headers()['authorization'] === undefined)).toBe(true);
    await page.context().close();
  });
});

describe('a family and an extra-education centre', () => {
  /** A child of the demo guardian aged 5–17 without a certificate: the one the guardian gets it for. */
  async function childWithoutCertificate(): Promise<{ id: string; fullName: string; age: number }> {
    const guardian = await personIdOf(platform.admin, 'guardian');
    const rows = await platform.admin.sql<{ id: string; lastName: string; firstName: string; age: number }[]>`
      select p.id, p.last_name as "lastName", p.first_name as "firstName",
             date_part('year', age(date '2026-10-23', p.birth_date))::int as age
      from people.guardianships g join people.persons p on p.id = g.child_id
      where g.guardian_id = ${guardian}
        and not exists (select 1 from extra_education.certificates c where c.person_id = p.id)
        and age(date '2026-10-23', p.birth_date) >= interval '5 years'
        and age(date '2026-10-23', p.birth_date) < interval '18 years'
      order by p.birth_date limit 1`;
    const row = rows[0];
    if (!row) throw new Error('the demo guardian has no child aged 5–17 without a certificate');
    return { id: row.id, fullName: `${row.lastName} ${row.firstName}`, age: row.age };
  }

  /**
   * A published programme of the `extra-admin` centre for the child's age with a free place and the funding,
   * other than `except`; by certificate one whose months to May fit the norm (20 000 ₽: ≤ 2 500 ₽ a month).
   */
  async function centreProgramme(
    age: number,
    funding: 'PAID' | 'CERTIFICATE',
    except?: string,
  ): Promise<{ id: string; name: string; group: string; groupId: string }> {
    const me = await platform.query<{ me: { grants: { organization: { id: string } | null }[] } }>(
      { login: 'extra-admin' },
      '{ me { grants { organization { id } } } }',
    );
    const organizationId = me.data!.me.grants.find((grant) => grant.organization)!.organization!.id;
    const result = await platform.query<{
      programmes: {
        edges: {
          node: {
            id: string;
            name: string;
            funding: string[];
            pricePerMonth: string;
            groups: { id: string; name: string; freePlaces: number }[];
          };
        }[];
      };
    }>(
      null,
      `query ($filter: ProgrammeFilter) { programmes(filter: $filter, first: 50) {
         edges { node { id name funding pricePerMonth groups { id name freePlaces } } } } }`,
      { filter: { organizationId, age, withFreePlaces: true, funding } },
    );
    expect(result.errors).toBeUndefined();
    const programme = result
      .data!.programmes.edges.map((edge) => edge.node)
      .find(
        (candidate) =>
          candidate.id !== except && (funding !== 'CERTIFICATE' || Number(candidate.pricePerMonth) <= 2500),
      );
    if (!programme) throw new Error(`no ${funding} programme of the centre for age ${age}`);
    const group = programme.groups.find((candidate) => candidate.freePlaces > 0)!;
    return { id: programme.id, name: programme.name, group: group.name, groupId: group.id };
  }

  let child: { id: string; fullName: string; age: number };
  let programme: { id: string; name: string; group: string; groupId: string };
  let refused: { id: string; name: string; group: string; groupId: string };
  const REASON = 'Группа набрана на конкурсной основе';

  it('the guardian gets a certificate for a child: a 10-digit code, «Заморожен»', async () => {
    child = await childWithoutCertificate();
    const page = await newPage();
    await signIn(page, platform.webUrl, 'guardian', '/guardian/extra/certificates');
    await settled(page);
    await page.getByRole('button', { name: `Получить сертификат: ${child.fullName}`, exact: false }).click();
    const card = page.locator('section.card', {
      has: page.getByRole('heading', { name: child.fullName, exact: false }),
    });
    const code = card.locator('[data-certificate-code]');
    await code.waitFor();
    expect((await code.textContent())?.trim()).toMatch(/^\d{10}$/);
    await expect(card.getByText('Заморожен').count()).resolves.toBe(1);
    await screenshot(page, 'extra-guardian-certificate');
    await expect(accessibilityViolations(page)).resolves.toEqual([]);

    const [row] = await platform.admin.sql<{ code: string }[]>`
      select code from extra_education.certificates where person_id = ${child.id}`;
    expect(row?.code).toBe((await code.textContent())?.trim());
    await page.context().close();
  });

  it('the guardian finds a programme for the child’s age and applies to a group, paying by the certificate', async () => {
    programme = await centreProgramme(child.age, 'CERTIFICATE');
    const page = await newPage();
    await signIn(page, platform.webUrl, 'guardian', '/guardian/extra');
    await settled(page);
    // «Возраст моего ребёнка»: one click puts the child's age into the filter.
    const preset = page.getByRole('button', { name: new RegExp(`, ${child.age} (год|года|лет)$`) }).first();
    await preset.click();
    await page.waitForURL((url) => url.searchParams.get('age') === String(child.age));

    await page.goto(new URL(`/guardian/extra/programmes/${programme.id}`, platform.webUrl).href);
    await page.getByRole('heading', { level: 2, name: 'Группы' }).waitFor();
    await page.getByRole('button', { name: `Записаться в группу «${programme.group}»` }).click();
    const form = page.getByRole('form', { name: 'Заявление в группу' });
    await form.getByLabel('Ребёнок').selectOption(child.id);
    await form.getByLabel('Способ оплаты').selectOption('CERTIFICATE');
    await form.getByRole('button', { name: 'Подать заявление' }).click();
    await page.getByText('Заявление в группу').first().waitFor();
    await page.getByRole('heading', { name: 'Заявление подано' }).waitFor();

    await page.getByRole('link', { name: '«Мои заявления и договоры»' }).click();
    await settled(page);
    const table = page.locator('section.card', {
      has: page.getByRole('heading', { name: child.fullName, exact: false }),
    });
    await table.getByText(programme.name).first().waitFor();
    await expect(table.getByText('Подана').count()).resolves.toBeGreaterThan(0);
    await expect(accessibilityViolations(page)).resolves.toEqual([]);
    await page.context().close();

    // A second application, sent through the API: the centre refuses it below.
    refused = await centreProgramme(child.age, 'PAID', programme.id);
    const second = await platform.query(
      { login: 'guardian' },
      'mutation ($input: ApplyToGroupInput!) { applyToGroup(input: $input) { id } }',
      { input: { groupId: refused.groupId, childId: child.id, paymentMethod: 'PAID' } },
    );
    expect(second.errors).toBeUndefined();
  });

  it('the centre lands in its own cabinet, names the child, refuses one application with a reason, accepts the other, concludes a contract by certificate and sees it', async () => {
    const [application] = await platform.admin.sql<{ id: string }[]>`
      select id from extra_education.applications
      where child_id = ${child.id} and group_id = ${programme.groupId} and status = 'SUBMITTED'`;
    expect(application).toBeDefined();
    // The region credits the current period (rule 20: no certificate contract before the funds), and the
    // outbox tells people the child applied to the centre, so the centre sees the name.
    const [period] = await platform.admin.sql<{ id: string }[]>`
      select id from extra_education.funding_periods where starts_on <= '2026-10-23' and ends_on >= '2026-10-23'`;
    const credit = await platform.query(
      { login: 'operator' },
      'mutation ($id: ID!) { creditFundingPeriod(periodId: $id) { credited } }',
      {
        id: period!.id,
      },
    );
    expect(credit.errors).toBeUndefined();
    await deliverLinks();
    const page = await newPage();
    await signIn(page, platform.webUrl, 'extra-admin');
    await page.waitForURL((url) => url.pathname === '/extra');
    await page.getByRole('heading', { level: 1, name: 'Программы' }).waitFor();
    await settled(page);

    const menu = page.getByRole('navigation', { name: 'Разделы кабинета' });
    await menu.getByRole('link', { name: 'Заявления' }).click();
    await settled(page);
    const [other] = await platform.admin.sql<{ id: string }[]>`
      select a.id from extra_education.applications a
      where a.child_id = ${child.id} and a.group_id = ${refused.groupId}`;
    const refusing = page.locator(`[data-application-id="${other!.id}"]`);
    await refusing.getByRole('button', { name: 'Отказать…' }).click();
    const refusal = refusing.getByRole('form', { name: 'Отказ по заявлению' });
    await refusal.getByRole('button', { name: 'Отказать' }).click();
    await refusal.getByText('Укажите причину отказа').waitFor();
    await refusal.getByLabel('Причина отказа').fill(REASON);
    await refusal.getByRole('button', { name: 'Отказать' }).click();
    await refusing.waitFor({ state: 'detached' });

    const item = page.locator(`[data-application-id="${application!.id}"]`);
    await expect(item.getByText(programme.name).count()).resolves.toBeGreaterThan(0);
    await item.getByText(`Ребёнок: ${child.fullName}`, { exact: false }).waitFor();
    await item.getByRole('button', { name: 'Принять' }).click();
    // The list opens on «Подана»: the accepted application leaves it and is found under «Принята».
    await item.waitFor({ state: 'detached' });
    await page.getByLabel('Статус').selectOption('ACCEPTED');
    await item.getByText('Принята').waitFor();
    const conclude = item.getByRole('form', { name: 'Заключение договора' });
    await conclude.getByLabel('Способ оплаты по договору').selectOption('CERTIFICATE');
    await conclude.getByRole('button', { name: 'Заключить договор' }).click();
    await item.waitFor({ state: 'detached' });
    await expect(accessibilityViolations(page)).resolves.toEqual([]);

    const [contract] = await platform.admin.sql<{ id: string; paymentMethod: string }[]>`
      select id, payment_method as "paymentMethod" from extra_education.contracts where child_id = ${child.id}`;
    expect(contract?.paymentMethod).toBe('CERTIFICATE');
    await menu.getByRole('link', { name: 'Договоры' }).click();
    await settled(page);
    const row = page.locator(`[data-contract-id="${contract!.id}"]`);
    await row.waitFor();
    await expect(row.getByText('по сертификату').count()).resolves.toBeGreaterThan(0);
    await expect(row.getByText(child.fullName, { exact: false }).count()).resolves.toBe(1);
    await expect(row.getByText('Действует').count()).resolves.toBe(1);
    await screenshot(page, 'extra-centre-contracts');
    await expect(accessibilityViolations(page)).resolves.toEqual([]);
    await page.context().close();
  });

  it('the guardian sees the contract, the refusal with its reason, and the certificate «Актуален»', async () => {
    const page = await newPage();
    await signIn(page, platform.webUrl, 'guardian', '/guardian/extra/applications');
    await settled(page);
    const section = page.locator('section.card', {
      has: page.getByRole('heading', { name: child.fullName, exact: false }),
    });
    await section.getByRole('table', { name: 'Договоры' }).waitFor();
    await expect(section.getByText('Действует').count()).resolves.toBe(1);
    await expect(section.getByText('Зачислен').count()).resolves.toBeGreaterThan(0);
    await expect(section.getByText('Отказано').count()).resolves.toBeGreaterThan(0);
    await expect(section.getByText(`Причина: ${REASON}`).count()).resolves.toBe(1);
    await screenshot(page, 'extra-guardian-records');
    await page.context().close();

    // The certificate is «Актуален» now that the child studies on it.
    const certificates = await newPage();
    await signIn(certificates, platform.webUrl, 'guardian', '/guardian/extra/certificates');
    await settled(certificates);
    const card = certificates.locator('section.card', {
      has: certificates.getByRole('heading', { name: child.fullName, exact: false }),
    });
    await card.getByText('Актуален', { exact: true }).waitFor();
    await expect(card.getByText('Заморожен', { exact: true }).count()).resolves.toBe(0);
    await certificates.context().close();
  });
});

describe('the centre’s programmes', () => {
  it('creates a draft, is told a group is needed to publish, adds one, publishes, and the catalogue finds it', async () => {
    const page = await newPage();
    page.setDefaultTimeout(10_000);
    await signIn(page, platform.webUrl, 'extra-admin', '/extra/programmes/new');
    await settled(page);
    const form = page.getByRole('form', { name: 'Программа' });
    await form.getByLabel('Название *').fill('Робототехника для начинающих');
    await form.getByLabel('Описание').fill('Собираем и программируем роботов.');
    await form.getByLabel('Направленность *').selectOption('TECHNICAL');
    await form.getByLabel('Возраст от, лет *').fill('8');
    await form.getByLabel('Возраст до, лет *').fill('12');
    await form.getByLabel('Академических часов *').fill('72');
    await form.getByRole('button', { name: 'Сохранить черновик' }).click();
    await page.getByRole('heading', { level: 1, name: 'Робототехника для начинающих' }).waitFor();
    await page.getByText('Черновик').first().waitFor();

    await page.getByRole('button', { name: 'Опубликовать' }).click();
    await page.getByRole('alert').filter({ hasText: 'Добавьте программе хотя бы одну группу' }).waitFor();

    const group = page.getByRole('form', { name: 'Новая группа' });
    await group.getByLabel('Название группы *').fill('Группа 1');
    await group.getByLabel('Расписание').fill('пн, ср 16:00–17:30');
    await group.getByLabel('Мест *').fill('12');
    await group.getByLabel('Начало занятий *').fill('2026-11-02');
    await group.getByLabel('Окончание *').fill('2027-05-28');
    await group.getByRole('button', { name: 'Добавить группу' }).click();
    await page.getByRole('row', { name: /Группа 1/ }).waitFor();
    await page.getByRole('button', { name: 'Опубликовать' }).click();
    await page.getByText('Опубликована').first().waitFor();
    await expect(accessibilityViolations(page)).resolves.toEqual([]);
    await page.context().close();

    const visitor = await newPage();
    await visitor.goto(new URL('/catalogue?q=Робототехника', platform.webUrl).href);
    await visitor.getByRole('link', { name: 'Робототехника для начинающих' }).waitFor();
    await visitor.context().close();
  });
});

describe('a school’s own programmes', () => {
  it('the school admin opens «Кружки и секции» in the school cabinet, creates a programme with a group, publishes it, and the catalogue finds it', async () => {
    const page = await newPage();
    page.setDefaultTimeout(10_000);
    await signIn(page, platform.webUrl, 'admin', '/school');
    await page.waitForURL((url) => url.pathname.startsWith('/school/'));
    await settled(page);
    const menu = page.getByRole('navigation', { name: 'Разделы кабинета' });
    await menu.getByRole('link', { name: 'Кружки и секции' }).click();
    await page.getByRole('heading', { level: 1, name: 'Программы' }).waitFor();
    await settled(page);
    await page.getByRole('link', { name: 'Новая программа' }).click();
    const form = page.getByRole('form', { name: 'Программа' });
    await form.getByLabel('Название *').fill('Школьный хор «Звонкие голоса»');
    await form.getByLabel('Направленность *').selectOption('ARTS');
    await form.getByLabel('Возраст от, лет *').fill('7');
    await form.getByLabel('Возраст до, лет *').fill('11');
    await form.getByLabel('Академических часов *').fill('64');
    await form.getByRole('button', { name: 'Сохранить черновик' }).click();
    await page.getByRole('heading', { level: 1, name: 'Школьный хор «Звонкие голоса»' }).waitFor();
    expect(new URL(page.url()).pathname).toMatch(/^\/school\/extra\/[^/]+\/programmes\/[^/]+$/);

    const group = page.getByRole('form', { name: 'Новая группа' });
    await group.getByLabel('Название группы *').fill('Младшая группа');
    await group.getByLabel('Мест *').fill('20');
    await group.getByLabel('Начало занятий *').fill('2026-11-02');
    await group.getByLabel('Окончание *').fill('2027-05-28');
    await group.getByRole('button', { name: 'Добавить группу' }).click();
    await page.getByRole('row', { name: /Младшая группа/ }).waitFor();
    await page.getByRole('button', { name: 'Опубликовать' }).click();
    await page.getByText('Опубликована').first().waitFor();
    await expect(accessibilityViolations(page)).resolves.toEqual([]);
    await page.context().close();

    const visitor = await newPage();
    await visitor.goto(new URL('/catalogue?q=Звонкие', platform.webUrl).href);
    await visitor.getByRole('link', { name: 'Школьный хор «Звонкие голоса»' }).waitFor();
    await visitor.context().close();
  });
});

describe('coverage', () => {
  it('the coordinator sees coverage by direction and certificates by status; the operator by municipality', async () => {
    const page = await newPage();
    await signIn(page, platform.webUrl, 'coordinator', '/territory/extra');
    await settled(page);
    await page.getByRole('table', { name: 'Охват детей 5–18 лет по направленностям программ' }).waitFor();
    await expect(page.locator('[data-coverage="directions"] tbody tr').count()).resolves.toBe(6);
    await page.getByRole('table', { name: 'Сертификаты ПФДО по статусам' }).waitFor();
    await expect(page.locator('[data-coverage="municipalities"]').count()).resolves.toBe(0);
    await screenshot(page, 'extra-coverage-coordinator');
    await expect(accessibilityViolations(page)).resolves.toEqual([]);
    await page.context().close();

    const operator = await newPage();
    await signIn(operator, platform.webUrl, 'operator', '/territory/extra');
    await settled(operator);
    await operator.getByRole('table', { name: 'Охват детей 5–18 лет и сертификаты ПФДО по муниципалитетам' }).waitFor();
    await expect(operator.locator('[data-coverage="municipalities"] tbody tr').count()).resolves.toBeGreaterThan(1);
    await operator.context().close();
  });
});
