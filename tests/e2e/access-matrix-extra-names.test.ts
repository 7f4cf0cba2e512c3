/**
 * The access matrix for extra-education names (issue 11, «Extra-education: names for the organization» in
 * docs/architecture.md): an organization's admin reads the name — only the name — of a child who applied to
 * it or holds a contract with it, once extra-education's outbox has told people; the admin of another
 * organization (a school admin who is also another centre's admin: combined roles) and a school's admin do not
 * gain it; a refusal keeps the name for the day of the decision, an ended contract for 30 days after its end;
 * a retried delivery stores nothing twice.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb } from '@region/db';
import { createLogger, createOutboxWorker } from '@region/kit';
import { peopleLinksDeliverer } from '../../subgraphs/extra-education/src/outbox/people-links-client.ts';
import { peopleOutbox } from '../../subgraphs/extra-education/src/outbox/table.ts';
import { personIdOf } from '../src/demo-people.ts';
import { startPlatform, type GraphQLResponse, type Platform } from '../src/platform.ts';

const at = (date: string, time = '06:00') => new Date(`${date}T${time}:00Z`);

let platform: Platform;
let centre: string;
let otherCentre: string;
let groupId: string;
/** `student-8b`: applied by `guardian` from the cabinet. */
let child: string;
/** `child-4a` (school 2-1): registered in person by the centre. */
let schoolChild: string;
let application: string;
let inPerson: string;

const codes = (result: GraphQLResponse) => (result.errors ?? []).map((error) => error.extensions?.code);
function expectOk(result: GraphQLResponse) {
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
}

async function fullNameOf(personId: string): Promise<string> {
  const [row] = await platform.admin.sql<{ name: string }[]>`
    select concat_ws(' ', last_name, first_name, middle_name) as name from people.persons where id = ${personId}`;
  return row!.name;
}

/** Delivers the pending link messages as the worker process does: through the gateway as its service account. */
async function deliverLinks() {
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
    return await worker.runOnce();
  } finally {
    await handle.close();
  }
}

const PERSON = 'query ($id: ID!) { person(id: $id) { id fullName } }';
const PERSON_PII = 'query ($id: ID!) { person(id: $id) { id fullName birthDate snils phone } }';
const APPLICATION = 'query ($id: ID!) { extraApplication(id: $id) { id status child { id fullName } } }';
type PersonResult = { person: { id: string; fullName: string } | null };
type ApplicationResult = {
  extraApplication: { id: string; child: { id: string; fullName: string } | null } | null;
};

async function nameAs(login: string, personId: string) {
  return platform.query<PersonResult>({ login }, PERSON, { id: personId });
}

beforeAll(async () => {
  platform = await startPlatform({ now: at('2026-11-20'), principalTtlMs: 0 });
  const [own] = await platform.admin.sql<{ organization_id: string }[]>`
    select g.organization_id from people.role_grants g join people.esia_links l on l.person_id = g.person_id
    where g.role = 'ORG_ADMIN' and l.esia_oid = '1000000121'`;
  centre = own!.organization_id;
  child = await personIdOf(platform.admin, 'student-8b');
  schoolChild = await personIdOf(platform.admin, 'child-4a');
  // admin2 (school 2-1) also administers another extra-education centre: a combined principal.
  const [other] = await platform.admin.sql<{ id: string }[]>`
    select id from people.organizations where type = 'EXTRA_EDUCATION' and id <> ${centre} order by id limit 1`;
  otherCentre = other!.id;
  await platform.admin.sql`insert into people.role_grants (person_id, role, territory, organization_id)
    values (${await personIdOf(platform.admin, 'admin2')}, 'ORG_ADMIN', 'ORGANIZATION', ${otherCentre})`;

  const created = await platform.query<{ createProgramme: { id: string } }>(
    { login: 'extra-admin' },
    'mutation ($input: CreateProgrammeInput!) { createProgramme(input: $input) { id } }',
    {
      input: {
        organizationId: centre,
        name: 'Студия имён',
        direction: 'ARTS',
        ageFrom: 5,
        ageTo: 17,
        durationMonths: 9,
        hours: 72,
        pricePerMonth: '1000',
        funding: ['BUDGET', 'PAID'],
      },
    },
  );
  expectOk(created);
  const programmeId = created.data!.createProgramme.id;
  const made = await platform.query<{ createGroup: { id: string } }>(
    { login: 'extra-admin' },
    'mutation ($input: CreateGroupInput!) { createGroup(input: $input) { id } }',
    { input: { programmeId, name: 'Группа 1', capacity: 10, startsOn: '2026-09-01', endsOn: '2027-05-31' } },
  );
  expectOk(made);
  groupId = made.data!.createGroup.id;
  expectOk(
    await platform.query({ login: 'extra-admin' }, 'mutation ($id: ID!) { publishProgramme(id: $id) { id } }', {
      id: programmeId,
    }),
  );
});
afterAll(async () => {
  await platform?.stop();
});

