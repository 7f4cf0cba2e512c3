/**
 * The «Before / after (issue 13 §4)» section of docs/benchmarks.md. The "before" figures are not measured again:
 * they are those of the run before the §3 and §4 changes, kept in `tools/bench/before.json`, so every new run
 * renders them beside its own figures instead of erasing them.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { OperationReport, Target } from './report.ts';

const figures = z.object({ rps: z.number(), cpuGateway: z.number(), cpuTotal: z.number() });

const baselineSchema = z.object({
  source: z.string(),
  /** The figures issue 13 itself gives as "from ≈ …" (measured on a quiet machine). */
  issue: z.record(z.string(), z.object({ cpuTotal: z.number().optional(), cpuGateway: z.number().optional() })),
  operations: z.record(
    z.string(),
    z.object({
      statements: z.number(),
      results: z.record(z.string(), z.object({ project: figures, stock: figures.optional() })),
    }),
  ),
  /** Measurements made apart from `npm run bench` (e.g. `npm run bench:me`), with their date and load. */
  notes: z.array(z.string()),
});
export type Baseline = z.infer<typeof baselineSchema>;

export const BASELINE_PATH = new URL('../before.json', import.meta.url);

export function readBaseline(): Baseline {
  return baselineSchema.parse(JSON.parse(readFileSync(BASELINE_PATH, 'utf8')));
}

const fixed = (value: number | undefined, digits: number) =>
  value !== undefined && Number.isFinite(value) ? value.toFixed(digits) : '–';

function table(header: string[], rows: string[][]): string {
  return [
    `| ${header.join(' | ')} |`,
    `| ${header.map((_, index) => (index === 0 ? '---' : '---:')).join(' | ')} |`,
    ...rows.map((row) => `| ${row.join(' | ')} |`),
  ].join('\n');
}

const totalStatements = (operation: OperationReport | undefined) =>
  operation?.statements ? Object.values(operation.statements).reduce((sum, value) => sum + value, 0) : undefined;

function measuredAfter(
  operation: OperationReport | undefined,
  connections: number,
  target: Target,
  field: 'cpuTotal' | 'cpuGateway' | 'rps',
): number | undefined {
  const measured = operation?.results[connections]?.[target];
  if (!measured) return undefined;
  return field === 'cpuGateway' ? measured.cpu.gateway : measured[field];
}

/** "met" or "short by X" for an upper bound. */
function verdict(after: number | undefined, bound: number, unit: string): string {
  if (after === undefined) return 'not measured';
  return after <= bound ? 'met' : `short by ${(after - bound).toFixed(after - bound < 10 ? 2 : 1)} ${unit}`;
}

export function renderBeforeAfter(
  operations: OperationReport[],
  connections: number[],
  baseline: Baseline,
  loaded: string,
): string[] {
  const byId = new Map(operations.map((operation) => [operation.id, operation]));
  const before = (id: string, conn: number, target: 'project' | 'stock', field: 'cpuTotal' | 'cpuGateway' | 'rps') =>
    baseline.operations[id]?.results[String(conn)]?.[target]?.[field];
  const lines: string[] = [];
  lines.push('## Before / after (issue 13 §4)');
  lines.push('');
  lines.push(
    `Before (\`tools/bench/before.json\`): ${baseline.source}. After: this run (${loaded}). CPU ms per request counts work, not waiting, but it ` +
      'still grows with load (cache misses, context switches, the scheduler), so a before taken at a higher load ' +
      'than the after flatters the after; the stock gateway of the same run is the steadier reference. The ' +
      'issue\'s own "from ≈" figures were taken on a quiet machine. Project gateway unless the row says otherwise.',
  );
  lines.push('');
  const rows: string[][] = [];
  const diary2 = byId.get('guardian-diary-portfolio-2');
  for (const conn of connections) {
    const after = measuredAfter(diary2, conn, 'project', 'cpuTotal');
    rows.push([
      `diary + portfolio of 2 children: CPU ms per request, all processes, ${conn} connections`,
      `${fixed(before('guardian-diary-portfolio-2', conn, 'project', 'cpuTotal'), 1)} (issue: ≈ ${fixed(baseline.issue['guardian-diary-portfolio-2']?.cpuTotal, 0)})`,
      `${fixed(after, 1)} (stock gateway ${fixed(measuredAfter(diary2, conn, 'stock', 'cpuTotal'), 1)})`,
      '≤ 12',
      verdict(after, 12, 'ms'),
    ]);
  }
  const me = byId.get('guardian-me');
  for (const conn of connections) {
    const after = measuredAfter(me, conn, 'project', 'cpuGateway');
    rows.push([
      `guardian \`me\`: gateway CPU ms per request, ${conn} connections`,
      `${fixed(before('guardian-me', conn, 'project', 'cpuGateway'), 2)} (issue: ≈ ${fixed(baseline.issue['guardian-me']?.cpuGateway, 1)})`,
      `${fixed(after, 2)} (stock gateway ${fixed(measuredAfter(me, conn, 'stock', 'cpuGateway'), 2)})`,
      '≤ 1',
      verdict(after, 1, 'ms'),
    ]);
  }
  const statementIds = [1, 2, 5].map((children) => `guardian-diary-portfolio-${children}`);
  const statementsAfter = statementIds.map((id) => totalStatements(byId.get(id)));
  const constant =
    statementsAfter.every((value) => value !== undefined) &&
    Math.max(...(statementsAfter as number[])) - Math.min(...(statementsAfter as number[])) < 1;
  rows.push([
    'diary + portfolio: SQL statements per request, 1 / 2 / 5 children',
    statementIds.map((id) => fixed(baseline.operations[id]?.statements, 1)).join(' / '),
    statementsAfter.map((value) => fixed(value, 1)).join(' / '),
    'constant in the number of children',
    statementsAfter.some((value) => value === undefined)
      ? 'not measured'
      : constant
        ? 'met'
        : `short: grows by ${fixed((statementsAfter[2]! - statementsAfter[0]!) / 4, 1)} per child`,
  ]);
  const coordinator = byId.get('coordinator-organizations');
  rows.push([
    'coordinator page (`TerritoryOrganizations`): SQL statements per request',
    fixed(baseline.operations['coordinator-organizations']?.statements, 1),
    fixed(totalStatements(coordinator), 1),
    '`organizationsNotOpened` set-based',
    '–',
  ]);
  for (const conn of connections) {
    rows.push([
      `coordinator page: RPS / CPU ms per request, demo, ${conn} connections`,
      `${fixed(before('coordinator-organizations', conn, 'project', 'rps'), 1)} / ${fixed(before('coordinator-organizations', conn, 'project', 'cpuTotal'), 1)}`,
      `${fixed(measuredAfter(coordinator, conn, 'project', 'rps'), 1)} / ${fixed(measuredAfter(coordinator, conn, 'project', 'cpuTotal'), 1)}`,
      'at region scale ≥ 0.9× its demo speed',
      'needs a region-scale run (`--data-dir`): not checked by a demo run',
    ]);
  }
  lines.push(table(['target (issue 13 §4)', 'before', 'after', 'target', 'verdict'], rows));
  if (baseline.notes.length > 0) {
    lines.push('');
    lines.push(...baseline.notes.map((note) => `- ${note}`));
  }
  lines.push('');
  return lines;
}
