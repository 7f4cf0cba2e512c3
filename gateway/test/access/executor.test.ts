/**
 * What the wrapped gateway executor receives: the filtered operation, with the text and hash its
 * query-plan cache is keyed by.
 */
import { createHash } from 'node:crypto';
import { execute, getOperationAST, parse, print, type DocumentNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { readFieldScopes, withFieldScopes, type GatewayRequestContext } from '../../src/access/index.ts';
import { composeSupergraph } from './supergraph.ts';

const { supergraphSdl, apiSchema } = composeSupergraph();
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const ivanova = { id: 'p1', lastName: 'Иванова', snils: '087-654-303 00', phone: '+7 900 000-00-01' };
const rootValue = { persons: [ivanova] };

/** The fields of Apollo Server's request context the gateway's executor reads. */
function requestContext(source: string, scopes: readonly string[]): GatewayRequestContext {
  const document = parse(source);
  const context = {
    request: { query: source, operationName: 'Pupils' },
    document,
    source,
    queryHash: sha256(source),
    operationName: 'Pupils',
    operation: getOperationAST(document, 'Pupils'),
    context: { scopes: new Set(scopes) },
    metrics: {},
  };
  return context as unknown as GatewayRequestContext;
}

function setUp() {
  const seen: GatewayRequestContext[] = [];
  const executor = withFieldScopes(
    async (context) => {
      seen.push(context);
      return execute({ schema: apiSchema, document: context.document as DocumentNode, rootValue }) as never;
    },
    {
      fieldScopes: readFieldScopes(supergraphSdl),
      apiSchema: () => apiSchema,
      scopesOf: (context) => (context.context as { scopes: ReadonlySet<string> }).scopes,
    },
  );
  return { executor, seen };
}

const QUERY = 'query Pupils { persons { lastName snils phone } }';

describe('withFieldScopes', () => {
  it('passes the request through untouched when the principal may read every field', async () => {
    const { executor, seen } = setUp();
    const original = requestContext(QUERY, ['pii:read']);
    const result = await executor(original);
    expect(seen[0]).toBe(original);
    expect(result).toEqual({
      data: { persons: [{ lastName: 'Иванова', snils: '087-654-303 00', phone: '+7 900 000-00-01' }] },
    });
  });

  it('plans the filtered operation under a hash of its own text, sharing the rest of the request', async () => {
    const { executor, seen } = setUp();
    const original = requestContext(QUERY, ['contacts:read']);
    const result = await executor(original);
    const filtered = seen[0];
    if (!filtered) throw new Error('the executor was not called');

    expect(filtered.source).not.toContain('snils');
    expect(filtered.source).toBe(print(filtered.document));
    expect(filtered.queryHash).toBe(sha256(filtered.source));
    expect(filtered.operation).toBe(getOperationAST(filtered.document, 'Pupils'));
    expect(filtered.metrics).toBe(original.metrics);
    expect(filtered.context).toBe(original.context);
    expect(result.data).toEqual({ persons: [{ lastName: 'Иванова', snils: null, phone: '+7 900 000-00-01' }] });
    expect(result.errors?.map((e) => e.path)).toEqual([['persons', 0, 'snils']]);
  });

  it('keys plans by the effective field set: equal sets share a plan, different sets do not', async () => {
    const { executor, seen } = setUp();
    await executor(requestContext(QUERY, ['person:read']));
    await executor(requestContext(QUERY, ['org:read']));
    await executor(requestContext(QUERY, ['contacts:read']));
    const [teacher, analyst, classTeacher] = seen.map((context) => context.queryHash);
    expect(teacher).toBe(analyst);
    expect(classTeacher).not.toBe(teacher);
    expect(teacher).not.toBe(sha256(QUERY));
  });
});
