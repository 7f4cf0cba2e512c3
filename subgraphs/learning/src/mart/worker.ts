/**
 * The mart worker (`learning-mart`, issue 14 §3): each run cuts new batches from the change logs, then
 * delivers the due ones to «Моя школа» — at least once, with backoff, under the batch's idempotency key, so
 * the receiver stores each batch once. A batch refused whole (4xx) or failing `maxAttempts` times is `DEAD`
 * and shows in the delivery report; an organization's later batches wait behind its pending one.
 */
import type { Database } from '@region/db';
import {
  DEFAULT_MAX_ATTEMPTS,
  DeliveryError,
  exponentialBackoff,
  MAX_ERROR_LENGTH,
  type Backoff,
  type Logger,
} from '@region/kit';
import { buildConsentPage, buildEntityPage, type PeopleChanges } from './build.ts';
import { MART_ENTITIES } from './records.ts';
import type { DeliverBatch } from './receiver.ts';
import { claimBatches, markDelivered, markFailed } from './repository.ts';

export interface MartWorkerOptions {
  db: Database;
  deliver: DeliverBatch;
  /** People's tombstones (consent withdrawn, merged, deleted); without it only learning's own log is followed. */
  peopleChanges?: PeopleChanges;
  pseudonymKey: string;
  organizations?: 'ALL' | readonly string[];
  /** Changes per entity and transaction; default 200. */
  pageSize?: number;
  /** Pages cut per entity and run, so one run's delivery is not held back by a long backlog; default 50. */
  pagesPerRun?: number;
  /** Batches claimed per run; default 50. */
  deliveriesPerRun?: number;
  leaseMs?: number;
  backoff?: Backoff;
  maxAttempts?: number;
  now?: () => Date;
  logger: Logger;
}

export interface MartRunResult {
  delivered: number;
  failed: number;
  /** More changes are waiting to be cut. */
  hasMore: boolean;
}

export function createMartWorker(options: MartWorkerOptions) {
  const now = options.now ?? (() => new Date());
  const backoff = options.backoff ?? exponentialBackoff();
  const maxAttempts = options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  const build = () => ({
    pseudonymKey: options.pseudonymKey,
    organizations: options.organizations ?? 'ALL',
    pageSize: options.pageSize ?? 200,
    now: now(),
  });

  async function cut(): Promise<boolean> {
    let hasMore = false;
    const pages = options.pagesPerRun ?? 50;
    if (options.peopleChanges) {
      try {
        let more = true;
        for (let page = 0; more && page < pages; page += 1) {
          more = await buildConsentPage(options.db, options.peopleChanges, build());
        }
        hasMore ||= more;
      } catch (error) {
        // People's feed unreachable: learning's own batches still go; the tombstones follow on a later run.
        options.logger.warn({ err: error }, 'mart: people feed unavailable');
        hasMore = true;
      }
    }
    for (const entity of MART_ENTITIES) {
      let more = true;
      for (let page = 0; more && page < pages; page += 1) more = await buildEntityPage(options.db, entity, build());
      hasMore ||= more;
    }
    return hasMore;
  }

  async function deliver(): Promise<{ delivered: number; failed: number }> {
    let delivered = 0;
    let failed = 0;
    const claimed = await claimBatches(options.db, now(), options.leaseMs ?? 300_000, options.deliveriesPerRun ?? 50);
    for (const batch of claimed) {
      try {
        const answer = await options.deliver(batch);
        await markDelivered(options.db, batch.id, answer, now());
        delivered += 1;
      } catch (error) {
        failed += 1;
        const permanent = error instanceof DeliveryError && error.permanent;
        const message = (error instanceof Error ? error.message : String(error)).slice(0, MAX_ERROR_LENGTH);
        const retryAt =
          permanent || batch.attempts >= maxAttempts ? null : new Date(now().getTime() + backoff(batch.attempts));
        await markFailed(options.db, batch.id, { error: message, retryAt });
        options.logger.warn(
          { batch: batch.id, attempts: batch.attempts, permanent, error: message },
          'mart: delivery failed',
        );
      }
    }
    return { delivered, failed };
  }

  /** One run: cut, then deliver every due batch (each organization's oldest pending one). */
  async function runOnce(): Promise<MartRunResult> {
    const hasMore = await cut();
    let delivered = 0;
    let failed = 0;
    for (;;) {
      const round = await deliver();
      delivered += round.delivered;
      failed += round.failed;
      if (round.delivered === 0) break;
    }
    return { delivered, failed, hasMore };
  }

  /** Runs every `pollMs` (never overlapping) until `stop()`, which waits for the run in progress. */
  function start(pollMs: number) {
    let stopped = false;
    let timer: NodeJS.Timeout | undefined;
    let running: Promise<unknown> = Promise.resolve();
    const tick = () => {
      running = runOnce()
        .catch((error: unknown) => options.logger.error({ err: error }, 'mart: run failed'))
        .finally(() => {
          if (!stopped) timer = setTimeout(tick, pollMs);
        });
    };
    tick();
    return {
      async stop() {
        stopped = true;
        clearTimeout(timer);
        await running;
      },
    };
  }

  return { runOnce, start };
}
