/**
 * Applications, decisions, contracts and the certificate's money (issue 11; DOMAIN.md rules 19a, 20), through
 * the gateway with real tokens: a guardian applies, the centre's admin accepts; a certificate contract is
 * refused before funds are credited and concluded after, the certificate turns «Актуален», and the enrolment
 * reaches people's movement book once, with «по сертификату», even when delivered twice; charging a month twice
 * charges once; ending releases the rest and the certificate turns «Заморожен». Refusals: another
 * organization's admin, a non-participant organization, a full group, a child of 13 applying for themself
 * (region dates: 23:30 before the 14th birthday refused, 00:30 on it allowed).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb } from '@region/db';
import { createLogger, createOutboxWorker } from '@region/kit';
import { personIdOf } from '@region/tests/demo-people';
import { startPlatform, type GraphQLResponse, type Platform } from '@region/tests/platform';
import { movementBookDeliverer } from '../src/outbox/movement-book-client.ts';
import { extraEducationOutbox } from '../src/outbox/table.ts';

let platform: Platform;
let centre: string;
let municipality: string;
let school: string;
let child: string;
let student: string;
let certificate: string;
let period: string;

const at = (date: string) => new Date(`${date}T06:00:00Z`);

function expectOk(result: { errors?: unknown[] }) {
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
}
function codeOf(result: GraphQLResponse) {
  return result.errors?.[0]?.extensions?.code;
}
function extension(result: GraphQLResponse, key: string) {
  return (result.errors?.[0]?.extensions as Record<string, unknown> | undefined)?.[key];
}

const APPLICATION = 'id status statusName refusalReason paymentMethod history { from to reason } contract { id }';
const CONTRACT =
  'id paymentMethod paymentMethodName certificateCode pricePerMonth concludedOn endedOn active reservedAmount chargedAmount remainingReserve application { status }';
const APPLY = `mutation ($input: ApplyToGroupInput!) { applyToGroup(input: $input) { ${APPLICATION} } }`;
const DECIDE = `mutation ($id: ID!, $accept: Boolean!, $reason: String) {
  decideExtraApplication(id: $id, accept: $accept, reason: $reason) { ${APPLICATION} }
}`;
const CONCLUDE = `mutation ($id: ID!, $method: PaymentMethod!) {
  concludeExtraContract(applicationId: $id, paymentMethod: $method) { ${CONTRACT} }
}`;
const END = `mutation ($id: ID!, $reason: String!) { endExtraContract(id: $id, reason: $reason) { ${CONTRACT} } }`;
const CHARGE = 'mutation ($month: String!) { chargeExtraContracts(month: $month) { month charged amount } }';

/** A published programme of the centre (ages 5–17, 1000 ₽ a month) with one group of the given capacity. */
async function group(name: string, capacity: number, pricePerMonth = '1000'): Promise<string> {
  const created = await platform.query<{ createProgramme: { id: string } }>(
    { login: 'extra-admin' },
    'mutation ($input: CreateProgrammeInput!) { createProgramme(input: $input) { id } }',
    {
      input: {
        organizationId: centre,
        name,
        direction: 'ARTS',
        ageFrom: 5,
        ageTo: 17,
        durationMonths: 9,
        hours: 72,
        pricePerMonth,
        funding: ['BUDGET', 'PAID', 'CERTIFICATE'],
      },
    },
  );
  expectOk(created);
  const programmeId = created.data!.createProgramme.id;
  const made = await platform.query<{ createGroup: { id: string } }>(
    { login: 'extra-admin' },
    'mutation ($input: CreateGroupInput!) { createGroup(input: $input) { id } }',
    { input: { programmeId, name: 'Группа 1', capacity, startsOn: '2026-09-01', endsOn: '2027-05-31' } },
  );
  expectOk(made);
  expectOk(
    await platform.query({ login: 'extra-admin' }, 'mutation ($id: ID!) { publishProgramme(id: $id) { id } }', {
      id: programmeId,
    }),
  );
  return made.data!.createGroup.id;
}

async function apply(login: string, groupId: string, childId: string, paymentMethod = 'CERTIFICATE') {
  return platform.query<{ applyToGroup: { id: string; status: string } }>({ login }, APPLY, {
    input: { groupId, childId, paymentMethod },
  });
}

