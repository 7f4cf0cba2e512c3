/**
 * DESIGN.md: the number of SQL statements of an operation must not grow with the size of the lists it
 * returns — every nested field goes through a per-request DataLoader.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPlatform, type Platform } from '@region/tests/platform';
import { expectOk, organizationOf } from './helpers.ts';

let platform: Platform;
let school: string;

beforeAll(async () => {
  platform = await startPlatform();
  school = await organizationOf(platform, 'admin'); // also resolves and caches the admin's principal
});
afterAll(async () => {
  await platform?.stop();
});

const WIDE = `query ($org: ID!, $first: Int!) {
  persons(filter: { organizationId: $org }, first: $first) {
    edges { node {
      lastName snils missingFields
      children { lastName enrolment { className } }
      guardians { lastName phone }
      enrolment { className organization { shortName municipality { name } } }
      employments { position organization { shortName } }
      consents { kind }
      movements { kind orderNumber }
    } }
  }
}`;

describe('SQL statements per operation', () => {
  it('runs the same number of statements for 30 and for 110 cards with every nested list', async () => {
    const runs: string[][] = [];
    for (const first of [30, 110]) {
      runs.push(
        await platform.recordStatements(async () => {
          const result = await platform.query<{ persons: { edges: unknown[] } }>({ login: 'admin' }, WIDE, {
            org: school,
            first,
          });
          expectOk(result);
          expect(result.data?.persons.edges).toHaveLength(first);
        }),
      );
    }
    const [small, large] = runs.map((statements) => statements.map((s) => s.replace(/\s+/g, ' ').slice(0, 90))) as [
      string[],
      string[],
    ];
    // The same statements for both sizes, and no more than one per loader and nesting level of the query
    // (13 here). Loaders at one level whose parents come from different statements may dispatch apart, so
    // the exact count can differ by such a split — a query per card would be 110 and more.
    const shape = (statements: string[]) => [...new Set(statements)].sort();
    expect(shape(large)).toEqual(shape(small));
    for (const statements of [small, large]) expect(statements.length, statements.join('\n')).toBeLessThanOrEqual(13);
  });
});
