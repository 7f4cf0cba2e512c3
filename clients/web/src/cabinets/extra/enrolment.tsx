/**
 * The organization's applications and contracts (issue 11, rule 20): accept (a free place is needed) or refuse
 * with a reason the family sees; conclude a contract on an accepted application with a payment method (by
 * certificate only at a «Участник ПФДО» after funds are credited — the API says so when not); end a contract.
 */
import { useMutation } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { useData } from '../../api/hooks.ts';
import {
  EXTRA_APPLICATION_STATUSES,
  EXTRA_APPLICATION_TONES,
  PAYMENT_METHODS,
  formatRubles,
  type PaymentMethod,
} from '../../features/extra/labels.ts';
import '../../features/extra/extra.css';
import type { ExtraApplicationStatus } from '../../generated/graphql.ts';
import { formatDate, formatDateTime } from '../../ui/format.ts';
import { Badge, DataState, ErrorNotice, Field, Page, PagerControls, TableWrap, usePager } from '../../ui/kit.tsx';
import {
  CONCLUDE_EXTRA_CONTRACT,
  DECIDE_EXTRA_APPLICATION,
  END_EXTRA_CONTRACT,
  ORGANIZATION_APPLICATIONS_QUERY,
  ORGANIZATION_CONTRACTS_QUERY,
  type OrganizationApplication,
  type OrganizationContract,
} from './enrolment-queries.ts';
import { useExtraOrganization } from './organization.tsx';
import { NoOrganization } from './programmes.tsx';

const REFRESH = ['OrganizationExtraApplications', 'OrganizationExtraContracts', 'ManagedProgrammes'];

/**
 * The child's name, as people gives it to the organization: while the application is open or the contract
 * active (and a short time after, docs/architecture.md «Extra-education: names for the organization»);
 * otherwise `child` is null and the row is named by programme, group and date alone.
 */
function childName(child: { fullName: string } | null | undefined): string {
  return child?.fullName ?? 'имя скрыто';
}

function describeApplication(application: OrganizationApplication): string {
  const what = `${application.programme.name}, группа «${application.group.name}», ${formatDateTime(application.createdAt)}`;
  return application.child ? `${application.child.fullName}, ${what}` : what;
}

