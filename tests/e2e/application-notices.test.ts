/**
 * Notifications of application status changes (issue 15 §1), end to end through the gateway with real tokens:
 * a school decides on a parent's application, admissions' outbox tells people as the `admissions-notifications`
 * service account, and the applicant gets one notification naming the child and the new status — another
 * guardian gets none; a retried delivery writes nothing twice; the applicant's own withdrawal tells nobody;
 * a person or another service account may not post a notice (the texts are the worker's own: its account runs its manifest only).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { personIdOf } from '../src/demo-people.ts';
import { RECORD } from '../../subgraphs/admissions/src/outbox/application-notice-client.ts';
import { deliverApplicationNotices } from '../src/notifications.ts';
import { startPlatform, type GraphQLResponse, type Platform } from '../src/platform.ts';

/**
 * Friday 23 October 2026 in the region (a transfer in the school year). In the past, as in the journal's test:
 * a notification's `created_at` is the database's clock, and the bell shows the last 90 days of the platform's.
 */
const NOW = new Date('2026-10-23T04:00:00Z');

let platform: Platform;
let guardianId: string;
let otherGuardianId: string;
let childId: string;
let school: string;
let applicationId: string;

const codes = (result: GraphQLResponse) => (result.errors ?? []).map((error) => error.extensions?.code);
function expectOk(result: GraphQLResponse) {
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
}

const applicationNotifications = (personId: string) =>
  platform.admin.sql<{ title: string; about_person_id: string | null }[]>`
    select title, about_person_id from people.notifications where person_id = ${personId} and kind = 'APPLICATION'`;

const emailCopies = () =>
  platform.admin.sql<{ to: string; subject: string }[]>`
    select payload->>'to' as to, payload->>'subject' as subject from people.email_outbox
    where payload->>'kind' = 'APPLICATION'`;

const CHANGE =
  'mutation ($id: ID!, $status: ApplicationStatus!) { changeApplicationStatus(id: $id, status: $status) { status } }';

beforeAll(async () => {
  platform = await startPlatform({ now: NOW, principalTtlMs: 0 });
  guardianId = await personIdOf(platform.admin, 'guardian');
  otherGuardianId = await personIdOf(platform.admin, 'guardian2');
  const [admin] = await platform.admin.sql<{ organization_id: string }[]>`
    select g.organization_id from people.role_grants g join people.esia_links l on l.person_id = g.person_id
    where l.esia_oid = '1000000104' and g.role = 'ORG_ADMIN'`;
  school = admin!.organization_id;
  const [child] = await platform.admin.sql<{ id: string; first_name: string; last_name: string; birth: string }[]>`
    select c.id, c.first_name, c.last_name, to_char(c.birth_date, 'YYYY-MM-DD') as birth
    from people.guardianships g join people.persons c on c.id = g.child_id
    where g.guardian_id = ${guardianId} order by c.birth_date desc limit 1`;
  childId = child!.id;
  // Both guardians may be told anything (consent to processing), so what the other does not hear is the rule.
  for (const personId of [guardianId, otherGuardianId]) {
    await platform.admin.sql`insert into people.consents (person_id, kind, granted_by)
      select ${personId}, 'PROCESSING', ${personId}
      where not exists (select 1 from people.consents where person_id = ${personId}
        and kind = 'PROCESSING' and withdrawn_at is null)`;
  }
  // The applicant chose e-mail for this kind and has an address on the card.
  await platform.admin.sql`update people.persons set email = 'olga.kuznetsova@example.test' where id = ${guardianId}`;
  const chosen = await platform.query(
    { login: 'guardian' },
    'mutation { setNotificationSetting(kind: APPLICATION, inApp: true, email: true) { kind } }',
  );
  expect(chosen.errors, JSON.stringify(chosen.errors)).toBeUndefined();
  // A transfer application the guardian filed in the cabinet for her child, to the admin's school.
  const [row] = await platform.admin.sql<{ id: string }[]>`
    insert into admissions.applications (kind, year, child_id, child_last_name, child_first_name, child_birth_date,
      applicant_id, source, registered_at, category, status)
    values ('TRANSFER', 2026, ${childId}, ${child!.last_name}, ${child!.first_name}, ${child!.birth}, ${guardianId},
      'REGIONAL_PORTAL', ${NOW.toISOString()}, 'OTHER', 'SUBMITTED')
    returning id`;
  applicationId = row!.id;
  await platform.admin.sql`insert into admissions.application_choices (application_id, organization_id, preference)
    values (${applicationId}, ${school}, 1)`;
});
afterAll(async () => {
  await platform?.stop();
});

