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

export interface Backoff {
  /** Delay before the first restart. */
  initialMs: number;
  /** The delay doubles per crash up to this. */
  maxMs: number;
  /** A run at least this long counts as stable: the next crash starts from `initialMs` again. */
  stableMs: number;
}

export const RESTART_BACKOFF: Backoff = { initialMs: 1_000, maxMs: 30_000, stableMs: 60_000 };

/** The delay before the next restart, given the previous one (null: none yet) and how long the last run lasted. */
export function nextRestartDelay(previousMs: number | null, ranForMs: number, backoff = RESTART_BACKOFF): number {
  if (previousMs === null || ranForMs >= backoff.stableMs) return backoff.initialMs;
  return Math.min(previousMs * 2, backoff.maxMs);
}

export interface RestarterOptions {
  name: string;
  /** Starts the thing again; a rejection counts as another crash. */
  start: () => Promise<void>;
  log: (line: string) => void;
  backoff?: Backoff;
  now?: () => number;
}

export interface Restarter {
  /** The thing runs (from now on its run counts towards a stable minute). */
  started(): void;
  /** It exited on its own: log it once and start it again after the backoff. */
  exited(reason: string): void;
  /** Shutting down: no restart from now on. */
  cancel(): void;
}

/** Restarts one crashed process with backoff instead of stopping the platform (issue 9, Faults). */
export function restarter(options: RestarterOptions): Restarter {
  const backoff = options.backoff ?? RESTART_BACKOFF;
  const now = options.now ?? Date.now;
  let startedAt = now();
  let delay: number | null = null;
  let restarts = 0;
  let timer: NodeJS.Timeout | undefined;
  let cancelled = false;
  const self: Restarter = {
    started() {
      startedAt = now();
    },
    exited(reason) {
      if (cancelled) return;
      const ranFor = now() - startedAt;
      delay = nextRestartDelay(delay, ranFor, backoff);
      restarts++;
      options.log(`${options.name} ${reason} after ${seconds(ranFor)}; restart #${restarts} in ${seconds(delay)}.`);
      timer = setTimeout(() => {
        timer = undefined;
        if (cancelled) return;
        options.start().then(
          () => self.started(),
          (error: unknown) => {
            startedAt = now();
            self.exited(`failed to start (${error instanceof Error ? error.message : String(error)})`);
          },
        );
      }, delay);
    },
    cancel() {
      cancelled = true;
      clearTimeout(timer);
    },
  };
  return self;
}

function seconds(ms: number): string {
  return `${Math.round(ms / 100) / 10} s`;
}

export interface SupervisedService {
  readonly current: RunningService;
  /** Stops the service for good (Ctrl-C): no restart after this. */
  stop(): Promise<void>;
}

/** Keeps a started service running: when its process exits on its own, it is started again with backoff. */
export function superviseService(
  first: RunningService,
  root: string,
  options: { log: (line: string) => void; backoff?: Backoff; output?: OutputLine; now?: () => number },
): SupervisedService {
  let current = first;
  const watch = (service: RunningService) =>
    service.child.once('exit', (code, signal) => restart.exited(`exited (${signal ?? `code ${code}`})`));
  const restart = restarter({
    name: first.spec.name,
    log: options.log,
    backoff: options.backoff,
    now: options.now,
    start: async () => {
      current = startService(first.spec, root, options.output);
      watch(current);
    },
  });
  watch(first);
  return {
    get current() {
      return current;
    },
    async stop() {
      restart.cancel();
      await stopService(current);
    },
  };
}
