/**
 * «Контроль заполнения данных» (DOMAIN.md rule 7): the school lists its students, staff or guardians,
 * only the cards missing a given mandatory field — and another school's admin gets none of them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPlatform, type Platform } from '@region/tests/platform';
import { expectOk, organizationOf } from './helpers.ts';

let platform: Platform;
let school: string;

beforeAll(async () => {
  platform = await startPlatform();
  school = await organizationOf(platform, 'admin');
});
afterAll(async () => {
  await platform?.stop();
});

const PERSONS = `query ($filter: PersonFilter) {
  persons(filter: $filter, first: 200) {
    totalCount
    edges { node { id missingFields enrolment { organization { id } } } }
  }
}`;

type Persons = {
  persons: {
    totalCount: number;
    edges: {
      node: { id: string; missingFields: string[] | null; enrolment: { organization: { id: string } } | null };
    }[];
  };
};

async function persons(login: string, filter: Record<string, unknown>) {
  const result = await platform.query<Persons>({ login }, PERSONS, { filter });
  expectOk(result);
  return result.data!.persons;
}

describe('persons filter by kind and missing field', () => {
  it("lists only the school's students with kind STUDENT", async () => {
    const students = await persons('admin', { organizationId: school, kind: 'STUDENT' });
    const everyone = await persons('admin', { organizationId: school });
    expect(students.totalCount).toBeGreaterThan(0);
    expect(students.totalCount).toBeLessThan(everyone.totalCount);
    for (const { node } of students.edges) expect(node.enrolment?.organization.id).toBe(school);
  });

  it('lists the staff and the guardians of its learners apart', async () => {
    const staff = await persons('admin', { organizationId: school, kind: 'STAFF' });
    const guardians = await persons('admin', { organizationId: school, kind: 'GUARDIAN' });
    expect(staff.totalCount).toBeGreaterThan(0);
    expect(guardians.totalCount).toBeGreaterThan(0);
    for (const { node } of [...staff.edges, ...guardians.edges]) expect(node.enrolment).toBeNull();
  });

  it('lists only the cards missing the given field, and every such student card', async () => {
    const all = await persons('admin', { organizationId: school, kind: 'STUDENT', hasMissingFields: true });
    const withoutDocument = all.edges.filter(({ node }) => node.missingFields?.includes('IDENTITY_DOCUMENT'));
    expect(withoutDocument.length).toBeGreaterThan(0);
    const filtered = await persons('admin', {
      organizationId: school,
      kind: 'STUDENT',
      missingField: 'IDENTITY_DOCUMENT',
    });
    expect(filtered.totalCount).toBe(withoutDocument.length);
    expect(filtered.edges.map(({ node }) => node.id).sort()).toEqual(withoutDocument.map(({ node }) => node.id).sort());
  });

  it('finds no student missing a field that only staff cards must have', async () => {
    const result = await persons('admin', { organizationId: school, kind: 'STUDENT', missingField: 'MAIN_POSITION' });
    expect(result.totalCount).toBe(0);
  });

  it("gives another school's admin none of the school's students", async () => {
    const result = await persons('admin2', { organizationId: school, kind: 'STUDENT' });
    expect(result.totalCount).toBe(0);
    expect(result.edges).toEqual([]);
  });
});
