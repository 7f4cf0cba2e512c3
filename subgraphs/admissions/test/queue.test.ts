/**
 * The kindergarten queue (DOMAIN.md rule 18): positions by preferential right, then by registration;
 * every change of a child's position is kept with its reason and shown to the parent.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPlatform, type Platform } from '@region/tests/platform';

let platform: Platform;
let kindergarten: string;

type Positions = {
  application: {
    queuePositions: { position: number; previousPosition: number | null; reason: string; current: boolean }[];
  };
};
const POSITIONS =
  'query ($id: ID!) { application(id: $id) { queuePositions { position previousPosition reason current } } }';

async function apply(lastName: string, category: 'OTHER' | 'PRIORITY') {
  const created = await platform.query<{ createPerson: { id: string } }>(
    { login: 'admin' },
    'mutation ($input: CreatePersonInput!) { createPerson(input: $input, confirmPossibleDuplicate: true) { id } }',
    {
      input: {
        organizationId: await schoolOfAdmin(),
        lastName,
        firstName: 'Малыш',
        birthDate: '2024-03-03',
        processingConsent: true,
      },
    },
  );
  const childId = created.data!.createPerson.id;
  const [guardian] = await platform.admin.sql<
    { person_id: string }[]
  >`select person_id from people.esia_links where esia_oid = '1000000107'`;
  await platform.query(
    { login: 'admin' },
    'mutation ($g: ID!, $c: ID!) { linkGuardian(guardianId: $g, childId: $c) { id } }',
    {
      g: guardian!.person_id,
      c: childId,
    },
  );
  const result = await platform.query<{ submitApplication: { id: string } }>(
    { login: 'guardian' },
    'mutation ($input: SubmitApplicationInput!) { submitApplication(input: $input) { id } }',
    {
      input: {
        kind: 'KINDERGARTEN',
        childId,
        child: { lastName, firstName: 'Малыш', birthDate: '2024-03-03' },
        organizationIds: [kindergarten],
        category,
        priorityRights: category === 'PRIORITY' ? ['10'] : [],
      },
    },
  );
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  return result.data!.submitApplication.id;
}

async function schoolOfAdmin(): Promise<string> {
  const [row] = await platform.admin.sql<{ organization_id: string }[]>`
    select g.organization_id from people.role_grants g join people.esia_links l on l.person_id = g.person_id
    where l.esia_oid = '1000000104' and g.role = 'ORG_ADMIN'`;
  return row!.organization_id;
}

const positions = async (id: string) =>
  (await platform.query<Positions>({ login: 'guardian' }, POSITIONS, { id })).data!.application.queuePositions;

beforeAll(async () => {
  platform = await startPlatform({ now: new Date('2027-02-01T05:00:00Z'), principalTtlMs: 0 });
  const [row] = await platform.admin.sql<
    { id: string }[]
  >`select id from people.organizations where type = 'KINDERGARTEN' order by id limit 1`;
  kindergarten = row!.id;
  // Arrange an empty queue for this kindergarten: the demo region has its own applications there.
  await platform.admin.sql`
    with gone as (select application_id from admissions.application_choices where organization_id = ${kindergarten})
    , q as (delete from admissions.queue_positions where application_id in (select application_id from gone))
    , h as (delete from admissions.status_history where application_id in (select application_id from gone))
    , o as (delete from admissions.outbox where application_id in (select application_id from gone))
    update admissions.applications set status = 'WITHDRAWN' where id in (select application_id from gone)`;
});
afterAll(async () => {
  await platform?.stop();
});

describe('kindergarten queue', () => {
  it('orders by preferential right, then registration, and tells the parent why a place moved', async () => {
    const first = await apply('Очередной', 'OTHER');
    platform.setNow(new Date('2027-02-02T05:00:00Z'));
    const second = await apply('Вторая', 'OTHER');
    expect((await positions(first))[0]).toMatchObject({ position: 1, reason: 'Постановка на учёт', current: true });
    expect((await positions(second))[0]).toMatchObject({ position: 2, current: true });

    platform.setNow(new Date('2027-02-03T05:00:00Z'));
    const priority = await apply('Льготный', 'PRIORITY');
    expect((await positions(priority))[0]).toMatchObject({ position: 1, current: true });
    const moved = await positions(first);
    expect(moved[0]).toMatchObject({
      position: 2,
      previousPosition: 1,
      current: true,
      reason: expect.stringMatching(/преимущественным/),
    });
    expect(moved[1]).toMatchObject({ position: 1, current: false });

    platform.setNow(new Date('2027-02-04T05:00:00Z'));
    const withdrawn = await platform.query(
      { login: 'guardian' },
      'mutation ($id: ID!) { withdrawApplication(id: $id) { status } }',
      { id: priority },
    );
    expect(withdrawn.errors).toBeUndefined();
    expect((await positions(first))[0]).toMatchObject({
      position: 1,
      previousPosition: 2,
      reason: expect.stringMatching(/Выбыл/),
    });
    expect((await positions(second))[0]).toMatchObject({ position: 2, previousPosition: 3 });
    expect((await positions(priority)).every((p) => !p.current)).toBe(true);
  });

  it("hides a family's queue from another family", async () => {
    const [row] = await platform.admin.sql<
      { application_id: string }[]
    >`select application_id from admissions.queue_positions limit 1`;
    const other = await platform.query<{ application: unknown }>({ login: 'guardian2' }, POSITIONS, {
      id: row!.application_id,
    });
    expect(other.data?.application).toBeNull();
    expect(other.errors?.map((error) => error.extensions?.code)).toEqual(['NOT_FOUND']);
  });
});
