/**
 * The monitoring dashboards of rule 21 (issue 12) as report definitions: one list the web cabinet draws and
 * the benchmark calls (`monitoringDashboard`), each panel answered by the report builder — so row scope,
 * suppression and the pre-aggregated facts are the builder's. Marks and attendance cover the school year up
 * to the last complete month: whole months are what the facts hold, and lessons of the rest of the current
 * month are scheduled but not given yet.
 */
import type { Executor } from '@region/db';
import { addDays, regionDate, schoolYearOf } from '@region/kit';
import type { AnalyticsPolicy } from '../../policy.ts';
import type { DatasetId, DimensionId, MeasureId } from '../reports/catalog.ts';
import { buildReport, type ReportInput, type ReportOptions, type ReportTable } from '../reports/service.ts';

export interface DashboardPanel {
  id: string;
  title: string;
  dataset: DatasetId;
  dimensions: DimensionId[];
  measures: MeasureId[];
  filters: { dimension: DimensionId; values: string[] }[];
  on: string | null;
  from: string | null;
  to: string | null;
}

const russianDate = (iso: string) => `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`;

/**
 * The school year from 1 September to the end of the last complete month; in September, when no month is
 * complete yet, up to today.
 */
export function dashboardRange(today: string): { from: string; to: string } {
  const from = `${schoolYearOf(today)}-09-01`;
  const lastComplete = addDays(`${today.slice(0, 7)}-01`, -1);
  return { from, to: lastComplete >= from ? lastComplete : today };
}

/** The panels for a territory: broken down by municipality for the region, else by organization. */
export function dashboardPanels(today: string, regional: boolean, municipalityId: string | null): DashboardPanel[] {
  const territory: DimensionId = regional && !municipalityId ? 'MUNICIPALITY' : 'ORGANIZATION';
  const by = territory === 'MUNICIPALITY' ? 'по муниципалитетам' : 'по организациям';
  const where: DashboardPanel['filters'] = municipalityId
    ? [{ dimension: 'MUNICIPALITY', values: [municipalityId] }]
    : [];
  const range = dashboardRange(today);
  const period = `с ${russianDate(range.from)} по ${russianDate(range.to)}`;
  const slice = { on: today, from: null, to: null };
  const over = { on: null, ...range };
  return [
    {
      id: 'CONTINGENT',
      title: `Обучающиеся и классы ${by}`,
      dataset: 'CONTINGENT',
      dimensions: [territory],
      measures: ['PERSONS', 'CLASSES'],
      filters: where,
      ...slice,
    },
    {
      id: 'MARKS',
      title: `Средний балл и доля «2» ${by}, ${period}`,
      dataset: 'MARKS',
      dimensions: [territory],
      measures: ['AVERAGE_MARK', 'SHARE_OF_TWOS'],
      filters: where,
      ...over,
    },
    {
      id: 'MARKS_BY_SUBJECT',
      title: `Средний балл по предметам, ${period}`,
      dataset: 'MARKS',
      dimensions: ['SUBJECT'],
      measures: ['AVERAGE_MARK', 'MARKS'],
      filters: where,
      ...over,
    },
    {
      id: 'ATTENDANCE',
      title: `Посещаемость ${by}, ${period}`,
      dataset: 'ATTENDANCE',
      dimensions: [territory],
      measures: ['ATTENDANCE_RATE', 'ABSENCES'],
      filters: where,
      ...over,
    },
    // Rules 21 and 24 (seed 000): 100 % of staff and learners registered in Сферум.
    {
      id: 'SFERUM',
      title: `Регистрация в Сферуме ${by}`,
      dataset: 'PLATFORMS',
      dimensions: [territory, 'CARD_KIND'],
      measures: ['SHARE_REGISTERED_SFERUM', 'REGISTERED_SFERUM', 'PERSONS'],
      filters: where,
      ...slice,
    },
    // ФГИС «Моя школа» is general education's: schools only.
    {
      id: 'MY_SCHOOL',
      title: `Регистрация в ФГИС «Моя школа» ${by} (школы)`,
      dataset: 'PLATFORMS',
      dimensions: [territory, 'CARD_KIND'],
      measures: ['SHARE_REGISTERED_MY_SCHOOL', 'REGISTERED_MY_SCHOOL', 'PERSONS'],
      filters: [...where, { dimension: 'ORGANIZATION_TYPE', values: ['SCHOOL'] }],
      ...slice,
    },
    {
      id: 'ORGANIZATIONS',
      title: `Организации в Сферуме и ФГИС «Моя школа», неверные ИНН ${by}`,
      dataset: 'ORGANIZATIONS',
      dimensions: [territory],
      measures: [
        'SHARE_ORGANIZATIONS_SFERUM_ACTIVE',
        'ORGANIZATIONS',
        'ORGANIZATIONS_SFERUM_ACTIVE',
        'ORGANIZATIONS_MY_SCHOOL',
        'ORGANIZATIONS_WRONG_INN',
      ],
      filters: where,
      ...slice,
    },
  ];
}

export const panelInput = (panel: DashboardPanel): ReportInput => ({
  dataset: panel.dataset,
  dimensions: panel.dimensions,
  measures: panel.measures,
  filters: panel.filters,
  on: panel.on,
  from: panel.from,
  to: panel.to,
});

/**
 * Every panel of the principal's dashboard with its table: one call for the web page and the benchmark. A
 * municipality outside the principal's territory is FORBIDDEN (the builder's scope check).
 */
export async function monitoringDashboard(
  db: Executor,
  policy: AnalyticsPolicy,
  municipalityId: string | null,
  options: ReportOptions,
): Promise<(DashboardPanel & { table: ReportTable })[]> {
  const panels = dashboardPanels(regionDate(options.now), policy.reportScope().region, municipalityId);
  const tables = [];
  // One after another: a dashboard is seven small statements, not seven connections at once.
  for (const panel of panels)
    tables.push({ ...panel, table: await buildReport(db, policy, panelInput(panel), options) });
  return tables;
}
