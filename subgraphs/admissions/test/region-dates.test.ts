/**
 * Rule 15's dates are the region's dates (DOMAIN.md, Times: UTC+5), and the production calendar is data
 * (issue 9, sections 4 and 5). Every boundary is tried at 00:30 and 23:30 local time: 00:30 local is 19:30 UTC
 * of the day before, so a UTC date would put it on the wrong side.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPlatform, type Platform } from '@region/tests/platform';
import { createDb, loadProductionCalendarYear } from '@region/db';
import { calendarCache, calendarYear, productionCalendar } from '../src/modules/deadlines/index.ts';

let platform: Platform;
let school: string;

/** A moment at local (UTC+5) wall-clock time. */
const local = (date: string, time: string) => new Date(`${date}T${time}:00+05:00`);

const INTAKE = `mutation ($input: EpguApplicationInput!) { intakeEpguApplication(input: $input) { application { id } } }`;
let serial = 0;

async function intake(registeredAt: Date, category: 'PRIORITY' | 'TERRITORY' | 'OTHER' = 'TERRITORY') {
  serial += 1;
  const token = await platform.serviceToken('epgu');
  return platform.query<{ intakeEpguApplication: { application: { id: string } } }>({ token }, INTAKE, {
    input: {
      epguNumber: `EPGU-TZ-${serial}`,
      registeredAt: registeredAt.toISOString(),
      kind: 'FIRST_GRADE',
      year: 2027,
      category,
      ...(category === 'PRIORITY' ? { priorityRights: ['12'] } : {}),
      organizationIds: [school],
      child: {
        lastName: 'Часовой',
        firstName: 'Пояс',
        birthDate: '2020-05-05',
        birthCertificateSeries: 'V-ИВ',
        birthCertificateNumber: String(500000 + serial),
      },
      applicant: { lastName: 'Часовая', firstName: 'Анна' },
    },
  });
}

function errorOf(result: { errors?: readonly { extensions?: Record<string, unknown> }[] }) {
  return result.errors?.[0]?.extensions ?? {};
}

/** An application already directed to the school, as the status machine would leave it. */
async function directed(category: 'TERRITORY' | 'OTHER' = 'TERRITORY'): Promise<string> {
  const result = await intake(
    category === 'OTHER' ? local('2027-07-07', '12:00') : local('2027-04-02', '12:00'),
    category,
  );
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  const id = result.data!.intakeEpguApplication.application.id;
  await platform.admin
    .sql`update admissions.applications set status = 'DIRECTED', directed_organization_id = ${school} where id = ${id}`;
  return id;
}

const ENROL = `mutation ($id: ID!, $order: EnrolmentOrderInput) {
  changeApplicationStatus(id: $id, status: ENROLLED, order: $order) { status }
}`;
const enrol = (id: string, date: string) =>
  platform.query<{ changeApplicationStatus: { status: string } }>({ login: 'admin' }, ENROL, {
    id,
    order: { number: `${date}-у`, date },
  });

beforeAll(async () => {
  platform = await startPlatform({ now: local('2027-09-20', '12:00'), principalTtlMs: 0 });
  const [row] = await platform.admin.sql<{ id: string }[]>`
    select g.organization_id as id from people.role_grants g join people.esia_links l on l.person_id = g.person_id
    where l.esia_oid = '1000000104' and g.role = 'ORG_ADMIN'`;
  school = row!.id;
  await platform.admin
    .sql`insert into admissions.places (organization_id, year, kind, total) values (${school}, 2027, 'FIRST_GRADE', 100)`;
});
afterAll(async () => {
  await platform?.stop();
});

