import { Navigate, Route, Routes } from 'react-router';
import { CampaignPage } from './campaign.tsx';
import { MilitaryRegistrationPage } from './military-registration.tsx';

import { ExtraCoveragePage } from './extra-coverage.tsx';
import { NotOpenedPage } from './not-opened.tsx';
import { OrganizationPage } from './organization.tsx';
import { OrganizationsPage } from './organizations.tsx';
import { SearchPage } from './search.tsx';
import { SummaryPage } from './summary.tsx';
import './territory.css';

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
      <Route path="*" element={<Navigate to="" replace />} />
    </Routes>
  );
}
