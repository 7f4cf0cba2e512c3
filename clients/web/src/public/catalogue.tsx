/**
 * «Кружки и секции» without signing in (issue 11): the regional navigator's catalogue of programmes and a
 * programme's page. It reads only what the gateway opens to anonymous callers; applying needs the cabinet.
 */
import { Link, useParams } from 'react-router';
import { CatalogueView } from '../features/extra/catalogue-view.tsx';
import { ProgrammeView } from '../features/extra/programme-view.tsx';
import { Page } from '../ui/kit.tsx';

export function CataloguePage() {
  return (
    <Page title="Кружки и секции">
      <p>
        Программы дополнительного образования региона. Чтобы получить сертификат или записать ребёнка,{' '}
        <Link to="/">войдите через Госуслуги</Link>.
      </p>
      <CatalogueView programmeHref={(id) => `/catalogue/${id}`} />
    </Page>
  );
}

export function PublicProgrammePage() {
  const { programmeId = '' } = useParams();
  return (
    <ProgrammeView
      programmeId={programmeId}
      backHref="/catalogue"
      footer={() => (
        <p>
          Записаться в группу можно в личном кабинете: <Link to="/">войдите через Госуслуги</Link>, выберите раздел
          «Кружки и секции» и эту программу.
        </p>
      )}
    />
  );
}
