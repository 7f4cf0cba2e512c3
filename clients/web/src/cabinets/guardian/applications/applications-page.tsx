/** «Заявления»: every application of the guardian and their children, and the way to file a new one. */
import { Link, useLocation } from 'react-router';
import { useData } from '../../../api/hooks.ts';
import { useMe } from '../../../me.tsx';
import { DataState, Notice, Page } from '../../../ui/kit.tsx';
import { ApplicationList } from './application-list.tsx';
import { APPLICATIONS_QUERY, collectApplications } from './queries.ts';

export function ApplicationsPage() {
  const me = useMe();
  const location = useLocation();
  const submitted = (location.state as { submitted?: string } | null)?.submitted;
  const { data, loading, error, refetch } = useData(APPLICATIONS_QUERY, { variables: { personId: me.person.id } });
  return (
    <Page
      title="Заявления"
      actions={
        <Link className="button button-primary" to="/guardian/applications/new">
          Подать заявление в 1 класс
        </Link>
      }
    >
      {submitted && <Notice tone="success">{submitted}</Notice>}
      <DataState
        loading={loading}
        error={error}
        data={data ? collectApplications(data) : undefined}
        onRetry={() => void refetch()}
        isEmpty={(list) => list.length === 0}
        empty="Заявлений пока нет. Заявления, поданные на Госуслугах, появляются здесь после того, как их примет система."
      >
        {(list) => <ApplicationList applications={list} />}
      </DataState>
    </Page>
  );
}
