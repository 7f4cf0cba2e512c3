/**
 * The one meaning of "holds scope over row" (`PolicyBase`), tested once over principal shapes: one grant
 * at a time, never a combination, plus the own card for the self scopes only.
 */
import { describe, expect, it } from 'vitest';
import { PgDialect } from 'drizzle-orm/pg-core';
import { sql, type SQL } from 'drizzle-orm';
import type { Grant, Territory } from '@region/schema';
import { ANONYMOUS, AppError, PolicyBase, anyOf, foundInScope, principalScopes, type Principal } from '../src/index.ts';

const dialect = new PgDialect();
const render = (predicate: SQL) => {
  const { sql: text, params } = dialect.sqlToQuery(predicate);
  return { sql: text, params };
};

const person = (...grants: Grant[]): Principal => ({ kind: 'PERSON', personId: 'me', grants });
const teacherOf5a: Grant = { role: 'TEACHER', territory: { kind: 'CLASS', organizationId: 'school-1', classId: '5a' } };
const parentOf3b: Grant = { role: 'GUARDIAN', territory: { kind: 'CHILDREN', personIds: ['child-3b'] } };
const adminOf2: Grant = { role: 'ORG_ADMIN', territory: { kind: 'ORGANIZATION', organizationId: 'school-2' } };
const coordinatorOf1: Grant = {
  role: 'MUNICIPAL_COORDINATOR',
  territory: { kind: 'MUNICIPALITY', municipalityId: 'm-1', organizationIds: ['school-1', 'school-3'] },
};

/** A grant's reach in the test's toy model: one marker per territory, so the rendered OR names each grant. */
const marker = (grant: Grant) => sql.raw(`reach_${label(grant.territory)}`);
function label(territory: Territory): string {
  switch (territory.kind) {
    case 'REGION':
      return 'region';
    case 'MUNICIPALITY':
      return territory.municipalityId;
    case 'ORGANIZATION':
      return territory.organizationId;
    case 'CLASS':
      return territory.classId;
    case 'CHILDREN':
      return territory.personIds.join('_');
    case 'SELF':
      return 'self';
  }
}
const self = (id: string) => sql`id = ${id}`;

describe('PolicyBase.rowsWith: one grant at a time', () => {
  it('is the OR of what each grant carrying the scope reaches alone', () => {
    const policy = new PolicyBase(person(teacherOf5a, parentOf3b));
    expect(render(policy.rowsWith('journal:read', marker)).sql).toBe('(reach_5a or reach_child-3b)');
  });

  it('leaves out the grants that do not carry the scope, whatever else they reach', () => {
    // A teacher holds no pii:read: her class is not in the predicate, her child is.
    const policy = new PolicyBase(person(teacherOf5a, parentOf3b));
    expect(render(policy.rowsWith('admissions:apply', marker)).sql).toBe('(reach_child-3b)');
    expect(render(policy.rowsWith('journal:write', marker)).sql).toBe('(reach_5a)');
  });

  it('hands each grant to the reach function alone, never a merged territory', () => {
    const seen: Territory[] = [];
    new PolicyBase(person(teacherOf5a, parentOf3b, adminOf2)).rowsWith('journal:read', (grant) => {
      seen.push(grant.territory);
      return marker(grant);
    });
    expect(seen).toEqual([teacherOf5a.territory, parentOf3b.territory, adminOf2.territory]);
  });

  it('drops a grant whose reach is nothing, and answers false when nothing is left', () => {
    const policy = new PolicyBase(person(teacherOf5a, parentOf3b));
    expect(render(policy.rowsWith('journal:read', (g) => (g.role === 'GUARDIAN' ? marker(g) : null))).sql).toBe(
      '(reach_child-3b)',
    );
    expect(render(policy.rowsWith('journal:read', () => null)).sql).toBe('false');
    expect(render(new PolicyBase(person()).rowsWith('journal:read', marker)).sql).toBe('false');
  });

  it('adds the own card for a self scope only (person:read, pii:read, contacts:read)', () => {
    const policy = new PolicyBase(person(teacherOf5a));
    const pii = render(policy.rowsWith('pii:read', marker, self));
    expect(pii.sql).toBe('(id = $1)');
    expect(pii.params).toEqual(['me']);
    expect(render(policy.rowsWith('person:read', marker, self)).sql).toBe('(reach_5a or id = $1)');
    // journal:read is not a self scope: a student reads her own marks through her STUDENT grant.
    expect(render(policy.rowsWith('journal:read', marker, self)).sql).toBe('(reach_5a)');
  });

  it('gives a service and the gateway no self row and no grant beyond their own', () => {
    const service: Principal = {
      kind: 'SERVICE',
      serviceId: 'epgu',
      grants: [{ role: 'SERVICE', territory: { kind: 'REGION' }, scopes: ['admissions:intake'] }],
    };
    expect(render(new PolicyBase(service).rowsWith('pii:read', marker, self)).sql).toBe('false');
    expect(render(new PolicyBase(service).rowsWith('admissions:intake', marker)).sql).toBe('(reach_region)');
    expect(render(new PolicyBase({ kind: 'GATEWAY' }).rowsWith('person:read', marker, self)).sql).toBe('false');
  });
});

