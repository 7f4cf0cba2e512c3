/**
 * The card form, for editing and for a new card: every field labelled, the card's missing mandatory
 * fields marked, mistakes shown at the field before sending and the server's refusal at its field.
 */
import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { COUNTRY_OPTIONS } from '../../../ui/countries.ts';
import { Field } from '../../../ui/kit.tsx';
import {
  DOCUMENT_LABELS,
  EDUCATION_FORMS,
  FIELD_LABELS,
  SEX_LABELS,
  type DocumentType,
  type MandatoryField,
  type Sex,
} from '../labels.ts';
import { RefusalNotice, refusalOf } from '../refusal.tsx';
import { validate, type FormErrors, type FormField, type PersonFormValues } from './form-values.ts';

/** Where a missing mandatory field is filled in. */
const FORM_FIELD_OF: Partial<Record<MandatoryField, FormField>> = {
  FULL_NAME: 'lastName',
  BIRTH_DATE: 'birthDate',
  SEX: 'sex',
  IDENTITY_DOCUMENT: 'documentNumber',
  PASSPORT: 'documentNumber',
  CITIZENSHIP: 'citizenship',
  PLACE_OF_BIRTH: 'placeOfBirth',
  REGISTRATION_ADDRESS: 'registrationAddress',
  RESIDENCE_ADDRESS: 'residenceAddress',
  EDUCATION_FORM: 'educationForm',
  SNILS: 'snils',
  MOVEMENT_FIRST: 'movementFirst',
  PHONE: 'phone',
  EMAIL: 'email',
  EDUCATION: 'education',
};

/** The countries by name, stored as their code; a card's older free-text value stays selectable as it is. */
function citizenshipOptions(current: string): [string, string][] {
  const options = COUNTRY_OPTIONS.map(({ code, name }): [string, string] => [code, name]);
  return current && !options.some(([code]) => code === current) ? [[current, current], ...options] : options;
}

