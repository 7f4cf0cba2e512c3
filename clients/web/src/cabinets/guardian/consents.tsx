/** «Согласия»: requests waiting for the guardian, and each child's consents with grant and withdrawal. */
import { gql, type TypedDocumentNode } from '@apollo/client';
import type {
  GuardianChildConsentsQuery,
  GuardianChildConsentsQueryVariables,
  WithdrawConsentMutation,
  WithdrawConsentMutationVariables,
} from '../../generated/graphql.ts';
import { useMutation } from '@apollo/client/react';
import { useState } from 'react';
import { useData } from '../../api/hooks.ts';
import { formatRegionDateTime } from '../../features/common/format.ts';
import { useMe } from '../../me.tsx';
import { fullYears, regionToday } from '../../ui/format.ts';
import { Badge, DataState, ErrorNotice, Notice, Page, Section } from '../../ui/kit.tsx';
import { ConsentRequests, GRANT_CONSENT, type ConsentKind } from './consent-requests.tsx';

type ChildConsentsData = GuardianChildConsentsQuery;

const CHILD_CONSENTS_QUERY: TypedDocumentNode<GuardianChildConsentsQuery, GuardianChildConsentsQueryVariables> = gql`
  query GuardianChildConsents($personId: ID!) {
    person(id: $personId) {
      id
      children {
        id
        fullName
        birthDate
        consents {
          id
          kind
          grantedAt
          withdrawnAt
        }
      }
    }
  }
`;

const WITHDRAW_CONSENT: TypedDocumentNode<WithdrawConsentMutation, WithdrawConsentMutationVariables> = gql`
  mutation WithdrawConsent($personId: ID!, $kind: ConsentKind!) {
    withdrawConsent(personId: $personId, kind: $kind) {
      id
      withdrawnAt
    }
  }
`;

/** The consents a parent manages here; withdrawing processing consent is done in writing at the school. */
const MANAGED: { kind: ConsentKind; title: string; grant: string; withdrawable: boolean }[] = [
  { kind: 'MINOR_LOGIN', title: 'Вход ребёнка через Госуслуги', grant: 'Разрешить вход', withdrawable: true },
  { kind: 'PROCESSING', title: 'Обработка персональных данных', grant: 'Дать согласие', withdrawable: false },
];

type Child = NonNullable<ChildConsentsData['person']>['children'][number];

function ConsentRow({ child, item }: { child: Child; item: (typeof MANAGED)[number] }) {
  const options = { refetchQueries: [CHILD_CONSENTS_QUERY] };
  const [grant, granting] = useMutation(GRANT_CONSENT, options);
  const [withdraw, withdrawing] = useMutation(WITHDRAW_CONSENT, options);
  const [done, setDone] = useState<string | null>(null);
  const active = child.consents?.find((consent) => consent.kind === item.kind && !consent.withdrawnAt);
  // Rule 5a: a child under 14 has no login of their own, and the server refuses MINOR_LOGIN for them; the row
  // says so instead of offering a grant that would fail. The server's clock has the last word.
  if (item.kind === 'MINOR_LOGIN' && !active && child.birthDate && fullYears(child.birthDate, regionToday()) < 14) {
    return (
      <tr>
        <th scope="row">{item.title}</th>
        <td>
          <Badge tone="neutral">с 14 лет</Badge>{' '}
          <span className="muted">До 14 лет ребёнок не входит сам: его дневник и портфолио — в вашем кабинете.</span>
        </td>
        <td className="consent-actions" />
      </tr>
    );
  }
  const variables = { personId: child.id, kind: item.kind };
  const busy = granting.loading || withdrawing.loading;
  return (
    <tr>
      <th scope="row">{item.title}</th>
      <td>
        {active ? (
          <>
            <Badge tone="success">действует</Badge>{' '}
            <span className="muted">с {formatRegionDateTime(active.grantedAt)}</span>
          </>
        ) : (
          <Badge tone="warning">нет согласия</Badge>
        )}
        {done && <div className="field-success">{done}</div>}
        {(granting.error || withdrawing.error) && <ErrorNotice error={granting.error ?? withdrawing.error} />}
      </td>
      <td className="consent-actions">
        {!active && (
          <button
            type="button"
            className="button button-small button-primary"
            disabled={busy}
            onClick={() =>
              void grant({ variables })
                .then(() => setDone('Согласие сохранено.'))
                .catch(() => {})
            }
          >
            {item.grant}
          </button>
        )}
        {active && item.withdrawable && (
          <button
            type="button"
            className="button button-small button-danger"
            disabled={busy}
            onClick={() => {
              if (!window.confirm(`Отозвать согласие «${item.title}» для ребёнка ${child.fullName}?`)) return;
              void withdraw({ variables })
                .then(() => setDone('Согласие отозвано.'))
                .catch(() => {});
            }}
          >
            Отозвать
          </button>
        )}
      </td>
    </tr>
  );
}

function ChildConsents({ child }: { child: Child }) {
  return (
    <Section title={child.fullName}>
      {child.consents === null ? (
        <Notice tone="warning">Согласия этого ребёнка недоступны.</Notice>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Согласие</th>
                <th scope="col">Состояние</th>
                <th scope="col">
                  <span className="visually-hidden">Действия</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {MANAGED.map((item) => (
                <ConsentRow key={item.kind} child={child} item={item} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Section>
  );
}

export function ConsentsPage() {
  const me = useMe();
  const { data, loading, error, refetch } = useData(CHILD_CONSENTS_QUERY, { variables: { personId: me.person.id } });
  return (
    <Page title="Согласия">
      <Section title="Ждут вашего решения">
        <ConsentRequests />
      </Section>
      <p className="muted">
        Отозвать согласие на обработку персональных данных можно письменным заявлением в школе: без него данные ребёнка
        обезличиваются.
      </p>
      <DataState
        loading={loading}
        error={error}
        data={data?.person?.children}
        onRetry={() => void refetch()}
        isEmpty={(children) => children.length === 0}
        empty="С вашей учётной записью не связан ни один ребёнок."
      >
        {(children) => children.map((child) => <ChildConsents key={child.id} child={child} />)}
      </DataState>
    </Page>
  );
}
