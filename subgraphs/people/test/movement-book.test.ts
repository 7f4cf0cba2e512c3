/**
 * The movement book: enrol, transfer, expel, graduate by order; the current organization and class follow
 * from it; each entry is one transaction; only the organization's own staff may write it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPlatform, type Platform } from '@region/tests/platform';
import { expectCode, expectOk, organizationOf } from './helpers.ts';

let platform: Platform;
let school: string;

beforeAll(async () => {
  platform = await startPlatform();
  school = await organizationOf(platform, 'admin');
});
afterAll(async () => {
  await platform?.stop();
});

const RECORD = `mutation ($input: MovementInput!) {
  recordMovement(input: $input) { id kind className orderNumber organization { id } fromOrganization { id } }
}`;
const ENROLMENT =
  'query ($id: ID!) { person(id: $id) { enrolment { organization { id } classId className } movements { kind } } }';

type Enrolment = {
  person: {
    enrolment: { organization: { id: string }; classId: string | null; className: string } | null;
    movements: { kind: string }[];
  };
};

async function newChild(lastName: string): Promise<string> {
  const result = await platform.query<{ createPerson: { id: string } }>(
    { login: 'admin' },
    'mutation ($input: CreatePersonInput!) { createPerson(input: $input) { id } }',
    // With consent: a depersonalized learner's movements are hidden (rule 5, tested in consent-paths).
    {
      input: { organizationId: school, processingConsent: true, lastName, firstName: 'Пётр', birthDate: '2018-05-05' },
    },
  );
  expectOk(result);
  return result.data!.createPerson.id;
}

const CLASS_1A = '0193a000-0000-7000-8000-0000000001a1';
const CLASS_1B = '0193a000-0000-7000-8000-0000000001b1';
const order = (overrides: Record<string, unknown>) => ({
  organizationId: school,
  orderNumber: '12-у',
  orderDate: '2025-08-25',
  effectiveOn: '2025-09-01',
  ...overrides,
});

describe('movement book', () => {
  it('enrols, transfers between classes and expels, with the current class following the book', async () => {
    const child = await newChild('Движенцев');
    expectOk(
      await platform.query({ login: 'admin' }, RECORD, {
        input: order({ personId: child, kind: 'ENROL', classId: CLASS_1A, className: '1А' }),
      }),
    );
    let state = await platform.query<Enrolment>({ login: 'admin' }, ENROLMENT, { id: child });
    expect(state.data?.person.enrolment).toMatchObject({
      organization: { id: school },
      classId: CLASS_1A,
      className: '1А',
    });

    const transfer = await platform.query<{ recordMovement: { kind: string; fromOrganization: { id: string } } }>(
      { login: 'admin' },
      RECORD,
      {
        input: order({
          personId: child,
          kind: 'TRANSFER',
          classId: CLASS_1B,
          className: '1Б',
          orderNumber: '15-у',
          orderDate: '2025-10-01',
          effectiveOn: '2025-10-02',
        }),
      },
    );
    expectOk(transfer);
    expect(transfer.data?.recordMovement.fromOrganization.id).toBe(school);
    state = await platform.query<Enrolment>({ login: 'admin' }, ENROLMENT, { id: child });
    expect(state.data?.person.enrolment?.className).toBe('1Б');

    expectOk(
      await platform.query({ login: 'admin' }, RECORD, {
        input: order({
          personId: child,
          kind: 'EXPEL',
          orderNumber: '20-у',
          orderDate: '2025-11-01',
          effectiveOn: '2025-11-05',
          reason: 'Переезд',
        }),
      }),
    );
    state = await platform.query<Enrolment>({ login: 'admin' }, ENROLMENT, { id: child });
    expect(state.data?.person.enrolment).toBeNull();
    expect(state.data?.person.movements.map((m) => m.kind)).toEqual(['ENROL', 'TRANSFER', 'EXPEL']);
  });

  it('makes one entry for a request retried with the same idempotency key, even at once', async () => {
    const child = await newChild('Повторов');
    const input = order({
      personId: child,
      kind: 'ENROL',
      classId: CLASS_1A,
      className: '1А',
      idempotencyKey: 'application:test-1',
    });
    const results = await Promise.all(
      Array.from({ length: 3 }, () =>
        platform.query<{ recordMovement: { id: string } }>({ login: 'admin' }, RECORD, { input }),
      ),
    );
    for (const result of results) expectOk(result);
    expect(new Set(results.map((r) => r.data!.recordMovement.id)).size).toBe(1);
    const rows = await platform.admin.sql`select 1 from people.movements where person_id = ${child}`;
    expect(rows).toHaveLength(1);
  });

  it('refuses a second enrolment and writes nothing', async () => {
    const child = await newChild('Дважды');
    expectOk(
      await platform.query({ login: 'admin' }, RECORD, {
        input: order({ personId: child, kind: 'ENROL', classId: CLASS_1A, className: '1А' }),
      }),
    );
    const again = await platform.query({ login: 'admin' }, RECORD, {
      input: order({ personId: child, kind: 'ENROL', classId: CLASS_1B, className: '1Б' }),
    });
    expectCode(again, 'CONFLICT');
    const rows = await platform.admin.sql`select 1 from people.movements where person_id = ${child}`;
    expect(rows).toHaveLength(1);
  });

  it('refuses expelling a learner who is not in the organization', async () => {
    const child = await newChild('Нигде');
    expectCode(
      await platform.query({ login: 'admin' }, RECORD, { input: order({ personId: child, kind: 'EXPEL' }) }),
      'CONFLICT',
    );
  });

  it('refuses an effective date before the order date', async () => {
    const child = await newChild('Раньше');
    const result = await platform.query({ login: 'admin' }, RECORD, {
      input: order({ personId: child, kind: 'ENROL', orderDate: '2025-09-10', effectiveOn: '2025-09-01' }),
    });
    expectCode(result, 'BAD_USER_INPUT');
  });

  it("refuses another organization's admin and a teacher", async () => {
    const child = await newChild('Чужой');
    expectCode(
      await platform.query({ login: 'admin2' }, RECORD, { input: order({ personId: child, kind: 'ENROL' }) }),
      'FORBIDDEN',
    );
    expectCode(
      await platform.query({ login: 'teacher' }, RECORD, { input: order({ personId: child, kind: 'ENROL' }) }),
      'FORBIDDEN',
    );
  });

  it("lists the organization's book for its admin, newest first, and refuses it to others", async () => {
    const book = await platform.query<{
      movementBook: { edges: { node: { effectiveOn: string } }[]; pageInfo: { hasNextPage: boolean } };
    }>(
      { login: 'admin' },
      'query ($org: ID!) { movementBook(organizationId: $org, first: 5) { edges { node { effectiveOn } } pageInfo { hasNextPage } } }',
      { org: school },
    );
    expectOk(book);
    const dates = book.data!.movementBook.edges.map((edge) => edge.node.effectiveOn);
    expect(dates.length).toBeGreaterThan(0);
    expect([...dates].sort().reverse()).toEqual(dates);
    expectCode(
      await platform.query(
        { login: 'admin2' },
        'query ($org: ID!) { movementBook(organizationId: $org) { edges { cursor } } }',
        { org: school },
      ),
      'FORBIDDEN',
    );
  });
});

describe('extra-education enrolments in the movement book (issue 11, rule 20)', () => {
  const EXTRA = `mutation ($input: MovementInput!) {
    recordMovement(input: $input) { id kind className paymentMethod paymentMethodName }
  }`;
  const GROUP_A = '0193a000-0000-7000-8000-0000000e0a01';
  const GROUP_B = '0193a000-0000-7000-8000-0000000e0b01';
  let centre: string;
  let child: string;
  const extra = (overrides: Record<string, unknown>) =>
    order({
      organizationId: centre,
      orderNumber: 'Договор 1',
      orderDate: '2025-10-01',
      effectiveOn: '2025-10-01',
      ...overrides,
    });

  beforeAll(async () => {
    centre = await organizationOf(platform, 'extra-admin');
    child = await newChild('Кружковцев');
    expectOk(
      await platform.query({ login: 'admin' }, RECORD, {
        input: order({ personId: child, kind: 'ENROL', classId: CLASS_1A, className: '1А' }),
      }),
    );
  });

  it('enrols a schoolchild into two groups of a centre with their payment methods, the school place untouched', async () => {
    const first = await platform.query<{ recordMovement: { paymentMethod: string; paymentMethodName: string } }>(
      { login: 'extra-admin' },
      EXTRA,
      {
        input: extra({
          personId: child,
          kind: 'ENROL',
          classId: GROUP_A,
          className: 'Хор — Группа 1',
          paymentMethod: 'CERTIFICATE',
        }),
      },
    );
    expectOk(first);
    expect(first.data!.recordMovement).toMatchObject({
      paymentMethod: 'CERTIFICATE',
      paymentMethodName: 'по сертификату',
    });
    expectOk(
      await platform.query({ login: 'extra-admin' }, EXTRA, {
        input: extra({
          personId: child,
          kind: 'ENROL',
          classId: GROUP_B,
          className: 'Шахматы',
          paymentMethod: 'BUDGET',
        }),
      }),
    );
    const state = await platform.query<Enrolment>({ login: 'admin' }, ENROLMENT, { id: child });
    expectOk(state);
    expect(state.data!.person.enrolment).toMatchObject({ organization: { id: school }, classId: CLASS_1A });
  });

  it('refuses a second enrolment into the same group, one without a payment method, and a transfer', async () => {
    const twice = await platform.query({ login: 'extra-admin' }, EXTRA, {
      input: extra({ personId: child, kind: 'ENROL', classId: GROUP_A, className: 'Хор', paymentMethod: 'PAID' }),
    });
    expectCode(twice, 'CONFLICT');
    const noMethod = await platform.query({ login: 'extra-admin' }, EXTRA, {
      input: extra({
        personId: child,
        kind: 'ENROL',
        classId: '0193a000-0000-7000-8000-0000000e0c01',
        className: 'Лепка',
      }),
    });
    expectCode(noMethod, 'BAD_USER_INPUT');
    expect((noMethod.errors?.[0]?.extensions as { field?: string }).field).toBe('paymentMethod');
    const transfer = await platform.query({ login: 'extra-admin' }, EXTRA, {
      input: extra({ personId: child, kind: 'TRANSFER', classId: GROUP_B, className: 'Шахматы' }),
    });
    expectCode(transfer, 'BAD_USER_INPUT');
  });

  it('expels from one group with the enrolment’s payment method, once per key; a group never joined is refused', async () => {
    const notThere = await platform.query({ login: 'extra-admin' }, EXTRA, {
      input: extra({ personId: child, kind: 'EXPEL', classId: '0193a000-0000-7000-8000-0000000e0d01' }),
    });
    expectCode(notThere, 'CONFLICT');
    const expel = extra({
      personId: child,
      kind: 'EXPEL',
      classId: GROUP_A,
      idempotencyKey: `extra-test:${child}:EXPEL`,
    });
    const first = await platform.query<{ recordMovement: { id: string; paymentMethod: string } }>(
      { login: 'extra-admin' },
      EXTRA,
      { input: expel },
    );
    expectOk(first);
    expect(first.data!.recordMovement.paymentMethod).toBe('CERTIFICATE');
    const again = await platform.query<{ recordMovement: { id: string } }>({ login: 'extra-admin' }, EXTRA, {
      input: expel,
    });
    expectOk(again);
    expect(again.data!.recordMovement.id).toBe(first.data!.recordMovement.id);
    const entries = await platform.admin.sql<{ kind: string; payment_method: string }[]>`
      select kind, payment_method from people.movements where person_id = ${child} and organization_id = ${centre}
      order by created_at`;
    expect(entries).toEqual([
      { kind: 'ENROL', payment_method: 'CERTIFICATE' },
      { kind: 'ENROL', payment_method: 'BUDGET' },
      { kind: 'EXPEL', payment_method: 'CERTIFICATE' },
    ]);
    const state = await platform.query<Enrolment>({ login: 'admin' }, ENROLMENT, { id: child });
    expect(state.data!.person.enrolment).toMatchObject({ organization: { id: school }, classId: CLASS_1A });
  });

  it('refuses a school admin writing the centre’s book', async () => {
    const foreign = await platform.query({ login: 'admin' }, EXTRA, {
      input: extra({ personId: child, kind: 'ENROL', classId: GROUP_A, className: 'Хор', paymentMethod: 'PAID' }),
    });
    expectCode(foreign, 'FORBIDDEN');
  });
});
