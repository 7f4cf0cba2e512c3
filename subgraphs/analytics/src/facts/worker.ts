/**
 * The refresh loop of the pre-aggregated facts: a refresh (the touched organizations, then a few in their
 * turn of the rebuild), a pause, the next — never two at once in a process (and the advisory lock in
 * `refreshFacts` keeps two processes from doubling a slice).
 */
import type { Database } from '@region/db';
import type { Logger } from '@region/kit';
import { refreshFacts } from './refresh.ts';

export function startFactsRefresh(options: {
  db: Database;
  logger: Logger;
  everyMs: number;
  rebuildEveryMs: number;
  rebuildOrganizations: number;
}): {
  stop: () => Promise<void>;
} {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  const tick = () => {
    running = refreshFacts(options.db, {
      rebuildEveryMs: options.rebuildEveryMs,
      rebuildOrganizations: options.rebuildOrganizations,
    })
      .then((results) => {
        for (const result of results)
          if (result.rebuilt || result.slices.length || result.rebuiltOrganizations.length)
            options.logger.info(
              {
                fact: result.fact,
                rebuilt: result.rebuilt,
                organizations: result.slices.length,
                rebuiltInTurn: result.rebuiltOrganizations.length,
              },
              'facts refreshed',
            );
      })
      .catch((error: unknown) => options.logger.error({ err: error }, 'facts refresh failed'))
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, options.everyMs);
      });
  };
  tick();
  return {
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
