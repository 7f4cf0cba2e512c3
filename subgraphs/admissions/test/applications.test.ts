/**
 * Admissions through the gateway (DOMAIN.md rules 15–17): a guardian applies for first grade and follows
 * the status history; the school's admin moves it along; «Направлен в ОО» is refused on 29 June with
 * DEADLINE_RULE and accepted on 30 June; illegal transitions and capacity are refused.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb } from '@region/db';
import { createLogger, createOutboxWorker } from '@region/kit';
import { startPlatform, type Platform } from '@region/tests/platform';
import { admissionsOutbox, movementBookDeliverer } from '../src/outbox/index.ts';

let platform: Platform;
let school: string;

const at = (date: string) => new Date(`${date}T06:00:00Z`);

function expectOk(result: { errors?: unknown[] }) {
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
}
function codeOf(result: { errors?: { extensions?: { code?: string } }[] }) {
  return result.errors?.[0]?.extensions?.code;
}

async function newChild(lastName: string): Promise<{ id: string; birthDate: string }> {
  const birthDate = '2020-10-01';
  const created = await platform.query<{ createPerson: { id: string } }>(
    { login: 'admin' },
    'mutation ($input: CreatePersonInput!) { createPerson(input: $input, confirmPossibleDuplicate: true) { id } }',
    { input: { organizationId: school, lastName, firstName: 'Ева', birthDate, processingConsent: true } },
  );
  expectOk(created);
  const id = created.data!.createPerson.id;
  const [guardian] = await platform.admin.sql<{ id: string }[]>`
    select p.id from people.persons p join people.esia_links l on l.person_id = p.id
    where l.esia_oid = (select esia_oid from people.esia_links l2 join people.persons p2 on p2.id = l2.person_id
      where p2.last_name = 'Кузнецова' limit 1) limit 1`;
  expectOk(
    await platform.query(
      { login: 'admin' },
      'mutation ($g: ID!, $c: ID!) { linkGuardian(guardianId: $g, childId: $c) { id } }',
      {
        g: guardian!.id,
        c: id,
      },
    ),
  );
  return { id, birthDate };
}

const SUBMIT = `mutation ($input: SubmitApplicationInput!) { submitApplication(input: $input) { id status statusName year } }`;
const CHANGE = `mutation ($id: ID!, $status: ApplicationStatus!, $reason: String) {
  changeApplicationStatus(id: $id, status: $status, reason: $reason) { id status directedTo { id } }
}`;

async function submit(lastName: string) {
  const child = await newChild(lastName);
  const result = await platform.query<{ submitApplication: { id: string; status: string; year: number } }>(
    { login: 'guardian' },
    SUBMIT,
    {
      input: {
        kind: 'FIRST_GRADE',
        childId: child.id,
        child: { lastName, firstName: 'Ева', birthDate: child.birthDate },
        organizationIds: [school],
        category: 'TERRITORY',
        residenceAddress: 'г. Копейск, ул. Ленина, 10',
      },
    },
  );
  expectOk(result);
  return result.data!.submitApplication;
}

beforeAll(async () => {
  platform = await startPlatform({ now: at('2027-04-10'), principalTtlMs: 0 });
  const [row] = await platform.admin.sql<{ organization_id: string }[]>`
    select g.organization_id from people.role_grants g join people.esia_links l on l.person_id = g.person_id
    where g.role = 'ORG_ADMIN' and l.esia_oid = '1000000104'`;
  school = row!.organization_id;
  await platform.admin
    .sql`insert into admissions.places (organization_id, year, kind, total) values (${school}, 2027, 'FIRST_GRADE', 1)`;
  await platform.admin.sql`insert into admissions.territories (organization_id, street, house_from, house_to, parity)
    values (${school}, 'ул. ленина', 2, 40, 'EVEN')`;
});
afterAll(async () => {
  await platform?.stop();
});

describe('a first-grade application', () => {
  let applicationId: string;

  it('is submitted by the guardian for their child and shows its history', async () => {
    const application = await submit('Первоклассова');
    expect(application).toMatchObject({ status: 'SUBMITTED', year: 2027 });
    applicationId = application.id;
    const mine = await platform.query<{ application: { history: { to: string }[]; statusName: string } }>(
      { login: 'guardian' },
      'query ($id: ID!) { application(id: $id) { statusName history { to } } }',
      { id: applicationId },
    );
    expectOk(mine);
    expect(mine.data!.application).toEqual({ statusName: 'Подано', history: [{ to: 'SUBMITTED' }] });
  });

  it('is invisible to another family and cannot be decided by a teacher', async () => {
    const other = await platform.query<{ application: unknown }>(
      { login: 'guardian2' },
      'query ($id: ID!) { application(id: $id) { id } }',
      { id: applicationId },
    );
    expect(other.data?.application).toBeNull();
    expect(codeOf(other)).toBe('NOT_FOUND');
    expect(
      codeOf(await platform.query({ login: 'teacher' }, CHANGE, { id: applicationId, status: 'UNDER_REVIEW' })),
    ).toBe('NOT_FOUND');
  });

  it('refuses an illegal transition with CONFLICT', async () => {
    const result = await platform.query({ login: 'admin' }, CHANGE, { id: applicationId, status: 'ENROLLED' });
    expect(codeOf(result)).toBe('CONFLICT');
  });

  it('tells the school which statuses it may move the application to, and the other family nothing', async () => {
    const query = 'query ($id: ID!) { application(id: $id) { status nextStatuses } }';
    const admin = await platform.query<{ application: { status: string; nextStatuses: string[] } }>(
      { login: 'admin' },
      query,
      { id: applicationId },
    );
    expectOk(admin);
    expect(admin.data!.application).toEqual({ status: 'SUBMITTED', nextStatuses: ['UNDER_REVIEW', 'REJECTED'] });
    const other = await platform.query<{ application: unknown }>({ login: 'guardian2' }, query, { id: applicationId });
    expect(other.data?.application).toBeNull();
    expect(codeOf(other)).toBe('NOT_FOUND');
  });

  it('refuses «Направлен в ОО» on 29 June with DEADLINE_RULE and accepts it on 30 June', async () => {
    expectOk(await platform.query({ login: 'admin' }, CHANGE, { id: applicationId, status: 'UNDER_REVIEW' }));
    expectOk(await platform.query({ login: 'admin' }, CHANGE, { id: applicationId, status: 'ACCEPTED' }));
    platform.setNow(at('2027-06-29'));
    const early = await platform.query<{ changeApplicationStatus: unknown }>({ login: 'admin' }, CHANGE, {
      id: applicationId,
      status: 'DIRECTED',
    });
    expect(codeOf(early)).toBe('DEADLINE_RULE');
    expect((early.errors?.[0] as { extensions?: { rule?: string } }).extensions?.rule).toBeTruthy();
    expect(early.errors?.[0]).toMatchObject({ message: expect.stringMatching(/30 июня|30\.06/) });
    platform.setNow(at('2027-06-30'));
    const onTime = await platform.query<{ changeApplicationStatus: { status: string; directedTo: { id: string } } }>(
      { login: 'admin' },
      CHANGE,
      {
        id: applicationId,
        status: 'DIRECTED',
      },
    );
    expectOk(onTime);
    expect(onTime.data!.changeApplicationStatus).toMatchObject({ status: 'DIRECTED', directedTo: { id: school } });
  });

  it('shows the guardian the whole history; a portal application has nothing to report to ЕПГУ, only to the applicant', async () => {
    const mine = await platform.query<{
      application: { history: { from: string | null; to: string; changedAt: string }[] };
    }>({ login: 'guardian' }, 'query ($id: ID!) { application(id: $id) { history { from to changedAt } } }', {
      id: applicationId,
    });
    expect(mine.data!.application.history.map((h) => h.to)).toEqual([
      'SUBMITTED',
      'UNDER_REVIEW',
      'ACCEPTED',
      'DIRECTED',
    ]);
    expect(mine.data!.application.history[3]!.from).toBe('ACCEPTED');
    const queued = await platform.admin.sql<
      { event: string; status: string }[]
    >`select event, payload->>'status' as status from admissions.outbox where application_id = ${applicationId} order by id`;
    // Nothing for ЕПГУ; each of the school's decisions is told to the applicant in the cabinet (issue 15 §1).
    expect(queued).toEqual(
      ['UNDER_REVIEW', 'ACCEPTED', 'DIRECTED'].map((status) => ({ event: 'APPLICATION_NOTICE', status })),
    );
  });

  it('records the enrolment in the movement book exactly once, even when delivery is retried', async () => {
    platform.setNow(at('2027-07-02'));
    const ENROL = `mutation ($id: ID!, $order: EnrolmentOrderInput) {
      changeApplicationStatus(id: $id, status: ENROLLED, order: $order) { status }
    }`;
    expect(codeOf(await platform.query({ login: 'admin' }, ENROL, { id: applicationId }))).toBe('BAD_USER_INPUT');
    expectOk(
      await platform.query({ login: 'admin' }, ENROL, {
        id: applicationId,
        order: { number: '41-у', date: '2027-07-02' },
      }),
    );

    const handle = createDb(platform.database.roleUrl('admissions'));
    const worker = createOutboxWorker({
      db: handle.db,
      logger: createLogger('test', 'silent'),
      outbox: admissionsOutbox,
      event: 'ENROLMENT_REQUESTED',
      deliver: movementBookDeliverer({
        gatewayUrl: platform.gatewayUrl,
        token: () => platform.serviceToken('admissions-enrolment'),
        timeoutMs: 5_000,
      }),
      now: () => at('2027-07-02'),
    });
    try {
      expect(await worker.runOnce()).toMatchObject({ delivered: 1, failed: 0 });
      // The delivery is repeated as if our "delivered" write had been lost.
      await platform.admin
        .sql`update admissions.outbox set delivered_at = null, next_attempt_at = now() - interval '1 minute'
        where application_id = ${applicationId} and event = 'ENROLMENT_REQUESTED'`;
      expect(await worker.runOnce()).toMatchObject({ delivered: 1, failed: 0 });
    } finally {
      await handle.close();
    }
    const entries = await platform.admin.sql<{ kind: string; order_number: string; effective_on: string }[]>`
      select kind, order_number, effective_on::text from people.movements where idempotency_key = ${`application:${applicationId}`}`;
    expect(entries).toEqual([{ kind: 'ENROL', order_number: '41-у', effective_on: '2027-09-01' }]);
  });

  it('directs no child beyond the places of the organization', async () => {
    platform.setNow(at('2027-04-11'));
    const second = await submit('Второклассова');
    expectOk(await platform.query({ login: 'admin' }, CHANGE, { id: second.id, status: 'UNDER_REVIEW' }));
    expectOk(await platform.query({ login: 'admin' }, CHANGE, { id: second.id, status: 'ACCEPTED' }));
    platform.setNow(at('2027-07-01'));
    const full = await platform.query({ login: 'admin' }, CHANGE, { id: second.id, status: 'DIRECTED' });
    expect(codeOf(full)).toBe('DEADLINE_RULE');
    expect((full.errors?.[0] as { extensions?: { rule?: string } }).extensions?.rule).toBe('NO_PLACES');
  });

  it("refuses a territory application for an address outside the school's territory, and says which schools serve an address", async () => {
    platform.setNow(at('2027-04-12'));
    const child = await newChild('Нечётная');
    const result = await platform.query({ login: 'guardian' }, SUBMIT, {
      input: {
        kind: 'FIRST_GRADE',
        childId: child.id,
        child: { lastName: 'Нечётная', firstName: 'Ева', birthDate: child.birthDate },
        organizationIds: [school],
        category: 'TERRITORY',
        residenceAddress: 'г. Копейск, ул. Ленина, д. 11, кв. 2',
      },
    });
    expect(codeOf(result)).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.message).toMatch(/закреплённой/);
    const serving = await platform.query<{ schoolsForAddress: { id: string }[] }>(
      { login: 'guardian' },
      'query ($a: String!) { schoolsForAddress(address: $a) { id } }',
      { a: 'г. Копейск, ул. Ленина, д. 12' },
    );
    expect(serving.data?.schoolsForAddress.map((o) => o.id)).toContain(school);
  });

  it('refuses a territory application outside 1 April – 30 June', async () => {
    platform.setNow(at('2027-03-31'));
    const child = await newChild('Раннева');
    const result = await platform.query({ login: 'guardian' }, SUBMIT, {
      input: {
        kind: 'FIRST_GRADE',
        childId: child.id,
        child: { lastName: 'Раннева', firstName: 'Ева', birthDate: child.birthDate },
        organizationIds: [school],
        category: 'TERRITORY',
        residenceAddress: 'г. Копейск, ул. Ленина, 10',
      },
    });
    expect(codeOf(result)).toBe('DEADLINE_RULE');
  });
});

describe('the shared application rules at submission (issue 9 §5)', () => {
  const UNKNOWN_SCHOOL = '0195f0c0-0000-7000-8000-00000000dead';
  it.each([
    ['a child born in the future', { birthDate: '2027-05-01' }, {}, 'child.birthDate'],
    ['a first grader of four', { birthDate: '2023-01-01' }, {}, 'child.birthDate'],
    ['a blank first name', { firstName: ' ' }, {}, 'child.firstName'],
    ['a school admissions does not know', {}, { organizationIds: [UNKNOWN_SCHOOL] }, 'organizationIds'],
  ])('refuses %s with BAD_USER_INPUT naming the field, storing nothing', async (_, childPatch, patch, field) => {
    platform.setNow(at('2027-07-10'));
    const child = await newChild('Правилова');
    const result = await platform.query({ login: 'guardian' }, SUBMIT, {
      input: {
        kind: 'FIRST_GRADE',
        childId: child.id,
        child: { lastName: 'Правилова', firstName: 'Ева', birthDate: child.birthDate, ...childPatch },
        organizationIds: [school],
        category: 'OTHER',
        ...patch,
      },
    });
    expect(codeOf(result), JSON.stringify(result.errors)).toBe('BAD_USER_INPUT');
    expect((result.errors![0]!.extensions as Record<string, unknown>)['field']).toBe(field);
    const stored = await platform.admin.sql`select 1 from admissions.applications where child_id = ${child.id}`;
    expect(stored).toHaveLength(0);
  });
});
