/**
 * The contract every subgraph keeps (STYLE.md, Tests): it serves its SDL through `_service`, resolves each
 * of its `@key` entities through `_entities`, and refuses any request without the gateway's internal token.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateInternalKeyPair, internalTokenSigner, type InternalTokenSigner, type Principal } from '@region/kit';
import { SUBGRAPHS, type Registry } from '@region/schema';
import { startPlatform, type Platform, type PlatformOptions } from './platform.ts';

export interface ContractTarget {
  url: string;
  sign: InternalTokenSigner;
  /** A principal allowed to read the sample entities. */
  principal: Principal;
  /** One existing id per entity type the subgraph owns. */
  entities: { typename: string; id: string }[];
  stop(): Promise<void>;
}

async function post(url: string, body: unknown, token?: string) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as { data?: any; errors?: any[] } };
}

export function subgraphContract(name: string, start: () => Promise<ContractTarget>): void {
  describe(`${name} subgraph contract`, () => {
    let target: ContractTarget;
    beforeAll(async () => {
      target = await start();
    });
    afterAll(async () => {
      await target?.stop();
    });

    it('refuses a request without the internal token with 401', async () => {
      const result = await post(target.url, { query: '{ __typename }' });
      expect(result.status).toBe(401);
      expect(result.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    });

    it('refuses a token that is not a JWT', async () => {
      expect((await post(target.url, { query: '{ __typename }' }, 'garbage')).status).toBe(401);
    });

    it('refuses an internal token signed by another key', async () => {
      const stranger = await internalTokenSigner((await generateInternalKeyPair()).privateJwk);
      expect((await post(target.url, { query: '{ __typename }' }, await stranger(target.principal))).status).toBe(401);
    });

    it('serves its SDL through _service', async () => {
      const result = await post(target.url, { query: '{ _service { sdl } }' }, await target.sign(target.principal));
      expect(result.status).toBe(200);
      expect(result.body.data?._service.sdl).toContain('@key');
    });

    it('resolves every @key entity through _entities', async () => {
      const token = await target.sign(target.principal);
      for (const entity of target.entities) {
        const result = await post(
          target.url,
          {
            query: `query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on ${entity.typename} { id } } }`,
            variables: { representations: [{ __typename: entity.typename, id: entity.id }] },
          },
          token,
        );
        expect(result.body.errors, entity.typename).toBeUndefined();
        expect(result.body.data?._entities[0]?.id, entity.typename).toBe(entity.id);
      }
    });
  });
}

/** A regional operator reads every owned entity of every subgraph. */
const OPERATOR: Principal = {
  kind: 'PERSON',
  personId: '00000000-0000-7000-8000-000000000000',
  grants: [{ role: 'REGIONAL_OPERATOR', territory: { kind: 'REGION' } }],
};

/**
 * The contract for every subgraph of a registry (issue 10 §2), over one platform: a subgraph added to the
 * registry is checked without a test file of its own. Its entities and their sample rows are the entry's.
 */
export function registryContract(registry: Registry = SUBGRAPHS, options: PlatformOptions = {}): () => Platform {
  let platform: Platform;
  beforeAll(async () => {
    platform = await startPlatform({ ...options, registry });
  });
  afterAll(async () => {
    await platform?.stop();
  });
  for (const entry of registry) {
    subgraphContract(entry.name, async () => {
      const entities: ContractTarget['entities'] = [];
      for (const entity of entry.entities) {
        const [row] = await platform.admin.sql.unsafe<{ id: string }[]>(entity.sample);
        if (!row) throw new Error(`${entry.name}: no sample row for ${entity.typename}`);
        entities.push({ typename: entity.typename, id: row.id });
      }
      return {
        url: platform.subgraphUrls[entry.name]!,
        sign: platform.signInternal,
        principal: OPERATOR,
        entities,
        stop: async () => {},
      };
    });
  }
  /** The platform the suite runs on, for a file's own tests after it started. */
  return () => platform;
}
