/**
 * Rule 5 in admissions (issue 9 §2): an application keeps its own copy of the child's data, and shows it
 * only while the child's processing consent (owned by people, brought by `@requires`) is active — on
 * every path that returns an application: `application`, `applications`, `Person.applications`. Masked
 * as people masks a card. `searchApplications` by the birth certificate (a search on personal data) finds
 * only applications of consented children, as people's name filter does. The copies are
 * `@access(pii:read)`: a service account never reads them back.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPlatform, type Platform } from '@region/tests/platform';

let platform: Platform;
let school: string;
let childId: string;
let guardianId: string;
let applicationId: string;
let unmatchedId: string;

const FIELDS = 'id childName childBirthDate residenceAddress documents comment depersonalized';
const SECRETS = ['Согласиева', '2020-07-07', 'ул. Тайная', 'Свидетельство 555111', 'Позвоните бабушке'];

function expectOk(result: { errors?: unknown[] }) {
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
}

type Fields = {
  id: string;
  childName: string | null;
  childBirthDate: string | null;
  residenceAddress: string | null;
  documents: string[] | null;
  comment: string | null;
  depersonalized: boolean;
};

/** The support search by the child's birth certificate, through the gateway. */
async function searchByCertificate(): Promise<Fields[]> {
  const search = await platform.query<{ searchApplications: Fields[] }>(
    { login: 'admin' },
    `query { searchApplications(birthCertificateNumber: "555111") { ${FIELDS} } }`,
  );
  expectOk(search);
  return search.data!.searchApplications;
}

/** The application as each path returns it to the school's admin (and to the guardian). */
async function everyPath(): Promise<Fields[]> {
  const one = await platform.query<{ application: Fields }>(
    { login: 'admin' },
    `query ($id: ID!) { application(id: $id) { ${FIELDS} } }`,
    { id: applicationId },
  );
  const list = await platform.query<{ applications: { edges: { node: Fields }[] } }>(
    { login: 'admin' },
    `query ($o: ID!) { applications(organizationId: $o, first: 200) { edges { node { ${FIELDS} } } } }`,
    { o: school },
  );
  const ofPerson = await platform.query<{ person: { applications: Fields[] } }>(
    { login: 'guardian' },
    `query ($id: ID!) { person(id: $id) { applications { ${FIELDS} } } }`,
    { id: guardianId },
  );
  for (const result of [one, list, ofPerson]) expectOk(result);
  const mine = (rows: Fields[]) => rows.filter((row) => row.id === applicationId);
  const found = [
    one.data!.application,
    ...mine(list.data!.applications.edges.map((edge) => edge.node)),
    ...mine(ofPerson.data!.person.applications),
  ];
  expect(found).toHaveLength(3);
  return found;
}

