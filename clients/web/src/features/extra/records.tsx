/** A person's applications to groups and contracts, with statuses and refusal reasons (issue 11). */
import { useMutation } from '@apollo/client/react';
import { Link } from 'react-router';
import { formatDate, formatDateTime } from '../../ui/format.ts';
import { Badge, ErrorNotice, Section, TableWrap } from '../../ui/kit.tsx';
import { EXTRA_APPLICATION_TONES, PAYMENT_METHODS, formatRubles } from './labels.ts';
import { WITHDRAW_EXTRA_APPLICATION, type RecordsChild } from './queries.ts';

export function PersonRecords({
  person: child,
  programmeHref,
}: {
  person: RecordsChild;
  programmeHref: (id: string) => string;
}) {
  const [withdraw, withdrawing] = useMutation(WITHDRAW_EXTRA_APPLICATION, {
    refetchQueries: ['ExtraFamilyRecords', 'ExtraOwnRecords'],
  });
  return (
    <Section title={child.fullName}>
      {child.extraApplications.length > 0 && (
        <TableWrap label={`Заявления: ${child.fullName}`}>
          <table className="table">
            <caption>Заявления</caption>
            <thead>
              <tr>
                <th scope="col">Программа и группа</th>
                <th scope="col">Организация</th>
                <th scope="col">Подано</th>
                <th scope="col">Оплата</th>
                <th scope="col">Статус</th>
                <th scope="col">
                  <span className="visually-hidden">Действие</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {child.extraApplications.map((application) => (
                <tr key={application.id}>
                  <th scope="row">
                    <Link to={programmeHref(application.programme.id)}>{application.programme.name}</Link>
                    <div className="muted">{application.group.name}</div>
                  </th>
                  <td>{application.organization.shortName}</td>
                  <td>{formatDateTime(application.createdAt)}</td>
                  <td>{application.paymentMethod ? PAYMENT_METHODS[application.paymentMethod] : '—'}</td>
                  <td>
                    <Badge tone={EXTRA_APPLICATION_TONES[application.status] ?? 'neutral'}>
                      {application.statusName}
                    </Badge>
                    {application.refusalReason && <div className="muted">Причина: {application.refusalReason}</div>}
                  </td>
                  <td>
                    {(application.status === 'SUBMITTED' || application.status === 'ACCEPTED') && (
                      <button
                        type="button"
                        className="button button-small"
                        disabled={withdrawing.loading}
                        aria-label={`Отозвать заявление: ${application.programme.name}`}
                        onClick={() => void withdraw({ variables: { id: application.id } }).catch(() => {})}
                      >
                        Отозвать
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      {withdrawing.error && <ErrorNotice error={withdrawing.error} />}
      {child.extraContracts.length > 0 && (
        <TableWrap label={`Договоры: ${child.fullName}`}>
          <table className="table">
            <caption>Договоры</caption>
            <thead>
              <tr>
                <th scope="col">Программа и группа</th>
                <th scope="col">Организация</th>
                <th scope="col">Оплата</th>
                <th scope="col">Заключён</th>
                <th scope="col">Состояние</th>
              </tr>
            </thead>
            <tbody>
              {child.extraContracts.map((contract) => (
                <tr key={contract.id}>
                  <th scope="row">
                    {contract.programme.name}
                    <div className="muted">{contract.group.name}</div>
                  </th>
                  <td>{contract.organization.shortName}</td>
                  <td>
                    {contract.paymentMethodName}
                    {contract.paymentMethod !== 'BUDGET' && `, ${formatRubles(contract.pricePerMonth)} в месяц`}
                    {contract.certificateCode && <div className="muted">сертификат {contract.certificateCode}</div>}
                  </td>
                  <td>{formatDate(contract.concludedOn)}</td>
                  <td>
                    {contract.active ? (
                      <Badge tone="success">Действует</Badge>
                    ) : (
                      <>
                        <Badge>Расторгнут {formatDate(contract.endedOn)}</Badge>
                        {contract.endReason && <div className="muted">Причина: {contract.endReason}</div>}
                      </>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
    </Section>
  );
}