async function accepted(groupId: string, childId: string): Promise<string> {
  const applied = await apply('guardian', groupId, childId);
  expectOk(applied);
  const id = applied.data!.applyToGroup.id;
  expectOk(await platform.query({ login: 'extra-admin' }, DECIDE, { id, accept: true }));
  return id;
}

/** Delivers the pending movement-book messages with the worker process's deliverer, as its service account. */
async function deliver() {
  const handle = createDb(platform.database.roleUrl('extra-education'));
  const worker = createOutboxWorker({
    db: handle.db,
    logger: createLogger('test', 'silent'),
    outbox: extraEducationOutbox,
    event: 'MOVEMENT_REQUESTED',
    deliver: movementBookDeliverer({
      gatewayUrl: platform.gatewayUrl,
      token: () => platform.serviceToken('extra-education-enrolment'),
      timeoutMs: 5_000,
    }),
  });
  try {
    return await worker.runOnce();
  } finally {
    await handle.close();
  }
}

async function certificateStatus(): Promise<string> {
  const [row] = await platform.admin.sql<{ status: string }[]>`
    select status from extra_education.certificate_status_changes where certificate_id = ${certificate}
    order by changed_at desc, id desc limit 1`;
  return row!.status;
}

beforeAll(async () => {
  platform = await startPlatform({ now: at('2026-11-02'), principalTtlMs: 0 });
  const [row] = await platform.admin.sql<{ organization_id: string; municipality_id: string }[]>`
    select g.organization_id, o.municipality_id from people.role_grants g
    join people.esia_links l on l.person_id = g.person_id
    join people.organizations o on o.id = g.organization_id
    where g.role = 'ORG_ADMIN' and l.esia_oid = '1000000121'`;
  centre = row!.organization_id;
  municipality = row!.municipality_id;
  child = await personIdOf(platform.admin, 'student-8b');
  student = await personIdOf(platform.admin, 'student');
  const [enrolment] = await platform.admin.sql<{ organization_id: string }[]>`
    select organization_id from people.enrolments where person_id = ${child} and ended_on is null`;
  school = enrolment!.organization_id;
  // The demo region's certificates, funding and contracts are dropped in this file's copy of the database, so
  // the money below is exactly what the tests put in. Fixtures: a certificate issued to the child, a period.
  await platform.admin.sql`truncate extra_education.outbox, extra_education.ledger_entries,
    extra_education.certificate_status_changes, extra_education.contracts,
    extra_education.application_status_history, extra_education.applications, extra_education.certificates,
    extra_education.funding_periods`;
  const [issued] = await platform.admin.sql<{ id: string }[]>`
    insert into extra_education.certificates (person_id, code, issued_on, source, municipality_id)
    values (${child}, '2117122351', '2026-10-01', 'CABINET', ${municipality}) returning id`;
  certificate = issued!.id;
  await platform.admin.sql`insert into extra_education.certificate_status_changes (certificate_id, status, reason)
    values (${certificate}, 'FROZEN', 'Выдан')`;
  const [funding] = await platform.admin.sql<{ id: string }[]>`
    insert into extra_education.funding_periods (starts_on, ends_on, norm_per_certificate)
    values ('2026-09-01', '2027-08-31', '20000') returning id`;
  period = funding!.id;
});
afterAll(async () => {
  await platform?.stop();
});

