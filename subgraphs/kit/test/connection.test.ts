import { describe, expect, it } from 'vitest';
import { GraphQLError } from 'graphql';
import { configureCursorSecret, decodeCursor, encodeCursor } from '../src/connection.ts';

type Key = { name: string; id: string };
const isKey = (value: unknown): value is Key =>
  typeof value === 'object' && value !== null && typeof (value as Key).name === 'string';

function refusal(run: () => unknown): { code: unknown; field: unknown } {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(GraphQLError);
    const extensions = (error as GraphQLError).extensions;
    return { code: extensions['code'], field: extensions['field'] };
  }
  throw new Error('expected a refusal');
}

describe('connection cursors', () => {
  configureCursorSecret('a test secret that is long enough for the key');
  const key = { name: 'иванов иван иванович', id: '0190-1' };

  it('round-trips a keyset value', () => {
    expect(decodeCursor(encodeCursor(key), isKey)).toEqual(key);
  });

  it('carries nothing readable: neither the name nor base64 JSON', () => {
    const cursor = encodeCursor(key);
    expect(cursor).toMatch(/^c1\.[A-Za-z0-9_-]+$/);
    const decoded = Buffer.from(cursor.slice(3), 'base64url').toString('utf8');
    expect(decoded).not.toContain('иванов');
    expect(decoded).not.toContain('"name"');
    // Two cursors of the same row differ (fresh IV): a cursor cannot be compared to guess a value.
    expect(encodeCursor(key)).not.toBe(cursor);
  });

  it('refuses an old-style base64 JSON cursor with BAD_USER_INPUT', () => {
    const forged = Buffer.from(JSON.stringify(key)).toString('base64url');
    expect(refusal(() => decodeCursor(forged, isKey))).toEqual({ code: 'BAD_USER_INPUT', field: 'after' });
  });

  it('refuses a tampered cursor with BAD_USER_INPUT', () => {
    const cursor = encodeCursor(key);
    const bytes = Buffer.from(cursor.slice(3), 'base64url');
    bytes[20] = bytes[20]! ^ 1;
    const tampered = `c1.${bytes.toString('base64url')}`;
    expect(refusal(() => decodeCursor(tampered, isKey)).code).toBe('BAD_USER_INPUT');
    expect(refusal(() => decodeCursor('c1.', isKey)).code).toBe('BAD_USER_INPUT');
    expect(refusal(() => decodeCursor('c1.%%%\u0000', isKey)).code).toBe('BAD_USER_INPUT');
  });

  it('refuses a cursor sealed under another secret', () => {
    const cursor = encodeCursor(key);
    configureCursorSecret('another secret, just as long as the first one');
    expect(refusal(() => decodeCursor(cursor, isKey)).code).toBe('BAD_USER_INPUT');
  });

  it('refuses a sealed value of the wrong shape (a cursor of another list)', () => {
    const other = encodeCursor('just-an-id');
    expect(refusal(() => decodeCursor(other, isKey)).code).toBe('BAD_USER_INPUT');
  });
});
