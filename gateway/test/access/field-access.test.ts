/**
 * What a client sees: the operation is filtered, executed against the API schema with data that *does*
 * hold every guarded value (so a value that comes back proves a field was not removed), then restored.
 */
import { execute, parse, print, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { TooManyRemovedFields, filterDocument, readFieldScopes, restoreResult } from '../../src/access/index.ts';
import { composeSupergraph } from './supergraph.ts';

const { supergraphSdl, apiSchema } = composeSupergraph();
const fieldScopes = readFieldScopes(supergraphSdl);

const petrov = {
  __typename: 'Person',
  id: 'p2',
  lastName: 'Петров',
  snils: '112-233-445 95',
  phone: '+7 900 000-00-02',
  citizenship: 'RU',
  guardians: [],
};
const ivanova = {
  __typename: 'Person',
  id: 'p1',
  lastName: 'Иванова',
  snils: '087-654-303 00',
  birthDate: '2012-03-04',
  phone: '+7 900 000-00-01',
  citizenship: 'RU',
  document: { series: '4510', number: '123456' },
  className: '5А',
  healthGroup: 'II',
  guardians: [petrov],
};
const school = { __typename: 'Organization', id: 'o1', name: 'Школа № 1', phone: '+7 800 000-00-00' };
const byId = new Map<string, object>([ivanova, petrov, school].map((row) => [row.id, row]));
const rootValue = {
  persons: [ivanova, petrov],
  person: ({ id }: { id: string }) => byId.get(id) ?? null,
  party: ({ id }: { id: string }) => byId.get(id) ?? null,
};

function run(query: string, held: readonly string[], variableValues: Record<string, unknown> = {}) {
  const filtered = filterDocument(apiSchema, parse(query), undefined, fieldScopes, new Set(held));
  // The gateway plans the filtered document as it is, so it must stay a valid operation.
  expect(validate(apiSchema, filtered.document)).toEqual([]);
  const executed = execute({ schema: apiSchema, document: filtered.document, rootValue, variableValues });
  if ('then' in executed) throw new Error('execution is synchronous here');
  const result = restoreResult(executed, filtered.removed);
  return {
    data: result.data,
    errors: (result.errors ?? []).map((e) => ({ message: e.message, path: e.path, code: e.extensions.code })),
    printed: print(filtered.document),
  };
}

const forbidden = (coordinate: string, path: readonly (string | number)[]) => ({
  message: `Not authorized to read field "${coordinate}"`,
  path,
  code: 'FORBIDDEN',
});

describe('field scopes at the gateway', () => {
  it('answers snils to a principal holding pii:read, with no error', () => {
    const result = run('{ person(id: "p1") { lastName snils } }', ['pii:read']);
    expect(result.data).toEqual({ person: { lastName: 'Иванова', snils: '087-654-303 00' } });
    expect(result.errors).toEqual([]);
  });

  it('leaves the document untouched when nothing is removed', () => {
    const document = parse('{ persons { lastName snils } }');
    const filtered = filterDocument(apiSchema, document, undefined, fieldScopes, new Set(['pii:read']));
    expect(filtered.document).toBe(document);
    expect(filtered.removed).toEqual([]);
  });

  it('answers snils with null and FORBIDDEN to a principal without pii:read, never asking for it', () => {
    const result = run('{ person(id: "p1") { lastName snils } }', ['person:read']);
    expect(result.printed).not.toContain('snils');
    expect(result.data).toEqual({ person: { lastName: 'Иванова', snils: null } });
    expect(result.errors).toEqual([forbidden('Person.snils', ['person', 'snils'])]);
  });

  it('gives phone to contacts:read or to pii:read, and to neither of the others (OR)', () => {
    const query = '{ person(id: "p1") { phone } }';
    expect(run(query, ['contacts:read']).data).toEqual({ person: { phone: '+7 900 000-00-01' } });
    expect(run(query, ['pii:read']).data).toEqual({ person: { phone: '+7 900 000-00-01' } });
    const refused = run(query, ['person:read', 'org:read']);
    expect(refused.data).toEqual({ person: { phone: null } });
    expect(refused.errors).toEqual([forbidden('Person.phone', ['person', 'phone'])]);
  });

  it('gives the identity document only to a principal holding both pii:read and person:read (AND)', () => {
    const query = '{ person(id: "p1") { document { series number } } }';
    expect(run(query, ['pii:read', 'person:read']).data).toEqual({
      person: { document: { series: '4510', number: '123456' } },
    });
    const refused = run(query, ['pii:read']);
    expect(refused.data).toEqual({ person: { document: null } });
    expect(refused.errors).toEqual([forbidden('Person.document', ['person', 'document'])]);
  });

  it('refuses a field a second subgraph adds to Person, and a field returning a guarded enum', () => {
    const result = run('{ person(id: "p1") { className healthGroup disabilityGroup } }', ['person:read']);
    expect(result.data).toEqual({ person: { className: '5А', healthGroup: null, disabilityGroup: null } });
    expect(result.errors).toEqual([
      forbidden('Person.healthGroup', ['person', 'healthGroup']),
      forbidden('Person.disabilityGroup', ['person', 'disabilityGroup']),
    ]);
  });

  it('answers every element of a list, with its index in the error path', () => {
    const result = run('{ persons { lastName snils guardians { snils } } }', ['person:read']);
    expect(result.data).toEqual({
      persons: [
        { lastName: 'Иванова', snils: null, guardians: [{ snils: null }] },
        { lastName: 'Петров', snils: null, guardians: [] },
      ],
    });
    expect(result.errors).toEqual([
      forbidden('Person.snils', ['persons', 0, 'snils']),
      forbidden('Person.snils', ['persons', 0, 'guardians', 0, 'snils']),
      forbidden('Person.snils', ['persons', 1, 'snils']),
    ]);
  });

  it('answers under the client’s aliases, in the order the client asked', () => {
    const result = run('{ pupils: persons { number: snils surname: lastName } }', ['person:read']);
    expect(result.data).toEqual({
      pupils: [
        { number: null, surname: 'Иванова' },
        { number: null, surname: 'Петров' },
      ],
    });
    expect(Object.keys((result.data?.pupils as object[])[0] ?? {})).toEqual(['number', 'surname']);
    expect(result.errors.map((e) => e.path)).toEqual([
      ['pupils', 0, 'number'],
      ['pupils', 1, 'number'],
    ]);
  });

  it('removes fields inside named fragments at every place the fragment is spread', () => {
    const result = run(
      `query { person(id: "p1") { ...Card guardians { ...Card } } }
       fragment Card on Person { lastName birthDate }`,
      ['person:read'],
    );
    expect(result.data).toEqual({
      person: {
        lastName: 'Иванова',
        birthDate: null,
        guardians: [{ lastName: 'Петров', birthDate: null }],
      },
    });
    expect(result.errors).toEqual([
      forbidden('Person.birthDate', ['person', 'birthDate']),
      forbidden('Person.birthDate', ['person', 'guardians', 0, 'birthDate']),
    ]);
  });

  it('respects the type conditions of inline fragments on an abstract field', () => {
    const query = (id: string) => `{ party(id: "${id}") { id ... on Person { snils } ... on Organization { name } } }`;
    const person = run(query('p1'), ['person:read']);
    expect(person.data).toEqual({ party: { id: 'p1', snils: null } });
    expect(person.errors).toEqual([forbidden('Person.snils', ['party', 'snils'])]);

    const organization = run(query('o1'), ['person:read']);
    expect(organization.data).toEqual({ party: { id: 'o1', name: 'Школа № 1' } });
    expect(organization.errors).toEqual([]);
  });

  it('refuses an interface field whose implementation is guarded, whatever stands behind it', () => {
    const refused = run('{ party(id: "o1") { phone } }', ['person:read']);
    expect(refused.data).toEqual({ party: { phone: null } });
    expect(refused.errors).toEqual([forbidden('Party.phone', ['party', 'phone'])]);
    expect(run('{ party(id: "p1") { phone } }', ['contacts:read']).data).toEqual({
      party: { phone: '+7 900 000-00-01' },
    });
  });

  it('keeps a selection set valid when every field in it is removed, and strips the placeholder', () => {
    const result = run('{ person(id: "p1") { snils birthDate } }', ['person:read']);
    expect(result.printed).toMatch(
      /person\(id: "p1"\) \{\s+__access_removed_0: __typename\s+__access_removed_1: __typename\s+\}/,
    );
    expect(result.data).toEqual({ person: { snils: null, birthDate: null } });
    expect(result.errors).toHaveLength(2);
  });

  it('skips objects that are null: nothing to answer, nothing to report', () => {
    const result = run('{ person(id: "nobody") { snils } }', ['person:read']);
    expect(result.data).toEqual({ person: null });
    expect(result.errors).toEqual([]);
  });

  it('propagates the null of a refused non-null field to the nearest nullable parent', () => {
    const result = run('{ person(id: "p1") { lastName citizenship } }', ['person:read']);
    expect(result.data).toEqual({ person: null });
    expect(result.errors).toEqual([forbidden('Person.citizenship', ['person', 'citizenship'])]);
  });

  it('reports a field selected several times on one object once', () => {
    const result = run(
      `{ person(id: "p1") { snils ...Card ... on Person { snils } } }
       fragment Card on Person { snils }`,
      ['person:read'],
    );
    expect(result.data).toEqual({ person: { snils: null } });
    expect(result.errors).toEqual([forbidden('Person.snils', ['person', 'snils'])]);
  });

  it('honours @include on a refused field: not asked for, not reported', () => {
    const query = `query ($withSnils: Boolean!) {
      person(id: "p1") { lastName snils @include(if: $withSnils) }
    }`;
    const skipped = run(query, ['person:read'], { withSnils: false });
    expect(skipped.data).toEqual({ person: { lastName: 'Иванова' } });
    expect(skipped.errors).toEqual([]);
    expect(run(query, ['person:read'], { withSnils: true }).errors).toHaveLength(1);
  });

  it('does not confuse a client alias with its own placeholders', () => {
    const result = run('{ person(id: "p1") { __access_removed_0: lastName snils } }', ['person:read']);
    expect(result.data).toEqual({ person: { __access_removed_0: 'Иванова', snils: null } });
    expect(result.errors).toEqual([forbidden('Person.snils', ['person', 'snils'])]);
  });

  it('drops a fragment used only under a removed field', () => {
    const result = run(
      `{ person(id: "p1") { lastName document { ...Doc } } }
       fragment Doc on IdentityDocument { number }`,
      ['pii:read'],
    );
    expect(result.printed).not.toContain('fragment Doc');
    expect(result.data).toEqual({ person: { lastName: 'Иванова', document: null } });
  });

  it('refuses an operation whose fragments multiply a refused field past the limit, without exhausting memory', () => {
    // Each level spreads the one below twice: 2^14 places for snils from a few lines of text.
    const levels = Array.from(
      { length: 14 },
      (_, i) => `fragment F${i + 1} on Person { a: guardians { ...F${i} } b: guardians { ...F${i} } }`,
    );
    const query = ['{ persons { ...F14 } }', 'fragment F0 on Person { snils }', ...levels].join('\n');
    const filter = (held: string[]) => filterDocument(apiSchema, parse(query), undefined, fieldScopes, new Set(held));
    expect(() => filter(['person:read'])).toThrow(TooManyRemovedFields);
    expect(filter(['pii:read']).removed).toEqual([]);
  });
});
