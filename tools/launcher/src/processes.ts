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

/** Where a child's output lines go: the launcher's terminal, prefixed with the service's name, by default. */
export type OutputLine = (line: string, stream: 'stdout' | 'stderr') => void;

export function startService(spec: ServiceSpec, root: string, output?: OutputLine): RunningService {
  const child = spawn(process.execPath, ['--import', 'tsx', spec.entry], {
    cwd: root,
    env: { ...process.env, ...spec.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const prefix = `[${spec.name}]`.padEnd(18);
  const write: OutputLine =
    output ?? ((line, stream) => (stream === 'stdout' ? process.stdout : process.stderr).write(`${prefix} ${line}\n`));
  const relay = (stream: NodeJS.ReadableStream | null, name: 'stdout' | 'stderr') => {
    let buffered = '';
    stream?.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) write(line, name);
    });
  };
  relay(child.stdout, 'stdout');
  relay(child.stderr, 'stderr');
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

/** A service drains for up to 10 s and then closes its pools (kit's `runService`): give it that long. */
export async function stopService(service: RunningService, timeoutMs = 20_000): Promise<void> {
  if (service.child.exitCode !== null) return;
  const exited = new Promise<void>((resolve) => service.child.once('exit', () => resolve()));
  service.child.kill('SIGTERM');
  const timer = setTimeout(() => service.child.kill('SIGKILL'), timeoutMs);
  await exited;
  clearTimeout(timer);
}
