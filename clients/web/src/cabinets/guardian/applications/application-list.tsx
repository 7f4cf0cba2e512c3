/** Applications as cards: what, for whom, where, the status and — for the kindergarten queue — the place. */
import { Link } from 'react-router';
import { formatDate } from '../../../ui/format.ts';
import { Badge } from '../../../ui/kit.tsx';
import { formatRegionDateTime } from '../../../features/common/format.ts';
import { ListPager, useListPage } from '../../../features/common/list-pager.tsx';
import { KIND_NAME, schoolYearName, SOURCE_NAME, STATUS_TONE } from './labels.ts';
import type { ApplicationData } from './queries.ts';

export function StatusBadge({ application }: { application: Pick<ApplicationData, 'status' | 'statusName'> }) {
  return <Badge tone={STATUS_TONE[application.status]}>{application.statusName}</Badge>;
}

function QueueLine({ application }: { application: ApplicationData }) {
  const current = application.queuePositions.filter((entry) => entry.current);
  if (current.length === 0) return null;
  return (
    <p className="queue-line">
      {current.map((entry) => (
        <span key={entry.organization.id}>
          Место в очереди: <strong>{entry.position}</strong> — {entry.organization.shortName}
          {entry.previousPosition !== null && entry.previousPosition !== entry.position && (
            <span className="muted"> (было {entry.previousPosition})</span>
          )}
        </span>
      ))}
    </p>
  );
}

function ApplicationCard({ application }: { application: ApplicationData }) {
  const where = application.directedTo
    ? `Направлен: ${application.directedTo.shortName}`
    : application.choices.map((choice) => choice.shortName).join(' → ');
  return (
    <li className="card application-card">
      <div className="application-card-head">
        <h2>
          <Link to={`/guardian/applications/${application.id}`}>
            {KIND_NAME[application.kind]}, {schoolYearName(application.year)}
          </Link>
        </h2>
        <StatusBadge application={application} />
      </div>
      <p>
        {application.child?.fullName ?? application.childName}
        <span className="muted"> · дата рождения {formatDate(application.childBirthDate)}</span>
      </p>
      <p className="muted">{where}</p>
      <QueueLine application={application} />
      <p className="muted application-meta">
        Подано {formatRegionDateTime(application.registeredAt)} · {SOURCE_NAME[application.source]}
        {application.epguNumber && ` № ${application.epguNumber}`}
      </p>
    </li>
  );
}

export function ApplicationList({ applications }: { applications: ApplicationData[] }) {
  const page = useListPage(applications, 10);
  return (
    <>
      <ul className="application-cards">
        {page.items.map((application) => (
          <ApplicationCard key={application.id} application={application} />
        ))}
      </ul>
      <ListPager state={page} label="Страницы заявлений" />
    </>
  );
}
