/**
 * `region-report` against the platform (issue 14 §1): a municipal system runs its manifest's operations to CSV,
 * follows a change feed incrementally (the cursor kept in a state file: a second run writes only what changed
 * since), and is told the refusal's code when it asks for an operation outside its manifest; a person's token
 * runs a persisted operation too (the text follows the hash).
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startPlatform, type Platform } from '@region/tests/platform';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { feedOperation, main } from '../src/index.ts';

const MANIFEST = fileURLToPath(new URL('../../../db/src/demo/manifests/mis-municipality-1.json', import.meta.url));

let platform: Platform;
let directory: string;
let token: string;

async function cli(...args: string[]) {
  const printed: string[] = [];
  const code = await main(['node', 'region-report', '--gateway', platform.gatewayUrl, ...args], {
    stdout: (text) => void printed.push(text),
    env: {},
  });
  return { code, printed: printed.join('') };
}

beforeAll(async () => {
  platform = await startPlatform({ now: new Date('2026-11-20T07:00:00Z') });
  directory = await mkdtemp(join(tmpdir(), 'region-report-'));
  token = await platform.serviceToken('mis-municipality-1');
});

afterAll(async () => {
  await platform?.stop();
  await rm(directory, { recursive: true, force: true });
});

describe('region-report', () => {
  it('sends the change-feed operations of the demo manifest byte for byte', async () => {
    const manifest = JSON.parse(await readFile(MANIFEST, 'utf8')) as { operations: { name: string; body: string }[] };
    for (const feed of ['people', 'learning', 'admissions'] as const) {
      const operation = feedOperation(feed);
      expect(manifest.operations.find((entry) => entry.name === operation.name)?.body).toBe(operation.body);
    }
  });

  it('runs a persisted operation of the manifest as a municipal system and writes CSV', async () => {
    const output = join(directory, 'not-opened.csv');
    const run = await cli(
      '--token',
      token,
      'run',
      'NotOpenedOrganizations',
      '--manifest',
      MANIFEST,
      '-v',
      '{"schoolYear":2027}',
      '-o',
      output,
    );
    expect(run.code).toBe(0);
    const rows = parse(await readFile(output, 'utf8'), { columns: true }) as Record<string, string>[];
    expect(rows.length).toBeGreaterThan(0);
    expect(Object.keys(rows[0]!)).toEqual([
      'organization.id',
      'organization.shortName',
      'organization.inn',
      'schoolYear',
      'status',
    ]);
  });

  it('follows the change feed from a state file: the second run writes only the new changes', async () => {
    const state = join(directory, 'classes.state.json');
    const output = join(directory, 'classes.jsonl');
    const first = await cli('--token', token, 'changes', 'learning', 'CLASS', '--state', state, '--output', output);
    expect(first.code).toBe(0);
    const initial = (await readFile(output, 'utf8')).trim().split('\n');
    expect(initial.length).toBeGreaterThan(0);
    const { cursor } = JSON.parse(await readFile(state, 'utf8')) as { cursor: string };
    expect(cursor).toMatch(/^v1\.\d+\.\d+$/);

    const [changed] = await platform.admin.sql<{ id: string }[]>`
      update learning.classes set letter = letter where id = (
        select c.id from learning.classes c join people.organizations o on o.id = c.organization_id
        join people.service_accounts s on s.municipality_id = o.municipality_id
        where s.client_id = 'mis-municipality-1' order by c.id limit 1)
      returning id`;
    let lines = initial;
    for (let attempt = 0; attempt < 50 && lines.length === initial.length; attempt += 1) {
      const next = await cli('--token', token, 'changes', 'learning', 'CLASS', '--state', state, '--output', output);
      expect(next.code).toBe(0);
      lines = (await readFile(output, 'utf8')).trim().split('\n');
      if (lines.length === initial.length) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(lines).toHaveLength(initial.length + 1);
    expect(JSON.parse(lines.at(-1)!)).toMatchObject({ kind: 'UPSERT', entity: 'CLASS', id: changed!.id });
  });

  it('exits 1 with the code when an operation is outside the manifest', async () => {
    const other = join(directory, 'other-manifest.json');
    const body = '{ organizations(first: 5) { totalCount } }';
    await writeFile(other, JSON.stringify({ operations: [{ name: 'Other', body }] }));
    const stderr: string[] = [];
    const write = process.stderr.write.bind(process.stderr);
    process.stderr.write = ((text: string) => stderr.push(text) > 0) as typeof process.stderr.write;
    try {
      const run = await cli('--token', token, 'run', 'Other', '--manifest', other, '-f', 'json');
      expect(run.code).toBe(1);
    } finally {
      process.stderr.write = write;
    }
    expect(stderr.join('')).toContain('PERSISTED_QUERY_NOT_ALLOWED');
  });

  it('runs a persisted operation with a person’s token, sending the text once the hash is unknown', async () => {
    const run = await cli(
      '--token',
      await platform.token('coordinator'),
      'run',
      'CampaignFigures',
      '--manifest',
      MANIFEST,
      '-v',
      '{"year":2027}',
      '-f',
      'json',
    );
    expect(run.code).toBe(0);
    expect(JSON.parse(run.printed)).toMatchObject({ admissionsCampaign: { year: 2027 } });
  });
});
