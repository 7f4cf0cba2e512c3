import { Navigate, Route, Routes } from 'react-router';
import { ApplicationDetailPage } from './applications/application-detail.tsx';
import { ApplicationsPage } from './applications/applications-page.tsx';
import { NewApplicationPage } from './applications/new-application.tsx';
import { ChildLayout, FirstChild } from './child-layout.tsx';
import { ConsentsPage } from './consents.tsx';
import { CertificatesPage, ExtraApplicationsPage, ExtraCataloguePage, ExtraProgrammePage } from './extra/pages.tsx';
import { GuardianHome } from './home.tsx';
import '../../features/common/common.css';
import './guardian.css';

export default function GuardianRoutes() {
  return (
    <Routes>
      <Route index element={<GuardianHome />} />
      <Route path="children" element={<FirstChild />} />
      <Route path="children/:childId/*" element={<ChildLayout />} />
      <Route path="applications" element={<ApplicationsPage />} />
      <Route path="applications/new" element={<NewApplicationPage />} />
      <Route path="applications/:applicationId" element={<ApplicationDetailPage />} />
      <Route path="consents" element={<ConsentsPage />} />
      <Route path="extra" element={<ExtraCataloguePage />} />
      <Route path="extra/programmes/:programmeId" element={<ExtraProgrammePage />} />
      <Route path="extra/certificates" element={<CertificatesPage />} />
      <Route path="extra/applications" element={<ExtraApplicationsPage />} />
      <Route path="*" element={<Navigate to="/guardian" replace />} />
    </Routes>
  );
}
