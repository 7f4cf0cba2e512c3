/**
 * The launcher restarts a crashed service with backoff instead of stopping the platform (issue 9, Faults):
 * 1 s doubling to 30 s, from 1 s again after a stable minute, one log line per restart.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  nextRestartDelay,
  restarter,
  startService,
  superviseService,
  type SupervisedService,
} from '../src/processes.ts';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

describe('restart backoff', () => {
  it('doubles from 1 s to at most 30 s while the service keeps crashing', () => {
    const delays: number[] = [];
    let delay: number | null = null;
    for (let crash = 0; crash < 8; crash++) delays.push((delay = nextRestartDelay(delay, 2_000)));
    expect(delays).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000, 30_000]);
  });

  it('starts from 1 s again after a stable minute', () => {
    expect(nextRestartDelay(30_000, 59_000)).toBe(30_000);
    expect(nextRestartDelay(30_000, 60_000)).toBe(1_000);
  });
});

describe('restarter', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('starts the service again after the delay, logs each restart once, and stops restarting on shutdown', async () => {
    vi.useFakeTimers();
    const lines: string[] = [];
    let starts = 0;
    const restart = restarter({
      name: 'learning',
      start: async () => void starts++,
      log: (line) => lines.push(line),
      now: () => Date.now(),
    });
    restart.exited('exited (code 1)');
    await vi.advanceTimersByTimeAsync(999);
    expect(starts).toBe(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(starts).toBe(1);
    restart.exited('exited (code 1)');
    await vi.advanceTimersByTimeAsync(2_000);
    expect(starts).toBe(2);
    expect(lines).toEqual([
      'learning exited (code 1) after 0 s; restart #1 in 1 s.',
      'learning exited (code 1) after 0 s; restart #2 in 2 s.',
    ]);

    restart.exited('exited (code 1)');
    restart.cancel();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(starts).toBe(2);
  });

  it('counts a failed start as another crash', async () => {
    vi.useFakeTimers();
    const lines: string[] = [];
    let attempts = 0;
    const restart = restarter({
      name: 'PostgreSQL',
      start: async () => {
        if (++attempts === 1) throw new Error('port in use');
      },
      log: (line) => lines.push(line),
    });
    restart.exited('exited (SIGKILL)');
    await vi.advanceTimersByTimeAsync(1_000 + 2_000);
    expect(attempts).toBe(2);
    expect(lines[1]).toMatch(/^PostgreSQL failed to start \(port in use\) after 0 s; restart #2 in 2 s\.$/);
    restart.cancel();
  });
});

describe('a supervised service process', () => {
  let supervised: SupervisedService | undefined;
  afterEach(async () => {
    await supervised?.stop();
  });

  it('is started again each time it crashes, and stays stopped after stop()', async () => {
    const lines: string[] = [];
    const spec = { name: 'crashing', entry: 'tools/launcher/test/fixtures/exit-soon.ts', env: {}, healthUrl: '' };
    const first = startService(spec, ROOT, () => {});
    supervised = superviseService(first, ROOT, {
      log: (line) => lines.push(line),
      backoff: { initialMs: 50, maxMs: 100, stableMs: 60_000 },
      output: () => {},
    });
    for (let wait = 0; wait < 200 && lines.length < 2; wait++) await sleep(100);
    expect(lines.slice(0, 2)).toEqual([
      expect.stringMatching(/^crashing exited \(code 3\) after [\d.]+ s; restart #1 in 0\.1 s\.$/),
      expect.stringMatching(/^crashing exited \(code 3\) after [\d.]+ s; restart #2 in 0\.1 s\.$/),
    ]);
    expect(supervised.current.child.pid).not.toBe(first.child.pid);

    await supervised.stop();
    const logged = lines.length;
    await sleep(1_500);
    expect(lines.length).toBe(logged);
    supervised = undefined;
  }, 30_000);
});
