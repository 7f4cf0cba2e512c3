/**
 * What one load run measures: throughput and latency (autocannon), CPU time per process from `/proc/<pid>/stat`
 * (user + system, before and after), and SQL statements (pg_stat_statements per database role, or the
 * subgraphs' own statement counters).
 */
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import autocannon from 'autocannon';
import postgres from 'postgres';
import { procStat } from '@region/db/demo/region/server-cpu';

const CLOCK_TICKS = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** CPU milliseconds (user + system) the process has used so far, or null once it is gone. */
export function cpuMs(pid: number): number | null {
  const fields = procStat(pid);
  if (!fields) return null;
  // Fields 14 and 15 of stat(5) are utime and stime; `fields` starts at field 3.
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
}

/** The postmaster and its children (backends, background workers), by pid, with their CPU so far. */
export function postgresCpu(postmasterPid: number): Map<number, number> {
  const result = new Map<number, number>();
  const own = cpuMs(postmasterPid);
  if (own !== null) result.set(postmasterPid, own);
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const pid = Number(entry);
    const fields = procStat(pid);
    // Field 4 of stat(5) is the parent's pid.
    if (!fields || Number(fields[1]) !== postmasterPid) continue;
    result.set(pid, ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS);
  }
  return result;
}

/** CPU used between two snapshots of PostgreSQL's processes; a backend started in between counts whole. */
export function postgresCpuDelta(before: Map<number, number>, after: Map<number, number>): number {
  let total = 0;
  for (const [pid, ms] of after) total += ms - (before.get(pid) ?? 0);
  return total;
}

export interface StatementCounter {
  /** Statements so far by subgraph (database role or process). */
  snapshot(): Promise<Record<string, number>>;
  /** How the statements are counted, for the report. */
  method: string;
  close(): Promise<void>;
}

/** pg_stat_statements, summed per database role: each subgraph connects as its own role (`<name>_svc`). */
export function pgStatStatementsCounter(url: string, roleToSubgraph: Record<string, string>): StatementCounter {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  return {
    method:
      '`pg_stat_statements` (loaded by the bench into the embedded cluster, `track = top`, `track_utility = off`): ' +
      'the `calls` of every statement of the bench database summed per database role, i.e. per subgraph; ' +
      'BEGIN/COMMIT/SET are not counted, and neither are the bench’s own queries (superuser).',
    async snapshot() {
      const rows = await sql<{ role: string; calls: string }[]>`
        select r.rolname as role, sum(s.calls)::bigint as calls
        from pg_stat_statements s join pg_roles r on r.oid = s.userid
        where s.dbid = (select oid from pg_database where datname = current_database())
        group by 1`;
      const result: Record<string, number> = {};
      for (const row of rows) {
        const subgraph = roleToSubgraph[row.role];
        if (subgraph) result[subgraph] = (result[subgraph] ?? 0) + Number(row.calls);
      }
      return result;
    },
    close: () => sql.end(),
  };
}

/**
 * The subgraphs' own counters (`db_statement_duration_seconds_count` at `/metrics`, every statement the driver
 * sent), for a server without pg_stat_statements. A scrape runs statements of its own (the session gauge); the
 * caller subtracts an idle pair of snapshots.
 */
export function metricsCounter(metricsUrls: Record<string, string>): StatementCounter {
  return {
    method:
      'the subgraphs’ own statement counters (`db_statement_duration_seconds_count` at `/metrics`), minus the ' +
      'statements the scrape itself runs (measured by an idle pair of scrapes)',
    async snapshot() {
      const result: Record<string, number> = {};
      for (const [name, url] of Object.entries(metricsUrls)) {
        const text = await (await fetch(url)).text();
        let sum = 0;
        for (const line of text.split('\n')) {
          if (line.startsWith('db_statement_duration_seconds_count')) sum += Number(line.split(' ').pop());
        }
        result[name] = sum;
      }
      return result;
    },
    close: async () => {},
  };
}

export function difference(after: Record<string, number>, before: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(after).map(([key, value]) => [key, value - (before[key] ?? 0)]));
}

export interface LoadResult {
  requests: number;
  seconds: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  /** Answers other than 2xx, connection errors and timeouts. */
  failures: number;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index]!;
}

/** A run's figures from every answered request's latency (ms), the run's seconds and its failures. */
export function loadResult(latencies: number[], seconds: number, failures: number): LoadResult {
  latencies.sort((a, b) => a - b);
  return {
    requests: latencies.length,
    seconds,
    rps: latencies.length / seconds,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    failures,
  };
}

/**
 * One autocannon run: `connections` keep-alive connections POSTing the same request, for `seconds` (a warm-up)
 * or until `amount` responses arrived. A measured run uses `amount`: a run cut off by time leaves requests in
 * flight whose CPU is spent but whose responses are not counted, which at 50 connections and ~1 s latencies
 * would inflate the CPU per request by a tenth or more.
 */
export function load(options: {
  url: string;
  headers: Record<string, string>;
  body: string;
  connections: number;
  seconds?: number;
  amount?: number;
}): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const latencies: number[] = [];
    const started = performance.now();
    let lastResponse = started;
    const instance = autocannon(
      {
        url: options.url,
        method: 'POST',
        headers: { 'content-type': 'application/json', ...options.headers },
        body: options.body,
        connections: options.connections,
        ...(options.amount ? { amount: options.amount } : { duration: options.seconds ?? 1 }),
        // A slow operation at 50 connections on two shared cores queues for tens of seconds: wait, do not fail.
        timeout: 180,
      },
      (error, result) => {
        if (error) return reject(error);
        // Up to the last response, not to this callback: autocannon reports on its one-second tick, so a run
        // of 40 requests answered in 0.2 s would count as a second (every RPS of a short run was `amount`).
        const seconds = ((latencies.length ? lastResponse : performance.now()) - started) / 1000;
        resolve(loadResult(latencies, seconds, result.non2xx + result.errors + result.timeouts));
      },
    );
    instance.on('response', (_client, _status, _bytes, responseTime) => {
      latencies.push(responseTime);
      lastResponse = performance.now();
    });
  });
}