beforeAll(async () => {
  platform = await startPlatform({ now: new Date('2027-04-10T06:00:00Z'), principalTtlMs: 0 });
  const [row] = await platform.admin.sql<{ organization_id: string }[]>`
    select g.organization_id from people.role_grants g join people.esia_links l on l.person_id = g.person_id
    where g.role = 'ORG_ADMIN' and l.esia_oid = '1000000104'`;
  school = row!.organization_id;
  const created = await platform.query<{ createPerson: { id: string } }>(
    { login: 'admin' },
    'mutation ($input: CreatePersonInput!) { createPerson(input: $input, confirmPossibleDuplicate: true) { id } }',
    {
      input: {
        organizationId: school,
        lastName: 'Согласиева',
        firstName: 'Вера',
        birthDate: '2020-07-07',
        processingConsent: true,
      },
    },
  );
  expectOk(created);
  childId = created.data!.createPerson.id;
  const [guardian] = await platform.admin.sql<{ id: string }[]>`
    select p.id from people.persons p join people.esia_links l on l.person_id = p.id
    where p.last_name = 'Кузнецова' limit 1`;
  guardianId = guardian!.id;
  expectOk(
    await platform.query(
      { login: 'admin' },
      'mutation ($g: ID!, $c: ID!) { linkGuardian(guardianId: $g, childId: $c) { id } }',
      { g: guardianId, c: childId },
    ),
  );
  const [application] = await platform.admin.sql<{ id: string }[]>`
    insert into admissions.applications (kind, year, child_id, child_last_name, child_first_name, child_birth_date,
      applicant_id, source, registered_at, category, residence_address, birth_certificate_number, documents, comment)
    values ('FIRST_GRADE', 2027, ${childId}, 'Согласиева', 'Вера', '2020-07-07', ${guardianId}, 'REGIONAL_PORTAL',
      now(), 'OTHER', 'г. Копейск, ул. Тайная, 7', '555111', '["Свидетельство 555111"]'::jsonb, 'Позвоните бабушке')
    returning id`;
  applicationId = application!.id;
  await platform.admin.sql`insert into admissions.application_choices (application_id, organization_id, preference)
    values (${applicationId}, ${school}, 1)`;
  // An ЕПГУ application whose child is not matched to a card yet: the consent was given on ЕПГУ with it.
  const [unmatched] = await platform.admin.sql<{ id: string }[]>`
    insert into admissions.applications (kind, year, child_last_name, child_first_name, child_birth_date,
      applicant_data, source, epgu_number, registered_at, category, residence_address, birth_certificate_number)
    values ('FIRST_GRADE', 2027, 'Несопоставленный', 'Ян', '2020-03-03',
      '{"lastName": "Несопоставленная", "firstName": "Анна"}'::jsonb, 'EPGU', 'CONSENT-1', now(), 'OTHER',
      'г. Копейск, ул. Новая, 1', '555222')
    returning id`;
  unmatchedId = unmatched!.id;
  await platform.admin.sql`insert into admissions.application_choices (application_id, organization_id, preference)
    values (${unmatchedId}, ${school}, 1)`;
});
afterAll(async () => {
  await platform?.stop();
});

describe('an application of a child who consented', () => {
  it('shows the child’s data on every path', async () => {
    for (const found of await everyPath())
      expect(found).toEqual({
        id: applicationId,
        childName: 'Согласиева Вера',
        childBirthDate: '2020-07-07',
        residenceAddress: 'г. Копейск, ул. Тайная, 7',
        documents: ['Свидетельство 555111'],
        comment: 'Позвоните бабушке',
        depersonalized: false,
      });
  });

  it('is found by the child’s birth certificate', async () => {
    expect(await searchByCertificate()).toEqual([
      expect.objectContaining({ id: applicationId, childName: 'Согласиева Вера', depersonalized: false }),
    ]);
  });

  it('shows an unmatched ЕПГУ application’s data: the consent came with it from ЕПГУ', async () => {
    const result = await platform.query<{ application: Fields & { applicantName: string } }>(
      { login: 'admin' },
      `query ($id: ID!) { application(id: $id) { ${FIELDS} applicantName } }`,
      { id: unmatchedId },
    );
    expectOk(result);
    expect(result.data!.application).toMatchObject({
      childName: 'Несопоставленный Ян',
      childBirthDate: '2020-03-03',
      applicantName: 'Несопоставленная Анна',
      depersonalized: false,
    });
    const search = await platform.query<{ searchApplications: { id: string }[] }>(
      { login: 'admin' },
      'query { searchApplications(birthCertificateNumber: "555222") { id } }',
    );
    expectOk(search);
    expect(search.data!.searchApplications).toEqual([{ id: unmatchedId }]);
  });
});

describe('after the child’s processing consent is withdrawn', () => {
  beforeAll(async () => {
    expectOk(
      await platform.query(
        { login: 'guardian' },
        'mutation ($p: ID!) { withdrawConsent(personId: $p, kind: PROCESSING) { withdrawnAt } }',
        { p: childId },
      ),
    );
  });

  it('depersonalizes the application on every path, as people depersonalizes a card', async () => {
    for (const found of await everyPath())
      expect(found).toEqual({
        id: applicationId,
        childName: 'Обезличено ***',
        childBirthDate: null,
        residenceAddress: null,
        documents: null,
        comment: null,
        depersonalized: true,
      });
  });

  it('is not found by the child’s birth certificate: the match would say an application exists', async () => {
    expect(await searchByCertificate()).toEqual([]);
  });

  it('reveals none of the child’s data anywhere in the answers', async () => {
    const said = JSON.stringify(
      await platform.query(
        { login: 'admin' },
        `query ($id: ID!) { application(id: $id) { ${FIELDS} history { to } } }`,
        {
          id: applicationId,
        },
      ),
    );
    for (const secret of SECRETS) expect(said).not.toContain(secret);
  });

  it('shows the data again once consent is granted again', async () => {
    expectOk(
      await platform.query(
        { login: 'guardian' },
        'mutation ($p: ID!) { grantConsent(personId: $p, kind: PROCESSING) { grantedAt } }',
        { p: childId },
      ),
    );
    const result = await platform.query<{ application: Fields }>(
      { login: 'admin' },
      `query ($id: ID!) { application(id: $id) { childName depersonalized } }`,
      { id: applicationId },
    );
    expectOk(result);
    expect(result.data!.application).toMatchObject({ childName: 'Согласиева Вера', depersonalized: false });
    expect((await searchByCertificate()).map((row) => row.id)).toEqual([applicationId]);
  });
});