describe('PolicyBase.holdsOver: the same rule for one row in hand', () => {
  const inOrganization = (id: string) => (grant: Grant) =>
    (grant.territory.kind === 'ORGANIZATION' && grant.territory.organizationId === id) ||
    (grant.territory.kind === 'MUNICIPALITY' && grant.territory.organizationIds.includes(id));

  it('is true when one grant carrying the scope reaches the row', () => {
    const policy = new PolicyBase(person(parentOf3b, adminOf2, coordinatorOf1));
    expect(policy.holdsOver('admissions:manage', inOrganization('school-2'))).toBe(true);
    expect(policy.holdsOver('pii:read', inOrganization('school-3'))).toBe(true);
  });

  it('is false when the only grant reaching the row does not carry the scope', () => {
    // The coordinator reaches school-1 but does not manage admissions; the admin manages only school-2.
    const policy = new PolicyBase(person(adminOf2, coordinatorOf1));
    expect(policy.holdsOver('admissions:manage', inOrganization('school-1'))).toBe(false);
  });

  it('counts the own card for a self scope only', () => {
    const policy = new PolicyBase(person(teacherOf5a));
    const isMe = (id: string) => id === 'me';
    expect(policy.holdsOver('pii:read', () => false, isMe)).toBe(true);
    expect(policy.holdsOver('journal:read', () => false, isMe)).toBe(false);
  });
});

describe('PolicyBase.holds and organizationsWith', () => {
  it('holds a scope anywhere through a grant, or a self scope through the own card', () => {
    const policy = new PolicyBase(person(teacherOf5a));
    expect(policy.holds('journal:write')).toBe(true);
    expect(policy.holds('pii:read')).toBe(true);
    expect(policy.holds('admissions:read')).toBe(false);
    expect(new PolicyBase({ kind: 'GATEWAY' }).holds('person:read')).toBe(false);
  });

  it('lists the organizations of organization-wide grants only, or ALL for the region', () => {
    const policy = new PolicyBase(person(teacherOf5a, parentOf3b, adminOf2, coordinatorOf1));
    expect(policy.organizationsWith('journal:read')).toEqual(['school-2', 'school-1', 'school-3']);
    expect(policy.organizationsWith('journal:write')).toEqual(['school-2']);
    expect(
      new PolicyBase(person({ role: 'REGIONAL_OPERATOR', territory: { kind: 'REGION' } })).organizationsWith(
        'pii:read',
      ),
    ).toBe('ALL');
  });

  it('renders an organization predicate from those grants', () => {
    const column = sql.raw('org');
    expect(render(new PolicyBase(person(adminOf2)).organizationPredicate(column, 'journal:read'))).toEqual({
      sql: 'org in ($1)',
      params: ['school-2'],
    });
    expect(render(new PolicyBase(person(parentOf3b)).organizationPredicate(column, 'journal:read')).sql).toBe('false');
  });
});

describe('an anonymous caller (issue 11)', () => {
  const anonymous = new PolicyBase(ANONYMOUS);
  const column = sql.raw('org');

  it('holds only the catalogue scope, over every row', () => {
    expect([...principalScopes(ANONYMOUS)]).toEqual(['catalogue:read']);
    expect(anonymous.holds('catalogue:read')).toBe(true);
    expect(render(anonymous.rowsWith('catalogue:read', marker)).sql).toBe('true');
    expect(anonymous.holdsOver('catalogue:read', () => false)).toBe(true);
    expect(anonymous.organizationsWith('catalogue:read')).toBe('ALL');
  });

  it('holds nothing else: no person, no self scope, no organization', () => {
    expect(anonymous.personId).toBeNull();
    for (const scope of ['person:read', 'pii:read', 'org:read', 'journal:read'] as const) {
      expect(anonymous.holds(scope)).toBe(false);
      expect(render(anonymous.rowsWith(scope, marker, () => sql.raw('own'))).sql).toBe('false');
      expect(render(anonymous.organizationPredicate(column, scope)).sql).toBe('false');
    }
  });

  it('is held by a signed-in person through any role', () => {
    expect(principalScopes(person(teacherOf5a)).has('catalogue:read')).toBe(true);
    expect(new PolicyBase(person(parentOf3b)).holds('catalogue:read')).toBe(true);
  });
});

describe('anyOf and foundInScope', () => {
  it('joins predicates with OR and answers false for none', () => {
    expect(render(anyOf([sql.raw('a'), sql.raw('b')])).sql).toBe('(a or b)');
    expect(render(anyOf([])).sql).toBe('false');
  });

  it('answers a missing or out-of-scope row with NOT_FOUND, the same for both', async () => {
    await expect(foundInScope(Promise.resolve({ id: 'x' }), 'Класс')).resolves.toEqual({ id: 'x' });
    const refusal = await foundInScope(Promise.resolve(null), 'Класс').catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(AppError);
    expect((refusal as AppError).extensions['code']).toBe('NOT_FOUND');
  });
});

describe('PolicyBase.grantReaching: which grant reaches the row (the personal-data access log)', () => {
  it('names the first grant carrying the scope that reaches the row, then the self rule, else null', () => {
    // A class teacher who is also a parent: her class and her child are different grants.
    const policy = new PolicyBase(person(teacherOf5a, parentOf3b));
    const which = policy.grantReaching('journal:read', marker, self);
    expect(render(which).sql).toBe('(case when reach_5a then 0 when reach_child-3b then 1 end)');
    expect(policy.grantAt('journal:read', 1)).toBe(parentOf3b);
    expect(render(policy.grantReaching('pii:read', marker, self))).toEqual({
      sql: '(case when reach_child-3b then 0 when id = $1 then -1 end)',
      params: ['me'],
    });
    expect(policy.grantAt('pii:read', -1)).toBe('SELF');
    expect(policy.grantAt('pii:read', null)).toBeNull();
  });

  it('is null for a principal holding the scope nowhere', () => {
    const policy = new PolicyBase({ kind: 'SERVICE', serviceId: 'mis', grants: [] });
    expect(render(policy.grantReaching('pii:read', marker, self)).sql).toBe('null::int');
  });
});
