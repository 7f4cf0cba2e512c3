/**
 * «Кружки и секции» of a school (issue 11: a school publishes its own programmes as a centre does): the centre's
 * pages — programmes and groups, applications, contracts — for the school of the current section, under
 * `/school/extra/<organizationId>`. The API decides what the school's ORG_ADMIN grant reaches (`extra:manage`
 * over its organization); a school that is not «Участник ПФДО» is refused certificate funding there.
 */
import { NavLink, Navigate, Route, Routes } from 'react-router';
import { ApplicationsPage, ContractsPage } from '../extra/enrolment.tsx';
import { ExtraScope } from '../extra/organization.tsx';
import '../../features/extra/extra.css';
import { NewProgrammePage, ProgrammePage } from '../extra/programme.tsx';
import { ProgrammesPage } from '../extra/programmes.tsx';
import { schoolPath, useOrganization } from './organization.tsx';

export function SchoolExtraPage() {
  const organization = useOrganization();
  const base = schoolPath('extra', organization.id);
  return (
    <ExtraScope base={base} organizations={[organization]}>
      <nav className="extra-tabs" aria-label="Кружки и секции">
        <NavLink to={base} end>
          Программы
        </NavLink>
        <NavLink to={`${base}/applications`}>Заявления</NavLink>
        <NavLink to={`${base}/contracts`}>Договоры</NavLink>
      </nav>
      <Routes>
        <Route index element={<ProgrammesPage />} />
        <Route path="programmes/new" element={<NewProgrammePage />} />
        <Route path="programmes/:programmeId" element={<ProgrammePage />} />
        <Route path="applications" element={<ApplicationsPage />} />
        <Route path="contracts" element={<ContractsPage />} />
        <Route path="*" element={<Navigate to={base} replace />} />
      </Routes>
    </ExtraScope>
  );
}
