/**
 * A chunk writer in a worker thread (pool.ts starts them): generates the organization's journal from the
 * chunk's `JournalJob` and writes the whole chunk — the people rows the main thread made and the journal —
 * in one transaction on a connection of its own, as the single-threaded generator did. It commits only when
 * the main thread says so, which it does in chunk order: the database always holds a prefix of the chunks,
 * which is what a resumed run reads its identifiers in use from (generate.ts).
 */
import { parentPort, workerData } from 'node:worker_threads';
import postgres from 'postgres';
import { batchRows, copyBatch } from './copy.ts';
import { generateJournal } from './journal.ts';
import type { Chunk } from './organization.ts';

export interface WorkerData {
  url: string;
  subjectIds: Map<string, string>;
}

export type ToWorker =
  | { type: 'chunk'; chunk: Chunk }
  | { type: 'commit'; number: number }
  /** After the last chunk; `abort`: the run failed, roll back what is not committed. */
  | { type: 'end'; abort: boolean };

export type FromWorker =
  | { type: 'started'; backend: number }
  | { type: 'ready'; number: number }
  | { type: 'done'; number: number; counts: Record<string, number> }
  | { type: 'failed'; message: string };

const port = parentPort;
if (!port) throw new Error('region: worker.ts runs in a worker thread');
const { url, subjectIds } = workerData as WorkerData;
const post = (message: FromWorker) => port.postMessage(message);

const sql = postgres(url, {
  max: 1,
  onnotice: () => {},
  connection: { application_name: 'region-generator', synchronous_commit: 'off' },
});
const commits = new Map<number, { resolve(): void; reject(error: Error): void }>();
let queue = Promise.resolve();
let aborted = false;

port.on('message', (message: ToWorker) => {
  if (message.type === 'commit') {
    commits.get(message.number)?.resolve();
    commits.delete(message.number);
    return;
  }
  if (message.type === 'end') {
    aborted = message.abort;
    for (const commit of commits.values()) commit.reject(new Error('region: the run stopped'));
    void queue.then(() => sql.end({ timeout: 5 })).finally(() => port.close());
    return;
  }
  queue = queue
    .then(() => (aborted ? undefined : write(message.chunk)))
    .catch((error: unknown) => {
      if (!aborted)
        post({ type: 'failed', message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
    });
});

async function write(chunk: Chunk): Promise<void> {
  const batches = chunk.journal ? [...chunk.batches, ...generateJournal(chunk.journal, subjectIds)] : chunk.batches;
  const counts: Record<string, number> = {};
  for (const batch of batches) counts[batch.target] = (counts[batch.target] ?? 0) + batchRows(batch);
  await sql.begin(async (tx) => {
    for (const batch of batches) await copyBatch(tx, batch);
    await tx`
      insert into region_generator.chunks (number, key, learners, rows)
      values (${chunk.number}, ${chunk.key}, ${chunk.learners}, ${tx.json(counts)})`;
    if (aborted) throw new Error('region: the run stopped');
    const commit = new Promise<void>((resolve, reject) => commits.set(chunk.number, { resolve, reject }));
    post({ type: 'ready', number: chunk.number });
    await commit;
  });
  post({ type: 'done', number: chunk.number, counts });
}

const [{ backend } = { backend: 0 }] = await sql<{ backend: number }[]>`select pg_backend_pid() as backend`;
post({ type: 'started', backend });
