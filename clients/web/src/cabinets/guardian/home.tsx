/** «Мои дети»: a card per child with school and class, what needs attention, and the way into each section. */
import { Link } from 'react-router';
import { useData } from '../../api/hooks.ts';
import { plural } from '../../ui/format.ts';
import { useMe } from '../../me.tsx';
import { Badge, DataState, Page } from '../../ui/kit.tsx';
import { ConsentRequests } from './consent-requests.tsx';
import { WeekMarks } from './week-marks.tsx';
import { CHILD_SUMMARY_QUERY, CHILDREN_QUERY, type ChildCard } from './queries.ts';

function ChildAttention({ childId }: { childId: string }) {
  const { data } = useData(CHILD_SUMMARY_QUERY, { variables: { personId: childId } });
  const person = data?.person;
  if (!person) return null;
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

function ChildCardView({ child }: { child: ChildCard }) {
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
      <ChildAttention childId={child.id} />
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

export function GuardianHome() {
  const me = useMe();
  const { data, loading, error, refetch } = useData(CHILDREN_QUERY, { variables: { personId: me.person.id } });
  return (
    <Page title="Мои дети">
      <ConsentRequests compact />
      <DataState
        loading={loading}
        error={error}
        data={data?.person?.children}
        onRetry={() => void refetch()}
        isEmpty={(children) => children.length === 0}
        empty="С вашей учётной записью не связан ни один ребёнок. Обратитесь в школу или детский сад: секретарь свяжет вашу карточку с карточкой ребёнка."
      >
        {(children) => (
          <ul className="child-cards">
            {children.map((child) => (
              <ChildCardView key={child.id} child={child} />
            ))}
          </ul>
        )}
      </DataState>
    </Page>
  );
}
