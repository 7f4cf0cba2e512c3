/**
 * «Предупредить о пропуске» (issue 15 §2): a parent tells the school that the child will be absent on some
 * days, with a reason; the class teacher sees it on her class page and the journal excuses the absence. The
 * server decides the rules (from today's region date, within the school year, at most 14 days) and its Russian
 * message is shown at the field it names.
 */
import { gql, type TypedDocumentNode } from '@apollo/client';
import { CombinedGraphQLErrors } from '@apollo/client/errors';
import { useMutation } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { useData } from '../../api/hooks.ts';
import type {
  ChildAbsenceNoticesQuery,
  ChildAbsenceNoticesQueryVariables,
  NotifyAbsenceMutation,
  NotifyAbsenceMutationVariables,
  WithdrawAbsenceNoticeMutation,
  WithdrawAbsenceNoticeMutationVariables,
} from '../../generated/graphql.ts';
import { describeError } from '../../ui/errors.ts';
import { formatDate, regionToday } from '../../ui/format.ts';
import { DataState, Field, Notice, Section } from '../../ui/kit.tsx';

const NOTICES_QUERY: TypedDocumentNode<ChildAbsenceNoticesQuery, ChildAbsenceNoticesQueryVariables> = gql`
  query ChildAbsenceNotices($personId: ID!) {
    person(id: $personId) {
      id
      absenceNotices {
        id
        from
        to
        reason
        withdrawn
        declaredBy {
          id
          fullName
        }
      }
    }
  }
`;

const NOTIFY: TypedDocumentNode<NotifyAbsenceMutation, NotifyAbsenceMutationVariables> = gql`
  mutation NotifyAbsence($input: NotifyAbsenceInput!) {
    notifyAbsence(input: $input) {
      id
      from
      to
    }
  }
`;

const WITHDRAW: TypedDocumentNode<WithdrawAbsenceNoticeMutation, WithdrawAbsenceNoticeMutationVariables> = gql`
  mutation WithdrawAbsenceNotice($id: ID!) {
    withdrawAbsenceNotice(id: $id) {
      id
      withdrawn
    }
  }
`;

type FieldName = 'from' | 'to' | 'reason';

/** The field a refusal names (`extensions.field`), to show the server's message there. */
function refusedField(error: unknown): FieldName | null {
  if (!CombinedGraphQLErrors.is(error)) return null;
  const field = error.errors[0]?.extensions?.['field'];
  return field === 'from' || field === 'to' || field === 'reason' ? field : null;
}

function period(from: string, to: string): string {
  return from === to ? formatDate(from) : `${formatDate(from)} — ${formatDate(to)}`;
}

function NoticeForm({ childId }: { childId: string }) {
  const today = regionToday();
  const [form, setForm] = useState({ from: today, to: today, reason: '' });
  const [local, setLocal] = useState<Partial<Record<FieldName, string>>>({});
  const [notify, { loading, error, data, reset }] = useMutation(NOTIFY, { refetchQueries: ['ChildAbsenceNotices'] });
  const serverField = refusedField(error);
  const fieldError = (name: FieldName) =>
    local[name] ?? (serverField === name ? describeError(error).message : undefined);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    reset();
    const found: typeof local = {};
    if (!form.from) found.from = 'Укажите первый день.';
    if (!form.to) found.to = 'Укажите последний день.';
    if (!form.reason.trim()) found.reason = 'Укажите причину пропуска.';
    setLocal(found);
    if (Object.keys(found).length) return;
    try {
      await notify({ variables: { input: { studentId: childId, ...form, reason: form.reason.trim() } } });
      setForm({ from: today, to: today, reason: '' });
    } catch {
      // Shown at the field the server names, or under the button.
    }
  };
  return (
    <form
      className="absence-form"
      noValidate
      onSubmit={(event) => void submit(event)}
      aria-label="Предупредить о пропуске"
    >
      <div className="absence-dates">
        <Field label="Первый день" error={fieldError('from')}>
          {(props) => (
            <input
              {...props}
              type="date"
              min={today}
              value={form.from}
              onChange={(event) => setForm((current) => ({ ...current, from: event.target.value }))}
            />
          )}
        </Field>
        <Field label="Последний день" error={fieldError('to')}>
          {(props) => (
            <input
              {...props}
              type="date"
              min={form.from || today}
              value={form.to}
              onChange={(event) => setForm((current) => ({ ...current, to: event.target.value }))}
            />
          )}
        </Field>
      </div>
      <Field
        label="Причина"
        hint="Её увидит классный руководитель. Не больше 14 дней подряд."
        error={fieldError('reason')}
      >
        {(props) => (
          <textarea
            {...props}
            rows={2}
            maxLength={500}
            value={form.reason}
            onChange={(event) => setForm((current) => ({ ...current, reason: event.target.value }))}
          />
        )}
      </Field>
      <button type="submit" className="button button-primary" disabled={loading}>
        {loading ? 'Отправляем…' : 'Предупредить школу'}
      </button>
      {error && !serverField && <Notice tone="error">{describeError(error).message}</Notice>}
      {data && (
        <Notice tone="success">
          Школа предупреждена о пропуске: {period(data.notifyAbsence.from, data.notifyAbsence.to)}.
        </Notice>
      )}
    </form>
  );
}

function NoticeList({ childId }: { childId: string }) {
  const { data, loading, error, refetch } = useData(NOTICES_QUERY, { variables: { personId: childId } });
  const [withdraw, withdrawing] = useMutation(WITHDRAW);
  return (
    <DataState
      loading={loading}
      error={error}
      data={data?.person?.absenceNotices ?? undefined}
      onRetry={() => void refetch()}
      isEmpty={(list) => list.length === 0}
      empty="Предупреждений о пропусках нет."
    >
      {(notices) => (
        <ul className="plain-list absence-notices">
          {notices.map((notice) => (
            <li key={notice.id} className={notice.withdrawn ? 'absence-notice muted' : 'absence-notice'}>
              <strong>{period(notice.from, notice.to)}</strong>: {notice.reason}
              <span className="muted"> — {notice.declaredBy.fullName}</span>
              {notice.withdrawn ? (
                <span> (отозвано)</span>
              ) : (
                <button
                  type="button"
                  className="button button-small button-ghost"
                  disabled={withdrawing.loading}
                  onClick={() => void withdraw({ variables: { id: notice.id } }).catch(() => undefined)}
                >
                  Отозвать<span className="visually-hidden">: {period(notice.from, notice.to)}</span>
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </DataState>
  );
}

export function AbsenceNotices({ childId }: { childId: string }) {
  return (
    <>
      <Section title="Предупредить школу о пропуске">
        <NoticeForm childId={childId} />
      </Section>
      <Section title="Ваши предупреждения">
        <NoticeList childId={childId} />
      </Section>
    </>
  );
}
