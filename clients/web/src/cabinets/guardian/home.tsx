/** «Мои дети»: a card per child with school and class, what needs attention, and the way into each section. */
import { Link } from 'react-router';
import { useData } from '../../api/hooks.ts';
import { formatDate, plural } from '../../ui/format.ts';
import { useMe } from '../../me.tsx';
import { Badge, DataState, Page } from '../../ui/kit.tsx';
import { FINAL_STATUSES, KIND_NAME } from './applications/labels.ts';
import { ConsentRequests } from './consent-requests.tsx';
import { WeekMarks } from './week-marks.tsx';
import { HOME_QUERY, type HomeApplication, type HomeChild } from './queries.ts';

function ChildAttention({ childId, person }: { childId: string; person: HomeChild }) {
  const overdue = person.overdueHomework?.length ?? 0;
  const readiness = person.portfolioReadiness;
  return (
    <p className="child-attention">
      {overdue > 0 ? (
        <Link to={`children/${childId}/diary`}>
          <Badge tone="error">
            {overdue} {plural(overdue, ['просроченное задание', 'просроченных задания', 'просроченных заданий'])}
          </Badge>
        </Link>
      ) : (
        person.overdueHomework && <Badge tone="success">долгов по заданиям нет</Badge>
      )}
      {readiness &&
        (readiness.ready ? (
          <Badge tone="success">портфолио передаётся на Госуслуги</Badge>
        ) : (
          <Link to={`children/${childId}/gosuslugi`}>
            <Badge tone="warning">портфолио не видно на Госуслугах</Badge>
          </Link>
        ))}
    </p>
  );
}

function ChildCardView({ child }: { child: HomeChild }) {
  const links = [
    ['diary', 'Дневник'],
    ['portfolio', 'Портфолио'],
    ['gosuslugi', 'Госуслуги'],
    ['applications', 'Заявления'],
  ] as const;
  return (
    <li className="card child-card">
      <h2>
        <Link to={`children/${child.id}/diary`}>{child.fullName}</Link>
      </h2>
      {child.enrolment ? (
        <p className="muted">
          {child.enrolment.organization.shortName}
          {child.enrolment.className && `, ${child.enrolment.className} класс`}
        </p>
      ) : (
        <p className="muted">Не числится в образовательной организации</p>
      )}
      <WeekMarks childId={child.id} />
      <ChildAttention childId={child.id} person={child} />
      <nav className="child-links" aria-label={`Разделы: ${child.fullName}`}>
        {links.map(([to, label]) => (
          <Link key={to} className="button button-small" to={`children/${child.id}/${to}`}>
            {label}
          </Link>
        ))}
      </nav>
    </li>
  );
}

/**
 * A child the guardian applied for who has no card the guardian is linked to yet — typically a younger one
 * in the kindergarten queue: known from the applications only, shown by the name written in them.
 */
interface AppliedChild {
  name: string;
  birthDate: string | null;
  applications: HomeApplication[];
}

function appliedChildren(children: HomeChild[], applications: HomeApplication[]): AppliedChild[] {
  const linked = new Set(children.map((child) => child.id));
  const byChild = new Map<string, AppliedChild>();
  for (const application of applications) {
    if (application.child && linked.has(application.child.id)) continue;
    if (FINAL_STATUSES.includes(application.status) || !application.childName) continue;
    const key = `${application.childName}|${application.childBirthDate ?? ''}`;
    const entry = byChild.get(key) ?? {
      name: application.childName,
      birthDate: application.childBirthDate,
      applications: [],
    };
    entry.applications.push(application);
    byChild.set(key, entry);
  }
  return [...byChild.values()];
}

function AppliedChildCard({ child }: { child: AppliedChild }) {
  return (
    <li className="card child-card">
      <h2>{child.name}</h2>
      <p className="muted">
        {child.birthDate && `Дата рождения ${formatDate(child.birthDate)}. `}Пока не числится в образовательной
        организации.
      </p>
      {child.applications.map((application) => (
        <div key={application.id} className="child-application">
          <p>
            {KIND_NAME[application.kind]}: <Badge tone="info">{application.statusName}</Badge>
          </p>
          {application.queuePositions
            .filter((entry) => entry.current)
            .map((entry) => (
              <p key={entry.organization.id}>
                Место в очереди: <strong>{entry.position}</strong> — {entry.organization.shortName}
              </p>
            ))}
          <nav className="child-links" aria-label={`Заявление: ${child.name}`}>
            <Link className="button button-small" to={`/guardian/applications/${application.id}`}>
              Открыть заявление
            </Link>
          </nav>
        </div>
      ))}
    </li>
  );
}

export function GuardianHome() {
  const me = useMe();
  const { data, loading, error, refetch } = useData(HOME_QUERY, { variables: { personId: me.person.id } });
  const person = data?.person;
  return (
    <Page title="Мои дети">
      <ConsentRequests compact />
      <DataState
        loading={loading}
        error={error}
        data={
          person
            ? { children: person.children, applied: appliedChildren(person.children, person.applications ?? []) }
            : undefined
        }
        onRetry={() => void refetch()}
        isEmpty={({ children, applied }) => children.length === 0 && applied.length === 0}
        empty="С вашей учётной записью не связан ни один ребёнок. Обратитесь в школу или детский сад: секретарь свяжет вашу карточку с карточкой ребёнка."
      >
        {({ children, applied }) => (
          <ul className="child-cards">
            {children.map((child) => (
              <ChildCardView key={child.id} child={child} />
            ))}
            {applied.map((child) => (
              <AppliedChildCard key={`${child.name}|${child.birthDate ?? ''}`} child={child} />
            ))}
          </ul>
        )}
      </DataState>
    </Page>
  );
}
