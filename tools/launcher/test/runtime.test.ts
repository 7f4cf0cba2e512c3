/**
 * The project runs on the Node.js line that package.json's `engines` names (issue 10 §1): the `node-linux-*`
 * package puts that binary at node_modules/.bin/node, which npm scripts find first on PATH. If an install or a
 * command silently falls back to the machine's system Node, these fail instead of the platform running on it.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { startService } from '../src/processes.ts';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const engines = (JSON.parse(readFileSync(`${ROOT}package.json`, 'utf8')) as { engines: { node: string } }).engines;
const expectedMajor = /^(\d+)\.x$/.exec(engines.node)?.[1];

const major = (version: string) => version.split('.')[0];

describe('the Node.js runtime', () => {
  it('is the one line engines names', () => {
    expect(expectedMajor).toBe('24');
  });

  it('runs the test process', () => {
    expect(major(process.versions.node)).toBe(expectedMajor);
  });

  it('runs every service the launcher spawns', async () => {
    const spec = { name: 'runtime', entry: 'tools/launcher/test/fixtures/print-runtime.ts', env: {}, healthUrl: '' };
    const lines: string[] = [];
    const service = startService(spec, ROOT, (line) => lines.push(line));
    const code = await new Promise<number | null>((resolve) => service.child.once('exit', resolve));
    expect(code).toBe(0);
    expect(lines).toEqual([expect.stringMatching(/^node \d+\.\d+\.\d+$/)]);
    expect(major(lines[0]!.slice('node '.length))).toBe(expectedMajor);
  }, 30_000);
});
