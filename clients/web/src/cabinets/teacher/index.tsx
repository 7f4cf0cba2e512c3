import { Link, Route, Routes } from 'react-router';
import { Notice, Page } from '../../ui/kit.tsx';
import { ClassPage } from './class-page.tsx';
import { ClassesPage } from './classes.tsx';
import { JournalPage } from './journal/page.tsx';
import { SchedulePage } from './schedule.tsx';
import { ClassSummarySheetPage } from '../../features/report-card/summary-sheet-page.tsx';
import './teacher.css';

function NotFound() {
  return (
    <Page title="Страница не найдена">
      <Notice tone="warning">Такой страницы в кабинете учителя нет.</Notice>
      <Link to="/teacher">К расписанию</Link>
    </Page>
  );
}

export default function CabinetRoutes() {
  return (
    <Routes>
      <Route index element={<SchedulePage />} />
      <Route path="classes" element={<ClassesPage />} />
      <Route path="class/:classId" element={<ClassPage />} />
      <Route path="journal/:classId/:subjectId" element={<JournalPage />} />
      <Route path="summary-sheet/:classId" element={<ClassSummarySheetPage />} />
      <Route path="*" element={<NotFound />} />
    </Routes>
  );
}
