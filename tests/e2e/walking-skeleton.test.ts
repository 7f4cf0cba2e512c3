/**
 * The walking skeleton's promise, through the gateway with dev-ESIA tokens: a guardian sees their own
 * children and nobody else's; a teacher sees a class member's name but not their SNILS.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findAccountByLogin } from '@region/db/demo/accounts';
import { personIdOf as demoPersonId } from '../src/demo-people.ts';
import { startPlatform, type Platform } from '../src/platform.ts';

let platform: Platform;

beforeAll(async () => {
  platform = await startPlatform();
});
afterAll(async () => {
  await platform?.stop();
});

const personIdOf = (login: string) => demoPersonId(platform.admin, login);

describe('guardian', () => {
  it('reads their own card through the gateway', async () => {
    const result = await platform.query<{ me: { person: { id: string; lastName: string } } }>(
      { login: 'guardian' },
      '{ me { person { id lastName } } }',
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?.me.person.lastName).toBe(findAccountByLogin('guardian')?.profile.lastName);
    expect(result.data?.me.person.id).toBe(await personIdOf('guardian'));
  });

  it('sees exactly their linked children', async () => {
    const result = await platform.query<{ me: { person: { children: { id: string; lastName: string }[] } } }>(
      { login: 'guardian' },
      '{ me { person { children { id lastName } } } }',
    );
    expect(result.errors).toBeUndefined();
    const children = result.data?.me.person.children ?? [];
    const expected = await Promise.all(['student', 'student-8b'].map(personIdOf));
    expect(children.map((child) => child.id).sort()).toEqual(expected.sort());
  });

  it("gets nothing of another family's child by id", async () => {
    const otherChild = await personIdOf('child-4a');
    const result = await platform.query<{ person: unknown }>(
      { login: 'guardian' },
      'query ($id: ID!) { person(id: $id) { id lastName snils } }',
      { id: otherChild },
    );
    expect(result.data?.person).toBeNull();
    expect(result.errors?.map((error) => error.extensions?.code)).toEqual(['NOT_FOUND']);
    // The other family's guardian does get the child: the refusal above is row scope, not a broken query.
    const own = await platform.query<{ person: { id: string } | null }>(
      { login: 'guardian2' },
      'query ($id: ID!) { person(id: $id) { id lastName } }',
      { id: otherChild },
    );
    expect(own.data?.person?.id).toBe(otherChild);
  });
});

describe('teacher', () => {
  it("gets a class member's last name but not their SNILS", async () => {
    const grants = await platform.query<{ me: { grants: { role: string; classId: string | null }[] } }>(
      { login: 'teacher' },
      '{ me { grants { role classId } } }',
    );
    const classId = grants.data?.me.grants.find((grant) => grant.role === 'TEACHER')?.classId;
    expect(classId).toBeTruthy();
    const result = await platform.query<{ persons: { edges: { node: { lastName: string; snils: string | null } }[] } }>(
      { login: 'teacher' },
      'query ($classId: ID!) { persons(filter: { classId: $classId }, first: 5) { edges { node { lastName snils } } } }',
      { classId },
    );
    const nodes = result.data?.persons.edges.map((edge) => edge.node) ?? [];
    expect(nodes.length).toBeGreaterThan(0);
    for (const node of nodes) {
      expect(node.lastName).toBeTruthy();
      expect(node.snils).toBeNull();
    }
    expect(result.errors?.length).toBe(nodes.length);
    for (const [index, error] of (result.errors ?? []).entries()) {
      expect(error.extensions?.code).toBe('FORBIDDEN');
      expect(error.path).toEqual(['persons', 'edges', index, 'node', 'snils']);
    }
  });
});
