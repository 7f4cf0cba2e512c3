/**
 * The head of an organization (issue 15 §3.12): the coordinator's school card names the director and how to
 * reach them — read from the staff records, the card through the row scope, the contacts by their scope.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPlatform, type Platform } from '@region/tests/platform';
import { expectCode, expectOk, organizationOf } from './helpers.ts';

let platform: Platform;
let school: string;
let foreignSchool: string;

beforeAll(async () => {
  platform = await startPlatform();
  school = await organizationOf(platform, 'admin');
  foreignSchool = await organizationOf(platform, 'admin2');
});
/** The director by the staff records (the demo's admin account is the school's administrator, not its head). */
async function directorOf(organization: string): Promise<string> {
  const [row] = await platform.admin.sql<{ person_id: string }[]>`
    select person_id from people.employments
    where organization_id = ${organization} and position = 'директор' and ended_on is null`;
  return row!.person_id;
}

afterAll(async () => {
  await platform?.stop();
});

const HEAD = `query ($id: ID!) { organization(id: $id) { id head { position person { id fullName phone email } } } }`;
type Head = {
  organization: {
    head: { position: string; person: { id: string; fullName: string; phone: string | null } | null } | null;
  } | null;
};

describe('Organization.head', () => {
  it('names the director with their contacts to the coordinator of the municipality', async () => {
    const director = await directorOf(school);
    await platform.admin.sql`update people.persons set phone = '+73512223344' where id = ${director}`;
    const result = await platform.query<Head>({ login: 'coordinator' }, HEAD, { id: school });
    expectOk(result);
    const head = result.data!.organization!.head!;
    expect(head.position).toBe('директор');
    expect(head.person!.id).toBe(director);
    expect(head.person!.phone).toBe('+73512223344');
  });

  it('gives a coordinator no card of another municipality’s director', async () => {
    const result = await platform.query<Head>({ login: 'coordinator' }, HEAD, { id: foreignSchool });
    expect(result.data!.organization!.head!.position).toBe('директор');
    expect(result.data!.organization!.head!.person).toBeNull();
    expectCode(result, 'NOT_FOUND');
  });

  it('is null when the staff records have no current head', async () => {
    await platform.admin.sql`update people.employments set ended_on = '2026-01-01'
      where organization_id = ${foreignSchool} and position in ('директор', 'заведующий')`;
    const result = await platform.query<Head>({ login: 'operator' }, HEAD, { id: foreignSchool });
    expectOk(result);
    expect(result.data!.organization!.head).toBeNull();
  });

  it('refuses the contacts of the head to a teacher of the school (no contacts scope over staff)', async () => {
    const result = await platform.query<Head>({ login: 'teacher' }, HEAD, { id: school });
    expect(result.data?.organization?.head?.person?.phone ?? null).toBeNull();
    expectCode(result, 'FORBIDDEN');
  });
});
