/** One application: its data, the status history with reasons, the kindergarten queue, and withdrawal. */
import { useMutation } from '@apollo/client/react';
import { useId, useState, type ReactNode } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { useData } from '../../../api/hooks.ts';
import { formatRegionDateTime } from '../../../features/common/format.ts';
import { ListPager, useListPage } from '../../../features/common/list-pager.tsx';
import { useMe } from '../../../me.tsx';
import { formatDate } from '../../../ui/format.ts';
import { DataState, ErrorNotice, Notice, Page, Section } from '../../../ui/kit.tsx';
import { StatusBadge } from './application-list.tsx';
import {
  CATEGORY_NAME,
  FINAL_STATUSES,
  KIND_NAME,
  PRIORITY_RIGHTS,
  schoolYearName,
  SOURCE_NAME,
  STATUS_NAME,
} from './labels.ts';
import { APPLICATION_QUERY, WITHDRAW_APPLICATION, type ApplicationData } from './queries.ts';

function Details({ application }: { application: ApplicationData }) {
  const rights = application.priorityRights.map(
    (point) => PRIORITY_RIGHTS.find((right) => right.point === point)?.text ?? `п. ${point}`,
  );
  const rows: [string, ReactNode][] = [
    ['Ребёнок', `${application.child?.fullName ?? application.childName}, ${formatDate(application.childBirthDate)}`],
    ['Категория', CATEGORY_NAME[application.category]],
    ...(rights.length ? [['Права на приём', rights.join('; ')] as [string, string]] : []),
    ['Адрес проживания', application.residenceAddress ?? '—'],
    [
      'Желаемые организации',
      <ol key="choices" className="choices">
        {application.choices.map((choice) => (
          <li key={choice.id}>{choice.shortName}</li>
        ))}
      </ol>,
    ],
    ...(application.directedTo ? [['Направлен в', application.directedTo.shortName] as [string, string]] : []),
    [
      'Подано',
      `${formatRegionDateTime(application.registeredAt)}, ${SOURCE_NAME[application.source]}${application.epguNumber ? `, № ${application.epguNumber}` : ''}`,
    ],
    ['Документы', application.documents?.length ? application.documents.join('; ') : '—'],
    ...(application.comment ? [['Комментарий', application.comment] as [string, string]] : []),
  ];
  return (
    <dl className="details">
      {rows.map(([label, value]) => (
        <div key={label}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

function History({ history }: { history: ApplicationData['history'] }) {
  const newestFirst = [...history].sort((a, b) => b.changedAt.localeCompare(a.changedAt));
  return (
    <Section title="История статусов">
      <ol className="timeline">
        {newestFirst.map((change, index) => (
          <li key={index}>
            <div className="muted">{formatRegionDateTime(change.changedAt)}</div>
            <div>
              {change.from ? `${STATUS_NAME[change.from]} → ` : ''}
              <strong>{STATUS_NAME[change.to]}</strong>
            </div>
            {change.reason && <div className="timeline-reason">Причина: {change.reason}</div>}
          </li>
        ))}
      </ol>
    </Section>
  );
}

function Queue({ positions }: { positions: ApplicationData['queuePositions'] }) {
  const current = positions.filter((entry) => entry.current);
  const page = useListPage(positions, 10);
  return (
    <Section title="Очередь в детский сад">
      <dl className="stats">
        {current.map((entry) => (
          <div className="stat" key={entry.organization.id}>
            <dt className="stat-label">{entry.organization.shortName}</dt>
            <dd className="stat-value">{entry.position}-е место</dd>
            <dd className="stat-hint">с {formatRegionDateTime(entry.changedAt)}</dd>
          </div>
        ))}
      </dl>
      <h3>Изменения места</h3>
      <div className="table-wrap">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Когда</th>
              <th scope="col">Детский сад</th>
              <th scope="col" className="num">
                Место
              </th>
              <th scope="col">Причина</th>
            </tr>
          </thead>
          <tbody>
            {page.items.map((entry, index) => (
              <tr key={index}>
                <td>{formatRegionDateTime(entry.changedAt)}</td>
                <td>{entry.organization.shortName}</td>
                <td className="num">
                  {entry.previousPosition !== null && `${entry.previousPosition} → `}
                  <strong>{entry.position}</strong>
                  {entry.previousPosition !== null && entry.previousPosition !== entry.position && (
                    <span className={entry.position < entry.previousPosition ? 'queue-up' : 'queue-down'}>
                      {entry.position < entry.previousPosition ? ' ↑' : ' ↓'}
                    </span>
                  )}
                </td>
                <td>{entry.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <ListPager state={page} label="Страницы изменений места в очереди" />
    </Section>
  );
}

function Withdraw({ application }: { application: ApplicationData }) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [withdraw, { loading, error, data }] = useMutation(WITHDRAW_APPLICATION);
  const id = useId();
  if (data) return <Notice tone="success">Заявление отозвано.</Notice>;
  if (FINAL_STATUSES.includes(application.status)) return null;
  if (!open)
    return (
      <button type="button" className="button button-danger" onClick={() => setOpen(true)}>
        Отозвать заявление
      </button>
    );
  return (
    <form
      className="card withdraw-form"
      onSubmit={(event) => {
        event.preventDefault();
        void withdraw({ variables: { id: application.id, reason: reason.trim() || null } }).catch(() => {});
      }}
    >
      <p>Отозванное заявление нельзя вернуть: чтобы снова встать в очередь, понадобится новое заявление.</p>
      <div className="field">
        <label htmlFor={id}>Причина (необязательно)</label>
        <textarea id={id} value={reason} maxLength={500} onChange={(event) => setReason(event.target.value)} />
      </div>
      {error && <ErrorNotice error={error} />}
      <div className="actions">
        <button type="submit" className="button button-danger" disabled={loading}>
          {loading ? 'Отзыв…' : 'Да, отозвать'}
        </button>
        <button type="button" className="button button-ghost" onClick={() => setOpen(false)}>
          Отмена
        </button>
      </div>
    </form>
  );
}

export function ApplicationDetailPage() {
  const { applicationId = '' } = useParams();
  const me = useMe();
  const submitted = (useLocation().state as { submitted?: string } | null)?.submitted;
  const { data, loading, error, refetch } = useData(APPLICATION_QUERY, { variables: { id: applicationId } });
  const application = data?.application;
  const title = application ? `${KIND_NAME[application.kind]}, ${schoolYearName(application.year)}` : 'Заявление';
  return (
    <Page title={title} actions={<Link to="/guardian/applications">← Все заявления</Link>}>
      {submitted && <Notice tone="success">{submitted}</Notice>}
      <DataState loading={loading} error={error} data={data} onRetry={() => void refetch()}>
        {() =>
          !application ? (
            <Notice tone="warning">Заявление не найдено или подано не вами и не за вашего ребёнка.</Notice>
          ) : (
            <>
              <p className="application-status">
                Статус: <StatusBadge application={application} />
              </p>
              <div className="grid-2">
                <Section title="Сведения">
                  <Details application={application} />
                  {application.applicant?.id === me.person.id && <Withdraw application={application} />}
                </Section>
                <History history={application.history} />
              </div>
              {application.queuePositions.length > 0 && <Queue positions={application.queuePositions} />}
            </>
          )
        }
      </DataState>
    </Page>
  );
}