export function PersonForm({
  initial,
  missing = [],
  submitLabel,
  busy,
  serverError,
  onSubmit,
  onCancel,
  extra,
}: {
  initial: PersonFormValues;
  missing?: readonly MandatoryField[];
  submitLabel: string;
  busy: boolean;
  serverError: unknown;
  onSubmit: (values: PersonFormValues) => void;
  onCancel?: () => void;
  /** More controls above the buttons (e.g. the consent checkbox of a new card). */
  extra?: ReactNode;
}) {
  const [values, setValues] = useState(initial);
  const [errors, setErrors] = useState<FormErrors>({});
  const [attempt, setAttempt] = useState(0);
  const form = useRef<HTMLFormElement>(null);
  // The server's refusal stays at its field until the field is edited.
  const [editedSinceRefusal, setEditedSinceRefusal] = useState<ReadonlySet<FormField>>(new Set());
  useEffect(() => setEditedSinceRefusal(new Set()), [serverError]);
  const refusal = serverError ? refusalOf(serverError) : null;
  const refusedField = refusal?.field as FormField | undefined;
  const serverField = refusedField && !editedSinceRefusal.has(refusedField) ? refusedField : undefined;
  const fieldError = (field: FormField) =>
    errors[field] ?? (serverField === field && refusal ? refusal.message : undefined);
  const missingFields = new Set(missing.map((field) => FORM_FIELD_OF[field]).filter(Boolean));

  useEffect(() => {
    // After a refused attempt, take the keyboard to the first field to fix.
    if (attempt > 0) form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [attempt, serverError]);

  const set = (field: FormField) => (event: { target: { value: string } }) => {
    const value = event.target.value;
    setValues((current) => ({ ...current, [field]: value }));
    setErrors((current) => ({ ...current, [field]: undefined }));
    setEditedSinceRefusal((current) => new Set(current).add(field));
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = validate(values);
    setErrors(found);
    setAttempt((count) => count + 1);
    if (Object.values(found).some(Boolean)) return;
    onSubmit(values);
  };

  const text = (field: FormField, label: string, options: { hint?: string; type?: string; list?: string } = {}) => (
    <FormFieldBox missing={missingFields.has(field)}>
      <Field
        label={label}
        hint={missingFields.has(field) ? 'Обязательное поле не заполнено' : options.hint}
        error={fieldError(field)}
      >
        {(props) => (
          <input
            {...props}
            name={field}
            type={options.type ?? 'text'}
            list={options.list}
            value={values[field]}
            onChange={set(field)}
          />
        )}
      </Field>
    </FormFieldBox>
  );

  const select = (field: FormField, label: string, options: [string, string][]) => (
    <FormFieldBox missing={missingFields.has(field)}>
      <Field
        label={label}
        hint={missingFields.has(field) ? 'Обязательное поле не заполнено' : undefined}
        error={fieldError(field)}
      >
        {(props) => (
          <select {...props} name={field} value={values[field]} onChange={set(field)}>
            <option value="">Не указано</option>
            {options.map(([value, title]) => (
              <option key={value} value={value}>
                {title}
              </option>
            ))}
          </select>
        )}
      </Field>
    </FormFieldBox>
  );

  const unplaced = refusal && !(refusedField && refusedField in values);
  const invalidCount = Object.values(errors).filter(Boolean).length;

  return (
    <form ref={form} className="school-form" noValidate onSubmit={submit} aria-label="Карточка">
      {invalidCount > 0 && (
        <div className="notice notice-error" role="alert">
          Исправьте {invalidCount === 1 ? 'поле, отмеченное' : 'поля, отмеченные'} красным. Ничего не отправлено.
        </div>
      )}
      <fieldset>
        <legend>Фамилия, имя, рождение</legend>
        <div className="school-form-grid">
          {text('lastName', 'Фамилия *')}
          {text('firstName', 'Имя *')}
          {text('middleName', 'Отчество')}
          {text('birthDate', 'Дата рождения', { type: 'date' })}
          {select('sex', 'Пол', Object.entries(SEX_LABELS) as [Sex, string][])}
          {text('placeOfBirth', 'Место рождения')}
          {select('citizenship', 'Гражданство', citizenshipOptions(values.citizenship))}
          {text('snils', 'СНИЛС', { hint: 'Формат 123-456-789 01' })}
        </div>
      </fieldset>
      <fieldset>
        <legend>Документ, удостоверяющий личность</legend>
        <div className="school-form-grid">
          {select('documentType', 'Вид документа', Object.entries(DOCUMENT_LABELS) as [DocumentType, string][])}
          {text('documentSeries', 'Серия', { hint: 'Паспорт — 4 цифры; свидетельство — например IV-ИВ' })}
          {text('documentNumber', 'Номер')}
          {text('documentIssuedOn', 'Дата выдачи', { type: 'date' })}
        </div>
      </fieldset>
      <fieldset>
        <legend>Адреса</legend>
        <div className="school-form-grid school-form-grid-wide">
          {text('registrationAddress', 'Адрес регистрации')}
          {text('residenceAddress', 'Адрес проживания')}
        </div>
        <button
          type="button"
          className="button button-small"
          disabled={!values.registrationAddress.trim()}
          onClick={() => set('residenceAddress')({ target: { value: values.registrationAddress } })}
        >
          Адрес проживания совпадает с адресом регистрации
        </button>
      </fieldset>
      <fieldset>
        <legend>Обучение и работа</legend>
        <div className="school-form-grid">
          {text('educationForm', FIELD_LABELS.EDUCATION_FORM, { list: 'school-education-forms' })}
          {select('movementFirst', 'Участник «Движения Первых»', [
            ['yes', 'Да'],
            ['no', 'Нет'],
          ])}
          {text('education', 'Образование (для сотрудников)')}
        </div>
        <datalist id="school-education-forms">
          {EDUCATION_FORMS.map((form) => (
            <option key={form} value={form} />
          ))}
        </datalist>
      </fieldset>
      <fieldset>
        <legend>Контакты</legend>
        <div className="school-form-grid">
          {text('phone', 'Телефон', { type: 'tel', hint: 'Например +7 912 345-67-89' })}
          {text('email', 'Эл. почта', { type: 'email' })}
        </div>
      </fieldset>
      {extra}
      {unplaced && <RefusalNotice error={serverError} />}
      <div className="actions">
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? 'Сохранение…' : submitLabel}
        </button>
        {onCancel && (
          <button type="button" className="button" onClick={onCancel} disabled={busy}>
            Отмена
          </button>
        )}
      </div>
    </form>
  );
}

function FormFieldBox({ missing, children }: { missing: boolean; children: ReactNode }) {
  return <div className={missing ? 'school-field-missing' : undefined}>{children}</div>;
}
