/** «Конструктор отчётов»: the report builder over the coordinator's, operator's or analyst's territory. */
import { useData } from '../../api/hooks.ts';
import { ReportBuilder } from '../../features/reports/builder.tsx';
import { Page } from '../../ui/kit.tsx';
import { MUNICIPALITIES } from './queries/organizations.ts';
import { useTerritoryScope } from './scope.ts';
import { Lead } from './ui.tsx';

export default function ReportsPage() {
  const scope = useTerritoryScope();
  const { data } = useData(MUNICIPALITIES, { skip: !scope.regional });
  const municipalities = scope.regional ? (data?.municipalities ?? []) : scope.municipalities;
  return (
    <Page title="Конструктор отчётов">
      <Lead>{scope.title}. Только сводные числа, без персональных данных.</Lead>
      <ReportBuilder scope={{ municipalities }} />
    </Page>
  );
}
