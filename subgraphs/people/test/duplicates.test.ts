/**
 * Duplicates (rule 8): listed with each record's last login, merged so that the kept record takes every
 * link, and only by those who manage the records' organization.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPlatform, type Platform } from '@region/tests/platform';
import { expectCode, expectOk } from './helpers.ts';

let platform: Platform;

beforeAll(async () => {
  platform = await startPlatform();
});
afterAll(async () => {
  await platform?.stop();
});

const LIST = `{ duplicates(first: 50) { edges { node { normalizedName persons { id lastLoginAt children { id } } } } } }`;
type Groups = {
  duplicates: {
    edges: {
      node: {
        normalizedName: string;
        persons: { id: string; lastLoginAt: string | null; children: { id: string }[] }[];
      };
    }[];
  };
};

describe('duplicates', () => {
  it("lists the planted duplicate parents to the school's admin with each record's last login", async () => {
    const result = await platform.query<Groups>({ login: 'admin' }, LIST);
    expectOk(result);
    const groups = result.data!.duplicates.edges.map((edge) => edge.node);
    expect(groups.length).toBeGreaterThan(0);
    for (const group of groups) {
      expect(group.persons.length).toBeGreaterThanOrEqual(2);
      for (const person of group.persons) expect(person).toHaveProperty('lastLoginAt');
    }
  });

  it('lists nothing to a teacher', async () => {
    const result = await platform.query<Groups>({ login: 'teacher' }, LIST);
    expect(result.data?.duplicates.edges ?? []).toEqual([]);
  });

  it('merges two records: the kept one takes the children and the other disappears', async () => {
    const groups = (await platform.query<Groups>({ login: 'admin' }, LIST)).data!.duplicates.edges.map(
      (edge) => edge.node,
    );
    const group = groups.find((g) => g.persons.length === 2 && g.persons.some((p) => p.children.length > 0))!;
    expect(group).toBeDefined();
    const [keep, merge] = group.persons as [
      Groups['duplicates']['edges'][0]['node']['persons'][0],
      Groups['duplicates']['edges'][0]['node']['persons'][0],
    ];
    const allChildren = new Set([...keep.children, ...merge.children].map((child) => child.id));

    expectCode(
      await platform.query(
        { login: 'admin2' },
        'mutation ($k: ID!, $m: ID!) { mergePersons(keepId: $k, mergeId: $m) { id } }',
        { k: keep.id, m: merge.id },
      ),
      'NOT_FOUND',
    );

    const merged = await platform.query<{ mergePersons: { id: string; children: { id: string }[] } }>(
      { login: 'admin' },
      'mutation ($k: ID!, $m: ID!) { mergePersons(keepId: $k, mergeId: $m) { id children { id } } }',
      { k: keep.id, m: merge.id },
    );
    expectOk(merged);
    expect(new Set(merged.data!.mergePersons.children.map((child) => child.id))).toEqual(allChildren);
    const gone = await platform.query<{ person: unknown }>(
      { login: 'admin' },
      'query ($id: ID!) { person(id: $id) { id } }',
      { id: merge.id },
    );
    expect(gone.data?.person).toBeNull();
    expectCode(gone, 'NOT_FOUND');
    const [row] = await platform.admin.sql<
      { merged_into: string }[]
    >`select merged_into from people.persons where id = ${merge.id}`;
    expect(row?.merged_into).toBe(keep.id);
    const after = (await platform.query<Groups>({ login: 'admin' }, LIST)).data!.duplicates.edges.map(
      (edge) => edge.node,
    );
    expect(after.some((g) => g.persons.some((p) => p.id === merge.id))).toBe(false);
  });

  it('refuses merging a record with itself', async () => {
    const groups = (await platform.query<Groups>({ login: 'admin' }, LIST)).data!.duplicates.edges;
    const id = groups[0]!.node.persons[0]!.id;
    expectCode(
      await platform.query({ login: 'admin' }, 'mutation ($k: ID!) { mergePersons(keepId: $k, mergeId: $k) { id } }', {
        k: id,
      }),
      'BAD_USER_INPUT',
    );
  });
});
