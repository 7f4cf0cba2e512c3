/**
 * The «Region scale» section of a region run's report (issues 12 and 13 §4): the targets that only a
 * region-scale dataset can check, with the coordinators' page compared against a demo run made beside it
 * (`--demo-run <its last-run json>`: the same machine and session, run just before or after).
 */
import type { Measured, OperationReport, ReportInput, Target } from './report.ts';

const fixed = (value: number | undefined, digits: number) =>
  value !== undefined && Number.isFinite(value) ? value.toFixed(digits) : '–';

function table(header: string[], rows: string[][]): string {
  return [
    `| ${header.join(' | ')} |`,
    `| ${header.map((_, index) => (index === 0 ? '---' : '---:')).join(' | ')} |`,
    ...rows.map((row) => `| ${row.join(' | ')} |`),
  ].join('\n');
}

function measured(
  operations: readonly OperationReport[],
  id: string,
  connections: number,
  target: Target = 'project',
): Measured | undefined {
  return operations.find((operation) => operation.id === id)?.results[connections]?.[target];
}

function below(value: number | undefined, bound: number, unit: string): string {
  if (value === undefined) return 'not measured';
  return value < bound ? 'met' : `short: ${fixed(value - bound, 0)} ${unit} over`;
}

export function renderRegionTargets(region: ReportInput, demo: ReportInput | undefined): string[] {
  const lines: string[] = ['## Region scale (issues 12 and 13 §4)', ''];
  lines.push(
    demo
      ? `Demo run beside it: \`${demo.command}\` at ${new Date(demo.generatedAt).toISOString()} (load average ` +
          `${Math.min(...demo.loadAverage.before, ...demo.loadAverage.after).toFixed(1)}–` +
          `${Math.max(...demo.loadAverage.before, ...demo.loadAverage.after).toFixed(1)}). Project gateway.`
      : 'No demo run was given (`--demo-run`): the coordinators\u2019 page ratio is not computed. Project gateway.',
  );
  lines.push('');
  const rows: string[][] = [];
  for (const connections of region.settings.connections) {
    const atRegion = measured(region.operations, 'coordinator-organizations', connections);
    const atDemo = demo ? measured(demo.operations, 'coordinator-organizations', connections) : undefined;
    const ratio = atRegion && atDemo ? atRegion.rps / atDemo.rps : undefined;
    rows.push([
      `coordinator page (\`TerritoryOrganizations\`), ${connections} connections: RPS region / demo`,
      `${fixed(atRegion?.rps, 1)} / ${fixed(atDemo?.rps, 1)} = ${fixed(ratio, 2)}×; p95 ${fixed(atRegion?.p95, 0)} / ${fixed(atDemo?.p95, 0)} ms; CPU ms ${fixed(atRegion?.cpuTotal, 1)} / ${fixed(atDemo?.cpuTotal, 1)}`,
      '≥ 0.9×',
      ratio === undefined ? 'not measured' : ratio >= 0.9 ? 'met' : `short: ${fixed(ratio, 2)}×`,
    ]);
  }
  const p95 = (id: string, connections: number) => measured(region.operations, id, connections)?.p95;
  // The same target read open-loop: 50 people with a think time (docs/architecture.md, «Reading the p95 targets»).
  const openRow = (id: string, title: string, bound: number, unit: string) => {
    const open = region.operations.find((operation) => operation.id === id)?.openLoop;
    if (!open) return;
    rows.push([
      `${title}, ${open.users} people, ${open.thinkSeconds} s think time (${fixed(open.rate, 1)} arrivals/s, open loop): p95`,
      `${fixed(open.measured.p95, 0)} ms`,
      `< ${bound.toLocaleString('en-US')} ${unit}`,
      below(open.measured.p95, bound, unit),
    ]);
  };
  for (const [id, title] of [
    ['guardian-diary-portfolio-2', 'guardian diary + portfolio (2 children)'],
    ['teacher-journal', 'teacher journal'],
  ] as const) {
    rows.push([
      `${title}, 50 connections (closed loop): p95`,
      `${fixed(p95(id, 50), 0)} ms`,
      '< 150 ms',
      below(p95(id, 50), 150, 'ms'),
    ]);
    openRow(id, title, 150, 'ms');
  }
  for (const [id, title, bound] of [
    ['analyst-report', 'analyst report, 3 dimensions', 2000],
    ['analyst-dashboard', 'monitoring dashboard panel', 200],
  ] as const) {
    for (const connections of region.settings.connections)
      rows.push([
        `${title}, ${connections} connections (closed loop): p95`,
        `${fixed(p95(id, connections), 0)} ms`,
        `< ${bound.toLocaleString('en-US')} ms`,
        below(p95(id, connections), bound, 'ms'),
      ]);
    openRow(id, title, bound, 'ms');
  }
  lines.push(table(['target', 'measured', 'target', 'verdict'], rows));
  lines.push('');
  return lines;
}
