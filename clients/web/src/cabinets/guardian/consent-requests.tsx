/** Consent requests waiting for the guardian (rule 3): a minor tried to sign in; one click lets them in. */
import { gql, type TypedDocumentNode } from '@apollo/client';
import type { GrantConsentMutation, GrantConsentMutationVariables } from '../../generated/graphql.ts';
import { useMutation } from '@apollo/client/react';
import { useState } from 'react';
import { useData } from '../../api/hooks.ts';
import { formatRegionDateTime } from '../../features/common/format.ts';
import { ErrorNotice, Loading, Notice } from '../../ui/kit.tsx';
import { CONSENT_REQUESTS_QUERY, type ConsentRequestsData } from './queries.ts';
import type * as Schema from '../../generated/graphql.ts';

export type ConsentKind = Schema.ConsentKind;

export const GRANT_CONSENT: TypedDocumentNode<GrantConsentMutation, GrantConsentMutationVariables> = gql`
  mutation GrantConsent($personId: ID!, $kind: ConsentKind!) {
    grantConsent(personId: $personId, kind: $kind) {
      id
      kind
      grantedAt
      withdrawnAt
    }
  }
`;

export const REQUEST_TEXT: Record<ConsentKind, { title: string; explain: string; action: string }> = {
  MINOR_LOGIN: {
    title: 'Вход ребёнка через Госуслуги',
    explain:
      'Ребёнок пытался войти в электронный дневник через Госуслуги. Несовершеннолетний входит только с согласия родителя (законного представителя).',
    action: 'Разрешить вход',
  },
  PROCESSING: {
    title: 'Обработка персональных данных ребёнка',
    explain: 'Без согласия данные ребёнка обезличиваются и не передаются, в том числе в портфолио на Госуслугах.',
    action: 'Дать согласие',
  },
  DATA_TRANSFER: {
    title: 'Передача персональных данных',
    explain: 'Согласие на передачу персональных данных ребёнка в региональную систему образования.',
    action: 'Дать согласие',
  },
};

type Request = ConsentRequestsData['me']['consentRequests'][number];

function RequestItem({ request, onGranted }: { request: Request; onGranted: (name: string) => void }) {
  const [grant, { loading, error }] = useMutation(GRANT_CONSENT, { refetchQueries: 'active' });
  const text = REQUEST_TEXT[request.kind];
  return (
    <li className="consent-request">
      <div>
        <strong>{request.child.fullName}</strong> — {text.title}
        <div className="muted">Запрос от {formatRegionDateTime(request.requestedAt)}</div>
        <p>{text.explain}</p>
        {error && <ErrorNotice error={error} />}
      </div>
      <button
        type="button"
        className="button button-primary"
        disabled={loading}
        onClick={() =>
          void grant({ variables: { personId: request.child.id, kind: request.kind } })
            .then(() => onGranted(request.child.fullName))
            .catch(() => {})
        }
      >
        {loading ? 'Сохранение…' : text.action}
      </button>
    </li>
  );
}

/** The waiting requests with their grant buttons; `compact` hides the block entirely when there are none. */
export function ConsentRequests({ compact = false }: { compact?: boolean }) {
  const { data, loading, error, refetch } = useData(CONSENT_REQUESTS_QUERY, { fetchPolicy: 'no-cache' });
  const [granted, setGranted] = useState<string[]>([]);
  const requests = data?.me.consentRequests ?? [];
  const success = granted.length > 0 && (
    <Notice tone="success">
      Согласие сохранено: {granted.join(', ')}. Теперь ребёнок может войти через Госуслуги.
    </Notice>
  );
  if (!data) {
    if (loading) return compact ? null : <Loading />;
    return error ? <ErrorNotice error={error} onRetry={() => void refetch()} /> : null;
  }
  if (requests.length === 0) {
    if (compact) return success || null;
    return (
      <>
        {success}
        <p className="empty">Запросов, ожидающих вашего решения, нет.</p>
      </>
    );
  }
  return (
    <div className="consent-requests" role="region" aria-label="Ждут вашего решения">
      {success}
      <Notice tone="warning">
        Ждут вашего решения: {requests.length}. Пока вы не ответите, ребёнок не сможет войти в дневник.
      </Notice>
      <ul className="plain-list">
        {requests.map((request) => (
          <RequestItem
            key={request.id}
            request={request}
            onGranted={(name) => {
              setGranted((names) => [...names, name]);
              void refetch();
            }}
          />
        ))}
      </ul>
    </div>
  );
}
