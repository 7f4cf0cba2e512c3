/** One application: the child and applicant, the chosen schools, the status history and the next decision. */
import { Link, useParams } from 'react-router';
import { useData } from '../../../api/hooks.ts';
import { formatDate, formatDateTime } from '../../../ui/format.ts';
import { Badge, DataState, Page, Section } from '../../../ui/kit.tsx';
import { APPLICATION_KIND_LABELS, CATEGORY_LABELS, SOURCE_LABELS, STATUS_LABELS, STATUS_TONES } from '../labels.ts';
import { personPath, schoolPath, useOrganization } from '../organization.tsx';
import { Fact, Facts } from '../ui.tsx';
import { APPLICATION_QUERY, type ApplicationDetail } from './queries.ts';
import { StatusChange } from './status-change.tsx';

export function ApplicationPage() {
  const organization = useOrganization();
  const { applicationId = '' } = useParams();
  const { data, loading, error, refetch } = useData(APPLICATION_QUERY, { variables: { id: applicationId } });
  return (
    <>
      <Link className="school-back" to={schoolPath('admissions', organization.id)}>
        ← К заявлениям
      </Link>
      <DataState
        loading={loading}
        error={error}
        data={data ? data.application : undefined}
        onRetry={() => void refetch()}
        empty="Заявление не найдено или не входит в вашу зону доступа."
      >
        {(application) => <Application application={application} onReload={() => void refetch()} />}
      </DataState>
    </>
  );
}

function Application({ application, onReload }: { application: ApplicationDetail; onReload: () => void }) {
  const organization = useOrganization();
  // Newest first; changes made in the same instant keep the order they were recorded in.
  const history = [...application.history].sort((a, b) => a.changedAt.localeCompare(b.changedAt)).reverse();
  return (
    <Page title={`Заявление: ${application.childName}`}>
      <p className="school-status-line">
        <Badge tone={STATUS_TONES[application.status]}>{STATUS_LABELS[application.status]}</Badge>
        <span className="muted">
          {APPLICATION_KIND_LABELS[application.kind]}, {application.year} · {CATEGORY_LABELS[application.category]}
        </span>
      </p>
      <StatusChange application={application} onReload={onReload} />
      <div className="grid-2">
        <Section title="Ребёнок и заявитель">
          <Facts>
            <Fact
              label="Ребёнок"
              value={
                application.child ? (
                  <Link to={personPath('admissions', organization.id, application.child.id)}>
                    {application.childName}
                  </Link>
                ) : (
                  <>
                    {application.childName} <span className="muted">(карточка не сопоставлена)</span>
                  </>
                )
              }
            />
            <Fact label="Дата рождения" value={formatDate(application.childBirthDate)} />
            <Fact label="Адрес проживания" value={application.residenceAddress} />
            <Fact
              label="Заявитель"
              value={
                application.applicant
                  ? [application.applicant.fullName, application.applicant.phone, application.applicant.email]
                      .filter(Boolean)
                      .join(', ')
                  : application.applicantName
              }
            />
          </Facts>
        </Section>
        <Section title="Заявление">
          <Facts>
            <Fact
              label="Источник"
              value={`${SOURCE_LABELS[application.source]}${application.epguNumber ? `, № ${application.epguNumber}` : ''}`}
            />
            <Fact label="Зарегистрировано" value={formatDateTime(application.registeredAt)} />
            <Fact
              label="Преимущественное право"
              value={
                application.priorityRights.length > 0
                  ? `п. ${application.priorityRights.join(', ')} Порядка № 458`
                  : 'нет'
              }
            />
            <Fact
              label="Выбранные организации"
              value={
                <ol className="school-choices">
                  {application.choices.map((choice) => (
                    <li key={choice.id}>
                      {choice.shortName}
                      {choice.id === organization.id && <span className="muted"> — ваша</span>}
                    </li>
                  ))}
                </ol>
              }
            />
            <Fact label="Направлен в" value={application.directedTo?.shortName} />
            <Fact label="Документы" value={application.documents?.join(', ') ?? null} />
            <Fact label="Комментарий" value={application.comment} />
          </Facts>
        </Section>
      </div>
      <Section title="История статусов">
        <ol className="school-timeline">
          {history.map((change, index) => (
            <li key={`${change.changedAt}-${index}`}>
              <div>
                <Badge tone={STATUS_TONES[change.to]}>{STATUS_LABELS[change.to]}</Badge>
                {change.from && <span className="muted"> из «{STATUS_LABELS[change.from]}»</span>}
              </div>
              <div className="muted">
                {formatDateTime(change.changedAt)} ·{' '}
                {change.changedBy?.fullName ?? (application.source === 'EPGU' ? 'ЕПГУ' : 'система')}
              </div>
              {change.reason && <div>Причина: {change.reason}</div>}
            </li>
          ))}
        </ol>
      </Section>
    </Page>
  );
}
