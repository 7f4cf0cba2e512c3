/**
 * A rate limit for requests without a token (issue 11): anyone on the internet may read the catalogue, so one
 * address must not be able to keep the gateway and the subgraphs busy. A token bucket per client address,
 * in this process's memory: the limit is per replica (N replicas admit up to N times the rate from one
 * address), which is enough to stop one scraper without a shared store. Signed-in people are not limited here:
 * their requests carry an identity, and their limits are the query limits (`limits.ts`).
 */
import type { IncomingMessage } from 'node:http';

export interface RateLimit {
  /** Requests one address may send in a burst. */
  burst: number;
  /** Requests per second one address gets back. */
  perSecond: number;
}

export const DEFAULT_ANONYMOUS_RATE_LIMIT: RateLimit = { burst: 30, perSecond: 5 };

/** Addresses remembered at most; beyond it the least recently seen are forgotten (a forgotten one starts full). */
export const MAX_TRACKED_ADDRESSES = 50_000;

export interface RateLimiter {
  /** Takes one request from the address's bucket: 0 if admitted, else the seconds until one is available. */
  take(address: string): number;
}

export function rateLimiter(
  limit: RateLimit,
  options: { maxAddresses?: number; now?: () => number } = {},
): RateLimiter {
  const { maxAddresses = MAX_TRACKED_ADDRESSES, now = Date.now } = options;
  // Map iterates in insertion order; re-inserting on every take keeps the least recently seen first.
  const buckets = new Map<string, { tokens: number; at: number }>();
  return {
    take(address) {
      const at = now();
      const previous = buckets.get(address);
      buckets.delete(address);
      const refilled = previous
        ? Math.min(limit.burst, previous.tokens + ((at - previous.at) / 1000) * limit.perSecond)
        : limit.burst;
      const admitted = refilled >= 1;
      buckets.set(address, { tokens: admitted ? refilled - 1 : refilled, at });
      while (buckets.size > maxAddresses) buckets.delete(buckets.keys().next().value!);
      return admitted ? 0 : Math.ceil((1 - refilled) / limit.perSecond);
    },
  };
}

/**
 * The client's address: the socket's peer, or — behind `trustedProxies` reverse proxies (an ingress, a load
 * balancer) that each append the address they saw to `X-Forwarded-For` — the entry that many places from its
 * end. Entries further left are the client's own to write, so they are never trusted.
 */
export function clientAddress(request: IncomingMessage, trustedProxies: number): string {
  const peer = request.socket.remoteAddress ?? 'unknown';
  if (trustedProxies === 0) return peer;
  const header = request.headers['x-forwarded-for'];
  const forwarded = (Array.isArray(header) ? header.join(',') : (header ?? ''))
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  return forwarded[forwarded.length - trustedProxies] ?? forwarded[0] ?? peer;
}