describe('a certificate contract from the application to the movement book', () => {
  let groupId: string;
  let applicationId: string;
  let contractId: string;

  it('takes a guardian’s application for a linked child, once', async () => {
    groupId = await group('Хор «Весна»', 5);
    const applied = await apply('guardian', groupId, child);
    expectOk(applied);
    expect(applied.data!.applyToGroup).toMatchObject({ status: 'SUBMITTED', paymentMethod: 'CERTIFICATE' });
    applicationId = applied.data!.applyToGroup.id;
    const again = await apply('guardian', groupId, child);
    expect(codeOf(again)).toBe('CONFLICT');
  });

  it('refuses a guardian applying for a child not linked to them', async () => {
    const other = await personIdOf(platform.admin, 'child-3b');
    expect(codeOf(await apply('guardian', groupId, other))).toBe('FORBIDDEN');
  });

  it('shows the application to the centre’s admin and hides it from another organization’s', async () => {
    const LIST = `query ($org: ID) { extraApplications(organizationId: $org) { totalCount edges { node { id } } } }`;
    const own = await platform.query<{ extraApplications: { edges: { node: { id: string } }[] } }>(
      { login: 'extra-admin' },
      LIST,
      { org: centre },
    );
    expectOk(own);
    expect(own.data!.extraApplications.edges.map((edge) => edge.node.id)).toContain(applicationId);
    const other = await platform.query<{ extraApplications: { totalCount: number } }>({ login: 'admin' }, LIST, {
      org: centre,
    });
    expectOk(other);
    expect(other.data!.extraApplications.totalCount).toBe(0);
    const byId = await platform.query({ login: 'admin' }, 'query ($id: ID!) { extraApplication(id: $id) { id } }', {
      id: applicationId,
    });
    expect(codeOf(byId)).toBe('NOT_FOUND');
    const decided = await platform.query({ login: 'admin' }, DECIDE, { id: applicationId, accept: true });
    expect(codeOf(decided)).toBe('NOT_FOUND');
    const byGuardian = await platform.query({ login: 'guardian' }, DECIDE, { id: applicationId, accept: true });
    expect(codeOf(byGuardian)).toBe('FORBIDDEN');
  });

  it('needs a reason to refuse; the centre’s admin accepts', async () => {
    const noReason = await platform.query({ login: 'extra-admin' }, DECIDE, { id: applicationId, accept: false });
    expect(codeOf(noReason)).toBe('BAD_USER_INPUT');
    expect(extension(noReason, 'field')).toBe('reason');
    const accepted = await platform.query<{ decideExtraApplication: { status: string; history: { to: string }[] } }>(
      { login: 'extra-admin' },
      DECIDE,
      { id: applicationId, accept: true },
    );
    expectOk(accepted);
    expect(accepted.data!.decideExtraApplication.status).toBe('ACCEPTED');
    expect(accepted.data!.decideExtraApplication.history.map((change) => change.to)).toEqual(['SUBMITTED', 'ACCEPTED']);
  });

  it('refuses the certificate contract before funds are credited (rule 20)', async () => {
    const refused = await platform.query({ login: 'extra-admin' }, CONCLUDE, {
      id: applicationId,
      method: 'CERTIFICATE',
    });
    expect(codeOf(refused)).toBe('CONFLICT');
    expect(refused.errors?.[0]?.message).toContain('Средства на сертификат ещё не зачислены');
    expect(extension(refused, 'rule')).toBe('FUNDS_CREDITED');
    const [contracts] = await platform.admin.sql<{ count: number }[]>`
      select count(*)::int from extra_education.contracts where application_id = ${applicationId}`;
    expect(contracts!.count).toBe(0);
  });

  it('concludes it once credited: reserves the months of the group in the period, the certificate turns «Актуален»', async () => {
    await platform.admin.sql`insert into extra_education.ledger_entries (certificate_id, kind, amount, period_id)
      values (${certificate}, 'CREDIT', '20000', ${period})`;
    expect(await certificateStatus()).toBe('FROZEN');
    const concluded = await platform.query<{ concludeExtraContract: Record<string, unknown> & { id: string } }>(
      { login: 'extra-admin' },
      CONCLUDE,
      { id: applicationId, method: 'CERTIFICATE' },
    );
    expectOk(concluded);
    contractId = concluded.data!.concludeExtraContract.id;
    // November 2026 to May 2027: seven months at 1000 ₽.
    expect(concluded.data!.concludeExtraContract).toMatchObject({
      paymentMethod: 'CERTIFICATE',
      paymentMethodName: 'по сертификату',
      certificateCode: '2117122351',
      pricePerMonth: '1000.00',
      concludedOn: '2026-11-02',
      active: true,
      reservedAmount: '7000.00',
      chargedAmount: '0.00',
      remainingReserve: '7000.00',
      application: { status: 'ENROLLED' },
    });
    expect(await certificateStatus()).toBe('ACTUAL');
    const again = await platform.query({ login: 'extra-admin' }, CONCLUDE, {
      id: applicationId,
      method: 'CERTIFICATE',
    });
    expect(codeOf(again)).toBe('CONFLICT');
  });

  it('puts the enrolment in the movement book once, with «по сертификату», even when delivered twice', async () => {
    expect(await deliver()).toMatchObject({ delivered: 1, failed: 0 });
    // The delivery is repeated as if the worker's "delivered" write had been lost.
    await platform.admin.sql`update extra_education.outbox set delivered_at = null,
      next_attempt_at = now() - interval '1 minute' where contract_id = ${contractId}`;
    expect(await deliver()).toMatchObject({ delivered: 1, failed: 0 });
    const entries = await platform.admin.sql<{ kind: string; payment_method: string; organization_id: string }[]>`
      select kind, payment_method, organization_id from people.movements where person_id = ${child}
        and organization_id = ${centre}`;
    expect(entries).toEqual([{ kind: 'ENROL', payment_method: 'CERTIFICATE', organization_id: centre }]);
    // The child still attends their school: an extra-education enrolment is no change of school.
    const [current] = await platform.admin.sql<{ organization_id: string }[]>`
      select organization_id from people.enrolments where person_id = ${child} and ended_on is null`;
    expect(current!.organization_id).toBe(school);
    const book = await platform.query<{
      movementBook: { edges: { node: { kind: string; paymentMethod: string; paymentMethodName: string } }[] };
    }>(
      { login: 'extra-admin' },
      'query ($org: ID!) { movementBook(organizationId: $org) { edges { node { kind paymentMethod paymentMethodName } } } }',
      { org: centre },
    );
    expectOk(book);
    expect(book.data!.movementBook.edges.map((edge) => edge.node)).toEqual([
      { kind: 'ENROL', paymentMethod: 'CERTIFICATE', paymentMethodName: 'по сертификату' },
    ]);
  });

  it('charges a month once, however often it is run, and only for the regional operator', async () => {
    expect(codeOf(await platform.query({ login: 'extra-admin' }, CHARGE, { month: '2026-11' }))).toBe('FORBIDDEN');
    const bad = await platform.query({ login: 'operator' }, CHARGE, { month: '2026-13' });
    expect(codeOf(bad)).toBe('BAD_USER_INPUT');
    expect(extension(bad, 'field')).toBe('month');
    const first = await platform.query<{ chargeExtraContracts: { charged: number; amount: string } }>(
      { login: 'operator' },
      CHARGE,
      { month: '2026-11' },
    );
    expectOk(first);
    expect(first.data!.chargeExtraContracts).toEqual({ month: '2026-11', charged: 1, amount: '1000.00' });
    const second = await platform.query<{ chargeExtraContracts: { charged: number; amount: string } }>(
      { login: 'operator' },
      CHARGE,
      { month: '2026-11' },
    );
    expectOk(second);
    expect(second.data!.chargeExtraContracts).toMatchObject({ charged: 0, amount: '0.00' });
    const [charges] = await platform.admin.sql<{ count: number }[]>`
      select count(*)::int from extra_education.ledger_entries where contract_id = ${contractId} and kind = 'CHARGE'`;
    expect(charges!.count).toBe(1);
  });

  it('ends the contract: releases the rest of the reserve, the certificate turns «Заморожен», the book gets the expulsion', async () => {
    const ended = await platform.query<{ endExtraContract: Record<string, unknown> }>({ login: 'extra-admin' }, END, {
      id: contractId,
      reason: 'По заявлению родителя',
    });
    expectOk(ended);
    expect(ended.data!.endExtraContract).toMatchObject({
      active: false,
      endedOn: '2026-11-02',
      reservedAmount: '7000.00',
      chargedAmount: '1000.00',
      remainingReserve: '0.00',
    });
    const [release] = await platform.admin.sql<{ amount: string }[]>`
      select amount::text from extra_education.ledger_entries where contract_id = ${contractId} and kind = 'RELEASE'`;
    expect(release!.amount).toBe('6000.00');
    expect(await certificateStatus()).toBe('FROZEN');
    expect(codeOf(await platform.query({ login: 'extra-admin' }, END, { id: contractId, reason: 'Ещё раз' }))).toBe(
      'CONFLICT',
    );
    expect(await deliver()).toMatchObject({ delivered: 1, failed: 0 });
    const entries = await platform.admin.sql<{ kind: string; payment_method: string }[]>`
      select kind, payment_method from people.movements where person_id = ${child} and organization_id = ${centre}
      order by created_at`;
    expect(entries).toEqual([
      { kind: 'ENROL', payment_method: 'CERTIFICATE' },
      { kind: 'EXPEL', payment_method: 'CERTIFICATE' },
    ]);
    // After the expulsion the charge finds nothing to take.
    const after = await platform.query<{ chargeExtraContracts: { charged: number } }>({ login: 'operator' }, CHARGE, {
      month: '2026-12',
    });
    expectOk(after);
    expect(after.data!.chargeExtraContracts.charged).toBe(0);
  });
});

