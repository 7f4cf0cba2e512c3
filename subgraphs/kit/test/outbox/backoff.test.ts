/** The retry schedule of the outbox: exponential from 30 s, capped at an hour, with injectable jitter. */
import { describe, expect, it } from 'vitest';
import { exponentialBackoff } from '../../src/outbox/worker.ts';

const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

describe('outbox backoff', () => {
  it('doubles from 30 s and stops growing at an hour', () => {
    const backoff = exponentialBackoff({ random: () => 0 });
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9, 20, 1000].map(backoff)).toEqual([
      30 * SECOND,
      MINUTE,
      2 * MINUTE,
      4 * MINUTE,
      8 * MINUTE,
      16 * MINUTE,
      32 * MINUTE,
      HOUR,
      HOUR,
      HOUR,
      HOUR,
    ]);
  });

  it('takes up to a fifth off at random, never exceeding the cap', () => {
    const highest = exponentialBackoff({ random: () => 0.999_999 });
    expect(highest(1)).toBe(Math.round(30 * SECOND * (1 - 0.2 * 0.999_999)));
    expect(highest(12)).toBeGreaterThanOrEqual(0.8 * HOUR);
    const values = [0, 0.25, 0.5, 0.75, 0.99].map((random) => exponentialBackoff({ random: () => random })(3));
    expect(values).toEqual([...values].sort((a, b) => b - a));
    for (const value of values) {
      expect(value).toBeGreaterThan(0.8 * 2 * MINUTE);
      expect(value).toBeLessThanOrEqual(2 * MINUTE);
    }
    for (let attempts = 1; attempts < 60; attempts++) {
      const wait = exponentialBackoff()(attempts);
      expect(wait).toBeLessThanOrEqual(HOUR);
      expect(wait).toBeGreaterThanOrEqual(Math.min(HOUR, 30 * SECOND * 2 ** (attempts - 1)) * 0.8 - 1);
    }
  });

  it('takes its numbers as options', () => {
    const backoff = exponentialBackoff({ baseMs: 100, capMs: 1_000, jitter: 0, random: () => 0.5 });
    expect([1, 2, 3, 4, 5, 6].map(backoff)).toEqual([100, 200, 400, 800, 1_000, 1_000]);
  });
});
