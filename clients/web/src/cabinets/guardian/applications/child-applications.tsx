/** The applications of one child, inside the child's pages. */
import { Link } from 'react-router';
import { useData } from '../../../api/hooks.ts';
import { useMe } from '../../../me.tsx';
import { DataState } from '../../../ui/kit.tsx';
import { ApplicationList } from './application-list.tsx';
import { APPLICATIONS_QUERY, collectApplications } from './queries.ts';

export function ChildApplications({ childId }: { childId: string }) {
  const me = useMe();
  const { data, loading, error, refetch } = useData(APPLICATIONS_QUERY, { variables: { personId: me.person.id } });
  return (
    <>
      <p>
        <Link className="button" to={`/guardian/applications/new?child=${childId}`}>
          Подать заявление в 1 класс
        </Link>
      </p>
      <DataState
        loading={loading}
        error={error}
        data={data ? collectApplications(data).filter((application) => application.child?.id === childId) : undefined}
        onRetry={() => void refetch()}
        isEmpty={(list) => list.length === 0}
        empty="Заявлений за этого ребёнка нет."
      >
        {(list) => <ApplicationList applications={list} />}
      </DataState>
    </>
  );
}
