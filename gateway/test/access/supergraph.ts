/**
 * Two small subgraphs marked with `@access` the way the platform's subgraphs are, composed for real, so the
 * tests read scopes from the same supergraph SDL the gateway gets.
 */
import { composeServices } from '@apollo/composition';
import { parse, type GraphQLSchema } from 'graphql';

const ACCESS_HEADER = `
  extend schema
    @link(url: "https://specs.apollo.dev/federation/v2.9", import: ["@key", "@shareable", "@composeDirective"])
    @link(url: "https://specs.region.edu/access/v1.0", import: ["@access"])
    @composeDirective(name: "@access")

  directive @access(scopes: [[String!]!]!) on FIELD_DEFINITION | OBJECT | INTERFACE | SCALAR | ENUM
`;

export const PEOPLE_SDL = `${ACCESS_HEADER}
  type Query {
    persons: [Person!]!
    person(id: ID!): Person
    party(id: ID!): Party
  }

  """Участник: лицо или организация"""
  interface Party {
    id: ID!
    phone: String
  }

  type Person implements Party @key(fields: "id") {
    id: ID!
    lastName: String!
    snils: String @access(scopes: [["pii:read"]])
    birthDate: String @access(scopes: [["pii:read"]])
    phone: String @access(scopes: [["contacts:read"], ["pii:read"]])
    citizenship: String! @access(scopes: [["pii:read"]])
    document: IdentityDocument
    guardians: [Person!]!
  }

  """Документ, удостоверяющий личность"""
  type IdentityDocument @access(scopes: [["pii:read", "person:read"]]) {
    series: String!
    number: String!
  }

  type Organization implements Party @key(fields: "id") {
    id: ID!
    name: String!
    phone: String
  }
`;

export const EDUCATION_SDL = `${ACCESS_HEADER}
  type Person @key(fields: "id") {
    id: ID!
    className: String
    healthGroup: String @access(scopes: [["pii:read"]])
    disabilityGroup: DisabilityGroup
  }

  """Группа инвалидности"""
  enum DisabilityGroup @access(scopes: [["pii:read"]]) {
    FIRST
    SECOND
    THIRD
  }
`;

export interface ComposedSupergraph {
  supergraphSdl: string;
  /** What `ApolloGateway` serves: the supergraph without federation's machinery. */
  apiSchema: GraphQLSchema;
}

export function composeSupergraph(urls = { people: 'http://people.invalid', education: 'http://education.invalid' }) {
  const composed = composeServices([
    { name: 'people', url: urls.people, typeDefs: parse(PEOPLE_SDL) },
    { name: 'education', url: urls.education, typeDefs: parse(EDUCATION_SDL) },
  ]);
  if (composed.errors) throw new Error(composed.errors.map((e) => e.message).join('\n'));
  return {
    supergraphSdl: composed.supergraphSdl,
    apiSchema: composed.schema.toAPISchema().toGraphQLJSSchema(),
  } satisfies ComposedSupergraph;
}
