/**
 * Each variant of an operation (the project gateway, the stock gateway, the subgraph called directly) is
 * measured only once it has answered the same data as the project gateway; volatile leaves (a cursor sealed
 * with a fresh nonce) are masked, and a variant that differs is left out with a note saying where.
 */
import { isDeepStrictEqual } from 'node:util';
import { findAccountByLogin } from '@region/db/demo/accounts';
import type { Principal } from '@region/kit';
import type { Caller, Operation } from './operations.ts';
import type { BenchPlatform } from './platform.ts';
import type { Target } from './report.ts';

/** Who each caller is to a subgraph: resolved as the gateway resolves it, for the direct variant. */
function oidOf(caller: Caller): string {
  if ('oid' in caller) return caller.oid;
  const account = findAccountByLogin(caller.login);
  if (!account) throw new Error(`No demo login ${caller.login}`);
  return account.oid;
}

export interface Prepared {
  operation: Operation;
  esiaToken: string;
  principal: Principal;
  targets: Target[];
  notes: string[];
}

export async function post(url: string, token: string, body: string): Promise<{ data?: unknown; errors?: unknown[] }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body,
  });
  return (await response.json()) as { data?: unknown; errors?: unknown[] };
}

/** Leaf paths where two answers of the same variant differ (a cursor is sealed with a fresh nonce each time). */
function volatilePaths(a: unknown, b: unknown, path = '', found = new Set<string>()): Set<string> {
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
      volatilePaths((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], `${path}.${key}`, found);
    }
  } else if (!isDeepStrictEqual(a, b)) found.add(path);
  return found;
}

function masked(value: unknown, volatile: Set<string>, path = ''): unknown {
  if (volatile.has(path)) return '(varies)';
  if (Array.isArray(value)) return value.map((item, index) => masked(item, volatile, `${path}.${index}`));
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, masked(item, volatile, `${path}.${key}`)]),
    );
  }
  return value;
}

/** Where two answers first differ, for the note that says why a variant was left out. */
function firstDifference(a: unknown, b: unknown, path = ''): string {
  if (isDeepStrictEqual(a, b)) return '';
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
      const found = firstDifference(
        (a as Record<string, unknown>)[key],
        (b as Record<string, unknown>)[key],
        `${path}.${key}`,
      );
      if (found) return found;
    }
  }
  return `${path || '.'}: ${JSON.stringify(a)?.slice(0, 80)} ≠ ${JSON.stringify(b)?.slice(0, 80)}`;
}

export const bodyOf = (operation: Operation) =>
  JSON.stringify({ query: operation.document, variables: operation.variables });

/** Each variant answers once, without errors, with the same data as the project gateway. */
export async function prepare(
  platform: BenchPlatform,
  operation: Operation,
  resolve: (oid: string, esiaToken: string) => Promise<Principal>,
): Promise<Prepared> {
  const esiaToken = await platform.token(operation.caller);
  const principal = await resolve(oidOf(operation.caller), esiaToken);
  const notes: string[] = [];
  const body = bodyOf(operation);
  const project = await post(platform.gatewayUrl, esiaToken, body);
  if (project.errors?.length || !project.data) {
    throw new Error(`the project gateway answered ${JSON.stringify(project.errors ?? project).slice(0, 400)}`);
  }
  const targets: Target[] = ['project'];
  const volatile = volatilePaths(project.data, (await post(platform.gatewayUrl, esiaToken, body)).data);
  const same = (data: unknown) => isDeepStrictEqual(masked(data, volatile), masked(project.data, volatile));
  const stock = await post(platform.stockGatewayUrl, esiaToken, body);
  if (stock.errors?.length || !same(stock.data)) {
    notes.push(
      `the stock gateway answered differently (${stock.errors ? JSON.stringify(stock.errors).slice(0, 200) : firstDifference(stock.data, project.data)}); not measured`,
    );
  } else targets.push('stock');
  if (operation.direct) {
    const url = platform.subgraphUrls[operation.direct]!;
    const direct = await post(url, await platform.signInternal(principal), body);
    if (direct.errors?.length || !same(direct.data)) {
      notes.push(
        `${operation.direct} alone answered differently (${direct.errors ? JSON.stringify(direct.errors).slice(0, 200) : firstDifference(direct.data, project.data)}); not measured`,
      );
    } else targets.push('direct');
  }
  return { operation, esiaToken, principal, targets, notes };
}
