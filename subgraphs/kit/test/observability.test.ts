/**
 * The pieces of issue 10 §4 that need no platform: which request ids are accepted, how operation names
 * become bounded labels, who may read `/metrics`, and that statements inside a transaction are observed.
 */
import type { IncomingMessage } from 'node:http';
import { createDb, observeStatements } from '@region/db';
import {
  acceptRequestId,
  configureMetricsToken,
  createMetrics,
  MAX_OPERATION_NAMES,
  metricsAllowed,
  sampledGauge,
} from '@region/kit';
import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, inject, it } from 'vitest';
import type {} from '@region/tests/constants';

describe('request id', () => {
  it('keeps a short id of safe characters', () => {
    expect(acceptRequestId('4bf92f3577b34da6a3ce929d0e0e4736')).toBe('4bf92f3577b34da6a3ce929d0e0e4736');
    expect(acceptRequestId(['lb-1:abc.def_9', 'second'])).toBe('lb-1:abc.def_9');
  });

  it('replaces one that could break a log line or a header, or is too long', () => {
    for (const sent of ['a b', 'x\ny', '<script>', 'x'.repeat(65), '', undefined]) {
      const id = acceptRequestId(sent);
      expect(id).not.toBe(sent);
      expect(id).toMatch(/^[0-9a-f-]{36}$/);
    }
  });
});

describe('operation labels', () => {
  it('names an operation only when it has a name, and the client operation behind a planned fetch', () => {
    const metrics = createMetrics('test');
    expect(metrics.operationLabel(null)).toBe('anonymous');
    expect(metrics.operationLabel(undefined)).toBe('anonymous');
    expect(metrics.operationLabel('ChildrenClasses')).toBe('ChildrenClasses');
    expect(metrics.operationLabel('ChildrenClasses__learning__2')).toBe('ChildrenClasses');
  });

  it(`keeps the first ${MAX_OPERATION_NAMES} names and counts any later one as other`, () => {
    const metrics = createMetrics('test');
    for (let index = 0; index < MAX_OPERATION_NAMES; index++) metrics.operationLabel(`Op${index}`);
    expect(metrics.operationLabel('OneTooMany')).toBe('other');
    expect(metrics.operationLabel('Op7')).toBe('Op7');
  });
});

describe('sampled gauges', () => {
  it('leave out a gauge whose sample fails, and still answer the rest of /metrics', async () => {
    const metrics = createMetrics('test');
    metrics.requests.observe({ operation: 'Kept' }, 0.1);
    sampledGauge(metrics, { name: 'working', help: 'a sample that answers', labelNames: ['state'] }, async () => [
      { labels: { state: 'idle' }, value: 3 },
    ]);
    sampledGauge(metrics, { name: 'broken', help: 'the database is down', labelNames: ['state'] }, async () => {
      throw new Error('connection refused');
    });
    const text = await metrics.registry.metrics();
    expect(text).toMatch(/^working\{[^}]*state="idle"[^}]*\} 3$/m);
    expect(text).toMatch(/^graphql_request_duration_seconds_count\{[^}]*operation="Kept"[^}]*\} 1$/m);
    expect(text).not.toMatch(/^broken\{/m);
  });
});

describe('who may read /metrics', () => {
  const request = (remoteAddress: string, authorization?: string) =>
    ({ socket: { remoteAddress }, headers: authorization ? { authorization } : {} }) as unknown as IncomingMessage;
  afterEach(() => configureMetricsToken(undefined));

  it('answers the same machine without a token', () => {
    expect(metricsAllowed(request('127.0.0.1'))).toBe(true);
    expect(metricsAllowed(request('::1'))).toBe(true);
  });

  it('refuses another machine unless it presents METRICS_TOKEN', () => {
    expect(metricsAllowed(request('10.0.0.7'))).toBe(false);
    configureMetricsToken('scrape-token-0123456789');
    expect(metricsAllowed(request('10.0.0.7'))).toBe(false);
    expect(metricsAllowed(request('10.0.0.7', 'Bearer wrong-token-0123456789'))).toBe(false);
    expect(metricsAllowed(request('10.0.0.7', 'Bearer scrape-token-0123456789'))).toBe(true);
  });
});

describe('statement observer', () => {
  it('sees statements in and out of a transaction, and the failed ones', async () => {
    const handle = createDb(inject('adminUrl'), { max: 2 });
    const seen: { query: string; failed: boolean }[] = [];
    observeStatements(handle.sql, (query) => (error) => void seen.push({ query, failed: error !== undefined }));
    observeStatements(handle.sql, () => () => {
      throw new Error('a second observer on the same client');
    });
    try {
      await handle.db.execute(sql`select 1 as outside`);
      await handle.db.transaction(async (tx) => {
        await tx.execute(sql`select 2 as inside`);
        await tx.transaction(async (savepoint) => savepoint.execute(sql`select 3 as nested`));
      });
      await expect(handle.db.execute(sql`select * from no_such_table`)).rejects.toThrow();
    } finally {
      await handle.close();
    }
    const statement = (text: string) => seen.find((item) => item.query.includes(text));
    expect(statement('outside')?.failed).toBe(false);
    expect(statement('inside')?.failed).toBe(false);
    expect(statement('nested')?.failed).toBe(false);
    expect(statement('no_such_table')?.failed).toBe(true);
  });
});