export function ApplicationsPage() {
  const { organization, picker } = useExtraOrganization();
  const [status, setStatus] = useState<ExtraApplicationStatus | ''>('SUBMITTED');
  const pager = usePager(25);
  const { data, loading, error, refetch } = useData(ORGANIZATION_APPLICATIONS_QUERY, {
    variables: {
      organizationId: organization?.id ?? '',
      status: status || null,
      first: pager.first,
      after: pager.after,
    },
    skip: !organization,
    fetchPolicy: 'cache-and-network',
  });
  if (!organization) return <NoOrganization />;
  return (
    <Page title="Заявления">
      <p className="muted">{organization.shortName}</p>
      <div className="filters">
        {picker}
        <Field label="Статус">
          {(props) => (
            <select
              {...props}
              value={status}
              onChange={(event) => {
                pager.reset();
                setStatus(event.target.value as ExtraApplicationStatus | '');
              }}
            >
              <option value="">Все</option>
              {Object.entries(EXTRA_APPLICATION_STATUSES).map(([value, name]) => (
                <option key={value} value={value}>
                  {name}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <DataState
        loading={loading}
        error={error}
        data={data}
        onRetry={() => void refetch()}
        isEmpty={(result) => result.extraApplications.edges.length === 0}
        empty="Заявлений с таким статусом нет."
      >
        {(result) => (
          <>
            <ul className="public-list extra-applications">
              {result.extraApplications.edges.map(({ node }) => (
                <ApplicationItem key={node.id} application={node} />
              ))}
            </ul>
            <PagerControls
              pager={pager}
              pageInfo={result.extraApplications.pageInfo}
              totalCount={result.extraApplications.totalCount}
              shown={result.extraApplications.edges.length}
            />
          </>
        )}
      </DataState>
    </Page>
  );
}

function ApplicationItem({ application }: { application: OrganizationApplication }) {
  return (
    <li aria-label={`Заявление: ${describeApplication(application)}`} data-application-id={application.id}>
      <h2>{application.programme.name}</h2>
      <p className={application.child ? undefined : 'muted'}>Ребёнок: {childName(application.child)}</p>
      <p>
        Группа «{application.group.name}» (свободно мест: {application.group.freePlaces})
      </p>
      <p className="muted">
        Подано {formatDateTime(application.createdAt)}
        {application.paymentMethod ? ` · оплата: ${PAYMENT_METHODS[application.paymentMethod]}` : ''}
      </p>
      <p>
        <Badge tone={EXTRA_APPLICATION_TONES[application.status] ?? 'neutral'}>{application.statusName}</Badge>
        {application.refusalReason && <span className="muted"> Причина: {application.refusalReason}</span>}
      </p>
      {application.status === 'SUBMITTED' && <Decision application={application} />}
      {application.status === 'ACCEPTED' && !application.contract && <Conclude application={application} />}
    </li>
  );
}

function Decision({ application }: { application: OrganizationApplication }) {
  const [refusing, setRefusing] = useState(false);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);
  const [decide, { loading, error, reset }] = useMutation(DECIDE_EXTRA_APPLICATION, { refetchQueries: REFRESH });
  const refuse = (event: FormEvent) => {
    event.preventDefault();
    reset();
    if (!reason.trim()) {
      setReasonError('Укажите причину отказа: её увидит заявитель.');
      return;
    }
    setReasonError(null);
    void decide({ variables: { id: application.id, accept: false, reason: reason.trim() } }).catch(() => {});
  };
  return (
    <div className="extra-decision">
      {!refusing ? (
        <div className="actions">
          <button
            type="button"
            className="button button-primary"
            disabled={loading}
            onClick={() => {
              reset();
              void decide({ variables: { id: application.id, accept: true } }).catch(() => {});
            }}
          >
            Принять
          </button>
          <button type="button" className="button" onClick={() => setRefusing(true)}>
            Отказать…
          </button>
        </div>
      ) : (
        <form noValidate onSubmit={refuse} aria-label="Отказ по заявлению">
          <Field label="Причина отказа" error={reasonError}>
            {(props) => (
              <textarea {...props} rows={2} value={reason} onChange={(event) => setReason(event.target.value)} />
            )}
          </Field>
          <div className="actions">
            <button type="submit" className="button button-danger" disabled={loading}>
              Отказать
            </button>
            <button type="button" className="button button-ghost" onClick={() => setRefusing(false)}>
              Отмена
            </button>
          </div>
        </form>
      )}
      {error && <ErrorNotice error={error} />}
    </div>
  );
}

function Conclude({ application }: { application: OrganizationApplication }) {
  const [method, setMethod] = useState<PaymentMethod | ''>(application.paymentMethod ?? '');
  const [conclude, { loading, error, reset }] = useMutation(CONCLUDE_EXTRA_CONTRACT, { refetchQueries: REFRESH });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    reset();
    if (!method) return;
    void conclude({ variables: { applicationId: application.id, paymentMethod: method } }).catch(() => {});
  };
  return (
    <form className="form-row extra-decision" noValidate onSubmit={submit} aria-label="Заключение договора">
      <Field label="Способ оплаты по договору">
        {(props) => (
          <select {...props} value={method} onChange={(event) => setMethod(event.target.value as PaymentMethod | '')}>
            <option value="">Выберите…</option>
            {application.programme.funding.map((option) => (
              <option key={option} value={option}>
                {PAYMENT_METHODS[option]}
              </option>
            ))}
          </select>
        )}
      </Field>
      <button type="submit" className="button button-primary" disabled={loading || !method}>
        Заключить договор
      </button>
      {error && <ErrorNotice error={error} />}
    </form>
  );
}

export function ContractsPage() {
  const { organization, picker } = useExtraOrganization();
  const [active, setActive] = useState<'' | 'true' | 'false'>('true');
  const pager = usePager(25);
  const { data, loading, error, refetch } = useData(ORGANIZATION_CONTRACTS_QUERY, {
    variables: {
      organizationId: organization?.id ?? '',
      active: active === '' ? null : active === 'true',
      first: pager.first,
      after: pager.after,
    },
    skip: !organization,
    fetchPolicy: 'cache-and-network',
  });
  if (!organization) return <NoOrganization />;
  return (
    <Page title="Договоры">
      <p className="muted">{organization.shortName}</p>
      <div className="filters">
        {picker}
        <Field label="Договоры">
          {(props) => (
            <select
              {...props}
              value={active}
              onChange={(event) => {
                pager.reset();
                setActive(event.target.value as '' | 'true' | 'false');
              }}
            >
              <option value="true">Действующие</option>
              <option value="false">Расторгнутые</option>
              <option value="">Все</option>
            </select>
          )}
        </Field>
      </div>
      <DataState
        loading={loading}
        error={error}
        data={data}
        onRetry={() => void refetch()}
        isEmpty={(result) => result.extraContracts.edges.length === 0}
        empty="Договоров нет."
      >
        {(result) => (
          <>
            <TableWrap label="Договоры организации">
              <table className="table">
                <caption className="visually-hidden">Договоры организации «{organization.shortName}»</caption>
                <thead>
                  <tr>
                    <th scope="col">Программа и группа</th>
                    <th scope="col">Ребёнок</th>
                    <th scope="col">Оплата</th>
                    <th scope="col">Заключён</th>
                    <th scope="col">Состояние</th>
                  </tr>
                </thead>
                <tbody>
                  {result.extraContracts.edges.map(({ node }) => (
                    <ContractRow key={node.id} contract={node} />
                  ))}
                </tbody>
              </table>
            </TableWrap>
            <PagerControls
              pager={pager}
              pageInfo={result.extraContracts.pageInfo}
              totalCount={result.extraContracts.totalCount}
              shown={result.extraContracts.edges.length}
            />
          </>
        )}
      </DataState>
    </Page>
  );
}

function ContractRow({ contract }: { contract: OrganizationContract }) {
  const [ending, setEnding] = useState(false);
  const [reason, setReason] = useState('');
  const [end, { loading, error }] = useMutation(END_EXTRA_CONTRACT, { refetchQueries: REFRESH });
  const what = `${contract.programme.name}, ${contract.group.name}, с ${formatDate(contract.concludedOn)}`;
  const name = contract.child ? `${contract.child.fullName}, ${what}` : what;
  return (
    <tr data-contract-id={contract.id}>
      <th scope="row">
        {contract.programme.name}
        <div className="muted">{contract.group.name}</div>
      </th>
      <td className={contract.child ? undefined : 'muted'}>{childName(contract.child)}</td>
      <td>
        {contract.paymentMethodName}
        {contract.paymentMethod !== 'BUDGET' && `, ${formatRubles(contract.pricePerMonth)} в месяц`}
        {contract.certificateCode && <div className="muted">сертификат {contract.certificateCode}</div>}
        {contract.reservedAmount && (
          <div className="muted">
            резерв {formatRubles(contract.reservedAmount)}, осталось {formatRubles(contract.remainingReserve)}
          </div>
        )}
      </td>
      <td>{formatDate(contract.concludedOn)}</td>
      <td>
        {contract.active ? (
          <>
            <Badge tone="success">Действует</Badge>
            {!ending ? (
              <button
                type="button"
                className="button button-small"
                aria-label={`Расторгнуть договор: ${name}`}
                onClick={() => setEnding(true)}
              >
                Расторгнуть…
              </button>
            ) : (
              <form
                noValidate
                aria-label={`Расторжение договора: ${name}`}
                onSubmit={(event) => {
                  event.preventDefault();
                  if (reason.trim())
                    void end({ variables: { id: contract.id, reason: reason.trim() } }).catch(() => {});
                }}
              >
                <Field label="Причина отчисления">
                  {(props) => <input {...props} value={reason} onChange={(event) => setReason(event.target.value)} />}
                </Field>
                <button
                  type="submit"
                  className="button button-small button-danger"
                  disabled={loading || !reason.trim()}
                >
                  Расторгнуть
                </button>
              </form>
            )}
            {error && <ErrorNotice error={error} />}
          </>
        ) : (
          <>
            <Badge>Расторгнут {formatDate(contract.endedOn)}</Badge>
            {contract.endReason && <div className="muted">Причина: {contract.endReason}</div>}
          </>
        )}
      </td>
    </tr>
  );
}