describe('an organization names the children who applied to it', () => {
  it('names the demo region’s applicants, whose links the seed derived (as migration 0019 does)', async () => {
    const [demo] = await platform.admin.sql<{ id: string; child_id: string }[]>`
      select a.id, a.child_id from extra_education.applications a
      where a.organization_id = ${centre} and a.status = 'SUBMITTED' order by a.id limit 1`;
    const read = await platform.query<ApplicationResult>({ login: 'extra-admin' }, APPLICATION, { id: demo!.id });
    expectOk(read);
    expect(read.data!.extraApplication!.child?.id).toBe(demo!.child_id);
  });

  it('does not name the applicant before people is told', async () => {
    const applied = await platform.query<{ applyToGroup: { id: string } }>(
      { login: 'guardian' },
      'mutation ($input: ApplyToGroupInput!) { applyToGroup(input: $input) { id } }',
      { input: { groupId, childId: child, paymentMethod: 'PAID' } },
    );
    expectOk(applied);
    application = applied.data!.applyToGroup.id;
    const registered = await platform.query<{ registerExtraApplicationInPerson: { id: string } }>(
      { login: 'extra-admin' },
      'mutation ($input: ApplyToGroupInput!) { registerExtraApplicationInPerson(input: $input) { id } }',
      { input: { groupId, childId: schoolChild, paymentMethod: 'BUDGET' } },
    );
    expectOk(registered);
    inPerson = registered.data!.registerExtraApplicationInPerson.id;

    expect(codes(await nameAs('extra-admin', child))).toEqual(['NOT_FOUND']);
    const read = await platform.query<ApplicationResult>({ login: 'extra-admin' }, APPLICATION, { id: application });
    // The application is the centre's; people resolves no `Person` for the child, so `child` (nullable for
    // this) is null and the rest of the row stays — the masking of an entity people does not show.
    expectOk(read);
    expect(read.data!.extraApplication).toMatchObject({ id: application, child: null });
  });

  it('names the applicant once the link is delivered — the name, not the personal data', async () => {
    expect(await deliverLinks()).toMatchObject({ delivered: 2 });
    const read = await platform.query<ApplicationResult>({ login: 'extra-admin' }, APPLICATION, { id: application });
    expectOk(read);
    expect(read.data!.extraApplication!.child).toEqual({ id: child, fullName: await fullNameOf(child) });
    const named = await nameAs('extra-admin', schoolChild);
    expectOk(named);
    expect(named.data!.person!.fullName).toBe(await fullNameOf(schoolChild));

    const pii = await platform.query({ login: 'extra-admin' }, PERSON_PII, { id: child });
    expect(new Set(codes(pii))).toEqual(new Set(['FORBIDDEN']));
    expect(
      (pii.errors ?? []).map((error) => error.path?.at(-1)),
      'birth date, SNILS and phone are refused',
    ).toEqual(expect.arrayContaining(['birthDate', 'snils', 'phone']));
  });

  it('stores a retried delivery once', async () => {
    await platform.admin.sql`update extra_education.people_outbox set delivered_at = null, attempts = 0`;
    expect(await deliverLinks()).toMatchObject({ delivered: 2 });
    const rows = await platform.admin.sql<{ n: number }[]>`
      select count(*)::int as n from people.extra_education_links where application_id in (${application}, ${inPerson})`;
    expect(rows[0]!.n).toBe(2);
    const [link] = await platform.admin.sql<{ visible_until: string | null }[]>`
      select visible_until from people.extra_education_links where application_id = ${application}`;
    expect(link!.visible_until).toBeNull();
  });

  it('refuses the name to another centre’s admin (a school admin as well) and to a school’s admin', async () => {
    // admin2: school 2-1 and another centre; student-8b studies elsewhere and applied to this centre only.
    expect(codes(await nameAs('admin2', child))).toEqual(['NOT_FOUND']);
    expect(codes(await platform.query({ login: 'admin2' }, APPLICATION, { id: application }))).toContain('NOT_FOUND');
    // admin (school 1-1): child-4a studies in school 2-1; the centre's link gives the school nothing.
    expect(codes(await nameAs('admin', schoolChild))).toEqual(['NOT_FOUND']);
    // The witness: the regional operator reads both.
    expectOk(await nameAs('operator', child));
  });

  it('refuses the service mutation to anyone but a service account', async () => {
    const result = await platform.query(
      { login: 'extra-admin' },
      `mutation ($input: ExtraEducationLinkInput!) { recordExtraEducationLink(input: $input) { applicationId } }`,
      {
        input: {
          applicationId: '00000000-0000-7000-8000-000000000001',
          childId: await personIdOf(platform.admin, 'child-3b'),
          organizationId: centre,
          changedAt: new Date().toISOString(),
        },
      },
    );
    expect(codes(result)).toEqual(['FORBIDDEN']);
  });

  it('keeps a refused applicant’s name for the day of the refusal only', async () => {
    expectOk(
      await platform.query(
        { login: 'extra-admin' },
        'mutation ($id: ID!) { decideExtraApplication(id: $id, accept: false, reason: "Нет мест в удобное время") { id } }',
        { id: inPerson },
      ),
    );
    expect(await deliverLinks()).toMatchObject({ delivered: 1 });
    platform.setNow(at('2026-11-20', '18:30')); // 23:30 in the region
    expectOk(await nameAs('extra-admin', schoolChild));
    platform.setNow(at('2026-11-20', '19:30')); // 00:30 on the 21st in the region
    expect(codes(await nameAs('extra-admin', schoolChild))).toEqual(['NOT_FOUND']);
    platform.setNow(at('2026-11-20'));
  });

  it('keeps a contracted child’s name for 30 days after the contract ends', async () => {
    expectOk(
      await platform.query(
        { login: 'extra-admin' },
        'mutation ($id: ID!) { decideExtraApplication(id: $id, accept: true) { id } }',
        { id: application },
      ),
    );
    const concluded = await platform.query<{ concludeExtraContract: { id: string } }>(
      { login: 'extra-admin' },
      'mutation ($id: ID!) { concludeExtraContract(applicationId: $id, paymentMethod: PAID) { id } }',
      { id: application },
    );
    expectOk(concluded);
    expectOk(
      await platform.query(
        { login: 'extra-admin' },
        'mutation ($id: ID!) { endExtraContract(id: $id, reason: "Переезд семьи") { id } }',
        { id: concluded.data!.concludeExtraContract.id },
      ),
    );
    // One run delivers one message per application: the conclusion's, then the end's.
    expect(await deliverLinks()).toMatchObject({ delivered: 1 });
    expect(await deliverLinks()).toMatchObject({ delivered: 1 });
    const [link] = await platform.admin.sql<{ visible_until: string }[]>`
      select visible_until::text from people.extra_education_links where application_id = ${application}`;
    expect(link!.visible_until).toBe('2026-12-20');
    platform.setNow(at('2026-12-20'));
    expectOk(await nameAs('extra-admin', child));
    platform.setNow(at('2026-12-21'));
    expect(codes(await nameAs('extra-admin', child))).toEqual(['NOT_FOUND']);
    platform.setNow(at('2026-11-20'));
  });
});
