/** «Форма ОО-1»: the form's contingent sections for the admin's organization. */
import { Oo1View } from '../../features/reports/oo1-view.tsx';
import { Page } from '../../ui/kit.tsx';
import { useOrganization } from './organization.tsx';

export default function SchoolOo1Page() {
  const organization = useOrganization();
  return (
    <Page title="Форма ОО-1">
      <p className="muted">Разделы о контингенте: классы и обучающиеся по параллелям, полу и возрасту на 1 января.</p>
      <Oo1View key={organization.id} input={{ organizationId: organization.id }} />
    </Page>
  );
}
