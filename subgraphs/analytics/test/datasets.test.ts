/**
 * The datasets beyond contingent and marks (issue 12): attendance, admissions, staff, data quality, extra
 * education and certificates, through the gateway. Each grand total is compared with a count made by hand
 * over the owners' tables, and each dataset keeps the catalogue's refusals and small-cell suppression.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPlatform, type GraphQLResponse, type Platform } from '@region/tests/platform';

const TODAY = new Date('2026-11-20T07:00:00Z');
const ON = '2026-11-20';

let platform: Platform;
let municipality1: string;
let extraOrganization: string;

interface Cell {
  key: string | null;
  value: number | null;
  suppressed: boolean;
  total: boolean;
}
interface Table {
  columns: { id: string; title: string; kind: string }[];
  rows: { cells: Cell[] }[];
  totals: { cells: Cell[] }[];
  suppressed: boolean;
}

const REPORT = `query ($input: ReportInput!) { report(input: $input) {
  columns { id title kind } suppressed
  rows { cells { key value suppressed total } }
  totals { cells { key value suppressed total } }
} }`;

async function report(login: string, input: Record<string, unknown>): Promise<GraphQLResponse<{ report: Table }>> {
  return platform.query<{ report: Table }>({ login }, REPORT, { input });
}

function ok(result: GraphQLResponse<{ report: Table }>): Table {
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  return result.data!.report;
}

/** The grand total's measures, by measure id (the table's first totals row). */
function grand(table: Table): Record<string, number | null> {
  const dimensions = table.columns.filter((column) => column.kind === 'DIMENSION').length;
  const cells = (dimensions === 0 ? table.rows[0] : table.totals[0])!.cells;
  return Object.fromEntries(
    table.columns.slice(dimensions).map((column, index) => [column.id, cells[dimensions + index]!.value]),
  );
}

const count = async (query: Promise<unknown>) => Number(((await query) as [{ n: string | number }])[0].n);

beforeAll(async () => {
  platform = await startPlatform({ now: TODAY });
  const sql = platform.admin.sql;
  [{ id: municipality1 }] = (await sql`select g.municipality_id as id from people.role_grants g
    join people.esia_links l on l.person_id = g.person_id
    where l.esia_oid = '1000000103' and g.role = 'MUNICIPAL_COORDINATOR'`) as unknown as [{ id: string }];
  // Extra education's demo has programmes and groups only: conclude six contracts in one group (four by
  // certificate, the children's certificates ACTUAL) and issue one more certificate that stays FROZEN.
  const [group] = await sql<{ id: string; organization_id: string }[]>`
    select g.id, p.organization_id from extra_education.groups g
    join extra_education.programmes p on p.id = g.programme_id
    join people.organizations o on o.id = p.organization_id
    where p.status = 'PUBLISHED' and o.municipality_id = ${municipality1} and 'CERTIFICATE' = any(p.funding)
    order by g.id limit 1`;
  extraOrganization = group!.organization_id;
  const children = await sql<{ id: string }[]>`
    select e.person_id as id from people.enrolments e join people.persons p on p.id = e.person_id
    join learning.classes c on c.id = e.class_id
    where e.ended_on is null and c.grade between 3 and 8 and p.merged_into is null
    order by e.person_id limit 7`;
  for (const [index, child] of children.entries()) {
    const byCertificate = index < 4 || index === 6;
    let certificateId: string | null = null;
    if (byCertificate) {
      const code = String(2117122000 + index);
      [{ id: certificateId }] = (await sql`insert into extra_education.certificates
        (person_id, code, issued_on, source, municipality_id)
        values (${child.id}, ${code}, '2026-09-10', 'CABINET', ${municipality1}) returning id`) as unknown as [
        { id: string },
      ];
      await sql`insert into extra_education.certificate_status_changes (certificate_id, status, reason, changed_at)
        values (${certificateId}, 'FROZEN', 'Выдан', '2026-09-10')`;
    }
    if (index === 6) continue;
    const [application] = await sql<{ id: string }[]>`insert into extra_education.applications
      (group_id, organization_id, child_id, source, payment_method, status)
      values (${group!.id}, ${group!.organization_id}, ${child.id}, 'CABINET',
        ${byCertificate ? 'CERTIFICATE' : 'PAID'}, 'ENROLLED') returning id`;
    const [contract] = await sql<{ id: string }[]>`insert into extra_education.contracts
      (application_id, group_id, organization_id, child_id, payment_method, certificate_id, price_per_month, concluded_on)
      values (${application!.id}, ${group!.id}, ${group!.organization_id}, ${child.id},
        ${byCertificate ? 'CERTIFICATE' : 'PAID'}, ${certificateId}, '1000.00', '2026-10-01') returning id`;
    if (certificateId)
      await sql`insert into extra_education.certificate_status_changes (certificate_id, status, reason, contract_id, changed_at)
        values (${certificateId}, 'ACTUAL', 'Договор', ${contract!.id}, '2026-10-01')`;
  }
});
afterAll(async () => {
  await platform?.stop();
});

