import { describe, expect, it } from 'vitest';
import { readFieldScopes } from '../../src/access/index.ts';
import { composeSupergraph } from './supergraph.ts';

describe('readFieldScopes', () => {
  const { supergraphSdl } = composeSupergraph();
  const scopes = readFieldScopes(supergraphSdl);

  it('finds @access in the composed supergraph SDL, where composition keeps it', () => {
    expect(supergraphSdl).toContain('snils: String @join__field(graph: PEOPLE) @access(scopes: [["pii:read"]])');
    expect(supergraphSdl).toContain('@link(url: "https://specs.region.edu/access/v1.0", import: ["@access"])');
  });

  it('reads field-level scopes with their OR and AND lists as written', () => {
    expect(scopes.get('Person.snils')).toEqual([['pii:read']]);
    expect(scopes.get('Person.phone')).toEqual([['contacts:read'], ['pii:read']]);
  });

  it('reads the fields a second subgraph adds to an entity', () => {
    expect(scopes.get('Person.healthGroup')).toEqual([['pii:read']]);
  });

  it('guards every field returning a guarded object or enum, and the guarded object’s own fields', () => {
    expect(scopes.get('Person.document')).toEqual([['pii:read', 'person:read']]);
    expect(scopes.get('IdentityDocument.number')).toEqual([['pii:read', 'person:read']]);
    expect(scopes.get('Person.disabilityGroup')).toEqual([['pii:read']]);
  });

  it('makes an interface field require what each implementation requires', () => {
    expect(scopes.get('Party.phone')).toEqual([['contacts:read'], ['pii:read']]);
    expect(scopes.has('Organization.phone')).toBe(false);
  });

  it('leaves unmarked fields open', () => {
    expect(scopes.has('Person.lastName')).toBe(false);
    expect(scopes.has('Query.persons')).toBe(false);
  });

  it('follows a renamed import of the directive', () => {
    const sdl = `
      schema @link(url: "https://specs.region.edu/access/v1.0", import: [{ name: "@access", as: "@scoped" }]) {
        query: Query
      }
      type Query { secret: String @scoped(scopes: [["audit:read"]]) other: String @access(scopes: [["x"]]) }
    `;
    expect(readFieldScopes(sdl)).toEqual(new Map([['Query.secret', [['audit:read']]]]));
  });

  it('combines a field’s own scopes with its type’s as AND', () => {
    const sdl = `
      type Query { record: Record @access(scopes: [["a"], ["b"]]) }
      type Record @access(scopes: [["c"]]) { id: ID }
    `;
    expect(readFieldScopes(sdl).get('Query.record')).toEqual([
      ['a', 'c'],
      ['b', 'c'],
    ]);
  });
});
