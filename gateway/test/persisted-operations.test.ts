/**
 * The persisted-operations plugin alone (issue 14 §1), over a one-field schema: what a service account with a
 * manifest may send, that persons and accounts without a manifest are not affected, and that the gateway refuses
 * (fails closed) when people cannot tell it the manifest. The lookup's cache: one question per TTL, the operations
 * fetched once per version.
 */
import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import type { Principal } from '@region/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { persistedOperations, persistedOperationsAllowList } from '../src/persisted-operations.ts';

const ALLOWED = 'query Hello { hello }';
const OTHER = '{ secret }';
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const SERVICE: Principal = { kind: 'SERVICE', serviceId: '01900000-0000-7000-8000-000000000001', grants: [] };
const PERSON: Principal = { kind: 'PERSON', personId: '01900000-0000-7000-8000-000000000002', grants: [] };

type List = Awaited<ReturnType<ReturnType<typeof persistedOperationsAllowList>>>;
const manifest: List = { version: 1, operations: new Map([[sha256(ALLOWED), ALLOWED]]), checkedAt: 0 };

function server(allowList: (serviceId: string) => Promise<List>, requireManifest = false) {
  return new ApolloServer<{ principal: Principal }>({
    typeDefs: 'type Query { hello: String, secret: String }',
    resolvers: { Query: { hello: () => 'hi', secret: () => 'secret' } },
    plugins: [persistedOperations(allowList, { requireManifest })],
  });
}

async function run(
  apollo: ApolloServer<{ principal: Principal }>,
  principal: Principal,
  request: { query?: string; hash?: string },
) {
  const response = await apollo.executeOperation(
    {
      query: request.query,
      extensions: request.hash ? { persistedQuery: { version: 1, sha256Hash: request.hash } } : undefined,
    },
    { contextValue: { principal } },
  );
  if (response.body.kind !== 'single') throw new Error('incremental answer');
  return { status: response.http.status, ...response.body.singleResult };
}

describe('the persisted-operations plugin', () => {
  const apollo = server(async () => manifest);
  beforeAll(() => apollo.start());
  afterAll(() => apollo.stop());

  it('runs a manifest operation by hash and by text', async () => {
    expect((await run(apollo, SERVICE, { hash: sha256(ALLOWED) })).data).toEqual({ hello: 'hi' });
    expect((await run(apollo, SERVICE, { query: ALLOWED })).data).toEqual({ hello: 'hi' });
  });

  it('refuses other text, an unknown hash and a hash that does not match the text, with 403', async () => {
    for (const request of [{ query: OTHER }, { hash: sha256(OTHER) }, { query: OTHER, hash: sha256(ALLOWED) }]) {
      const answer = await run(apollo, SERVICE, request);
      expect(answer.errors?.[0]?.extensions?.['code']).toBe('PERSISTED_QUERY_NOT_ALLOWED');
      expect(answer.status).toBe(403);
      expect(answer.data).toBeUndefined();
    }
  });

  it('leaves persons alone', async () => {
    expect((await run(apollo, PERSON, { query: OTHER })).data).toEqual({ secret: 'secret' });
  });

  it('leaves an account without an active manifest under its scopes', async () => {
    const open = server(async () => ({ version: null, operations: null, checkedAt: 0 }));
    await open.start();
    expect((await run(open, SERVICE, { query: OTHER })).data).toEqual({ secret: 'secret' });
    await open.stop();
  });

  it('refuses every operation of an account without a manifest when one is required (REQUIRE_SERVICE_MANIFEST)', async () => {
    const closed = server(async () => ({ version: null, operations: null, checkedAt: 0 }), true);
    await closed.start();
    for (const query of [OTHER, ALLOWED]) {
      const answer = await run(closed, SERVICE, { query });
      expect(answer.errors?.[0]?.extensions?.['code']).toBe('PERSISTED_QUERY_NOT_ALLOWED');
      expect(answer.status).toBe(403);
      expect(answer.data).toBeUndefined();
    }
    expect((await run(closed, PERSON, { query: OTHER })).data).toEqual({ secret: 'secret' });
    await closed.stop();
  });

  it('fails closed when people cannot tell the manifest: SUBGRAPH_UNAVAILABLE, 503', async () => {
    const down = server(async () => {
      throw new Error('connect ECONNREFUSED');
    });
    await down.start();
    const answer = await run(down, SERVICE, { query: ALLOWED });
    expect(answer.errors?.[0]?.extensions).toMatchObject({ code: 'SUBGRAPH_UNAVAILABLE', service: 'people' });
    expect(answer.status).toBe(503);
    await down.stop();
  });
});

describe('the allow-list lookup', () => {
  const asked: { knownVersion: number | null }[] = [];
  let version = 1;
  const people = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      const { variables } = JSON.parse(body) as { variables: { knownVersion: number | null } };
      asked.push({ knownVersion: variables.knownVersion });
      const operations = variables.knownVersion === version ? null : [{ id: sha256(ALLOWED), body: ALLOWED }];
      response.setHeader('content-type', 'application/json');
      response.end(JSON.stringify({ data: { _serviceOperations: { version, operations } } }));
    });
  });
  let url = '';
  beforeAll(async () => {
    await new Promise<void>((resolve) => people.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(people.address() as AddressInfo).port}/graphql`;
  });
  afterAll(() => new Promise<void>((resolve) => people.close(() => resolve())));

  it('asks once per TTL, fetches the operations once per version, and shares a lookup in flight', async () => {
    let clock = 0;
    const lookup = persistedOperationsAllowList({
      peopleUrl: url,
      sign: async () => 'token',
      ttlMs: 1000,
      now: () => clock,
    });
    const [first, second] = await Promise.all([lookup(SERVICE.serviceId), lookup(SERVICE.serviceId)]);
    expect(first).toBe(second);
    expect(asked).toEqual([{ knownVersion: null }]);
    await lookup(SERVICE.serviceId);
    expect(asked).toHaveLength(1);
    clock = 1500;
    const again = await lookup(SERVICE.serviceId);
    expect(asked.at(-1)).toEqual({ knownVersion: 1 });
    expect(again.operations?.get(sha256(ALLOWED))).toBe(ALLOWED);
    version = 2;
    clock = 3000;
    expect((await lookup(SERVICE.serviceId)).version).toBe(2);
  });
});
