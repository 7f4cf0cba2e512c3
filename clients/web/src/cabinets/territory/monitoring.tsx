/**
 * «Мониторинг»: the regional monitoring dashboards of rule 21, the server's panels built on the report
 * builder — learners and classes, the marks' average and share of «2» by territory and by subject,
 * attendance, registration in Сферум and ФГИС «Моя школа», organizations' status there and wrong INNs — and
 * the cards' completeness the cabinet already counts. Every chart stands beside its
 * table: the chart is a picture for the eye, the table is what a screen reader reads.
 */
import { useData } from '../../api/hooks.ts';
import type { MonitoringDashboardQuery } from '../../generated/graphql.ts';
import { MONITORING_DASHBOARD } from '../../features/reports/queries.ts';
import { ReportChart } from '../../features/reports/report-chart.tsx';
import { ReportTableView } from '../../features/reports/report-table.tsx';
import { chartData, type ChartData } from '../../features/reports/table-model.ts';
import '../../features/reports/reports.css';
import { DataState, Page, Section } from '../../ui/kit.tsx';
import { SUMMARY } from './queries/organizations.ts';
import { formatPercent } from './rules.ts';
import { useTerritoryScope, type TerritoryScope } from './scope.ts';
import { visibleMunicipalities } from './summary.tsx';
import { Lead } from './ui.tsx';

type DashboardPanel = MonitoringDashboardQuery['monitoringDashboard'][number];

/**
 * One panel of the server's dashboard (`monitoringDashboard`): the region by municipality, a coordinator's
 * municipality by organization — learners, marks, attendance, Сферум and «Моя школа», wrong INNs.
 */
function ReportPanel({ panel }: { panel: DashboardPanel }) {
  const chart = chartData(panel.table);
  return (
    <Section title={panel.title}>
      <div className="r-layout">
        <ReportTableView table={panel.table} caption={panel.title} />
        {chart && <ReportChart data={chart} caption={`Диаграмма: ${chart.measure.title}. Числа — в таблице.`} />}
      </div>
    </Section>
  );
}

/** The share of complete learners' cards by municipality, from the figures «Сводка» reads. */
function CompletenessPanel({ scope }: { scope: TerritoryScope }) {
  const { data, loading, error, refetch } = useData(SUMMARY, {
    variables: { regional: scope.regional },
    fetchPolicy: 'no-cache',
  });
  const title = 'Заполненность карточек обучающихся по муниципалитетам';
  return (
    <Section title={title}>
      <DataState loading={loading} error={error} data={data} onRetry={() => void refetch()}>
        {(loaded) => {
          const rows = visibleMunicipalities(loaded);
          const chart: ChartData = {
            points: rows.map((row) => ({
              category: row.name,
              value: row.dataCompleteness?.studentsCompletePercent ?? null,
            })),
            series: [{ key: 'value', label: 'Карточек заполнено полностью' }],
            measure: { index: 1, title: 'Карточек обучающихся заполнено полностью', unit: '%' },
            categoryTitle: 'Муниципалитет',
            seriesTitle: null,
            truncated: false,
          };
          return (
            <div className="r-layout">
              <div className="table-wrap">
                <table className="table t-table">
                  <caption className="visually-hidden">{title}</caption>
                  <thead>
                    <tr>
                      <th scope="col">Муниципалитет</th>
                      <th scope="col" className="num">
                        Карточек заполнено полностью, %
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {rows.map((row) => (
                      <tr key={row.id}>
                        <th scope="row">{row.name}</th>
                        <td className="num">{formatPercent(row.dataCompleteness?.studentsCompletePercent ?? null)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <ReportChart data={chart} caption="Диаграмма: доля полностью заполненных карточек. Числа — в таблице." />
            </div>
          );
        }}
      </DataState>
    </Section>
  );
}

export default function MonitoringPage() {
  const scope = useTerritoryScope();
  const { data, loading, error, refetch } = useData(MONITORING_DASHBOARD, { fetchPolicy: 'no-cache' });
  return (
    <Page title="Мониторинг">
      <Lead>
        {scope.title}. Сводные показатели по данным платформы; ячейки, посчитанные меньше чем по{' '}
        {data?.monitoringDashboard[0]?.table.minCellSize ?? 5} человекам, скрыты («к»). Успеваемость и посещаемость — за
        учебный год по последний полный месяц.
      </Lead>
      <div className="r-dashboard">
        <DataState loading={loading} error={error} data={data} onRetry={() => void refetch()}>
          {(loaded) => loaded.monitoringDashboard.map((panel) => <ReportPanel key={panel.id} panel={panel} />)}
        </DataState>
        <CompletenessPanel scope={scope} />
      </div>
    </Page>
  );
}
