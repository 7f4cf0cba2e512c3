import { lazy, Suspense, type ComponentType } from 'react';
import { Navigate, Route, Routes } from 'react-router';
import { Loading } from '../../ui/kit.tsx';
import { CampaignPage } from './campaign.tsx';
import { ExtraCoveragePage } from './extra-coverage.tsx';
import { MilitaryRegistrationPage } from './military-registration.tsx';
import { NotOpenedPage } from './not-opened.tsx';
import { OrganizationPage } from './organization.tsx';
import { OrganizationsPage } from './organizations.tsx';
import { SearchPage } from './search.tsx';
import { SummaryPage } from './summary.tsx';
import './territory.css';

// The chart library and GraphiQL (with its editor) are large: they load with the pages that use them.
const ReportsPage = lazy(() => import('./reports.tsx'));
const MonitoringPage = lazy(() => import('./monitoring.tsx'));
const GraphiqlPage = lazy(() => import('./graphiql.tsx'));
const Oo1Page = lazy(() => import('./oo1.tsx'));

function Lazy({ Page }: { Page: ComponentType }) {
  return (
    <Suspense fallback={<Loading />}>
      <Page />
    </Suspense>
  );
}

/** The municipal and regional coordinators' cabinet (and the ministry's, aggregates only). */
export default function CabinetRoutes() {
  return (
    <Routes>
      <Route index element={<SummaryPage />} />
      <Route path="organizations" element={<OrganizationsPage />} />
      <Route path="organizations/:id" element={<OrganizationPage />} />
      <Route path="not-opened" element={<NotOpenedPage />} />
      <Route path="campaign" element={<CampaignPage />} />
      <Route path="extra" element={<ExtraCoveragePage />} />
      <Route path="applications" element={<SearchPage />} />
      <Route path="military-registration" element={<MilitaryRegistrationPage />} />

      <Route path="monitoring" element={<Lazy Page={MonitoringPage} />} />
      <Route path="reports" element={<Lazy Page={ReportsPage} />} />
      <Route path="graphql" element={<Lazy Page={GraphiqlPage} />} />
      <Route path="oo1" element={<Lazy Page={Oo1Page} />} />
      <Route path="*" element={<Navigate to="" replace />} />
    </Routes>
  );
}
