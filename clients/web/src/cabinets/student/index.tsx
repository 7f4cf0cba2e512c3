/** The student's cabinet: their own diary, week timetable and portfolio — the guardian's components. */
import { Navigate, Route, Routes } from 'react-router';
import { DiaryView } from '../../features/diary/diary-view.tsx';
import { ScheduleView } from '../../features/diary/schedule-view.tsx';
import { PortfolioView } from '../../features/portfolio/portfolio-view.tsx';
import { ReportCardView } from '../../features/report-card/report-card-view.tsx';
import { useMe } from '../../me.tsx';
import { Page } from '../../ui/kit.tsx';
import '../../features/common/common.css';
import '../../features/extra/extra.css';
import { StudentApplicationsPage, StudentCataloguePage, StudentProgrammePage } from './extra.tsx';

function usePersonId(): string {
  return useMe().person.id;
}

function Diary() {
  return (
    <Page title="Дневник">
      <DiaryView personId={usePersonId()} />
    </Page>
  );
}

function Schedule() {
  return (
    <Page title="Расписание">
      <ScheduleView personId={usePersonId()} />
    </Page>
  );
}

function Portfolio() {
  return (
    <Page title="Портфолио">
      <PortfolioView personId={usePersonId()} />
    </Page>
  );
}

function ReportCard() {
  return (
    <Page title="Табель">
      <ReportCardView personId={usePersonId()} />
    </Page>
  );
}

export default function StudentRoutes() {
  return (
    <Routes>
      <Route index element={<Diary />} />
      <Route path="schedule" element={<Schedule />} />
      <Route path="portfolio" element={<Portfolio />} />
      <Route path="report-card" element={<ReportCard />} />
      <Route path="extra" element={<StudentCataloguePage />} />
      <Route path="extra/programmes/:programmeId" element={<StudentProgrammePage />} />
      <Route path="extra/applications" element={<StudentApplicationsPage />} />
      <Route path="*" element={<Navigate to="/student" replace />} />
    </Routes>
  );
}