describe('ЕПГУ reception windows in the region’s time (rule 15)', () => {
  it.each([
    ['1 April, 00:30', local('2027-04-01', '00:30'), 'TERRITORY', null],
    ['31 March, 23:30', local('2027-03-31', '23:30'), 'TERRITORY', 'PRIORITY_RECEPTION_WINDOW'],
    ['30 June, 23:30', local('2027-06-30', '23:30'), 'PRIORITY', null],
    ['1 July, 00:30', local('2027-07-01', '00:30'), 'PRIORITY', 'PRIORITY_RECEPTION_WINDOW'],
    ['1 July, 02:00', local('2027-07-01', '02:00'), 'TERRITORY', 'PRIORITY_RECEPTION_WINDOW'],
    ['6 July, 00:30 (other children)', local('2027-07-06', '00:30'), 'OTHER', null],
    ['5 July, 23:30 (other children)', local('2027-07-05', '23:30'), 'OTHER', 'OTHER_RECEPTION_WINDOW'],
    ['5 September, 23:30 (other children)', local('2027-09-05', '23:30'), 'OTHER', null],
    ['6 September, 00:30 (other children)', local('2027-09-06', '00:30'), 'OTHER', 'OTHER_RECEPTION_WINDOW'],
  ] as const)('registered on %s', async (_, at, category, rule) => {
    const result = await intake(at, category);
    if (rule === null) expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
    else expect(errorOf(result)).toMatchObject({ code: 'DEADLINE_RULE', rule });
  });

  it('finds an application registered at 00:30 on 1 April by that date', async () => {
    const stored = await intake(local('2027-04-01', '00:30'));
    expect(stored.errors).toBeUndefined();
    const found = await platform.query<{ searchApplications: { id: string }[] }>(
      { login: 'admin' },
      'query ($n: String, $d: Date) { searchApplications(epguNumber: $n, registeredOn: $d) { id } }',
      { n: `EPGU-TZ-${serial}`, d: '2027-04-01' },
    );
    expect(found.errors).toBeUndefined();
    expect(found.data!.searchApplications.map((a) => a.id)).toEqual([
      stored.data!.intakeEpguApplication.application.id,
    ]);
  });
});

describe('a guardian’s application on the portal, by the region’s date', () => {
  it('is refused at 23:30 on 31 March and accepted at 00:30 on 1 April', async () => {
    const birthDate = '2020-10-01';
    const created = await platform.query<{ createPerson: { id: string } }>(
      { login: 'admin' },
      'mutation ($input: CreatePersonInput!) { createPerson(input: $input, confirmPossibleDuplicate: true) { id } }',
      {
        input: { organizationId: school, lastName: 'Полуночная', firstName: 'Ева', birthDate, processingConsent: true },
      },
    );
    expect(created.errors, JSON.stringify(created.errors)).toBeUndefined();
    const childId = created.data!.createPerson.id;
    const [guardian] = await platform.admin.sql<{ id: string }[]>`
      select p.id from people.persons p join people.esia_links l on l.person_id = p.id
      where l.esia_oid = (select esia_oid from people.esia_links l2 join people.persons p2 on p2.id = l2.person_id
        where p2.last_name = 'Кузнецова' limit 1) limit 1`;
    const linked = await platform.query(
      { login: 'admin' },
      'mutation ($g: ID!, $c: ID!) { linkGuardian(guardianId: $g, childId: $c) { id } }',
      { g: guardian!.id, c: childId },
    );
    expect(linked.errors, JSON.stringify(linked.errors)).toBeUndefined();
    const submit = () =>
      platform.query<{ submitApplication: { year: number } }>(
        { login: 'guardian' },
        'mutation ($input: SubmitApplicationInput!) { submitApplication(input: $input) { year } }',
        {
          input: {
            kind: 'FIRST_GRADE',
            childId,
            child: { lastName: 'Полуночная', firstName: 'Ева', birthDate },
            organizationIds: [school],
            category: 'PRIORITY',
            priorityRights: ['12'],
          },
        },
      );
    platform.setNow(local('2027-03-31', '23:30'));
    expect(errorOf(await submit())).toMatchObject({ code: 'DEADLINE_RULE', rule: 'PRIORITY_RECEPTION_WINDOW' });
    platform.setNow(local('2027-04-01', '00:30'));
    const accepted = await submit();
    expect(accepted.errors, JSON.stringify(accepted.errors)).toBeUndefined();
    expect(accepted.data!.submitApplication.year).toBe(2027);
  });
});

describe('«Направлен в ОО» from 30 June, local time', () => {
  const DIRECT = `mutation ($id: ID!) { changeApplicationStatus(id: $id, status: DIRECTED) { status } }`;

  it('refuses it at 23:30 on 29 June and accepts it at 00:30 on 30 June', async () => {
    platform.setNow(local('2027-06-29', '23:30'));
    const result = await intake(local('2027-04-03', '12:00'));
    const id = result.data!.intakeEpguApplication.application.id;
    await platform.admin.sql`update admissions.applications set status = 'ACCEPTED' where id = ${id}`;
    const early = await platform.query({ login: 'admin' }, DIRECT, { id });
    expect(errorOf(early)).toMatchObject({ code: 'DEADLINE_RULE', rule: 'DIRECTION_BEFORE_END_OF_PRIORITY_RECEPTION' });
    platform.setNow(local('2027-06-30', '00:30'));
    const onTime = await platform.query({ login: 'admin' }, DIRECT, { id });
    expect(onTime.errors, JSON.stringify(onTime.errors)).toBeUndefined();
  });
});

