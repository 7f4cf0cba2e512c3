/**
 * An open-loop run (issue 13 §4, how the p95 targets "at 50 connections" are read — docs/architecture.md,
 * «Reading the p95 targets»): `users` people, each sending a request and reading the answer for a think time,
 * arrive at random (a Poisson process of `users / thinkSeconds` requests per second) over at most `users`
 * keep-alive connections. Unlike autocannon's closed loop, where the next request leaves the moment the last
 * is answered and p95 is at least `connections / RPS` whatever the work, this measures the latency a user
 * feels at a stated load. autocannon's own rate limit (`overallRate`) is not used: it fires each connection's
 * quota at the start of every second, in bursts, and cuts the connections to the rate.
 *
 * A request's latency counts from the moment it was due, not from when a free connection sent it, so waiting
 * for a connection is counted (no coordinated omission).
 */
import { Agent, request } from 'node:http';
import { loadResult, type LoadResult } from './measure.ts';

export interface OpenLoopOptions {
  url: string;
  headers: Record<string, string>;
  body: string;
  /** How many people at once; also the connections' bound. */
  users: number;
  /** The seconds a person spends on an answer before the next request. */
  thinkSeconds: number;
  /** Requests to send. */
  amount: number;
  /** The random source (a seeded one makes arrivals repeatable). */
  random?: () => number;
}

/** The arrival rate of the run, requests per second. */
export const arrivalRate = (options: Pick<OpenLoopOptions, 'users' | 'thinkSeconds'>) =>
  options.users / options.thinkSeconds;

/** A small seeded generator (mulberry32), so two runs' arrivals are the same sequence. */
export function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function send(agent: Agent, options: OpenLoopOptions): Promise<boolean> {
  return new Promise((resolve) => {
    const req = request(
      options.url,
      {
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json', ...options.headers },
        timeout: 180_000,
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode !== undefined && res.statusCode < 300));
        res.on('error', () => resolve(false));
      },
    );
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(false));
    req.end(options.body);
  });
}

export async function openLoop(options: OpenLoopOptions): Promise<LoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: options.users });
  const random = options.random ?? Math.random;
  const rate = arrivalRate(options);
  const latencies: number[] = [];
  let failures = 0;
  const started = performance.now();
  let lastResponse = started;
  const inFlight: Promise<void>[] = [];
  let due = started;
  try {
    for (let sent = 0; sent < options.amount; sent += 1) {
      // Exponential gaps between arrivals: a Poisson process of `rate` per second.
      due += (-Math.log(1 - random()) / rate) * 1000;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      const dueAt = due;
      inFlight.push(
        send(agent, options).then((ok) => {
          lastResponse = performance.now();
          if (ok) latencies.push(lastResponse - dueAt);
          else failures += 1;
        }),
      );
    }
    await Promise.all(inFlight);
  } finally {
    agent.destroy();
  }
  return loadResult(latencies, (lastResponse - started) / 1000, failures);
}