describe('the applicant’s copy', () => {
  it('masks the ЕПГУ applicant’s name once the applicant is matched to a card without consent', async () => {
    const created = await platform.query<{ createPerson: { id: string } }>(
      { login: 'admin' },
      'mutation ($input: CreatePersonInput!) { createPerson(input: $input, confirmPossibleDuplicate: true) { id } }',
      {
        input: {
          organizationId: school,
          lastName: 'Заявителева',
          firstName: 'Нина',
          birthDate: '1990-01-01',
          processingConsent: false,
        },
      },
    );
    expectOk(created);
    const [row] = await platform.admin.sql<{ id: string }[]>`
      insert into admissions.applications (kind, year, child_last_name, child_first_name, child_birth_date,
        applicant_id, applicant_data, source, epgu_number, registered_at, category)
      values ('FIRST_GRADE', 2027, 'Заявителев', 'Егор', '2020-02-02', ${created.data!.createPerson.id},
        '{"lastName": "Заявителева", "firstName": "Нина"}'::jsonb, 'EPGU', 'CONSENT-2', now(), 'OTHER')
      returning id`;
    await platform.admin.sql`insert into admissions.application_choices (application_id, organization_id, preference)
      values (${row!.id}, ${school}, 1)`;
    const result = await platform.query<{ application: { applicantName: string; childName: string } }>(
      { login: 'admin' },
      'query ($id: ID!) { application(id: $id) { applicantName childName } }',
      { id: row!.id },
    );
    expectOk(result);
    expect(result.data!.application).toEqual({ applicantName: 'Обезличено ***', childName: 'Заявителев Егор' });
  });
});

describe('a service account', () => {
  it('never reads the copies back: FORBIDDEN on each personal-data field, the rest answered', async () => {
    const token = await platform.serviceToken('epgu');
    const result = await platform.query<{ intakeEpguApplication: { application: Record<string, unknown> } }>(
      { token },
      `mutation ($input: EpguApplicationInput!) {
        intakeEpguApplication(input: $input) { application { id status childName childBirthDate residenceAddress } }
      }`,
      {
        input: {
          epguNumber: 'CONSENT-SERVICE-1',
          registeredAt: '2027-04-02T04:00:00Z',
          kind: 'FIRST_GRADE',
          year: 2027,
          category: 'PRIORITY',
          priorityRights: ['9'],
          organizationIds: [school],
          child: { lastName: 'Сервисов', firstName: 'Олег', birthDate: '2020-04-04' },
          applicant: { lastName: 'Сервисова', firstName: 'Инна' },
          residenceAddress: 'г. Копейск, ул. Служебная, 3',
        },
      },
    );
    expect(result.data, JSON.stringify(result.errors)).not.toBeNull();
    expect(result.data!.intakeEpguApplication.application).toMatchObject({
      status: 'SUBMITTED',
      childName: null,
      childBirthDate: null,
      residenceAddress: null,
    });
    const codes = new Map(result.errors!.map((error) => [error.path?.at(-1), error.extensions?.code]));
    expect(Object.fromEntries(codes)).toEqual({
      childName: 'FORBIDDEN',
      childBirthDate: 'FORBIDDEN',
      residenceAddress: 'FORBIDDEN',
    });
    expect(JSON.stringify(result)).not.toContain('Сервисов');
  });
});
