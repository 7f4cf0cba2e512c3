/**
 * The school administration's cabinet (ORG_ADMIN): data completeness, duplicates, movement book, classes, school year,
 * admissions, ГИР ВУ, reports and ОО-1.
 */
import { lazy, Suspense } from 'react';
import { Route, Routes } from 'react-router';
import { Loading, Page } from '../../ui/kit.tsx';
import { ApplicationPage } from './admissions/application.tsx';
import { BellsPage } from './bells.tsx';
import { AdmissionsPage } from './admissions/page.tsx';
import { ClassPage, ClassesPage } from './classes.tsx';
import { CompletenessPage } from './completeness/page.tsx';
import { SchoolExtraPage } from './extra.tsx';
import { DuplicatesPage } from './duplicates/page.tsx';
import { MilitaryRegistrationPage } from './military-registration/page.tsx';
import { SchoolMoyaShkolaPage } from './moya-shkola.tsx';
import { MovementBookPage } from './movements/page.tsx';
import { RecordMovementPage } from './movements/record.tsx';
import { OrganizationGate, ToOrganization } from './organization.tsx';
import { PersonCardPage } from './person/card.tsx';
import { CreatePersonPage } from './person/create.tsx';
import { SchoolYearPage } from './school-year/page.tsx';
import { SummaryPage } from './summary.tsx';
import { SchoolSummarySheetPage } from '../../features/report-card/summary-sheet-page.tsx';
import './school.css';

// The report builder brings the chart library, ОО-1 the report pages: they load when opened.
const ReportsPage = lazy(() => import('./reports.tsx'));
const Oo1Page = lazy(() => import('./oo1.tsx'));

function NotFound() {
  return <Page title="Страница не найдена">Такого раздела нет. Выберите раздел в меню.</Page>;
}

export default function SchoolRoutes() {
  return (
    <Routes>
      <Route index element={<ToOrganization section="summary" />} />
      <Route element={<OrganizationGate />}>
        <Route path="summary/:organizationId" element={<SummaryPage />} />
        <Route path="completeness/:organizationId" element={<CompletenessPage />} />
        <Route path="completeness/:organizationId/new" element={<CreatePersonPage />} />
        <Route path=":section/:organizationId/person/:personId" element={<PersonCardPage />} />
        <Route path="duplicates/:organizationId" element={<DuplicatesPage />} />
        <Route path="movements/:organizationId" element={<MovementBookPage />} />
        <Route path="movements/:organizationId/new" element={<RecordMovementPage />} />
        <Route path="classes/:organizationId" element={<ClassesPage />} />
        <Route path="classes/:organizationId/:classId" element={<ClassPage />} />
        <Route path="school-year/:organizationId" element={<SchoolYearPage />} />
        <Route path="summary-sheet/:organizationId" element={<SchoolSummarySheetPage />} />
        <Route path="bells/:organizationId" element={<BellsPage />} />
        <Route path="admissions/:organizationId" element={<AdmissionsPage />} />
        <Route path="admissions/:organizationId/:applicationId" element={<ApplicationPage />} />
        <Route path="military-registration/:organizationId" element={<MilitaryRegistrationPage />} />
        <Route path="extra/:organizationId/*" element={<SchoolExtraPage />} />
        <Route path="moya-shkola/:organizationId" element={<SchoolMoyaShkolaPage />} />

        <Route
          path="reports/:organizationId"
          element={
            <Suspense fallback={<Loading />}>
              <ReportsPage />
            </Suspense>
          }
        />
        <Route
          path="oo1/:organizationId"
          element={
            <Suspense fallback={<Loading />}>
              <Oo1Page />
            </Suspense>
          }
        />
      </Route>
      <Route path=":section" element={<ToOrganization />} />
      <Route path="*" element={<NotFound />} />
    </Routes>
  );
}
