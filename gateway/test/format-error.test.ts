/**
 * The gateway's error wording: a subgraph's internal failure is masked and logged once per burst (the
 * subgraph logged its detail), Apollo Server's uncoded 4xx refusals are the client's input.
 */
import type { Logger } from '@region/kit';
import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { gatewayErrorFormatter } from '../src/format-error.ts';

function setup() {
  const lines: { fields: Record<string, unknown>; message: string }[] = [];
  const record = (fields: Record<string, unknown>, message: string) => void lines.push({ fields, message });
  const logger = { error: record, warn: record, info: record } as unknown as Logger;
  let now = 0;
  const format = gatewayErrorFormatter(logger, () => now);
  return { lines, format, advance: (ms: number) => (now += ms) };
}

const fromSubgraph = (code: string) =>
  new GraphQLError('relation "learning.lessons": permission denied', {
    path: ['lesson'],
    extensions: { code, serviceName: 'learning' },
  });

describe('gateway error formatting', () => {
  it('masks a subgraph’s internal failure, names the service, and logs it once per burst', () => {
    const { lines, format, advance } = setup();
    const error = fromSubgraph('INTERNAL_SERVER_ERROR');
    for (let request = 0; request < 900; request++) {
      expect(format(error.toJSON(), error)).toEqual({
        message: 'Внутренняя ошибка сервера. Мы уже разбираемся.',
        path: ['lesson'],
        extensions: { code: 'INTERNAL_SERVER_ERROR', service: 'learning' },
      });
    }
    expect(lines).toEqual([
      {
        message: 'subgraph reported an internal error',
        fields: { service: 'learning', path: ['lesson'], unreported: 0 },
      },
    ]);
    advance(10_000);
    format(error.toJSON(), error);
    expect(lines[1]?.fields).toMatchObject({ service: 'learning', unreported: 899 });
  });

  it('passes a subgraph’s public refusal through as it is, unlogged', () => {
    const { lines, format } = setup();
    const error = fromSubgraph('BAD_USER_INPUT');
    expect(format(error.toJSON(), error)).toEqual(error.toJSON());
    expect(lines).toEqual([]);
  });

  it('masks and logs every failure of the gateway itself', () => {
    const { lines, format } = setup();
    const error = new GraphQLError('boom', { extensions: { code: 'INTERNAL_SERVER_ERROR' } });
    format(error.toJSON(), error);
    format(error.toJSON(), error);
    expect(lines.map((line) => line.message)).toEqual(['internal error', 'internal error']);
  });

  it('answers Apollo Server’s uncoded 4xx refusal as the client’s input', () => {
    const { lines, format } = setup();
    const error = new GraphQLError('provided sha does not match query', { extensions: { http: { status: 400 } } });
    const formatted = { message: error.message, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
    expect(format(formatted, error).extensions?.['code']).toBe('BAD_USER_INPUT');
    expect(lines).toEqual([]);
  });
});
