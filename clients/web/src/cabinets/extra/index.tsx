/**
 * The extra-education organization's cabinet (issue 11): an ORG_ADMIN of an EXTRA_EDUCATION organization —
 * programmes and groups, applications with decisions, contracts; and the region's catalogue as families see it.
 */
import { Navigate, Route, Routes, useParams } from 'react-router';
import { CatalogueView } from '../../features/extra/catalogue-view.tsx';
import { ProgrammeView } from '../../features/extra/programme-view.tsx';
import { Page } from '../../ui/kit.tsx';
import '../../features/extra/extra.css';
import { ApplicationsPage, ContractsPage } from './enrolment.tsx';
import { NewProgrammePage, ProgrammePage } from './programme.tsx';
import { ProgrammesPage } from './programmes.tsx';

function CataloguePage() {
  return (
    <Page title="Каталог региона">
      <CatalogueView programmeHref={(id) => `/extra/catalogue/${id}`} />
    </Page>
  );
}

function CatalogueProgrammePage() {
  const { programmeId = '' } = useParams();
  return <ProgrammeView programmeId={programmeId} backHref="/extra/catalogue" />;
}

export default function ExtraRoutes() {
  return (
    <Routes>
      <Route index element={<ProgrammesPage />} />
      <Route path="programmes/new" element={<NewProgrammePage />} />
      <Route path="programmes/:programmeId" element={<ProgrammePage />} />
      <Route path="applications" element={<ApplicationsPage />} />
      <Route path="contracts" element={<ContractsPage />} />
      <Route path="catalogue" element={<CataloguePage />} />
      <Route path="catalogue/:programmeId" element={<CatalogueProgrammePage />} />
      <Route path="*" element={<Navigate to="/extra" replace />} />
    </Routes>
  );
}
