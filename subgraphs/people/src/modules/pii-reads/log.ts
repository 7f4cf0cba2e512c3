/**
 * The personal-data access log's writer (issue 14 §4). A field resolver records a read into the request's
 * `RequestReads` (memory only: no statement on the request path); the process-wide `PiiReadLog` flushes
 * every request's reads in one multi-row INSERT on a timer or when enough have gathered. A failed flush
 * fails no request: it is logged and the rows are kept for the next flush, up to `maxBuffered` rows — past
 * that the oldest are dropped and the loss is logged, so an outage cannot exhaust the process's memory.
 */
import { randomUUID } from 'node:crypto';
import type { Database } from '@region/db';
import type { Logger, Principal } from '@region/kit';
import type { Grant } from '@region/schema';
import { insertPiiReads, type PiiReadInsert } from './repository.ts';

export interface PiiReadLogOptions {
  /** How long a read waits in memory at most (ms). */
  flushMs?: number;
  /** A flush starts as soon as this many rows wait. */
  batchRows?: number;
  /** Rows kept while flushes fail; beyond, the oldest are dropped (and logged). */
  maxBuffered?: number;
}

export const PII_READ_LOG_DEFAULTS = { flushMs: 2_000, batchRows: 500, maxBuffered: 100_000 } as const;

/** The subgraph's operation name without the gateway's `__<subgraph>__<n>` suffix: the client's name. */
export function clientOperationName(name: string | undefined): string | null {
  if (!name) return null;
  return name.replace(/__[A-Za-z0-9_-]+__\d+$/, '') || null;
}

/** One request's reads: one row per person read, with every field read of them. */
export class RequestReads {
  private readonly persons = new Map<string, { grant: Grant; fields: Set<string>; operation: string | null }>();
  private pending = false;

  constructor(
    private readonly log: PiiReadLog | null,
    private readonly principal: Principal,
    private readonly readAt: Date,
  ) {}

  /**
   * A read of `field` of `personId`'s card, allowed by `grant`. The person's own reads and reads through
   * the self rule are not logged (issue 14 §4: reads by anyone other than the person themself).
   */
  record(personId: string, grant: Grant | 'SELF' | null, field: string, operation: string | null): void {
    if (!this.log || grant === null || grant === 'SELF') return;
    if (this.principal.kind === 'PERSON' && this.principal.personId === personId) return;
    if (this.principal.kind !== 'PERSON' && this.principal.kind !== 'SERVICE') return;
    const entry = this.persons.get(personId);
    if (entry) entry.fields.add(field);
    else this.persons.set(personId, { grant, fields: new Set([field]), operation });
    if (!this.pending) {
      this.pending = true;
      this.log.enqueue(this);
    }
  }

  /** The rows gathered so far, handed to a flush; reads recorded later come in the next one. */
  drain(): PiiReadInsert[] {
    this.pending = false;
    const principal = this.principal;
    const rows: PiiReadInsert[] = [];
    for (const [personId, { grant, fields, operation }] of this.persons) {
      const territory = grant.territory;
      rows.push({
        id: randomUUID(),
        readAt: this.readAt,
        personId,
        readerPersonId: principal.kind === 'PERSON' ? principal.personId : null,
        serviceAccountId: principal.kind === 'SERVICE' ? principal.serviceId : null,
        role: grant.role,
        organizationId:
          territory.kind === 'ORGANIZATION' || territory.kind === 'CLASS' ? territory.organizationId : null,
        municipalityId: territory.kind === 'MUNICIPALITY' ? territory.municipalityId : null,
        fields: [...fields],
        operation,
      });
    }
    this.persons.clear();
    return rows;
  }

  get size(): number {
    return this.persons.size;
  }
}

export class PiiReadLog {
  private readonly options: Required<PiiReadLogOptions>;
  private queue: RequestReads[] = [];
  private queued = 0;
  private retry: PiiReadInsert[] = [];
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> | null = null;
  private stopped = false;

  constructor(
    private readonly db: Database,
    private readonly logger: Logger,
    options: PiiReadLogOptions = {},
  ) {
    this.options = { ...PII_READ_LOG_DEFAULTS, ...options };
  }

  /** A request's reads, for the per-request context. */
  forRequest(principal: Principal, readAt: Date): RequestReads {
    return new RequestReads(this.stopped ? null : this, principal, readAt);
  }

  enqueue(reads: RequestReads): void {
    this.queue.push(reads);
    this.queued += 1;
    if (this.queued + this.retry.length >= this.options.batchRows) void this.flush();
    else this.timer ??= setTimeout(() => void this.flush(), this.options.flushMs).unref();
  }

  /** Writes what waits in one INSERT; concurrent calls share the flush in progress. */
  flush(): Promise<void> {
    if (this.flushing) return this.flushing;
    this.flushing = this.write().finally(() => {
      this.flushing = null;
      // Reads that arrived while this flush ran wait for the next one.
      if (this.queued > 0 && !this.stopped)
        this.timer ??= setTimeout(() => void this.flush(), this.options.flushMs).unref();
    });
    return this.flushing;
  }

  private async write(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const rows = [...this.retry, ...this.queue.flatMap((reads) => reads.drain())];
    this.queue = [];
    this.queued = 0;
    this.retry = [];
    if (rows.length === 0) return;
    try {
      await insertPiiReads(this.db, rows);
    } catch (error) {
      const kept = rows.slice(-this.options.maxBuffered);
      if (kept.length < rows.length)
        this.logger.error({ dropped: rows.length - kept.length }, 'personal-data access log: rows dropped');
      this.logger.error({ err: error, rows: rows.length }, 'personal-data access log: flush failed, will retry');
      this.retry = kept;
      if (!this.stopped) this.timer ??= setTimeout(() => void this.flush(), this.options.flushMs).unref();
    }
  }

  /** Writes what waits and stops taking reads (the process's shutdown). */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.flush();
    // A flush already running when the stop came took only the reads before it.
    if (this.queued > 0) await this.flush();
  }
}
