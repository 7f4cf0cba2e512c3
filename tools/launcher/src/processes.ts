/** Child services of the launcher: each its own Node process, prefixed output, health-checked. */
import { spawn, type ChildProcess } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';

export interface ServiceSpec {
  name: string;
  entry: string;
  env: Record<string, string>;
  healthUrl: string;
}

export interface RunningService {
  spec: ServiceSpec;
  child: ChildProcess;
}

export function startService(spec: ServiceSpec, root: string): RunningService {
  const child = spawn(process.execPath, ['--import', 'tsx', spec.entry], {
    cwd: root,
    env: { ...process.env, ...spec.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const prefix = `[${spec.name}]`.padEnd(18);
  const relay = (stream: NodeJS.ReadableStream | null, out: NodeJS.WriteStream) => {
    let buffered = '';
    stream?.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) out.write(`${prefix} ${line}\n`);
    });
  };
  relay(child.stdout, process.stdout);
  relay(child.stderr, process.stderr);
  return { spec, child };
}

export async function waitHealthy(service: RunningService, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (service.child.exitCode !== null)
      throw new Error(`${service.spec.name} exited with code ${service.child.exitCode}`);
    try {
      const response = await fetch(service.spec.healthUrl);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await sleep(250);
  }
  throw new Error(
    `${service.spec.name} did not become healthy within ${timeoutMs / 1000} s (${service.spec.healthUrl})`,
  );
}

export async function stopService(service: RunningService, timeoutMs = 10_000): Promise<void> {
  if (service.child.exitCode !== null) return;
  const exited = new Promise<void>((resolve) => service.child.once('exit', () => resolve()));
  service.child.kill('SIGTERM');
  const timer = setTimeout(() => service.child.kill('SIGKILL'), timeoutMs);
  await exited;
  clearTimeout(timer);
}
