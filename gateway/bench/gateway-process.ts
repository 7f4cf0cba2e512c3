/**
 * The gateway of `bench/me.ts`, alone in its process so that `process.cpuUsage()` is the gateway's own CPU
 * and nothing else's: built by `createGateway` as `src/index.ts` builds it, configured by the parent through
 * `BENCH_GATEWAY` (JSON; the committed supergraph it reads itself), answering the parent's `cpu` messages over IPC.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { createLogger, listen } from '@region/kit';
import { SUPERGRAPH_PATH } from '@region/schema';
import type { JWK } from 'jose';

interface BenchGatewayConfig {
  subgraphUrls: Record<string, string>;
  esia: { issuer: string; audience: string; jwksUrl: string; apiUrl: string };
  internalPrivateJwk: JWK;
}

const config = JSON.parse(process.env['BENCH_GATEWAY'] ?? '{}') as BenchGatewayConfig;
// `BENCH_GATEWAY_APP`: another version's `app.ts` (`--compare`); by default this tree's.
const { createGateway } = (await import(
  process.env['BENCH_GATEWAY_APP'] ?? '../src/app.ts'
)) as typeof import('../src/app.ts');
const gateway = await createGateway({
  ...config,
  supergraphSdl: readFileSync(SUPERGRAPH_PATH, 'utf8'),
  logger: createLogger('gateway', 'silent'),
});
const port = await listen(gateway.server, 0);
// `BENCH_CPU_PROF`: a V8 CPU profile of the measured rounds only, not of the start (`--cpu-prof` would be).
const profiler = new Session();
process.on('message', async (message) => {
  if (message === 'cpu') process.send?.({ cpu: process.cpuUsage() });
  if (message === 'profile-start') {
    profiler.connect();
    await profiler.post('Profiler.enable');
    await profiler.post('Profiler.start');
    process.send?.({ profiling: true });
  }
  if (typeof message === 'object' && message && 'profileTo' in message) {
    const { profile } = await profiler.post('Profiler.stop');
    writeFileSync(String(message.profileTo), JSON.stringify(profile));
    process.send?.({ profiled: true });
  }
  if (message === 'stop') void gateway.stop().then(() => process.exit(0));
});
process.send?.({ port });