describe('notifications of application status changes', () => {
  it('a decision notifies the applicant once, naming the child and the status, e-mailed as chosen; another guardian hears nothing', async () => {
    expectOk(await platform.query({ login: 'admin' }, CHANGE, { id: applicationId, status: 'UNDER_REVIEW' }));
    await expect(deliverApplicationNotices(platform)).resolves.toEqual({ delivered: 1, failed: 0 });

    const [child] = await platform.admin.sql<{ first_name: string }[]>`
      select first_name from people.persons where id = ${childId}`;
    expect(await applicationNotifications(guardianId)).toEqual([
      {
        title: `${child!.first_name}: Заявление о переводе в другую школу на 2026/27 уч. год: статус «На рассмотрении»`,
        about_person_id: childId,
      },
    ]);
    expect(await applicationNotifications(otherGuardianId)).toEqual([]);
    expect(await emailCopies()).toEqual([
      { to: 'olga.kuznetsova@example.test', subject: (await applicationNotifications(guardianId))[0]!.title },
    ]);

    // Through the gateway the applicant sees it in the bell, under its kind.
    const bell = await platform.query<{ notifications: { kind: string; title: string }[] }>(
      { login: 'guardian' },
      '{ notifications(first: 50) { kind title } }',
    );
    expectOk(bell);
    expect(bell.data!.notifications.filter((item) => item.kind === 'APPLICATION')).toHaveLength(1);
    const other = await platform.query<{ notifications: { kind: string }[] }>(
      { login: 'guardian2' },
      '{ notifications(first: 50) { kind } }',
    );
    expectOk(other);
    expect(other.data!.notifications.filter((item) => item.kind === 'APPLICATION')).toEqual([]);
  });

  it('a retried delivery writes no second notification', async () => {
    // The worker's "delivered" write lost: the same outbox message goes out again with the same key.
    await platform.admin.sql`update admissions.outbox set delivered_at = null, next_attempt_at = now()
      where application_id = ${applicationId} and event = 'APPLICATION_NOTICE'`;
    await expect(deliverApplicationNotices(platform)).resolves.toEqual({ delivered: 1, failed: 0 });
    expect(await applicationNotifications(guardianId)).toHaveLength(1);
    expect(await emailCopies()).toHaveLength(1);
  });

  it("the applicant's own withdrawal is not notified back to her", async () => {
    expectOk(
      await platform.query({ login: 'guardian' }, 'mutation ($id: ID!) { withdrawApplication(id: $id) { status } }', {
        id: applicationId,
      }),
    );
    const queued = await platform.admin.sql`
      select 1 from admissions.outbox where application_id = ${applicationId} and event = 'APPLICATION_NOTICE'`;
    expect(queued).toHaveLength(1);
  });

  it('refuses a notice from a person or another service account; bad fields are BAD_USER_INPUT', async () => {
    const notice = {
      input: {
        key: 'forged-application-1',
        applicationId,
        organizationId: school,
        applicantId: guardianId,
        childId,
        applicationKind: 'TRANSFER',
        year: 2026,
        status: 'ENROLLED',
      },
    };
    expect(codes(await platform.query({ login: 'admin' }, RECORD, notice))).toEqual(['FORBIDDEN']);
    expect(codes(await platform.query({ login: 'guardian' }, RECORD, notice))).toEqual(['FORBIDDEN']);
    // A service account without the scope (ЕПГУ; it runs no manifest, so the scope is what refuses it).
    const epgu = await platform.serviceToken('epgu');
    expect(codes(await platform.query({ token: epgu }, RECORD, notice))).toEqual(['FORBIDDEN']);
    const own = await platform.serviceToken('admissions-notifications');
    const bad = await platform.query({ token: own }, RECORD, { input: { ...notice.input, status: 'APPROVED' } });
    expect(codes(bad)).toEqual(['BAD_USER_INPUT']);
    expect(await applicationNotifications(guardianId)).toHaveLength(1);
  });
});
