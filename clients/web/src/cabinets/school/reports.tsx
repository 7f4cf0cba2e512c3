/** «Отчёты»: the report builder for an organization's admin (`reports:read` over their organization). */
import { ReportBuilder } from '../../features/reports/builder.tsx';
import { Page } from '../../ui/kit.tsx';
import { useOrganization } from './organization.tsx';

export default function SchoolReportsPage() {
  const organization = useOrganization();
  return (
    <Page title="Отчёты">
      <p className="muted">{organization.shortName}. Сводные числа по вашей организации.</p>
      <ReportBuilder key={organization.id} scope={{ municipalities: [], organizationId: organization.id }} />
    </Page>
  );
}