describe('refusals of contracts and places', () => {
  it('refuses a certificate contract at an organization that is not «Участник ПФДО»', async () => {
    const groupId = await group('Студия керамики', 5);
    const id = await accepted(groupId, child);
    await platform.admin.sql`update people.organizations set pfdo_participant = false where id = ${centre}`;
    try {
      const refused = await platform.query({ login: 'extra-admin' }, CONCLUDE, { id, method: 'CERTIFICATE' });
      expect(codeOf(refused)).toBe('CONFLICT');
      expect(extension(refused, 'rule')).toBe('PFDO_PARTICIPANT');
      expect(refused.errors?.[0]?.message).toContain('участником ПФДО');
    } finally {
      await platform.admin.sql`update people.organizations set pfdo_participant = true where id = ${centre}`;
    }
    // A paid contract is concluded there all the same, and the book gets it with «платно».
    const paid = await platform.query<{ concludeExtraContract: { paymentMethodName: string; reservedAmount: null } }>(
      { login: 'extra-admin' },
      CONCLUDE,
      { id, method: 'PAID' },
    );
    expectOk(paid);
    expect(paid.data!.concludeExtraContract).toMatchObject({ paymentMethodName: 'платно', reservedAmount: null });
  });

  it('refuses a certificate contract for a child without a certificate, and one beyond the available money', async () => {
    const withoutCertificate = await accepted(await group('Вокал', 5), student);
    const none = await platform.query({ login: 'extra-admin' }, CONCLUDE, {
      id: withoutCertificate,
      method: 'CERTIFICATE',
    });
    expect(codeOf(none)).toBe('CONFLICT');
    expect(extension(none, 'rule')).toBe('CERTIFICATE');
    // 5000 ₽ × 7 months = 35 000 ₽ against 19 000 ₽ available (credited 20 000 − reserved 7 000 + released 6 000).
    const dear = await accepted(await group('Конный спорт', 5, '5000'), child);
    const over = await platform.query({ login: 'extra-admin' }, CONCLUDE, { id: dear, method: 'CERTIFICATE' });
    expect(codeOf(over)).toBe('CONFLICT');
    expect(extension(over, 'rule')).toBe('BALANCE');
    expect(extension(over, 'available')).toBe('19000.00');
    expect(extension(over, 'required')).toBe('35000.00');
    const [entries] = await platform.admin.sql<{ count: number }[]>`
      select count(*)::int from extra_education.ledger_entries where certificate_id = ${certificate} and kind = 'RESERVE'`;
    expect(entries!.count).toBe(1);
  });

  it('accepts no application beyond the group’s capacity', async () => {
    const groupId = await group('Шахматы', 1);
    await accepted(groupId, child);
    const second = await apply('guardian', groupId, student);
    expectOk(second);
    const full = await platform.query({ login: 'extra-admin' }, DECIDE, {
      id: second.data!.applyToGroup.id,
      accept: true,
    });
    expect(codeOf(full)).toBe('CONFLICT');
    expect(full.errors?.[0]?.message).toContain('нет свободных мест');
  });

  it('lets the applicant withdraw, and nobody else', async () => {
    const groupId = await group('Театральная студия', 5);
    const applied = await apply('guardian', groupId, child);
    expectOk(applied);
    const WITHDRAW = 'mutation ($id: ID!) { withdrawExtraApplication(id: $id) { status } }';
    const id = applied.data!.applyToGroup.id;
    expect(codeOf(await platform.query({ login: 'extra-admin' }, WITHDRAW, { id }))).toBe('FORBIDDEN');
    const withdrawn = await platform.query<{ withdrawExtraApplication: { status: string } }>(
      { login: 'guardian' },
      WITHDRAW,
      { id },
    );
    expectOk(withdrawn);
    expect(withdrawn.data!.withdrawExtraApplication.status).toBe('WITHDRAWN');
  });
});

