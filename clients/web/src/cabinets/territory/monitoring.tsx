/**
 * «Мониторинг»: the regional monitoring dashboards of rule 21 built on the report builder — learners and
 * classes, the marks' average and share of «2» by territory and by subject, attendance when its dataset is
 * in the catalogue — and the cards' completeness the cabinet already counts. Every chart stands beside its
 * table: the chart is a picture for the eye, the table is what a screen reader reads.
 */
import { useData } from '../../api/hooks.ts';
import { REPORT, REPORT_CATALOG, type Catalog, type ReportInput } from '../../features/reports/queries.ts';
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

type DimensionId = ReportInput['dimensions'][number];
type MeasureId = ReportInput['measures'][number];

interface Panel {
  title: string;
  input: ReportInput;
}

/**
 * The panels the catalogue can answer: a region is broken down by municipality, a coordinator's
 * municipality by organization. A dataset or measure the catalogue lacks is left out, not an error.
 */
export function panelsFor(catalog: Catalog, scope: TerritoryScope): Panel[] {
  const territory: DimensionId = scope.regional ? 'MUNICIPALITY' : 'ORGANIZATION';
  const by = scope.regional ? 'по муниципалитетам' : 'по организациям';
  const wanted: { title: string; dataset: string; dimensions: DimensionId[]; measures: MeasureId[] }[] = [
    {
      title: `Обучающиеся и классы ${by}`,
      dataset: 'CONTINGENT',
      dimensions: [territory],
      measures: ['PERSONS', 'CLASSES'],
    },
    {
      title: `Средний балл и доля «2» ${by}`,
      dataset: 'MARKS',
      dimensions: [territory],
      measures: ['AVERAGE_MARK', 'SHARE_OF_TWOS'],
    },
    {
      title: 'Средний балл по предметам',
      dataset: 'MARKS',
      dimensions: ['SUBJECT'],
      measures: ['AVERAGE_MARK', 'MARKS'],
    },
  ];
  const attendance = catalog.datasets.find((dataset) => dataset.id === ('ATTENDANCE' as ReportInput['dataset']));
  const attendanceMeasure = attendance?.measures.find((measure) => measure.unit === '%') ?? attendance?.measures[0];
  if (attendance && attendanceMeasure) {
    wanted.push({
      title: `Посещаемость ${by}`,
      dataset: attendance.id,
      dimensions: [territory],
      measures: [attendanceMeasure.id],
    });
  }
  return wanted.flatMap((panel) => {
    const dataset = catalog.datasets.find((entry) => entry.id === panel.dataset);
    if (!dataset) return [];
    const dimensions = panel.dimensions.filter((id) => dataset.dimensions.some((entry) => entry.id === id));
    const measures = panel.measures.filter((id) => dataset.measures.some((entry) => entry.id === id));
    if (measures.length === 0) return [];
    return [{ title: panel.title, input: { dataset: dataset.id, dimensions, measures } }];
  });
}

function ReportPanel({ panel }: { panel: Panel }) {
  const { data, loading, error, refetch } = useData(REPORT, {
    variables: { input: panel.input },
    fetchPolicy: 'no-cache',
  });
  return (
    <Section title={panel.title}>
      <DataState loading={loading} error={error} data={data} onRetry={() => void refetch()}>
        {(loaded) => {
          const chart = chartData(loaded.report);
          return (
            <div className="r-layout">
              <ReportTableView table={loaded.report} caption={panel.title} />
              {chart && <ReportChart data={chart} caption={`Диаграмма: ${chart.measure.title}. Числа — в таблице.`} />}
            </div>
          );
        }}
      </DataState>
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
  const { data, loading, error, refetch } = useData(REPORT_CATALOG);
  return (
    <Page title="Мониторинг">
      <Lead>
        {scope.title}. Сводные показатели по данным платформы; ячейки, посчитанные меньше чем по{' '}
        {data?.reportCatalog.minCellSize ?? 5} человекам, скрыты («к»).
      </Lead>
      <div className="r-dashboard">
        <DataState loading={loading} error={error} data={data} onRetry={() => void refetch()}>
          {(loaded) =>
            panelsFor(loaded.reportCatalog, scope).map((panel) => <ReportPanel key={panel.title} panel={panel} />)
          }
        </DataState>
        <CompletenessPanel scope={scope} />
      </div>
    </Page>
  );
}