describe('attendance', () => {
  it('counts lesson slots and absences of the period as counted by hand', async () => {
    const sql = platform.admin.sql;
    const from = '2026-11-01';
    // Mark absences on the period's first lessons (the demo journal may hold none in November).
    await sql`insert into learning.attendance (school_year, organization_id, class_id, subject_id, lesson_id,
        student_id, date, status, set_by)
      select l.school_year, l.organization_id, l.class_id, l.subject_id, l.id, m.person_id, l.date,
        (array['ABSENT', 'SICK', 'LATE']::learning.attendance_status[])[1 + (row_number() over () % 3)::int], l.teacher_id
      from (select * from learning.lessons where date between ${from} and ${ON} order by id limit 20) l
      join learning.class_members m on m.class_id = l.class_id and m.joined_on <= l.date
        and (m.left_on is null or m.left_on > l.date)
      on conflict do nothing`;
    const table = ok(
      await report('operator', {
        dataset: 'ATTENDANCE',
        dimensions: ['MUNICIPALITY'],
        measures: ['PERSONS', 'LESSON_SLOTS', 'ABSENCES', 'ATTENDANCE_RATE'],
        from,
        to: ON,
      }),
    );
    const slots = await count(sql`select count(*) as n from learning.lessons l
      join learning.class_members m on m.class_id = l.class_id and m.joined_on <= l.date
        and (m.left_on is null or m.left_on > l.date)
      join people.persons p on p.id = m.person_id and p.merged_into is null
      where l.date between ${from} and ${ON}`);
    const absences = await count(sql`select count(*) as n from learning.attendance a
      join people.persons p on p.id = a.student_id and p.merged_into is null
      where a.date between ${from} and ${ON} and a.status in ('ABSENT', 'SICK', 'EXCUSED')`);
    expect(slots).toBeGreaterThan(0);
    expect(absences).toBeGreaterThan(0);
    const total = grand(table);
    expect(total['LESSON_SLOTS']).toBe(slots);
    expect(total['ABSENCES']).toBe(absences);
    expect(total['ATTENDANCE_RATE']).toBeGreaterThan(50);
    expect(total['ATTENDANCE_RATE']).toBeLessThanOrEqual(100);
  });

  it('refuses a date of slice for a dataset of a period', async () => {
    const result = await report('analyst', {
      dataset: 'ATTENDANCE',
      dimensions: [],
      measures: ['ATTENDANCE_RATE'],
      on: ON,
    });
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('admissions', () => {
  it('counts the campaign’s applications, ЕПГУ share and places as counted by hand', async () => {
    const sql = platform.admin.sql;
    const [{ year }] = (await sql`select year from admissions.applications
      group by year order by count(*) desc limit 1`) as unknown as [{ year: number }];
    const table = ok(
      await report('operator', {
        dataset: 'ADMISSIONS',
        dimensions: ['APPLICATION_KIND'],
        measures: ['APPLICATIONS', 'SHARE_FROM_EPGU'],
        filters: [{ dimension: 'CAMPAIGN_YEAR', values: [String(year)] }],
      }),
    );
    const applications = await count(sql`select count(*) as n from admissions.applications where year = ${year}`);
    const fromEpgu = await count(
      sql`select count(*) as n from admissions.applications where year = ${year} and source = 'EPGU'`,
    );
    expect(applications).toBeGreaterThan(0);
    expect(grand(table)['APPLICATIONS']).toBe(applications);
    expect(grand(table)['SHARE_FROM_EPGU']).toBe(Math.round((1000 * fromEpgu) / applications) / 10);

    const places = ok(
      await report('operator', {
        dataset: 'ADMISSIONS',
        dimensions: ['MUNICIPALITY'],
        measures: ['PLACES', 'ENROLLED', 'PLACES_FILLED'],
        filters: [{ dimension: 'CAMPAIGN_YEAR', values: [String(year)] }],
      }),
    );
    const total = await count(sql`select coalesce(sum(total), 0) as n from admissions.places where year = ${year}`);
    expect(grand(places)['PLACES']).toBe(total);
  });

  it('refuses places split by an application’s status, naming both', async () => {
    const result = await report('analyst', {
      dataset: 'ADMISSIONS',
      dimensions: ['APPLICATION_STATUS'],
      measures: ['PLACES'],
    });
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.message).toContain('Статус заявления');
  });
});

describe('refusals of the new datasets', () => {
  it('refuses a value a fixed dimension has not, and a date for a campaign dataset (BAD_USER_INPUT)', async () => {
    const status = await report('analyst', {
      dataset: 'ADMISSIONS',
      dimensions: [],
      measures: ['APPLICATIONS'],
      filters: [{ dimension: 'APPLICATION_STATUS', values: ['LOST'] }],
    });
    expect(status.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(status.errors?.[0]?.message).toContain('«Статус заявления»');
    const dated = await report('analyst', {
      dataset: 'ADMISSIONS',
      dimensions: [],
      measures: ['APPLICATIONS'],
      on: ON,
    });
    expect(dated.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('answers the coordinator staff of their municipality and refuses another one (FORBIDDEN)', async () => {
    const own = ok(
      await report('coordinator', { dataset: 'STAFF', dimensions: ['MUNICIPALITY'], measures: ['PERSONS'] }),
    );
    expect(own.rows.map((row) => row.cells[0]!.key)).toEqual([municipality1]);
    const [{ id: other }] = (await platform.admin.sql`select id from people.municipalities
      where id <> ${municipality1} limit 1`) as unknown as [{ id: string }];
    const refused = await report('coordinator', {
      dataset: 'STAFF',
      dimensions: [],
      measures: ['PERSONS'],
      filters: [{ dimension: 'MUNICIPALITY', values: [other] }],
    });
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

describe('staff and data quality', () => {
  it('counts the employees on the date as counted by hand', async () => {
    const sql = platform.admin.sql;
    const table = ok(
      await report('operator', {
        dataset: 'STAFF',
        dimensions: ['QUALIFICATION_CATEGORY'],
        measures: ['PERSONS', 'SHARE_WITH_CATEGORY', 'AVERAGE_AGE'],
        on: ON,
      }),
    );
    const employees = await count(sql`select count(distinct e.person_id) as n from people.employments e
      join people.persons p on p.id = e.person_id and p.merged_into is null
      where e.started_on <= ${ON} and (e.ended_on is null or e.ended_on > ${ON})`);
    expect(employees).toBeGreaterThan(0);
    expect(grand(table)['PERSONS']).toBe(employees);
    expect(table.columns.find((column) => column.id === 'PERSONS')?.title).toBe('Число работников');
  });

  it('counts the learners’ cards with a mandatory field missing as counted by hand', async () => {
    const sql = platform.admin.sql;
    const table = ok(
      await report('operator', {
        dataset: 'DATA_QUALITY',
        dimensions: ['CARD_KIND'],
        measures: ['CARDS', 'INCOMPLETE_CARDS'],
        filters: [{ dimension: 'CARD_KIND', values: ['STUDENT'] }],
        on: ON,
      }),
    );
    const blank = (column: string) => sql.unsafe(`coalesce(btrim(p.${column}), '') = ''`);
    const incomplete = await count(sql`select count(distinct p.id) as n from people.enrolments e
      join people.persons p on p.id = e.person_id and p.merged_into is null
      where e.started_on <= ${ON} and (e.ended_on is null or e.ended_on > ${ON})
        and (${blank('snils')} or p.document_type is null or ${blank('document_number')} or ${blank('citizenship')}
          or ${blank('place_of_birth')} or ${blank('registration_address')} or ${blank('residence_address')})`);
    expect(incomplete).toBeGreaterThan(0);
    expect(grand(table)['INCOMPLETE_CARDS']).toBe(incomplete);
  });
});

describe('extra education and certificates', () => {
  it('counts contracts by payment method and certificates by status', async () => {
    const contracts = ok(
      await report('operator', {
        dataset: 'EXTRA_EDUCATION',
        dimensions: ['PAYMENT_METHOD'],
        measures: ['PERSONS', 'CONTRACTS', 'SHARE_BY_CERTIFICATE'],
        on: ON,
      }),
    );
    expect(grand(contracts)).toMatchObject({ PERSONS: 6, CONTRACTS: 6 });
    expect(grand(contracts)['SHARE_BY_CERTIFICATE']).toBeCloseTo(66.7, 1);
    const certificates = ok(
      await report('operator', {
        dataset: 'CERTIFICATES',
        dimensions: ['CERTIFICATE_STATUS'],
        measures: ['CERTIFICATES', 'SHARE_ACTUAL_CERTIFICATES'],
        on: ON,
      }),
    );
    expect(grand(certificates)['CERTIFICATES']).toBe(5);
    expect(grand(certificates)['SHARE_ACTUAL_CERTIFICATES']).toBe(80);
  });

  it('suppresses the small cells for the analyst: 2 paid contracts and 1 frozen certificate', async () => {
    const contracts = ok(
      await report('analyst', {
        dataset: 'EXTRA_EDUCATION',
        dimensions: ['PAYMENT_METHOD'],
        measures: ['CONTRACTS'],
        on: ON,
      }),
    );
    const paid = contracts.rows.find((row) => row.cells[0]!.key === 'PAID')!;
    expect(paid.cells[1]).toMatchObject({ value: null, suppressed: true });
    // Its complement too: the total minus the certificate row would give it away.
    const byCertificate = contracts.rows.find((row) => row.cells[0]!.key === 'CERTIFICATE')!;
    expect(byCertificate.cells[1]!.suppressed).toBe(true);
    const certificates = ok(
      await report('analyst', {
        dataset: 'CERTIFICATES',
        dimensions: ['CERTIFICATE_STATUS'],
        measures: ['CERTIFICATES'],
        on: ON,
      }),
    );
    expect(certificates.suppressed).toBe(true);
    expect(certificates.rows.find((row) => row.cells[0]!.key === 'FROZEN')!.cells[1]!.value).toBeNull();
  });

  it('answers an organization’s admin no certificates (a certificate is the child’s, not the organization’s)', async () => {
    const certificates = ok(
      await report('admin', { dataset: 'CERTIFICATES', dimensions: [], measures: ['CERTIFICATES'], on: ON }),
    );
    expect(certificates.rows[0]!.cells[0]).toMatchObject({ value: 0, suppressed: false });
    expect(extraOrganization).toBeTruthy();
  });
});