describe('a depersonalized child (rule 5)', () => {
  it('hides the free-text reasons about the child while the consent to processing is withdrawn', async () => {
    const groupId = await group('Кулинарная студия', 5);
    const applied = await apply('guardian', groupId, child);
    expectOk(applied);
    const id = applied.data!.applyToGroup.id;
    const reason = 'Семья сообщила о переезде в другой город';
    expectOk(await platform.query({ login: 'extra-admin' }, DECIDE, { id, accept: false, reason }));
    const READ = 'query ($id: ID!) { extraApplication(id: $id) { status refusalReason history { to reason } } }';
    type Read = { extraApplication: { refusalReason: string | null; history: { reason: string | null }[] } };
    const shown = await platform.query<Read>({ login: 'guardian' }, READ, { id });
    expectOk(shown);
    expect(shown.data!.extraApplication.refusalReason).toBe(reason);
    expect(shown.data!.extraApplication.history.map((change) => change.reason)).toContain(reason);
    const withdrawn = await platform.admin.sql<{ id: string }[]>`
      update people.consents set withdrawn_at = now() where person_id = ${child} and kind = 'PROCESSING'
        and withdrawn_at is null returning id`;
    expect(withdrawn.length).toBeGreaterThan(0);
    try {
      const hidden = await platform.query<Read>({ login: 'extra-admin' }, READ, { id });
      expectOk(hidden);
      expect(hidden.data!.extraApplication).toMatchObject({ status: 'REFUSED', refusalReason: null });
      expect(hidden.data!.extraApplication.history.map((change) => change.reason)).toEqual([null, null]);
    } finally {
      await platform.admin.sql`update people.consents set withdrawn_at = null where id in ${platform.admin.sql(
        withdrawn.map((row) => row.id),
      )}`;
    }
  });
});

