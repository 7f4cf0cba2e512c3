/**
 * One measured run of an operation against one variant (closed loop: autocannon; open loop: open-loop.ts),
 * with the CPU every process spent on it, and the median of a run's rounds (index.ts drives them).
 */
import { SUBGRAPHS } from '@region/schema';
import { cpuMs, load, postgresCpu, postgresCpuDelta, type LoadResult } from './measure.ts';
import { arrivalRate, openLoop, seeded } from './open-loop.ts';
import type { BenchPlatform } from './platform.ts';
import { CPU_COLUMNS, type CpuColumn, type Measured, type OperationReport, type Target } from './report.ts';
import { bodyOf, type Prepared } from './variants.ts';

export type Sample = { load: LoadResult; cpu: Record<CpuColumn, number> };

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

async function requestFor(platform: BenchPlatform, prepared: Prepared, target: Target) {
  const { operation } = prepared;
  switch (target) {
    case 'project':
      return { url: platform.gatewayUrl, token: prepared.esiaToken };
    case 'stock':
      return { url: platform.stockGatewayUrl, token: prepared.esiaToken };
    case 'direct':
      // Internal tokens live 60 s: one signed for each run.
      return { url: platform.subgraphUrls[operation.direct!]!, token: await platform.signInternal(prepared.principal) };
  }
}

export async function run(
  platform: BenchPlatform,
  prepared: Prepared,
  target: Target,
  connections: number,
  size:
    { seconds: number } | { amount: number } | { openLoop: { users: number; thinkSeconds: number; amount: number } },
  postmasterPid: number | null,
): Promise<{ load: LoadResult; cpu: Record<CpuColumn, number> }> {
  const { url, token } = await requestFor(platform, prepared, target);
  const processes: Partial<Record<CpuColumn | 'admissions' | 'extra-education', number>> = {
    ...(target === 'direct' ? {} : { gateway: platform.pids[target === 'project' ? 'gateway' : 'stock-gateway'] }),
    ...Object.fromEntries(SUBGRAPHS.map((entry) => [entry.name, platform.pids[entry.name]])),
  };
  const before = Object.fromEntries(Object.entries(processes).map(([name, pid]) => [name, cpuMs(pid!) ?? 0]));
  const pgBefore = postmasterPid ? postgresCpu(postmasterPid) : null;
  const request = { url, headers: { authorization: `Bearer ${token}` }, body: bodyOf(prepared.operation) };
  const result =
    'openLoop' in size
      ? await openLoop({ ...request, ...size.openLoop, random: seeded(20250901) })
      : await load({ ...request, connections, ...size });
  const used = Object.fromEntries(
    Object.entries(processes).map(([name, pid]) => [name, (cpuMs(pid!) ?? 0) - (before[name] ?? 0)]),
  );
  const perRequest = (ms: number) => (result.requests > 0 ? ms / result.requests : NaN);
  const cpu: Record<CpuColumn, number> = {
    gateway: perRequest(used['gateway'] ?? 0),
    people: perRequest(used['people'] ?? 0),
    learning: perRequest(used['learning'] ?? 0),
    analytics: perRequest(used['analytics'] ?? 0),
    other: perRequest((used['admissions'] ?? 0) + (used['extra-education'] ?? 0)),
    postgres: pgBefore ? perRequest(postgresCpuDelta(pgBefore, postgresCpu(postmasterPid!))) : NaN,
  };
  return { load: result, cpu };
}

export function medianOf(samples: Sample[]): Measured {
  const cpu = Object.fromEntries(
    CPU_COLUMNS.map((column) => [column, median(samples.map((sample) => sample.cpu[column]))]),
  ) as Record<CpuColumn, number>;
  return {
    rps: median(samples.map((sample) => sample.load.rps)),
    p50: median(samples.map((sample) => sample.load.p50)),
    p95: median(samples.map((sample) => sample.load.p95)),
    p99: median(samples.map((sample) => sample.load.p99)),
    cpu,
    cpuTotal: median(
      samples.map((sample) =>
        CPU_COLUMNS.reduce((sum, column) => sum + (Number.isFinite(sample.cpu[column]) ? sample.cpu[column] : 0), 0),
      ),
    ),
    requests: samples.reduce((sum, sample) => sum + sample.load.requests, 0),
    failures: samples.reduce((sum, sample) => sum + sample.load.failures, 0),
  };
}

/** The open-loop rounds of an operation that has them: at least 100 requests a round, so a p95 is a p95. */
export async function openLoopRounds(
  platform: BenchPlatform,
  ready: Prepared,
  settings: { seconds: number; rounds: number },
  postmasterPid: number | null,
  log: (line: string) => void,
): Promise<OperationReport['openLoop']> {
  const spec = ready.operation.openLoop;
  if (!spec) return undefined;
  const rate = arrivalRate(spec);
  const amount = Math.max(100, Math.round(rate * settings.seconds));
  const samples: Sample[] = [];
  for (let round = 0; round < settings.rounds; round += 1) {
    const sample = await run(platform, ready, 'project', spec.users, { openLoop: { ...spec, amount } }, postmasterPid);
    samples.push(sample);
    log(
      `${ready.operation.id} open loop ${spec.users} users, ${spec.thinkSeconds} s think time (${rate.toFixed(1)}/s) ` +
        `round ${round + 1}: p95 ${sample.load.p95.toFixed(0)} ms${sample.load.failures ? `, ${sample.load.failures} failed` : ''}`,
    );
  }
  return { ...spec, rate, measured: medianOf(samples) };
}