describe('the enrolment order (Order 458 point 17)', () => {
  it('accepts an order dated today at 00:30 local, and refuses one dated tomorrow as BAD_USER_INPUT', async () => {
    const id = await directed();
    platform.setNow(local('2027-07-01', '00:30'));
    const tomorrow = await enrol(id, '2027-07-02');
    expect(errorOf(tomorrow)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'order.date' });
    const today = await enrol(id, '2027-07-01');
    expect(today.errors, JSON.stringify(today.errors)).toBeUndefined();
    const [stored] = await platform.admin.sql<{ enrolment_order_date: string; enrolment_order_number: string }[]>`
      select enrolment_order_date::text, enrolment_order_number from admissions.applications where id = ${id}`;
    expect(stored).toEqual({ enrolment_order_date: '2027-07-01', enrolment_order_number: '2027-07-01-у' });
  });

  it('refuses an order dated before reception of its stage ends, with the rule', async () => {
    platform.setNow(local('2027-07-20', '12:00'));
    const first = await directed();
    expect(errorOf(await enrol(first, '2027-06-29'))).toMatchObject({
      code: 'DEADLINE_RULE',
      rule: 'ENROLMENT_ORDER_EARLY',
      deadline: '2027-06-30',
    });
    expect(errorOf(await enrol(first, '2026-07-01'))).toMatchObject({ rule: 'ENROLMENT_ORDER_EARLY' });
    const other = await directed('OTHER');
    expect(errorOf(await enrol(other, '2027-07-05'))).toMatchObject({
      code: 'DEADLINE_RULE',
      rule: 'ENROLMENT_ORDER_EARLY',
      deadline: '2027-07-06',
    });
    expect((await enrol(other, '2027-07-06')).errors).toBeUndefined();
  });

  it('refuses an order dated after the campaign, and nothing is written', async () => {
    platform.setNow(local('2027-10-01', '12:00'));
    const id = await directed();
    // 5 September 2027 is a Sunday: five working days later is Friday 10 September.
    expect(errorOf(await enrol(id, '2027-09-13'))).toMatchObject({
      code: 'DEADLINE_RULE',
      rule: 'ENROLMENT_ORDER_OUTSIDE_CAMPAIGN',
      deadline: '2027-09-10',
    });
    const [row] = await platform.admin.sql<
      { status: string }[]
    >`select status from admissions.applications where id = ${id}`;
    expect(row!.status).toBe('DIRECTED');
    expect((await enrol(id, '2027-09-10')).errors).toBeUndefined();
  });

  it('counts late orders by the order’s date against 3 working days after 30 June', async () => {
    platform.setNow(local('2027-07-20', '12:00'));
    const before = await lateOrders(2027);
    // 30 June 2027 is a Wednesday: the third working day after it is Monday 5 July.
    expect((await enrol(await directed(), '2027-07-05')).errors).toBeUndefined();
    expect(await lateOrders(2027)).toBe(before);
    expect((await enrol(await directed(), '2027-07-06')).errors).toBeUndefined();
    expect(await lateOrders(2027)).toBe(before + 1);
  });
});

async function lateOrders(year: number): Promise<number> {
  const result = await platform.query<{ admissionsCampaign: { organizations: { lateOrders: number }[] } }>(
    { login: 'operator' },
    'query ($y: Int) { admissionsCampaign(year: $y) { organizations { lateOrders } } }',
    { y: year },
  );
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  return result.data!.admissionsCampaign.organizations.reduce((n, o) => n + o.lateOrders, 0);
}

