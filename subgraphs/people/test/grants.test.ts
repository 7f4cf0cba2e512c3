/**
 * Role grants: who may hand out which role where, and a withdrawn grant takes the access with it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { personIdOf } from '@region/tests/demo-people';
import { startPlatform, type Platform } from '@region/tests/platform';
import { expectCode, expectOk, organizationOf } from './helpers.ts';

let platform: Platform;

beforeAll(async () => {
  platform = await startPlatform({ principalTtlMs: 0 });
});
afterAll(async () => {
  await platform?.stop();
});

const GRANT =
  'mutation ($input: GrantRoleInput!) { grantRole(input: $input) { id role territory organization { id } } }';
const WITHDRAW = 'mutation ($id: ID!) { withdrawRole(id: $id) { withdrawnAt } }';

describe('role grants', () => {
  it('lets a municipal coordinator register an admin of their own municipality, who then reads the school', async () => {
    const school = await organizationOf(platform, 'admin');
    const person = await personIdOf(platform.admin, 'unlinked');
    const granted = await platform.query<{ grantRole: { id: string; territory: string } }>(
      { login: 'coordinator' },
      GRANT,
      {
        input: { personId: person, role: 'ORG_ADMIN', organizationId: school },
      },
    );
    expectOk(granted);
    expect(granted.data?.grantRole.territory).toBe('ORGANIZATION');
    const student = await personIdOf(platform.admin, 'student');
    const read = await platform.query<{ person: { snils: string | null } | null }>(
      { login: 'unlinked' },
      'query ($id: ID!) { person(id: $id) { snils } }',
      { id: student },
    );
    expectOk(read);
    expect(read.data?.person?.snils).toBeTruthy();

    expectOk(await platform.query({ login: 'coordinator' }, WITHDRAW, { id: granted.data!.grantRole.id }));
    const after = await platform.query<{ person: unknown }>(
      { login: 'unlinked' },
      'query ($id: ID!) { person(id: $id) { snils } }',
      { id: student },
    );
    expect(after.data?.person).toBeNull();
    expectCode(after, 'NOT_FOUND');
  });

  it("refuses a coordinator granting in another municipality's organization", async () => {
    const other = await organizationOf(platform, 'admin2');
    const person = await personIdOf(platform.admin, 'unlinked');
    expectCode(
      await platform.query({ login: 'coordinator' }, GRANT, {
        input: { personId: person, role: 'ORG_ADMIN', organizationId: other },
      }),
      'FORBIDDEN',
    );
  });

  it('lets an admin appoint a teacher to a class of their school, but not to another school', async () => {
    const school = await organizationOf(platform, 'admin');
    const other = await organizationOf(platform, 'admin2');
    const person = await personIdOf(platform.admin, 'class-teacher');
    const classId = '0193a000-0000-7000-8000-00000000c1a5';
    expectOk(
      await platform.query({ login: 'admin' }, GRANT, {
        input: { personId: person, role: 'TEACHER', organizationId: school, classId },
      }),
    );
    expectCode(
      await platform.query({ login: 'admin' }, GRANT, {
        input: { personId: person, role: 'TEACHER', organizationId: school, classId },
      }),
      'CONFLICT',
    );
    expectCode(
      await platform.query({ login: 'admin' }, GRANT, {
        input: { personId: person, role: 'TEACHER', organizationId: other, classId },
      }),
      'FORBIDDEN',
    );
  });

  it('refuses a teacher granting anything, and anyone granting GUARDIAN', async () => {
    const school = await organizationOf(platform, 'admin');
    const person = await personIdOf(platform.admin, 'unlinked');
    expectCode(
      await platform.query({ login: 'teacher' }, GRANT, {
        input: { personId: person, role: 'ORG_ADMIN', organizationId: school },
      }),
      'FORBIDDEN',
    );
    expectCode(
      await platform.query({ login: 'operator' }, GRANT, { input: { personId: person, role: 'GUARDIAN' } }),
      'BAD_USER_INPUT',
    );
  });

  it("shows a person's grants to those who manage grants, and refuses a teacher at the gateway", async () => {
    const teacher = await personIdOf(platform.admin, 'teacher');
    const QUERY = 'query ($id: ID!) { person(id: $id) { grants { role territory } } }';
    const byAdmin = await platform.query<{ person: { grants: { role: string }[] } }>({ login: 'admin' }, QUERY, {
      id: teacher,
    });
    expectOk(byAdmin);
    expect(byAdmin.data?.person.grants.map((g) => g.role)).toContain('TEACHER');
    const student = await personIdOf(platform.admin, 'student');
    const byTeacher = await platform.query<{ person: { grants: unknown } | null }>({ login: 'class-teacher' }, QUERY, {
      id: student,
    });
    expect(byTeacher.data?.person?.grants).toBeNull();
    expectCode(byTeacher, 'FORBIDDEN');
  });
});
