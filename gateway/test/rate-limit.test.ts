/** The per-address token bucket for requests without a token (issue 11). */
import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { clientAddress, rateLimiter } from '../src/rate-limit.ts';

describe('rateLimiter', () => {
  it('admits a burst, refuses the next with the seconds to wait, and refills over time', () => {
    let now = 0;
    const limiter = rateLimiter({ burst: 3, perSecond: 0.5 }, { now: () => now });
    expect([1, 2, 3].map(() => limiter.take('a'))).toEqual([0, 0, 0]);
    expect(limiter.take('a')).toBe(2);
    // Another address has its own bucket.
    expect(limiter.take('b')).toBe(0);
    now = 2_000;
    expect(limiter.take('a')).toBe(0);
    expect(limiter.take('a')).toBe(2);
  });

  it('remembers a bounded number of addresses, forgetting the least recently seen', () => {
    let now = 0;
    const limiter = rateLimiter({ burst: 1, perSecond: 0.001 }, { maxAddresses: 2, now: () => now });
    expect(limiter.take('a')).toBe(0);
    expect(limiter.take('b')).toBe(0);
    now = 1;
    expect(limiter.take('a')).toBeGreaterThan(0);
    // A third address pushes out `b` (least recently seen), not `a`.
    expect(limiter.take('c')).toBe(0);
    expect(limiter.take('a')).toBeGreaterThan(0);
    expect(limiter.take('b')).toBe(0);
  });
});

describe('clientAddress', () => {
  const request = (forwarded?: string) =>
    ({
      socket: { remoteAddress: '10.0.0.5' },
      headers: forwarded === undefined ? {} : { 'x-forwarded-for': forwarded },
    }) as unknown as IncomingMessage;

  it('is the socket peer when no proxy is trusted, whatever the header says', () => {
    expect(clientAddress(request('203.0.113.7'), 0)).toBe('10.0.0.5');
  });

  it('behind one proxy, is the last entry: entries to its left are the client’s own to forge', () => {
    expect(clientAddress(request('198.51.100.1, 203.0.113.7'), 1)).toBe('203.0.113.7');
    expect(clientAddress(request(), 1)).toBe('10.0.0.5');
  });
});
