/**
 * The access log's writer (issue 14 §4) without a database: reads wait in memory and go in one statement; a
 * failed write fails nobody, is logged and retried; what waits is bounded.
 */
import { describe, expect, it, vi } from 'vitest';
import type { Database } from '@region/db';
import type { Logger, Principal } from '@region/kit';
import type { Grant } from '@region/schema';
import { clientOperationName, PiiReadLog } from '../src/modules/pii-reads/log.ts';

const TEACHER: Principal = { kind: 'PERSON', personId: 'teacher', grants: [] };
const GRANT: Grant = { role: 'CLASS_TEACHER', territory: { kind: 'CLASS', organizationId: 'school', classId: '5a' } };

function fakeDb(fail: number) {
  const statements: unknown[] = [];
  let failures = fail;
  const db = {
    execute: vi.fn(async (statement: unknown) => {
      if (failures-- > 0) throw new Error('database down');
      statements.push(statement);
      return [];
    }),
  };
  return { db: db as unknown as Database, statements, execute: db.execute };
}

function fakeLogger() {
  const errors: string[] = [];
  const logger = { error: (_: unknown, message: string) => errors.push(message) } as unknown as Logger;
  return { logger, errors };
}

describe('the personal-data access log writer', () => {
  it('keeps a request’s reads in memory, one row per person, and writes them in one statement', async () => {
    const { db, execute } = fakeDb(0);
    const log = new PiiReadLog(db, fakeLogger().logger, { flushMs: 60_000, batchRows: 1000 });
    const reads = log.forRequest(TEACHER, new Date('2026-12-01T08:00:00Z'));
    reads.record('pupil', GRANT, 'phone', 'Card');
    reads.record('pupil', GRANT, 'email', 'Card');
    reads.record('pupil2', GRANT, 'phone', 'Card');
    expect(execute).not.toHaveBeenCalled();
    await log.flush();
    expect(execute).toHaveBeenCalledTimes(1);
    await log.stop();
  });

  it('does not log the person’s own reads, self-rule reads or anonymous callers', async () => {
    const { db, execute } = fakeDb(0);
    const log = new PiiReadLog(db, fakeLogger().logger);
    log.forRequest(TEACHER, new Date()).record('teacher', GRANT, 'phone', null);
    log.forRequest(TEACHER, new Date()).record('pupil', 'SELF', 'phone', null);
    log.forRequest({ kind: 'ANONYMOUS' }, new Date()).record('pupil', GRANT, 'phone', null);
    await log.stop();
    expect(execute).not.toHaveBeenCalled();
  });

  it('writes when a batch fills up, without waiting for the timer', async () => {
    const { db, execute } = fakeDb(0);
    const log = new PiiReadLog(db, fakeLogger().logger, { flushMs: 60_000, batchRows: 2 });
    log.forRequest(TEACHER, new Date()).record('a', GRANT, 'phone', null);
    log.forRequest(TEACHER, new Date()).record('b', GRANT, 'phone', null);
    await vi.waitFor(() => expect(execute).toHaveBeenCalledTimes(1));
    await log.stop();
  });

  it('survives a failed write: logged, retried with the same rows, bounded by maxBuffered', async () => {
    const { db, execute } = fakeDb(1);
    const { logger, errors } = fakeLogger();
    const log = new PiiReadLog(db, logger, { flushMs: 60_000, maxBuffered: 1 });
    const reads = log.forRequest(TEACHER, new Date());
    reads.record('a', GRANT, 'phone', null);
    reads.record('b', GRANT, 'phone', null);
    await expect(log.flush()).resolves.toBeUndefined();
    expect(errors).toEqual([
      'personal-data access log: rows dropped',
      'personal-data access log: flush failed, will retry',
    ]);
    await log.flush();
    expect(execute).toHaveBeenCalledTimes(2);
    const params = JSON.stringify(execute.mock.calls[1]![0]);
    expect(params).toContain('\\"person_id\\":\\"b\\"');
    expect(params).not.toContain('\\"person_id\\":\\"a\\"');
    await log.stop();
  });

  it('names the client’s operation, not the gateway’s per-subgraph one', () => {
    expect(clientOperationName('SchoolPersonCard__people__0')).toBe('SchoolPersonCard');
    expect(clientOperationName('Plain')).toBe('Plain');
    expect(clientOperationName(undefined)).toBeNull();
  });
});
