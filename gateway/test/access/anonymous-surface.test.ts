/**
 * What a caller without a token can select (issue 11), read from the committed supergraph as the gateway reads
 * it: only fields whose `@access` the anonymous scopes meet. No such field may be personal data or lead to a
 * person, and people's part of it is exactly the registry the navigator shows.
 */
import { readFileSync } from 'node:fs';
import { Supergraph } from '@apollo/federation-internals';
import { ANONYMOUS_SCOPES } from '@region/kit';
import { NOT_PERSONAL_DATA, PERSONAL_DATA_KINDS, SUPERGRAPH_PATH, satisfiesScopes } from '@region/schema';
import { getNamedType, isObjectType, isInterfaceType, parse, type GraphQLSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import { filterDocument, readFieldScopes } from '../../src/access/index.ts';

const sdl = readFileSync(SUPERGRAPH_PATH, 'utf8');
const schema: GraphQLSchema = Supergraph.build(sdl).apiSchema().toGraphQLJSSchema();
const fieldScopes = readFieldScopes(sdl);
const held = new Set<string>(ANONYMOUS_SCOPES);

/** Every `Type.field` of the API schema an anonymous caller may select, with the type it returns. */
function anonymousSurface(): Map<string, string> {
  const surface = new Map<string, string>();
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__') || !(isObjectType(type) || isInterfaceType(type))) continue;
    for (const field of Object.values(type.getFields())) {
      const required = fieldScopes.get(`${type.name}.${field.name}`);
      if (required && satisfiesScopes(held, required)) {
        surface.set(`${type.name}.${field.name}`, getNamedType(field.type).name);
      }
    }
  }
  return surface;
}

const PERSON_TYPES = new Set(['Person', 'Me', 'Consent', 'IdentityDocument', 'MovementEntry', 'Application']);

describe('the anonymous surface of the supergraph', () => {
  const surface = anonymousSurface();

  it('holds no personal-data field and no way to a person', () => {
    const isPersonalData = (coordinate: string, returned: string) =>
      !(coordinate in NOT_PERSONAL_DATA) &&
      PERSONAL_DATA_KINDS.some((kind) => kind.fields.test(coordinate.split('.')[1]!) || kind.types?.includes(returned));
    const personal = [...surface].filter(
      ([coordinate, returned]) => PERSON_TYPES.has(returned) || isPersonalData(coordinate, returned),
    );
    expect(personal).toEqual([]);
  });

  it('is, in people, the registry of organizations and municipalities', () => {
    const people = [...surface.keys()].filter((c) =>
      /^(Query|Organization|Municipality|OrganizationConnection|OrganizationEdge|PageInfo)\./.test(c),
    );
    expect(people.filter((c) => c.startsWith('Query.')).sort()).toEqual(
      expect.arrayContaining(['Query.municipalities', 'Query.organization', 'Query.organizations']),
    );
    expect(people.filter((c) => c.startsWith('Organization.')).sort()).toEqual([
      'Organization.address',
      'Organization.fullName',
      'Organization.id',
      'Organization.inn',
      'Organization.innValid',
      'Organization.municipality',
      'Organization.pfdoParticipant',
      // Extra-education's public catalogue of the organization (issue 11), not people's.
      'Organization.programmes',
      'Organization.shortName',
      'Organization.type',
    ]);
    expect(people.filter((c) => c.startsWith('Municipality.')).sort()).toEqual([
      'Municipality.id',
      'Municipality.name',
      'Municipality.oktmo',
    ]);
  });

  it('refuses through the filter what is off the surface, and keeps what is on it', () => {
    const filtered = (query: string) =>
      filterDocument(schema, parse(query), undefined, fieldScopes, held, 'closed').removed.map((f) => f.coordinate);
    expect(
      filtered('{ organizations { edges { node { id shortName municipality { name } } } pageInfo { hasNextPage } } }'),
    ).toEqual([]);
    expect(filtered('{ organizations { edges { node { id classes { id } } } } me { person { id } } }')).toEqual([
      'Organization.classes',
      'Query.me',
    ]);
    // For a signed-in principal an unguarded field stays open (its subgraph decides per row).
    expect(
      filterDocument(schema, parse('{ me { person { id } } }'), undefined, fieldScopes, new Set(), 'open').removed,
    ).toEqual([]);
  });
});
