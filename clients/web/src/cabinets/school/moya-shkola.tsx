/** «Моя школа»: what the region sent of the admin's organization to the federal system, and what it refused. */
import { MoyaShkolaSection } from '../../features/moya-shkola/delivery-report.tsx';
import { Page } from '../../ui/kit.tsx';
import { useOrganization } from './organization.tsx';

export function SchoolMoyaShkolaPage() {
  const organization = useOrganization();
  return (
    <Page title="Передача в «Моя школа»">
      <p className="muted">
        Классы, обучающиеся (под псевдонимами), уроки с темами и домашними заданиями, отметки, пропуски и события
        передаются в ФГИС «Моя школа» автоматически. Отклонённые записи исправьте в журнале: они уйдут с ближайшим
        пакетом.
      </p>
      <MoyaShkolaSection key={organization.id} organizationId={organization.id} />
    </Page>
  );
}
