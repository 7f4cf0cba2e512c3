/**
 * While a subgraph is down the gateway used to log a full stack per request (~900/s): the outage log says
 * it once, then a count per window, then once more when the service answers again.
 */
import type { Logger } from '@region/kit';
import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { isUnavailable, outageLog, unavailableErrors } from '../src/subgraph-unavailable.ts';

function recordingLogger() {
  const lines: { level: string; fields: Record<string, unknown>; message: string }[] = [];
  const at = (level: string) => (fields: Record<string, unknown>, message: string) =>
    void lines.push({ level, fields, message });
  return { lines, logger: { error: at('error'), warn: at('warn'), info: at('info') } as unknown as Logger };
}

const refused = Object.assign(new Error('request to http://127.0.0.1:4002/graphql failed'), { code: 'ECONNREFUSED' });

describe('outage log', () => {
  it('logs the first failure, a count per window, and the recovery', () => {
    const { lines, logger } = recordingLogger();
    let now = 0;
    const outages = outageLog(logger, 10_000, () => now);
    for (let request = 0; request < 900; request++) outages.failed('learning', refused);
    expect(lines).toEqual([
      { level: 'error', fields: { service: 'learning', reason: refused.message }, message: 'subgraph unavailable' },
    ]);
    now = 10_000;
    for (let request = 0; request < 900; request++) outages.failed('learning', refused);
    expect(lines.length).toBe(2);
    expect(lines[1]).toMatchObject({ message: 'subgraph still unavailable', fields: { failures: 901 } });
    outages.failed('people', refused);
    expect(lines.length).toBe(3);
    now = 12_000;
    outages.answered('learning');
    outages.answered('learning');
    expect(lines.slice(3)).toEqual([
      {
        level: 'info',
        fields: { service: 'learning', failures: 1800, downForMs: 12_000 },
        message: 'subgraph available again',
      },
    ]);
  });
});

describe('what counts as unavailable', () => {
  it('is a refused or broken connection, or a proxy’s 502–504', () => {
    expect(isUnavailable(refused)).toBe(true);
    expect(isUnavailable(new TypeError('fetch failed', { cause: { code: 'ECONNRESET' } }))).toBe(true);
    expect(isUnavailable(new GraphQLError('503', { extensions: { response: { status: 503 } } }))).toBe(true);
  });

  it('is not an answer the subgraph gave', () => {
    expect(isUnavailable(new GraphQLError('500', { extensions: { response: { status: 500 } } }))).toBe(false);
    expect(isUnavailable(new Error('Expected JSON response body'))).toBe(false);
  });
});

describe('errors for the fields of a failed fetch', () => {
  it('names each root field', () => {
    const errors = unavailableErrors('learning', '{ lesson(id: "x") { id } mine: myAssignments { id } __typename }', 0);
    expect(errors.map((error) => error.path)).toEqual([['lesson'], ['mine']]);
    expect(errors[0]?.extensions).toEqual({ code: 'SUBGRAPH_UNAVAILABLE', service: 'learning' });
  });

  it('names each entity’s fields', () => {
    const query =
      'query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on Person { __typename diary { days { date } } marks { value } } } }';
    expect(unavailableErrors('learning', query, 2).map((error) => error.path)).toEqual([
      ['_entities', 0, 'diary'],
      ['_entities', 0, 'marks'],
      ['_entities', 1, 'diary'],
      ['_entities', 1, 'marks'],
    ]);
  });
});
