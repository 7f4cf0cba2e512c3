/**
 * The gateway of `bench/me.ts`, alone in its process so that `process.cpuUsage()` is the gateway's own CPU
 * and nothing else's: built by `createGateway` as `src/index.ts` builds it, configured by the parent through
 * `BENCH_GATEWAY` (JSON; the committed supergraph it reads itself), answering the parent's `cpu` messages over IPC.
 */
import { readFileSync } from 'node:fs';
import { createLogger, listen } from '@region/kit';
import { SUPERGRAPH_PATH } from '@region/schema';
import type { JWK } from 'jose';
import { createGateway } from '../src/app.ts';

interface BenchGatewayConfig {
  subgraphUrls: Record<string, string>;
  esia: { issuer: string; audience: string; jwksUrl: string; apiUrl: string };
  internalPrivateJwk: JWK;
}

const config = JSON.parse(process.env['BENCH_GATEWAY'] ?? '{}') as BenchGatewayConfig;
const gateway = await createGateway({
  ...config,
  supergraphSdl: readFileSync(SUPERGRAPH_PATH, 'utf8'),
  logger: createLogger('gateway', 'silent'),
});
const port = await listen(gateway.server, 0);
process.on('message', (message) => {
  if (message === 'cpu') process.send?.({ cpu: process.cpuUsage() });
  if (message === 'stop') void gateway.stop().then(() => process.exit(0));
});
process.send?.({ port });