describe('an application registered in person', () => {
  const REGISTER = `mutation ($input: ApplyToGroupInput!) {
    registerExtraApplicationInPerson(input: $input) { id status history { to reason } }
  }`;

  it('is registered by the centre’s admin, and refused to a school’s admin and a guardian', async () => {
    const groupId = await group('Робототехника', 5);
    const input = { groupId, childId: student, paymentMethod: 'BUDGET' };
    expect(codeOf(await platform.query({ login: 'admin' }, REGISTER, { input }))).toBe('FORBIDDEN');
    expect(codeOf(await platform.query({ login: 'guardian' }, REGISTER, { input }))).toBe('FORBIDDEN');
    const registered = await platform.query<{ registerExtraApplicationInPerson: { id: string; status: string } }>(
      { login: 'extra-admin' },
      REGISTER,
      { input },
    );
    expectOk(registered);
    expect(registered.data!.registerExtraApplicationInPerson.status).toBe('SUBMITTED');
    const [row] = await platform.admin.sql<{ source: string }[]>`
      select source from extra_education.applications where id = ${registered.data!.registerExtraApplicationInPerson.id}`;
    expect(row!.source).toBe('IN_PERSON');
  });
});

describe('a child applying for themself: from 14, on the region’s date', () => {
  let groupId: string;

  beforeAll(async () => {
    groupId = await group('Фотостудия', 5);
    // The card decides the age: the 14th birthday is 2026-11-10 (region's date).
    await platform.admin.sql`update people.persons set birth_date = '2012-11-10' where id = ${student}`;
  });

  it('refuses a child of 13 at 23:30 the evening before the birthday (18:30 UTC)', async () => {
    platform.setNow(new Date('2026-11-09T18:30:00Z'));
    // ESIA lets no child under 14 sign in, so the subgraph's own rule is asked directly, as the gateway would.
    const token = await platform.signInternal({
      kind: 'PERSON',
      personId: student,
      grants: [{ role: 'STUDENT', territory: { kind: 'SELF' } }],
    });
    const response = await fetch(platform.subgraphUrls['extra-education']!, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: APPLY, variables: { input: { groupId, childId: student } } }),
    });
    const body = (await response.json()) as GraphQLResponse;
    expect(codeOf(body)).toBe('FORBIDDEN');
    expect(body.errors?.[0]?.message).toContain('с 14 лет');
  });

  it('takes the application of the same child at 00:30 on the birthday (19:30 UTC the day before)', async () => {
    platform.setNow(new Date('2026-11-09T19:30:00Z'));
    const applied = await platform.query<{ applyToGroup: { status: string } }>({ login: 'student' }, APPLY, {
      input: { groupId, childId: student, paymentMethod: 'PAID' },
    });
    expectOk(applied);
    expect(applied.data!.applyToGroup.status).toBe('SUBMITTED');
    platform.setNow(at('2026-11-02'));
  });
});
