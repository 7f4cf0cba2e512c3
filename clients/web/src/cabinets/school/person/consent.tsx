/**
 * A card without consent to processing is depersonalized (DOMAIN.md rule 5): nothing of it can be read or
 * corrected. The school registers the written consent it received; the card opens from then on.
 */
import { gql, type TypedDocumentNode } from '@apollo/client';
import type {
  SchoolGrantProcessingConsentMutation,
  SchoolGrantProcessingConsentMutationVariables,
} from '../../../generated/graphql.ts';
import { useMutation } from '@apollo/client/react';
import { useState } from 'react';
import { ConfirmDialog } from '../ui.tsx';

const GRANT_PROCESSING: TypedDocumentNode<
  SchoolGrantProcessingConsentMutation,
  SchoolGrantProcessingConsentMutationVariables
> = gql`
  mutation SchoolGrantProcessingConsent($personId: ID!) {
    grantConsent(personId: $personId, kind: PROCESSING) {
      id
    }
  }
`;

export function ProcessingConsent({ personId }: { personId: string }) {
  const [confirming, setConfirming] = useState(false);
  const [grant, { loading, error }] = useMutation(GRANT_PROCESSING, {
    refetchQueries: ['SchoolPersonCard', 'SchoolPersonHistory'],
    awaitRefetchQueries: true,
  });
  return (
    <div className="notice notice-info" role="status">
      <span>
        Нет согласия на обработку персональных данных: сведения карточки скрыты и изменять их нельзя. Когда школа
        получит письменное согласие (от самого человека или законного представителя), отметьте его.
      </span>
      <button type="button" className="button button-small" onClick={() => setConfirming(true)}>
        Отметить согласие
      </button>
      <ConfirmDialog
        open={confirming}
        title="Отметить согласие на обработку ПДн?"
        confirmLabel="Согласие получено"
        busy={loading}
        error={error}
        onCancel={() => setConfirming(false)}
        onConfirm={() =>
          void grant({ variables: { personId } })
            .then(() => setConfirming(false))
            .catch(() => {})
        }
      >
        <p>
          Подтвердите, что в школе есть подписанное согласие на обработку персональных данных. Отметка попадёт в историю
          карточки с вашим именем.
        </p>
      </ConfirmDialog>
    </div>
  );
}
