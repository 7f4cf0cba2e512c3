/**
 * Contract (issue 9 §2, DESIGN.md "Consent everywhere"): every field of a personal-data kind, in every
 * subgraph of the supergraph, carries `@access` with a scope that guards its kind — so a subgraph that adds
 * a copy of a child's name, birth date, document or address cannot ship it open to every principal.
 */
import { describe, expect, it } from 'vitest';
import { personalDataFieldsWithoutAccess, SUBGRAPHS, subgraphSdl } from '../src/index.ts';

describe('personal data carries @access in every subgraph', () => {
  it.each(SUBGRAPHS.map((subgraph) => subgraph.name))('%s', (name) => {
    expect(personalDataFieldsWithoutAccess(subgraphSdl(name)).map((violation) => violation.message)).toEqual([]);
  });
});

describe('the check itself', () => {
  const sdl = (field: string, typeDirective = '') => `type Card ${typeDirective} { id: ID! ${field} }`;

  it.each([
    ['a birth date', 'childBirthDate: String'],
    ['a name', 'applicantName: String'],
    ['a SNILS', 'snils: String'],
    ['a document by its type', 'paper: IdentityDocument'],
    ['an address', 'residenceAddress: String'],
    ['a phone', 'phone: String'],
    ['an e-mail', 'email: String'],
    ['a birth date under a scope that does not guard it', 'birthDate: String @access(scopes: [["org:read"]])'],
    ['one alternative that lets it out', 'birthDate: String @access(scopes: [["pii:read"], ["org:read"]])'],
    // Issue 11: the anonymous scope never opens personal data, alone or as an alternative.
    ['a name open to anonymous callers', 'lastName: String @access(scopes: [["person:read"], ["catalogue:read"]])'],
    ['a phone marked public', 'phone: String @access(scopes: [[]])'],
  ])('flags %s without a guarding @access', (_, field) => {
    expect(personalDataFieldsWithoutAccess(sdl(field))).toHaveLength(1);
  });

  it.each([
    ['a guarded birth date', 'birthDate: String @access(scopes: [["pii:read"]])'],
    ['a name under person:read', 'lastName: String @access(scopes: [["person:read"]])'],
    [
      'a phone under contacts:read with another scope',
      'phone: String @access(scopes: [["contacts:read", "org:read"]])',
    ],
    ['a field owned by another subgraph', 'birthDate: String @external'],
    ['a field that is not personal data', 'statusName: String'],
  ])('accepts %s', (_, field) => {
    expect(personalDataFieldsWithoutAccess(sdl(field))).toEqual([]);
  });

  it('accepts a field of a type that carries @access, and an organization’s public address', () => {
    expect(personalDataFieldsWithoutAccess(sdl('birthDate: String', '@access(scopes: [["pii:read"]])'))).toEqual([]);
    expect(personalDataFieldsWithoutAccess('type Organization { id: ID! address: String }')).toEqual([]);
  });
});
