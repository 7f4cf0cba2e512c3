/**
 * The bell (issue 15 §1): unread notifications about messages, announcements, marks, absences, homework,
 * consent requests and applications' status changes in the header, each opening its thread, the child's diary,
 * the applications or the first page; «Прочитать
 * все»; a link to the page where the person chooses which kinds come to the cabinet and by e-mail. Polled
 * every minute.
 */
import { useMutation } from '@apollo/client/react';
import { useEffect, useId, useRef, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useData } from '../../api/hooks.ts';
import { formatRegionDateTime } from '../common/format.ts';
import { MARK_NOTIFICATIONS_READ, MESSAGE_THREADS, NOTIFICATIONS } from './queries.ts';
import './communication.css';

const JOURNAL_KINDS = new Set(['MARK', 'ABSENCE', 'HOMEWORK']);

/**
 * A journal notice opens the diary: a parent's of that child, a learner's own; an application's status change
 * the parent's applications.
 */
function journalPath(cabinet: string, item: { kind: string; aboutPersonId?: string | null }): string | null {
  if (item.kind === 'APPLICATION') return cabinet === 'guardian' ? '/guardian/applications' : null;
  if (!JOURNAL_KINDS.has(item.kind)) return null;
  if (cabinet === 'guardian' && item.aboutPersonId) return `/guardian/children/${item.aboutPersonId}/diary`;
  if (cabinet === 'student') return '/student';
  return null;
}

export function Bell() {
  const { cabinet } = useParams();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const box = useRef<HTMLDivElement>(null);
  const { data } = useData(NOTIFICATIONS, { pollInterval: 60_000, fetchPolicy: 'cache-and-network' });
  const [markRead] = useMutation(MARK_NOTIFICATIONS_READ, { refetchQueries: [NOTIFICATIONS, MESSAGE_THREADS] });
  const unread = data?.unreadNotificationCount ?? 0;

  useEffect(() => {
    if (!open) return;
    const close = (event: MouseEvent | KeyboardEvent) => {
      if (event instanceof KeyboardEvent ? event.key === 'Escape' : !box.current?.contains(event.target as Node)) {
        setOpen(false);
      }
    };
    document.addEventListener('mousedown', close);
    document.addEventListener('keydown', close);
    return () => {
      document.removeEventListener('mousedown', close);
      document.removeEventListener('keydown', close);
    };
  }, [open]);

  const go = (item: NonNullable<typeof data>['notifications'][number]) => {
    setOpen(false);
    void markRead({ variables: { ids: [item.id] } }).catch(() => {});
    if (!cabinet) return;
    navigate(item.threadId ? `/${cabinet}/messages/${item.threadId}` : (journalPath(cabinet, item) ?? `/${cabinet}`));
  };

  return (
    <div className="bell" ref={box}>
      <button
        type="button"
        className="button button-ghost bell-button"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((value) => !value)}
      >
        <svg className="bell-icon" aria-hidden="true" viewBox="0 0 24 24" width="18" height="18">
          <path
            fill="currentColor"
            d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1Z"
          />
        </svg>
        <span className="bell-label">Уведомления</span>
        {unread > 0 && (
          <span className="bell-count">
            {unread}
            <span className="visually-hidden"> непрочитанных</span>
          </span>
        )}
      </button>
      {open && (
        <div id={panelId} className="bell-panel" role="region" aria-label="Уведомления">
          <div className="bell-panel-head">
            <strong>Уведомления</strong>
            {unread > 0 && (
              <button
                type="button"
                className="button button-small"
                onClick={() => void markRead({ variables: { ids: null } })}
              >
                Прочитать все
              </button>
            )}
          </div>
          {(data?.notifications.length ?? 0) === 0 ? (
            <p className="empty">Уведомлений нет.</p>
          ) : (
            <ul className="bell-list">
              {data!.notifications.map((item) => (
                <li key={item.id} className={item.read ? 'bell-item' : 'bell-item unread'}>
                  <button type="button" className="bell-link" onClick={() => go(item)}>
                    {!item.read && <span className="visually-hidden">Новое: </span>}
                    {item.title}
                    <span className="muted"> · {formatRegionDateTime(String(item.createdAt))}</span>
                  </button>
                </li>
              ))}
            </ul>
          )}
          {cabinet && (
            <p className="bell-settings">
              <Link to={`/${cabinet}/notifications`} onClick={() => setOpen(false)}>
                Какие уведомления получать
              </Link>
            </p>
          )}
        </div>
      )}
    </div>
  );
}
