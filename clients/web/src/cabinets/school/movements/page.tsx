/** «Книга движения»: the school's orders — enrolment, transfer, expulsion, graduation — newest first. */
import { Link, useLocation } from 'react-router';
import { useData } from '../../../api/hooks.ts';
import { formatDate, formatDateTime } from '../../../ui/format.ts';
import { Badge, DataState, Notice, Page, PagerControls, usePager, TableWrap } from '../../../ui/kit.tsx';
import { ListExportButtons } from '../../../features/common/list-export.tsx';
import { MOVEMENT_LABELS, type MovementKind } from '../labels.ts';
import { personPath, schoolPath, useOrganization } from '../organization.tsx';
import { MOVEMENT_BOOK_QUERY, type MovementRow } from './queries.ts';

const TONES: Record<MovementKind, 'info' | 'success' | 'warning' | 'neutral'> = {
  ENROL: 'success',
  TRANSFER: 'info',
  EXPEL: 'warning',
  GRADUATE: 'neutral',
};

export function MovementBookPage() {
  const organization = useOrganization();
  const location = useLocation();
  const recorded = (location.state as { recorded?: string } | null)?.recorded;
  const pager = usePager(25);
  const { data, loading, error, refetch } = useData(MOVEMENT_BOOK_QUERY, {
    variables: { organizationId: organization.id, first: pager.first, after: pager.after },
  });
  return (
    <Page
      title="Книга движения"
      actions={
        <Link className="button button-primary school-link-button" to={schoolPath('movements', organization.id, 'new')}>
          Новая запись
        </Link>
      }
    >
      {recorded && <Notice tone="success">{recorded}</Notice>}
      <ListExportButtons
        list={{
          title: `Книга движения — ${organization.shortName}`,
          filters: [],
          query: MOVEMENT_BOOK_QUERY,
          variables: { organizationId: organization.id },
          connection: 'movementBook',
          columns: [
            { title: 'С даты', path: 'effectiveOn', kind: 'date' },
            { title: 'Запись', path: 'kind', labels: MOVEMENT_LABELS },
            { title: 'Обучающийся', path: 'person.fullName' },
            { title: 'Класс', path: 'className' },
            { title: 'Организация', path: 'organization.shortName' },
            { title: 'Откуда', path: 'fromOrganization.shortName' },
            { title: 'Номер приказа', path: 'orderNumber' },
            { title: 'Дата приказа', path: 'orderDate', kind: 'date' },
            { title: 'Основание', path: 'reason' },
            { title: 'Оплата', path: 'paymentMethodName' },
            { title: 'Внесено', path: 'recordedAt', kind: 'datetime' },
          ],
        }}
      />
      <DataState
        loading={loading}
        error={error}
        data={data?.movementBook}
        onRetry={() => void refetch()}
        isEmpty={(book) => book.edges.length === 0 && pager.page === 1}
        empty="В книге движения пока нет записей."
      >
        {(book) => (
          <>
            <TableWrap label="Книга движения">
              <table className="table school-table">
                <thead>
                  <tr>
                    <th scope="col">С даты</th>
                    <th scope="col">Запись</th>
                    <th scope="col" className="school-col-person">
                      Обучающийся
                    </th>
                    <th scope="col">Класс</th>
                    <th scope="col" className="school-col-place">
                      Откуда / куда
                    </th>
                    <th scope="col">Приказ</th>
                    <th scope="col">Основание</th>
                    <th scope="col">Внесено</th>
                  </tr>
                </thead>
                <tbody>
                  {book.edges.map(({ node }) => (
                    <Entry key={node.id} entry={node} organizationId={organization.id} />
                  ))}
                </tbody>
              </table>
            </TableWrap>
            <PagerControls pager={pager} pageInfo={book.pageInfo} shown={book.edges.length} />
          </>
        )}
      </DataState>
    </Page>
  );
}

function Entry({ entry, organizationId }: { entry: MovementRow; organizationId: string }) {
  const away = entry.organization.id !== organizationId;
  const from = entry.fromOrganization;
  return (
    <tr>
      <td data-label="С даты" className="school-nowrap">
        {formatDate(entry.effectiveOn)}
      </td>
      <td data-label="Запись">
        <Badge tone={TONES[entry.kind]}>{MOVEMENT_LABELS[entry.kind]}</Badge>
      </td>
      <td data-label="Обучающийся">
        {entry.person ? (
          <Link to={personPath('movements', organizationId, entry.person.id)}>{entry.person.fullName}</Link>
        ) : (
          <span className="muted">карточка вне вашей зоны доступа</span>
        )}
      </td>
      <td data-label="Класс">
        {entry.className ?? '—'}
        {/* An extra-education enrolment names how the place is paid for (rule 20). */}
        {entry.paymentMethodName && <div className="muted">оплата: {entry.paymentMethodName}</div>}
      </td>
      <td data-label="Откуда / куда">
        {away
          ? `в ${entry.organization.shortName}`
          : from && from.id !== organizationId
            ? `из ${from.shortName}`
            : from
              ? 'внутри школы'
              : '—'}
      </td>
      <td data-label="Приказ" className="school-nowrap">
        № {entry.orderNumber} от {formatDate(entry.orderDate)}
      </td>
      <td data-label="Основание">{entry.reason ?? '—'}</td>
      <td data-label="Внесено" className="muted school-nowrap">
        {formatDateTime(entry.recordedAt)}
      </td>
    </tr>
  );
}
