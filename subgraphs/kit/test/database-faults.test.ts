/**
 * Which failures mean "the database is down" (answered SERVICE_UNAVAILABLE, the process keeps serving) and
 * which are ordinary defects (masked INTERNAL_SERVER_ERROR; an uncaught one still ends the process).
 */
import { createDb } from '@region/db';
import { sql } from 'drizzle-orm';
import { GraphQLError } from 'graphql';
import { describe, expect, inject, it } from 'vitest';
import { isDatabaseUnavailable, isDriverConnectionLoss } from '@region/kit';
// The test run's shared cluster (`inject('adminUrl')`), provided by the global setup.
import type {} from '@region/tests/constants';
import { freePort as closedPort } from '@region/tests/ports';

async function failureOf(url: string, statement = sql`select 1`): Promise<unknown> {
  const handle = createDb(url, { max: 1 });
  try {
    await handle.db.execute(statement);
  } catch (error) {
    return error;
  } finally {
    await handle.close();
  }
  throw new Error('the statement did not fail');
}

describe('database faults', () => {
  it('takes a refused connection for an unavailable database, also inside a GraphQL error', async () => {
    const error = await failureOf(`postgres://nobody:nothing@127.0.0.1:${await closedPort()}/none`);
    expect(isDatabaseUnavailable(error)).toBe(true);
    expect(isDatabaseUnavailable(new GraphQLError('wrapped', { originalError: error as Error }))).toBe(true);
  });

  it('takes a server shutting down (57P01) and the driver losing its connection for unavailability', () => {
    expect(isDatabaseUnavailable(Object.assign(new Error('terminating connection'), { code: '57P01' }))).toBe(true);
    expect(
      isDatabaseUnavailable(Object.assign(new Error('write CONNECTION_CLOSED'), { code: 'CONNECTION_CLOSED' })),
    ).toBe(true);
    expect(isDatabaseUnavailable(Object.assign(new Error('no server'), { code: '08006' }))).toBe(true);
  });

  it('does not take an SQL error of the statement itself for unavailability', async () => {
    const error = await failureOf(inject('adminUrl'), sql`select * from no_such_table`);
    expect((error as { cause?: { code?: string } }).cause?.code).toBe('42P01');
    expect(isDatabaseUnavailable(error)).toBe(false);
    expect(isDatabaseUnavailable(new TypeError('x is undefined'))).toBe(false);
  });

  it("recognizes the driver's uncaught write to a dropped socket, and nothing else of its kind", () => {
    const driver = new TypeError("Cannot read properties of null (reading 'write')");
    driver.stack = `${driver.message}\n    at Immediate.nextWrite (file:///app/node_modules/postgres/src/connection.js:255:22)\n    at process.processImmediate (node:internal/timers:483:21)`;
    expect(isDriverConnectionLoss(driver)).toBe(true);

    const ours = new TypeError("Cannot read properties of null (reading 'write')");
    ours.stack = `${ours.message}\n    at nextWrite (file:///app/subgraphs/learning/src/journal.ts:10:3)`;
    expect(isDriverConnectionLoss(ours)).toBe(false);
    expect(isDriverConnectionLoss(new RangeError('Invalid array length'))).toBe(false);
  });
});
