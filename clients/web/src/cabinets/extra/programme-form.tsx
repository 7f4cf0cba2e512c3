/**
 * A programme's card for the organization: the same form creates a draft and edits one. The API checks
 * everything again (`BAD_USER_INPUT` naming the field, in Russian); the form only catches what is plainly missing.
 */
import { useState, type FormEvent } from 'react';
import {
  DIRECTION_NAMES,
  DIRECTIONS,
  PAYMENT_METHODS,
  type PaymentMethod,
  type ProgrammeDirection,
} from '../../features/extra/labels.ts';
import { ErrorNotice, Field } from '../../ui/kit.tsx';

export interface ProgrammeValues {
  name: string;
  description: string;
  direction: ProgrammeDirection | '';
  ageFrom: string;
  ageTo: string;
  durationMonths: string;
  hours: string;
  pricePerMonth: string;
  funding: PaymentMethod[];
}

export const EMPTY_PROGRAMME: ProgrammeValues = {
  name: '',
  description: '',
  direction: '',
  ageFrom: '',
  ageTo: '',
  durationMonths: '9',
  hours: '',
  pricePerMonth: '',
  funding: ['BUDGET'],
};

export interface ProgrammeInput {
  name: string;
  description: string;
  direction: ProgrammeDirection;
  ageFrom: number;
  ageTo: number;
  durationMonths: number;
  hours: number;
  pricePerMonth: string | null;
  funding: PaymentMethod[];
}

type Errors = Partial<Record<keyof ProgrammeValues, string>>;

function whole(value: string): number | null {
  return /^\d+$/.test(value.trim()) ? Number(value.trim()) : null;
}

function check(values: ProgrammeValues): { errors: Errors; input: ProgrammeInput | null } {
  const errors: Errors = {};
  if (!values.name.trim()) errors.name = 'Укажите название программы.';
  if (!values.direction) errors.direction = 'Выберите направленность.';
  const ageFrom = whole(values.ageFrom);
  const ageTo = whole(values.ageTo);
  if (ageFrom === null) errors.ageFrom = 'Возраст — целое число лет.';
  if (ageTo === null) errors.ageTo = 'Возраст — целое число лет.';
  if (ageFrom !== null && ageTo !== null && ageFrom > ageTo) errors.ageTo = 'Возраст «до» не меньше возраста «от».';
  const durationMonths = whole(values.durationMonths);
  if (durationMonths === null) errors.durationMonths = 'Продолжительность — целое число месяцев.';
  const hours = whole(values.hours);
  if (hours === null) errors.hours = 'Часы — целое число академических часов.';
  if (values.funding.length === 0) errors.funding = 'Выберите хотя бы один способ оплаты.';
  const paid = values.funding.some((method) => method !== 'BUDGET');
  const price = values.pricePerMonth.trim().replace(',', '.');
  if (paid && !/^\d+(\.\d{1,2})?$/.test(price))
    errors.pricePerMonth = 'Укажите стоимость месяца в рублях, например 1500.';
  if (Object.keys(errors).length > 0 || !values.direction) return { errors, input: null };
  return {
    errors,
    input: {
      name: values.name.trim(),
      description: values.description.trim(),
      direction: values.direction,
      ageFrom: ageFrom!,
      ageTo: ageTo!,
      durationMonths: durationMonths!,
      hours: hours!,
      pricePerMonth: paid ? price : null,
      funding: values.funding,
    },
  };
}

export function ProgrammeForm({
  initial,
  pfdoParticipant,
  submitLabel,
  busy,
  error,
  onSubmit,
}: {
  initial: ProgrammeValues;
  pfdoParticipant: boolean | null;
  submitLabel: string;
  busy: boolean;
  error: unknown;
  onSubmit: (input: ProgrammeInput) => void;
}) {
  const [values, setValues] = useState(initial);
  const [errors, setErrors] = useState<Errors>({});
  const set = <K extends keyof ProgrammeValues>(key: K, value: ProgrammeValues[K]) =>
    setValues((current) => ({ ...current, [key]: value }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const checked = check(values);
    setErrors(checked.errors);
    if (checked.input) onSubmit(checked.input);
  };
  const text = (
    key: 'ageFrom' | 'ageTo' | 'durationMonths' | 'hours' | 'pricePerMonth',
    label: string,
    hint?: string,
  ) => (
    <Field label={label} error={errors[key]} hint={hint}>
      {(props) => (
        <input {...props} inputMode="numeric" value={values[key]} onChange={(event) => set(key, event.target.value)} />
      )}
    </Field>
  );
  return (
    <form className="extra-form" noValidate onSubmit={submit} aria-label="Программа">
      <Field label="Название *" error={errors.name}>
        {(props) => <input {...props} value={values.name} onChange={(event) => set('name', event.target.value)} />}
      </Field>
      <Field label="Описание" hint="Что будет на занятиях, что понадобится ребёнку.">
        {(props) => (
          <textarea
            {...props}
            rows={4}
            value={values.description}
            onChange={(event) => set('description', event.target.value)}
          />
        )}
      </Field>
      <Field label="Направленность *" error={errors.direction}>
        {(props) => (
          <select
            {...props}
            value={values.direction}
            onChange={(event) => set('direction', event.target.value as ProgrammeDirection | '')}
          >
            <option value="">Выберите…</option>
            {DIRECTIONS.map((direction) => (
              <option key={direction} value={direction}>
                {DIRECTION_NAMES[direction]}
              </option>
            ))}
          </select>
        )}
      </Field>
      <div className="form-row">
        {text('ageFrom', 'Возраст от, лет *')}
        {text('ageTo', 'Возраст до, лет *')}
        {text('durationMonths', 'Продолжительность, мес. *')}
        {text('hours', 'Академических часов *')}
      </div>
      <fieldset className="extra-fieldset">
        <legend>Способы оплаты *</legend>
        {(Object.keys(PAYMENT_METHODS) as PaymentMethod[]).map((method) => (
          <label key={method} className="checkbox">
            <input
              type="checkbox"
              checked={values.funding.includes(method)}
              onChange={(event) =>
                set(
                  'funding',
                  event.target.checked
                    ? [...values.funding, method]
                    : values.funding.filter((candidate) => candidate !== method),
                )
              }
            />
            {PAYMENT_METHODS[method]}
          </label>
        ))}
        {pfdoParticipant === false && (
          <small className="hint">
            Организация не «Участник ПФДО»: оплату по сертификату система не примет (правило ПФДО).
          </small>
        )}
        {errors.funding && (
          <small className="field-error" role="alert">
            {errors.funding}
          </small>
        )}
      </fieldset>
      {text('pricePerMonth', 'Стоимость месяца, ₽', 'Для платных мест и мест по сертификату.')}
      {error ? <ErrorNotice error={error} /> : null}
      <div className="actions">
        <button type="submit" className="button button-primary" disabled={busy}>
          {submitLabel}
        </button>
      </div>
    </form>
  );
}
