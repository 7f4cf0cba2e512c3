/**
 * A programme of the catalogue (issue 11): description, ages, hours, price and funding, the organization and
 * its address, and the groups with schedule, period and free places. The cabinets put an action beside each
 * group (a guardian's «Записаться»); the public page asks to sign in instead.
 */
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { useData } from '../../api/hooks.ts';
import { CATALOGUE_PROGRAMME_QUERY, type ProgrammeDetails, type ProgrammeGroupDetails } from '../../public/queries.ts';
import { formatDate } from '../../ui/format.ts';
import { Badge, DataState, Page, Section, TableWrap } from '../../ui/kit.tsx';
import { DIRECTION_NAMES, PAYMENT_METHODS, PROGRAMME_STATUSES, formatAges, formatRubles } from './labels.ts';
import './extra.css';

export function ProgrammeView({
  programmeId,
  backHref,
  groupAction,
  footer,
}: {
  programmeId: string;
  backHref: string;
  groupAction?: (group: ProgrammeGroupDetails, programme: ProgrammeDetails) => ReactNode;
  footer?: (programme: ProgrammeDetails) => ReactNode;
}) {
  const { data, loading, error, refetch } = useData(CATALOGUE_PROGRAMME_QUERY, { variables: { id: programmeId } });
  const programme = data?.programme ?? undefined;
  return (
    <Page title={programme?.name ?? 'Программа'}>
      <p>
        <Link to={backHref}>← К списку программ</Link>
      </p>
      <DataState
        loading={loading}
        error={error}
        data={programme}
        onRetry={() => void refetch()}
        empty="Программа не найдена или снята с публикации."
      >
        {(programme) => (
          <>
            {programme.status !== 'PUBLISHED' && (
              <p>
                <Badge tone="warning">{PROGRAMME_STATUSES[programme.status]}</Badge>
              </p>
            )}
            <Section title="О программе">
              <p className="programme-description">{programme.description || 'Описание не заполнено.'}</p>
              <dl className="programme-facts">
                <dt>Направленность</dt>
                <dd>{DIRECTION_NAMES[programme.direction]}</dd>
                <dt>Возраст</dt>
                <dd>{formatAges(programme.ageFrom, programme.ageTo)}</dd>
                <dt>Продолжительность</dt>
                <dd>
                  {programme.durationMonths} мес., {programme.hours} ак. ч.
                </dd>
                <dt>Стоимость месяца</dt>
                <dd>
                  {programme.funding.length === 1 && programme.funding[0] === 'BUDGET'
                    ? 'Бесплатно (бюджет)'
                    : formatRubles(programme.pricePerMonth)}
                </dd>
                <dt>Оплата</dt>
                <dd>{programme.funding.map((method) => PAYMENT_METHODS[method]).join(', ')}</dd>
                <dt>Организация</dt>
                <dd>
                  {programme.organization.fullName}{' '}
                  {programme.organization.pfdoParticipant && <Badge tone="success">Участник ПФДО</Badge>}
                </dd>
                <dt>Адрес</dt>
                <dd>
                  {programme.municipality.name}
                  {(programme.address ?? programme.organization.address)
                    ? `, ${programme.address ?? programme.organization.address}`
                    : ''}
                </dd>
              </dl>
            </Section>
            <Section title="Группы">
              {programme.groups.length === 0 ? (
                <p className="empty">У программы пока нет групп.</p>
              ) : (
                <TableWrap label="Группы программы">
                  <table className="table">
                    <caption className="visually-hidden">Группы программы «{programme.name}»</caption>
                    <thead>
                      <tr>
                        <th scope="col">Группа</th>
                        <th scope="col">Расписание</th>
                        <th scope="col">Период</th>
                        <th scope="col" className="num">
                          Свободно мест
                        </th>
                        {groupAction && (
                          <th scope="col">
                            <span className="visually-hidden">Действие</span>
                          </th>
                        )}
                      </tr>
                    </thead>
                    <tbody>
                      {programme.groups.map((group) => (
                        <tr key={group.id}>
                          <th scope="row">{group.name}</th>
                          <td>{group.schedule || '—'}</td>
                          <td>
                            {formatDate(group.startsOn)} — {formatDate(group.endsOn)}
                          </td>
                          <td className="num">
                            {group.freePlaces} из {group.capacity}
                          </td>
                          {groupAction && <td>{groupAction(group, programme)}</td>}
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </TableWrap>
              )}
            </Section>
            {footer?.(programme)}
          </>
        )}
      </DataState>
    </Page>
  );
}
