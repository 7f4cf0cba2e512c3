/** A new entry of the movement book by an order: checked here first, then by the server against the book. */
import { useMutation } from '@apollo/client/react';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useData } from '../../../api/hooks.ts';
import { Field, Page, Section } from '../../../ui/kit.tsx';
import { CLASS_OPTIONS_QUERY, sortClasses } from '../completeness/queries.ts';
import { MOVEMENT_LABELS, type MovementKind } from '../labels.ts';
import { schoolPath, useOrganization } from '../organization.tsx';
import { RefusalNotice, refusalOf } from '../refusal.tsx';
import { PersonPicker } from './person-picker.tsx';
import { CANDIDATE_QUERY, RECORD_MOVEMENT, type Candidate } from './queries.ts';

const KINDS: MovementKind[] = ['ENROL', 'TRANSFER', 'EXPEL', 'GRADUATE'];
const HINTS: Record<MovementKind, string> = {
  ENROL: 'Зачисление в класс школы: обучающийся ещё нигде не числится.',
  TRANSFER: 'Перевод в другой класс школы или приём переводом из другой организации.',
  EXPEL: 'Отчисление из школы (выбытие, перевод в другую организацию).',
  GRADUATE: 'Выпуск по окончании обучения.',
};

type Errors = Partial<Record<'person' | 'classId' | 'orderNumber' | 'orderDate' | 'effectiveOn' | 'reason', string>>;

