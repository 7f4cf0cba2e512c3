/**
 * The chunk writers: `count` worker threads (worker.ts), each generating one organization's journal and
 * writing its chunk on its own connection, so that both cores work — the generator was one busy core and
 * PostgreSQL's backend one third of the other. The main thread makes the people part of each chunk (in
 * chunk order, for the identifiers in use) and hands the chunk to an idle worker; a worker commits when its
 * chunk is next in chunk order, so the chunks recorded are always a prefix of the plan and an interrupted
 * run is resumed exactly as before (generate.ts).
 */
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Chunk } from './organization.ts';
import type { FromWorker, ToWorker, WorkerData } from './worker.ts';

/**
 * A worker's heap: one chunk's journal as strings (sealed to buffers a class at a time, outside the heap).
 * The largest college or school chunk needs well under 100 MiB.
 */
const WORKER_HEAP_MB = 384;

interface Slot {
  worker: Worker;
  exited: Promise<unknown>;
  backend: number;
  busy: boolean;
}

export interface ChunkPool {
  /** PostgreSQL backend pids of the workers' connections. */
  backends: number[];
  /** Hands the chunk to a worker; resolves when one has taken it (at most `count` chunks in flight). */
  submit(chunk: Chunk): Promise<void>;
  /** Resolves when every chunk submitted is committed. */
  finish(): Promise<void>;
  /**
   * Ends the workers and their connections; after a failure their open transactions roll back (a worker
   * that does not end within a minute, stuck in a COPY, is terminated, and its connection with it).
   */
  close(): Promise<void>;
}

/** tsx's loader, for the worker's TypeScript: the CLI runs under tsx, the tests under vitest. */
function workerExecArgv(): string[] {
  const loader = createRequire(import.meta.url).resolve('tsx');
  return ['--import', pathToFileURL(loader).href];
}

export async function startChunkPool(
  url: string,
  count: number,
  subjectIds: Map<string, string>,
  onWritten: (chunk: { number: number; key: string; learners: number }, counts: Record<string, number>) => void,
): Promise<ChunkPool> {
  const slots: Slot[] = [];
  /** Chunks in submission (= chunk) order, not committed yet. */
  const order: { number: number; key: string; learners: number }[] = [];
  /** Chunks written and waiting for their turn to commit: number → worker. */
  const ready = new Map<number, Slot>();
  let failure: Error | undefined;
  let wake: (() => void) | undefined;
  const notify = () => {
    const resolve = wake;
    wake = undefined;
    resolve?.();
  };
  const fail = (error: Error) => {
    failure ??= error;
    notify();
  };
  const send = (slot: Slot, message: ToWorker) => slot.worker.postMessage(message);
  const release = () => {
    const next = order[0];
    const slot = next && ready.get(next.number);
    if (!next || !slot) return;
    ready.delete(next.number);
    send(slot, { type: 'commit', number: next.number });
  };

  const started = Array.from({ length: count }, async () => {
    const worker = new Worker(new URL('./worker.ts', import.meta.url), {
      workerData: { url, subjectIds } satisfies WorkerData,
      execArgv: workerExecArgv(),
      resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB },
    });
    const slot: Slot = {
      worker,
      exited: new Promise((resolve) => worker.once('exit', resolve)),
      backend: 0,
      busy: false,
    };
    let startedResolve: () => void = () => {};
    const startedPromise = new Promise<void>((resolve) => (startedResolve = resolve));
    worker.on('message', (message: FromWorker) => {
      try {
        switch (message.type) {
          case 'started':
            slot.backend = message.backend;
            startedResolve();
            break;
          case 'ready':
            ready.set(message.number, slot);
            release();
            break;
          case 'done': {
            const chunk = order.shift();
            if (chunk?.number !== message.number)
              throw new Error(`region: chunk ${message.number} committed out of order`);
            slot.busy = false;
            // Before the next chunk may commit: a progress callback that throws stops the run right here.
            onWritten(chunk, message.counts);
            release();
            notify();
            break;
          }
          case 'failed':
            fail(new Error(message.message));
            break;
        }
      } catch (error) {
        fail(error instanceof Error ? error : new Error(String(error)));
      }
    });
    worker.on('error', (error) => {
      fail(error);
      startedResolve();
    });
    worker.on('exit', (code) => {
      if (code !== 0) fail(new Error(`region: a chunk worker exited with code ${code}`));
      startedResolve();
    });
    await startedPromise;
    slots.push(slot);
  });
  await Promise.all(started);
  if (failure) {
    await Promise.all(slots.map((slot) => slot.worker.terminate()));
    throw failure;
  }

  const waitFor = async (condition: () => boolean) => {
    while (!failure && !condition()) await new Promise<void>((resolve) => (wake = resolve));
    if (failure) throw failure;
  };

  return {
    backends: slots.map((slot) => slot.backend),
    async submit(chunk) {
      await waitFor(() => slots.some((slot) => !slot.busy));
      const slot = slots.find((candidate) => !candidate.busy) as Slot;
      slot.busy = true;
      order.push({ number: chunk.number, key: chunk.key, learners: chunk.learners });
      send(slot, { type: 'chunk', chunk });
    },
    async finish() {
      await waitFor(() => order.length === 0);
    },
    async close() {
      const abort = failure !== undefined || order.length > 0;
      await Promise.all(
        slots.map(async (slot) => {
          send(slot, { type: 'end', abort });
          const timer = setTimeout(() => void slot.worker.terminate(), 60_000);
          await slot.exited;
          clearTimeout(timer);
        }),
      );
    },
  };
}
