/**
 * How communication joins every cabinet (issue 15 §1) without touching each one: «Сообщения» and «Объявления»
 * in the menu for the roles that have them, their routes in front of the cabinet's own, and today's
 * announcements above the cabinet's first page. The API still decides every row; the menu only avoids dead ends.
 */
import { lazy, type ReactNode } from 'react';
import { NavLink, Route, Routes, useLocation } from 'react-router';
import { useData } from '../../api/hooks.ts';
import type { CabinetId, MeGrant, Role } from '../../me.tsx';
import { AnnouncementsPage, CurrentAnnouncements } from './announcements.tsx';
import { NotificationSettingsPage } from './notification-settings.tsx';
import { UNREAD_MESSAGES } from './queries.ts';

const MessagesRoutes = lazy(() => import('./messages.tsx'));

/** Roles holding `messages:read`/`messages:write` (schema/src/access.ts). */
export const MESSAGING_ROLES: readonly Role[] = ['ORG_ADMIN', 'TEACHER', 'CLASS_TEACHER', 'GUARDIAN', 'STUDENT'];
/** Roles holding `announcements:write`, by the cabinet they use. */
const PUBLISHING: Partial<Record<CabinetId, readonly Role[]>> = {
  school: ['ORG_ADMIN'],
  extra: ['ORG_ADMIN'],
  teacher: ['CLASS_TEACHER'],
  territory: ['MUNICIPAL_COORDINATOR'],
};
const MESSAGING_CABINETS: readonly CabinetId[] = ['guardian', 'student', 'teacher', 'school', 'extra'];

export function hasMessages(grants: readonly MeGrant[]): boolean {
  return grants.some((grant) => MESSAGING_ROLES.includes(grant.role));
}

function UnreadBadge() {
  const { data } = useData(UNREAD_MESSAGES, { pollInterval: 60_000 });
  const count = data?.unreadMessageCount ?? 0;
  if (count === 0) return null;
  return (
    <span className="bell-count nav-count">
      {count}
      <span className="visually-hidden"> непрочитанных</span>
    </span>
  );
}

/** The menu items communication adds to a cabinet. */
export function CommunicationNavItems({ cabinet, grants }: { cabinet: CabinetId; grants: readonly MeGrant[] }) {
  const publishing = PUBLISHING[cabinet];
  const canPublish = publishing !== undefined && grants.some((grant) => publishing.includes(grant.role));
  return (
    <>
      {MESSAGING_CABINETS.includes(cabinet) && hasMessages(grants) && (
        <li>
          <NavLink to={`/${cabinet}/messages`}>
            Сообщения <UnreadBadge />
          </NavLink>
        </li>
      )}
      {canPublish && (
        <li>
          <NavLink to={`/${cabinet}/announcements`}>Объявления</NavLink>
        </li>
      )}
    </>
  );
}

/** Communication's routes, then the cabinet's own; today's announcements head the cabinet's first page. */
export function CommunicationRoutes({ cabinet, children }: { cabinet: CabinetId; children: ReactNode }) {
  const location = useLocation();
  const first = location.pathname.replace(/\/$/, '') === `/${cabinet}`;
  return (
    <Routes>
      <Route path="messages/*" element={<MessagesRoutes />} />
      <Route path="announcements" element={<AnnouncementsPage />} />
      <Route path="notifications" element={<NotificationSettingsPage />} />
      <Route
        path="*"
        element={
          <>
            {first && <CurrentAnnouncements />}
            {children}
          </>
        }
      />
    </Routes>
  );
}