describe('the production calendar as data', () => {
  const CAMPAIGN = `query ($y: Int) { admissionsCampaign(year: $y) {
    year enrolmentOrderDeadline calendarSource calendarDecree organizations { lateOrders }
  } }`;
  type Campaign = {
    admissionsCampaign: {
      year: number;
      enrolmentOrderDeadline: string;
      calendarSource: string;
      calendarDecree: string;
    };
  };

  it.each([
    // 2024: 30 June is a Sunday; decree No. 1314 changes nothing in July: Mon 1, Tue 2, Wed 3.
    [2024, '2024-07-03', 'DECREE', /№ 1314/],
    [2026, '2026-07-03', 'DECREE', /№ 1466/],
    // No decree loaded for 2028: Labour Code art. 112 only. 30 June 2028 is a Friday: Mon 3, Tue 4, Wed 5 July.
    [2028, '2028-07-05', 'LABOUR_CODE_ART_112', null],
  ] as const)('answers the %i campaign with its calendar and says which', async (year, deadline, source, decree) => {
    const result = await platform.query<Campaign>({ login: 'operator' }, CAMPAIGN, { y: year });
    expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
    expect(result.data!.admissionsCampaign).toMatchObject({
      year,
      enrolmentOrderDeadline: deadline,
      calendarSource: source,
    });
    if (decree) expect(result.data!.admissionsCampaign.calendarDecree).toMatch(decree);
    else expect(result.data!.admissionsCampaign.calendarDecree).toBeNull();
  });

  it('refuses a year out of range as BAD_USER_INPUT naming the field', async () => {
    const result = await platform.query({ login: 'operator' }, CAMPAIGN, { y: 32000 });
    expect(errorOf(result)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'year' });
  });

  it('seeds 2024–2026 from the decrees: 248, 247 and 247 working days', async () => {
    const rows = await platform.admin.sql<{ year: number; decree: string; days: string[]; weekends: string[] }[]>`
      select year, decree, non_working_days::text[] as days, working_weekends::text[] as weekends
      from admissions.production_calendars order by year`;
    expect(rows.map((row) => row.year)).toEqual([2024, 2025, 2026]);
    const calendar = productionCalendar(
      rows.map((row) => calendarYear(row.year, { decree: row.decree, days: row.days, workingWeekends: row.weekends })),
    );
    const workingDays = (year: number) => calendar.workingDaysBetween(`${year - 1}-12-31`, `${year}-12-31`);
    expect([2024, 2025, 2026].map(workingDays)).toEqual([248, 247, 247]);
  });

  it('takes the next campaign from 00:30 local on 1 September, not at 05:00', async () => {
    platform.setNow(local('2027-09-01', '00:30'));
    const next = await platform.query<Campaign>({ login: 'coordinator' }, CAMPAIGN);
    expect(next.errors, JSON.stringify(next.errors)).toBeUndefined();
    expect(next.data!.admissionsCampaign).toMatchObject({ year: 2028, calendarSource: 'LABOUR_CODE_ART_112' });
    platform.setNow(local('2027-08-31', '23:30'));
    const current = await platform.query<Campaign>({ login: 'coordinator' }, CAMPAIGN);
    expect(current.data!.admissionsCampaign.year).toBe(2027);
  });

  it('takes a decree an operator loads without a release, and refuses a malformed one', async () => {
    const handle = createDb(platform.database.roleUrl('admissions'));
    try {
      await expect(
        loadProductionCalendarYear(handle.db, { year: 2030, decree: 'Постановление', nonWorkingDays: ['2031-01-01'] }),
      ).rejects.toThrow();
      // A hypothetical decree making Monday 1 July 2030 a day off: the order term moves by a day.
      await loadProductionCalendarYear(handle.db, {
        year: 2030,
        decree: 'Постановление Правительства РФ (проверочное) о переносе выходных дней в 2030 году',
        nonWorkingDays: ['2030-01-01', '2030-07-01'],
        workingWeekends: ['2030-11-02'],
      });
    } finally {
      await handle.close();
    }
    const result = await platform.query<Campaign>({ login: 'operator' }, CAMPAIGN, { y: 2030 });
    expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
    expect(result.data!.admissionsCampaign).toMatchObject({
      enrolmentOrderDeadline: '2030-07-04',
      calendarSource: 'DECREE',
      calendarDecree: expect.stringMatching(/2030 году/),
    });
  });

  it('reads the calendar once per campaign in one statement, then from the cache', async () => {
    const calendarStatements = async () =>
      (await platform.recordStatements(() => platform.query({ login: 'operator' }, CAMPAIGN, { y: 2033 }))).filter(
        (statement) => statement.includes('production_calendars'),
      );
    expect(await calendarStatements()).toHaveLength(1);
    expect(await calendarStatements()).toHaveLength(0);
  });

  it('takes a newly loaded decree once the cache’s time to live has passed', async () => {
    const handle = createDb(platform.database.roleUrl('admissions'));
    let clock = 0;
    const cached = calendarCache(1_000, () => clock);
    try {
      expect((await cached(handle.db, [2031, 2032])).sourceOf(2031).source).toBe('LABOUR_CODE_ART_112');
      await loadProductionCalendarYear(handle.db, {
        year: 2031,
        decree: 'Постановление Правительства РФ (проверочное) о переносе выходных дней в 2031 году',
        nonWorkingDays: ['2031-01-01'],
      });
      clock = 500;
      expect((await cached(handle.db, [2031, 2032])).sourceOf(2031).source).toBe('LABOUR_CODE_ART_112');
      clock = 1_500;
      expect((await cached(handle.db, [2031, 2032])).sourceOf(2031).source).toBe('DECREE');
    } finally {
      await handle.close();
    }
  });
});
