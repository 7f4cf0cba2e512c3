/**
 * End to end over HTTP: two real subgraphs behind a real `ApolloGateway`, wrapped as the platform gateway
 * wraps it. The principal's scopes come from a test header; in the platform they come from the principal.
 */
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer, type BaseContext } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { startStandaloneServer } from '@apollo/server/standalone';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { gatewayWithFieldScopes } from '../../src/access/index.ts';
import { EDUCATION_SDL, PEOPLE_SDL, composeSupergraph } from './supergraph.ts';

const SCOPES_HEADER = 'x-test-scopes';

const persons = [
  { id: 'p1', lastName: 'Иванова', snils: '087-654-303 00' },
  { id: 'p2', lastName: 'Петров', snils: '112-233-445 95' },
];

/** What each subgraph was asked: the operations it received and the guarded fields it resolved. */
const seen = { peopleOperations: [] as string[], educationOperations: [] as string[], snilsReads: 0, healthReads: 0 };

const servers: ApolloServer[] = [];
let gatewayUrl = '';

async function listen(server: ApolloServer): Promise<string> {
  servers.push(server);
  const { url } = await startStandaloneServer(server, { listen: { port: 0 } });
  return url;
}

function people() {
  return new ApolloServer({
    schema: buildSubgraphSchema([
      {
        typeDefs: parse(PEOPLE_SDL),
        resolvers: {
          Query: { persons: () => persons },
          Person: {
            __resolveReference: (ref: { id: string }) => persons.find((p) => p.id === ref.id),
            snils: (person: { snils: string }) => {
              seen.snilsReads += 1;
              return person.snils;
            },
          },
        },
      },
    ]),
    plugins: [
      ApolloServerPluginInlineTraceDisabled(),
      { requestDidStart: async ({ request }) => void seen.peopleOperations.push(request.query ?? '') },
    ],
  });
}

function education() {
  return new ApolloServer({
    schema: buildSubgraphSchema([
      {
        typeDefs: parse(EDUCATION_SDL),
        resolvers: {
          Person: {
            __resolveReference: (ref: { id: string }) => ({ id: ref.id, className: '5А', healthGroup: 'II' }),
            healthGroup: (person: { healthGroup: string }) => {
              seen.healthReads += 1;
              return person.healthGroup;
            },
          },
        },
      },
    ]),
    plugins: [
      ApolloServerPluginInlineTraceDisabled(),
      { requestDidStart: async ({ request }) => void seen.educationOperations.push(request.query ?? '') },
    ],
  });
}

beforeAll(async () => {
  // The gateway otherwise starts exporting usage metrics to Apollo's servers.
  vi.stubEnv('APOLLO_TELEMETRY_DISABLED', 'true');
  const { supergraphSdl } = composeSupergraph({ people: await listen(people()), education: await listen(education()) });
  const gateway = gatewayWithFieldScopes(new ApolloGateway({ supergraphSdl }), {
    scopesOf: (requestContext) => new Set(requestContext.request.http?.headers.get(SCOPES_HEADER)?.split(',') ?? []),
  });
  gatewayUrl = await listen(new ApolloServer<BaseContext>({ gateway, includeStacktraceInErrorResponses: false }));
});

afterAll(async () => {
  for (const server of servers.reverse()) await server.stop();
  vi.unstubAllEnvs();
});

async function query(scopes: readonly string[], text: string) {
  const response = await fetch(gatewayUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [SCOPES_HEADER]: scopes.join(',') },
    body: JSON.stringify({ query: text }),
  });
  return (await response.json()) as { data?: unknown; errors?: unknown[] };
}

const PUPILS = 'query Pupils { persons { lastName snils className healthGroup } }';

describe('field scopes through a real gateway', () => {
  it('answers snils and healthGroup with null and FORBIDDEN, never asking a subgraph for them', async () => {
    const result = await query(['person:read'], PUPILS);

    expect(result.data).toEqual({
      persons: [
        { lastName: 'Иванова', snils: null, className: '5А', healthGroup: null },
        { lastName: 'Петров', snils: null, className: '5А', healthGroup: null },
      ],
    });
    const forbidden = (coordinate: string, path: unknown[]) => ({
      message: `Not authorized to read field "${coordinate}"`,
      path,
      extensions: { code: 'FORBIDDEN' },
    });
    expect(result.errors).toEqual([
      forbidden('Person.snils', ['persons', 0, 'snils']),
      forbidden('Person.healthGroup', ['persons', 0, 'healthGroup']),
      forbidden('Person.snils', ['persons', 1, 'snils']),
      forbidden('Person.healthGroup', ['persons', 1, 'healthGroup']),
    ]);
    expect(seen.peopleOperations.length).toBeGreaterThan(0);
    expect(seen.educationOperations.length).toBeGreaterThan(0);
    expect(seen.peopleOperations.join('\n')).not.toContain('snils');
    expect(seen.educationOperations.join('\n')).not.toContain('healthGroup');
    expect(seen.snilsReads).toBe(0);
    expect(seen.healthReads).toBe(0);
  });

  it('answers the same operation in full to a principal holding pii:read, with its own plan', async () => {
    const result = await query(['person:read', 'pii:read'], PUPILS);

    expect(result).toEqual({
      data: {
        persons: [
          { lastName: 'Иванова', snils: '087-654-303 00', className: '5А', healthGroup: 'II' },
          { lastName: 'Петров', snils: '112-233-445 95', className: '5А', healthGroup: 'II' },
        ],
      },
    });
    expect(seen.snilsReads).toBe(2);
    expect(seen.healthReads).toBe(2);
  });
});
