/**
 * «Кружки и секции» for a student (14+, issue 11): the catalogue, applying to a group for themselves, and their
 * own applications and contracts. A certificate is a guardian's to obtain (`extra:read` is not a student's).
 */
import { useMutation } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { useData } from '../../api/hooks.ts';
import { CatalogueView } from '../../features/extra/catalogue-view.tsx';
import { PAYMENT_METHODS, type PaymentMethod } from '../../features/extra/labels.ts';
import { ProgrammeView } from '../../features/extra/programme-view.tsx';
import { APPLY_TO_GROUP, EXTRA_OWN_RECORDS_QUERY } from '../../features/extra/queries.ts';
import { PersonRecords } from '../../features/extra/records.tsx';
import { useMe } from '../../me.tsx';
import type { ProgrammeDetails, ProgrammeGroupDetails } from '../../public/queries.ts';
import { DataState, ErrorNotice, Field, Notice, Page, Section } from '../../ui/kit.tsx';

export function StudentCataloguePage() {
  return (
    <Page title="Кружки и секции">
      <p>
        <Link to="/student/extra/applications">Мои заявления и договоры</Link>
      </p>
      <CatalogueView programmeHref={(id) => `/student/extra/programmes/${id}`} />
    </Page>
  );
}

export function StudentProgrammePage() {
  const { programmeId = '' } = useParams();
  const [group, setGroup] = useState<ProgrammeGroupDetails | null>(null);
  return (
    <ProgrammeView
      programmeId={programmeId}
      backHref="/student/extra"
      groupAction={(candidate, programme) =>
        programme.status === 'PUBLISHED' ? (
          <button
            type="button"
            className="button button-small"
            aria-label={`Записаться в группу «${candidate.name}»`}
            onClick={() => setGroup(candidate)}
          >
            Записаться
          </button>
        ) : null
      }
      footer={(programme) => (group ? <OwnApplyForm key={group.id} programme={programme} group={group} /> : null)}
    />
  );
}

function OwnApplyForm({ programme, group }: { programme: ProgrammeDetails; group: ProgrammeGroupDetails }) {
  const me = useMe();
  const [method, setMethod] = useState<PaymentMethod | ''>(programme.funding.length === 1 ? programme.funding[0]! : '');
  const [apply, { loading, error, data }] = useMutation(APPLY_TO_GROUP, { refetchQueries: ['ExtraOwnRecords'] });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!method) return;
    void apply({ variables: { input: { groupId: group.id, childId: me.person.id, paymentMethod: method } } }).catch(
      () => {},
    );
  };
  if (data) {
    return (
      <Notice tone="success">
        Заявление в группу «{group.name}» подано. Статус — в разделе{' '}
        <Link to="/student/extra/applications">«Мои заявления и договоры»</Link>.
      </Notice>
    );
  }
  return (
    <Section title={`Заявление в группу «${group.name}»`}>
      <form className="extra-form" noValidate onSubmit={submit} aria-label="Заявление в группу">
        <Field label="Способ оплаты">
          {(props) => (
            <select {...props} value={method} onChange={(event) => setMethod(event.target.value as PaymentMethod | '')}>
              <option value="">Выберите…</option>
              {programme.funding.map((option) => (
                <option key={option} value={option}>
                  {PAYMENT_METHODS[option]}
                </option>
              ))}
            </select>
          )}
        </Field>
        {error && <ErrorNotice error={error} />}
        <button type="submit" className="button button-primary" disabled={loading || !method}>
          Подать заявление
        </button>
      </form>
    </Section>
  );
}

export function StudentApplicationsPage() {
  const me = useMe();
  const { data, loading, error, refetch } = useData(EXTRA_OWN_RECORDS_QUERY, {
    variables: { personId: me.person.id },
    fetchPolicy: 'cache-and-network',
  });
  return (
    <Page title="Мои заявления и договоры">
      <p>
        <Link to="/student/extra">← Кружки и секции</Link>
      </p>
      <DataState
        loading={loading}
        error={error}
        data={data?.person ?? undefined}
        onRetry={() => void refetch()}
        isEmpty={(person) => person.extraApplications.length === 0 && person.extraContracts.length === 0}
        empty="Заявлений в кружки и секции пока нет."
      >
        {(person) => <PersonRecords person={person} programmeHref={(id) => `/student/extra/programmes/${id}`} />}
      </DataState>
    </Page>
  );
}