export function RecordMovementPage() {
  const organization = useOrganization();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const preselected = params.get('person');
  const preselectedPerson = useData(CANDIDATE_QUERY, { variables: { id: preselected ?? '' }, skip: !preselected });
  const classes = useData(CLASS_OPTIONS_QUERY, { variables: { organizationId: organization.id } });
  const [kind, setKind] = useState<MovementKind>('ENROL');
  const [person, setPerson] = useState<Candidate | null>(null);
  const [classId, setClassId] = useState('');
  const [orderNumber, setOrderNumber] = useState('');
  const [orderDate, setOrderDate] = useState('');
  const [effectiveOn, setEffectiveOn] = useState('');
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [attempt, setAttempt] = useState(0);
  const form = useRef<HTMLFormElement>(null);
  const [record, { loading, error, reset }] = useMutation(RECORD_MOVEMENT);

  const preselectionApplied = useRef(false);
  useEffect(() => {
    const found = preselectedPerson.data?.person;
    if (found && !preselectionApplied.current) {
      preselectionApplied.current = true;
      setPerson(found);
    }
  }, [preselectedPerson.data]);
  useEffect(() => {
    if (attempt > 0) form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [attempt, error]);

  const classOptions = sortClasses(classes.data?.organization?.classes ?? []);
  const needsClass = kind === 'ENROL' || kind === 'TRANSFER';
  const refusal = error ? refusalOf(error) : null;
  const serverField = (field: string) => (refusal?.field === field ? refusal.message : undefined);

  const validate = (): Errors => {
    const found: Errors = {};
    if (!person) found.person = 'Выберите обучающегося.';
    if (needsClass && !classId) found.classId = 'Выберите класс.';
    if (!orderNumber.trim()) found.orderNumber = 'Укажите номер приказа.';
    else if (orderNumber.trim().length > 50) found.orderNumber = 'Номер приказа: не длиннее 50 символов.';
    if (!orderDate) found.orderDate = 'Укажите дату приказа.';
    if (!effectiveOn) found.effectiveOn = 'Укажите дату, с которой действует приказ.';
    else if (orderDate && effectiveOn < orderDate) {
      found.effectiveOn = 'Дата вступления в силу не может быть раньше даты приказа.';
    }
    if (reason.length > 500) found.reason = 'Основание: не длиннее 500 символов.';
    return found;
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    reset();
    const found = validate();
    setErrors(found);
    setAttempt((count) => count + 1);
    if (Object.values(found).some(Boolean) || !person) return;
    const chosen = classOptions.find((option) => option.id === classId);
    try {
      await record({
        variables: {
          input: {
            personId: person.id,
            kind,
            organizationId: organization.id,
            classId: needsClass ? (chosen?.id ?? null) : null,
            className: needsClass ? (chosen?.name ?? null) : null,
            orderNumber: orderNumber.trim(),
            orderDate,
            effectiveOn,
            reason: reason.trim() || null,
          },
        },
        refetchQueries: ['SchoolMovementBook', 'SchoolPersonCard'],
      });
      navigate(schoolPath('movements', organization.id), {
        state: {
          recorded: `Запись внесена: ${MOVEMENT_LABELS[kind].toLowerCase()}, ${person.fullName}, приказ № ${orderNumber.trim()}.`,
        },
      });
    } catch {
      // Shown next to the button or at its field.
    }
  };

  return (
    <Page title="Новая запись в книге движения">
      <p>
        <Link className="school-back" to={schoolPath('movements', organization.id)}>
          ← К книге движения
        </Link>
      </p>
      <Section title="Приказ">
        <form ref={form} className="school-form" noValidate onSubmit={(event) => void submit(event)}>
          <fieldset>
            <legend>Вид записи</legend>
            <div className="school-radios">
              {KINDS.map((option) => (
                <label key={option} className="school-radio">
                  <input
                    type="radio"
                    name="kind"
                    value={option}
                    checked={kind === option}
                    onChange={() => {
                      setKind(option);
                      setPerson(null);
                      reset();
                    }}
                  />
                  {MOVEMENT_LABELS[option]}
                </label>
              ))}
            </div>
            <p className="muted">{HINTS[kind]}</p>
          </fieldset>
          <PersonPicker
            label="Обучающийся *"
            organizationId={kind === 'ENROL' ? null : organization.id}
            kind={kind === 'ENROL' ? null : 'STUDENT'}
            selected={person}
            onSelect={(candidate) => {
              setPerson(candidate);
              setErrors((current) => ({ ...current, person: undefined }));
            }}
            error={errors.person ?? serverField('personId')}
          />
          <div className="school-form-grid">
            {needsClass && (
              <Field label="Класс *" error={errors.classId ?? serverField('className')}>
                {(props) => (
                  <select {...props} value={classId} onChange={(event) => setClassId(event.target.value)}>
                    <option value="">Выберите класс</option>
                    {classOptions.map((option) => (
                      <option key={option.id} value={option.id}>
                        {option.name}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
            )}
            <Field label="Номер приказа *" error={errors.orderNumber ?? serverField('orderNumber')}>
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
                  onChange={(event) => {
                    setOrderDate(event.target.value);
                    if (!effectiveOn) setEffectiveOn(event.target.value);
                  }}
                />
              )}
            </Field>
            <Field label="Действует с *" error={errors.effectiveOn ?? serverField('effectiveOn')}>
              {(props) => (
                <input
                  {...props}
                  type="date"
                  value={effectiveOn}
                  onChange={(event) => setEffectiveOn(event.target.value)}
                />
              )}
            </Field>
          </div>
          <Field label="Основание" hint="Например: заявление родителей от 01.09.2026" error={errors.reason}>
            {(props) => <textarea {...props} value={reason} onChange={(event) => setReason(event.target.value)} />}
          </Field>
          {refusal && !['personId', 'className', 'orderNumber', 'effectiveOn'].includes(refusal.field ?? '') && (
            <RefusalNotice error={error} />
          )}
          <div className="actions">
            <button type="submit" className="button button-primary" disabled={loading}>
              {loading ? 'Сохранение…' : 'Внести запись'}
            </button>
            <Link className="button school-link-button" to={schoolPath('movements', organization.id)}>
              Отмена
            </Link>
          </div>
        </form>
      </Section>
    </Page>
  );
}
