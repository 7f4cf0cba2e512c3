/**
 * `/guardian/children/:childId/<section>`: one child's diary, portfolio, ЕПГУ readiness and applications,
 * with a switcher between children that keeps the section (and the week) open.
 */
import { useId } from 'react';
import { Navigate, NavLink, Route, Routes, useLocation, useNavigate, useParams } from 'react-router';
import { useData } from '../../api/hooks.ts';
import { PersonNotAvailable } from '../../features/common/no-access.tsx';
import { DiaryView } from '../../features/diary/diary-view.tsx';
import { PortfolioView } from '../../features/portfolio/portfolio-view.tsx';
import { ReadinessView } from '../../features/readiness/readiness-view.tsx';
import { ReportCardView } from '../../features/report-card/report-card-view.tsx';
import { grantsFor, useMe } from '../../me.tsx';
import { Page } from '../../ui/kit.tsx';
import { AbsenceNotices } from './absence-notice.tsx';
import { ChildApplications } from './applications/child-applications.tsx';
import { CHILDREN_QUERY } from './queries.ts';

const SECTIONS = [
  { path: 'diary', label: 'Дневник' },
  { path: 'portfolio', label: 'Портфолио' },
  { path: 'report-card', label: 'Табель' },
  { path: 'gosuslugi', label: 'Портфолио на Госуслугах' },
  { path: 'applications', label: 'Заявления' },
  { path: 'absence', label: 'Пропуски' },
] as const;

/** The children the signed-in guardian is linked to, as the login resolved them (rule 4). */
export function useMyChildren(): { id: string; fullName: string }[] {
  const me = useMe();
  const seen = new Map<string, { id: string; fullName: string }>();
  for (const grant of grantsFor(me.grants, 'guardian'))
    for (const child of grant.children ?? []) seen.set(child.id, child);
  return [...seen.values()];
}

function ChildSwitcher({ childId, section }: { childId: string; section: string }) {
  const children = useMyChildren();
  const navigate = useNavigate();
  const location = useLocation();
  const id = useId();
  if (children.length < 2) return null;
  return (
    <div className="child-switcher">
      <label htmlFor={id}>Ребёнок</label>
      <select
        id={id}
        value={childId}
        onChange={(event) => navigate(`/guardian/children/${event.target.value}/${section}${location.search}`)}
      >
        {children.map((child) => (
          <option key={child.id} value={child.id}>
            {child.fullName}
          </option>
        ))}
      </select>
    </div>
  );
}

function ChildInfo({ childId }: { childId: string }) {
  const me = useMe();
  const { data } = useData(CHILDREN_QUERY, { variables: { personId: me.person.id } });
  const child = data?.person?.children.find((entry) => entry.id === childId);
  if (!child?.enrolment) return null;
  return (
    <p className="muted child-info">
      {child.enrolment.organization.shortName}
      {child.enrolment.className && `, ${child.enrolment.className} класс`}
    </p>
  );
}

export function ChildLayout() {
  const { childId = '', '*': rest = '' } = useParams();
  const location = useLocation();
  const children = useMyChildren();
  const child = children.find((entry) => entry.id === childId);
  // The section is the address's first segment and nothing after it: an address with more (an old link
  // that nested one section inside another) goes to the section it ends with, never to a blank page.
  const segments = rest.split('/').filter(Boolean);
  const section = segments.length === 1 ? SECTIONS.find((entry) => entry.path === segments[0]) : undefined;
  if (!child) return <PersonNotAvailable backTo="/guardian" backLabel="← К списку моих детей" />;
  if (!section) {
    const last = SECTIONS.find((entry) => entry.path === segments.at(-1));
    return <Navigate to={`/guardian/children/${childId}/${last?.path ?? 'diary'}${location.search}`} replace />;
  }
  return (
    <Page
      title={`${section.label}: ${child.fullName}`}
      actions={<ChildSwitcher childId={childId} section={section.path} />}
    >
      <ChildInfo childId={childId} />
      <nav className="subtabs" aria-label="Разделы по ребёнку">
        {/* Absolute: inside a splat route a relative link resolves against the whole address, so «portfolio»
            from …/diary led to …/diary/portfolio, a blank page (issue 15 §3.1). */}
        {SECTIONS.map((entry) => (
          <NavLink key={entry.path} to={`/guardian/children/${childId}/${entry.path}`}>
            {entry.label}
          </NavLink>
        ))}
      </nav>
      <Routes>
        <Route path="diary" element={<DiaryView key={childId} personId={childId} />} />
        <Route path="portfolio" element={<PortfolioView key={childId} personId={childId} />} />
        <Route path="report-card" element={<ReportCardView key={childId} personId={childId} />} />
        <Route path="gosuslugi" element={<ReadinessView key={childId} personId={childId} />} />
        <Route path="applications" element={<ChildApplications key={childId} childId={childId} />} />
        <Route path="absence" element={<AbsenceNotices key={childId} childId={childId} />} />
      </Routes>
    </Page>
  );
}

/** `/guardian/children`: the first child's diary. */
export function FirstChild() {
  const children = useMyChildren();
  const first = children[0];
  if (!first)
    return (
      <Page title="Дневник и успеваемость">
        <p className="empty">С вашей учётной записью не связан ни один ребёнок.</p>
      </Page>
    );
  return <Navigate to={`/guardian/children/${first.id}/diary`} replace />;
}
