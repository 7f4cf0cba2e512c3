/**
 * The school's decision on an application (DOMAIN.md rules 15, 17): the statuses the API offers from the
 * current one, a reason where the applicant must learn why, the enrolment order for «Зачислен». A refusal
 * (an illegal move, a deadline of Order 458, no places) is shown right under the button.
 */
import { useMutation } from '@apollo/client/react';
import { useEffect, useState, type FormEvent } from 'react';
import { Field, Notice, Section } from '../../../ui/kit.tsx';
import { STATUS_LABELS, type ApplicationStatus } from '../labels.ts';
import { useOrganization } from '../organization.tsx';
import { RefusalNotice, refusalOf } from '../refusal.tsx';
import { CHANGE_STATUS, type ApplicationDetail } from './queries.ts';

const NEEDS_REASON: readonly ApplicationStatus[] = ['REJECTED', 'DOCUMENTS_REQUESTED'];

/** «Направлен в ОО»: the first-grade dates of Order 458 bind only first-grade applications (issue 15 §3.7). */
function directionHint(kind: ApplicationDetail['kind']): string {
  return kind === 'FIRST_GRADE'
    ? 'Льготные категории и закреплённая территория — не раньше 30 июня, остальные — не раньше 6 июля (п. 17 Порядка № 458). Нужны свободные места.'
    : 'Нужны свободные места в организации на этот вид приёма.';
}

const HINTS: Partial<Record<ApplicationStatus, string>> = {
  ENROLLED: 'Зачисление попадёт в книгу движения по приказу.',
  REJECTED: 'Заявитель увидит причину в кабинете и на Госуслугах.',
  DOCUMENTS_REQUESTED: 'Перечислите, какие документы принести.',
};

type Errors = Partial<Record<'status' | 'reason' | 'orderNumber' | 'orderDate', string>>;

export function StatusChange({ application, onReload }: { application: ApplicationDetail; onReload: () => void }) {
  const organization = useOrganization();
  const next = application.nextStatuses;
  const [status, setStatus] = useState<ApplicationStatus | ''>('');
  const [reason, setReason] = useState('');
  const [orderNumber, setOrderNumber] = useState('');
  const [orderDate, setOrderDate] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [changed, setChanged] = useState<ApplicationStatus | null>(null);
  const [change, { loading, error, reset }] = useMutation(CHANGE_STATUS, {
    refetchQueries: ['SchoolApplications'],
  });

  useEffect(() => {
    // A new status of the application: start the next decision from a clean form.
    setStatus('');
    setReason('');
  }, [application.status]);

  if (next.length === 0) {
    return (
      <>
        {changed && <Notice tone="success">Статус изменён: «{STATUS_LABELS[changed]}».</Notice>}
        <Notice tone="info">
          Статус «{STATUS_LABELS[application.status]}» окончательный: решений по заявлению больше нет.
        </Notice>
      </>
    );
  }

  const target = status === 'DIRECTED' ? (application.choices.find((c) => c.id === organization.id)?.id ?? null) : null;
  const refusal = error ? refusalOf(error) : null;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    reset();
    setChanged(null);
    const found: Errors = {};
    if (!status) found.status = 'Выберите новый статус.';
    if (status && NEEDS_REASON.includes(status) && !reason.trim())
      found.reason = 'Укажите причину: её увидит заявитель.';
    if (reason.length > 1000) found.reason = 'Причина: не длиннее 1000 символов.';
    if (status === 'ENROLLED') {
      if (!orderNumber.trim()) found.orderNumber = 'Укажите номер приказа о зачислении.';
      if (!orderDate) found.orderDate = 'Укажите дату приказа.';
    }
    setErrors(found);
    if (Object.values(found).some(Boolean) || !status) return;
    try {
      await change({
        variables: {
          id: application.id,
          status,
          reason: reason.trim() || null,
          organizationId: target,
          order: status === 'ENROLLED' ? { number: orderNumber.trim(), date: orderDate } : null,
        },
      });
      setChanged(status);
    } catch {
      // Shown under the button.
    }
  };

  return (
    <Section title="Решение по заявлению">
      {changed && <Notice tone="success">Статус изменён: «{STATUS_LABELS[changed]}».</Notice>}
      <form className="school-form" noValidate onSubmit={(event) => void submit(event)} aria-label="Смена статуса">
        <div className="school-form-grid">
          <Field
            label="Новый статус"
            error={errors.status}
            hint={status === 'DIRECTED' ? directionHint(application.kind) : status ? HINTS[status] : undefined}
          >
            {(props) => (
              <select
                {...props}
                value={status}
                onChange={(event) => {
                  setStatus(event.target.value as ApplicationStatus | '');
                  setErrors({});
                  reset();
                }}
              >
                <option value="">Выберите…</option>
                {next.map((option) => (
                  <option key={option} value={option}>
                    {STATUS_LABELS[option]}
                  </option>
                ))}
              </select>
            )}
          </Field>
          {status === 'ENROLLED' && (
            <>
              <Field label="Номер приказа о зачислении *" error={errors.orderNumber}>
                {(props) => (
                  <input {...props} value={orderNumber} onChange={(event) => setOrderNumber(event.target.value)} />
                )}
              </Field>
              <Field label="Дата приказа *" error={errors.orderDate}>
                {(props) => (
                  <input
                    {...props}
                    type="date"
                    value={orderDate}
                    onChange={(event) => setOrderDate(event.target.value)}
                  />
                )}
              </Field>
            </>
          )}
        </div>
        <Field
          label={status && NEEDS_REASON.includes(status) ? 'Причина *' : 'Комментарий к решению'}
          error={errors.reason ?? (refusal?.field === 'reason' ? refusal.message : undefined)}
        >
          {(props) => <textarea {...props} value={reason} onChange={(event) => setReason(event.target.value)} />}
        </Field>
        <div className="actions">
          <button type="submit" className="button button-primary" disabled={loading}>
            {loading ? 'Сохранение…' : 'Сменить статус'}
          </button>
        </div>
        {error && refusal?.field !== 'reason' ? (
          <RefusalNotice error={error}>
            {refusal?.code === 'CONFLICT' && (
              <p>
                Возможно, заявление уже изменил кто-то другой.{' '}
                <button type="button" className="button button-small" onClick={onReload}>
                  Обновить заявление
                </button>
              </p>
            )}
          </RefusalNotice>
        ) : null}
      </form>
    </Section>
  );
}
