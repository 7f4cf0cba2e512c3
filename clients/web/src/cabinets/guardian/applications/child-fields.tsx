/** The child part of the application: whom, and their data as in the birth certificate. */
import type { ChangeEvent } from 'react';
import { Field } from '../../../ui/kit.tsx';
import type { FormChild } from './form-queries.ts';
import type { ApplicationForm, FormErrors } from './validation.ts';

type Update = (patch: Partial<ApplicationForm>) => void;

/** The child's card fills the form; the parent corrects it to match the certificate if needed. */
export function fromChild(child: FormChild): Partial<ApplicationForm> {
  const certificate = child.identityDocument?.type === 'BIRTH_CERTIFICATE' ? child.identityDocument : null;
  return {
    childId: child.id,
    lastName: child.lastName,
    firstName: child.firstName,
    middleName: child.middleName ?? '',
    birthDate: child.birthDate ?? '',
    certificateSeries: certificate?.series ?? '',
    certificateNumber: certificate?.number ?? '',
  };
}

export function ChildFields({
  form,
  errors,
  kids,
  update,
}: {
  form: ApplicationForm;
  errors: FormErrors;
  kids: FormChild[];
  update: Update;
}) {
  const text = (name: 'lastName' | 'firstName' | 'middleName' | 'certificateSeries' | 'certificateNumber') => ({
    value: form[name],
    onChange: (event: ChangeEvent<HTMLInputElement>) => update({ [name]: event.target.value }),
  });
  return (
    <fieldset className="card form-section">
      <legend>Ребёнок</legend>
      <Field
        label="Кого записываете"
        error={errors.childId}
        hint="Заявление подаётся за ребёнка, связанного с вами в системе."
      >
        {(props) => (
          <select
            {...props}
            value={form.childId}
            onChange={(event) => {
              const child = kids.find((entry) => entry.id === event.target.value);
              update(child ? fromChild(child) : { childId: '' });
            }}
          >
            <option value="">Выберите ребёнка…</option>
            {kids.map((child) => (
              <option key={child.id} value={child.id}>
                {child.fullName}
              </option>
            ))}
          </select>
        )}
      </Field>
      <p className="muted">Проверьте данные: они должны совпадать со свидетельством о рождении.</p>
      <div className="form-grid">
        <Field label="Фамилия" error={errors.lastName}>
          {(props) => <input {...props} {...text('lastName')} autoComplete="off" />}
        </Field>
        <Field label="Имя" error={errors.firstName}>
          {(props) => <input {...props} {...text('firstName')} autoComplete="off" />}
        </Field>
        <Field label="Отчество (если есть)" error={errors.middleName}>
          {(props) => <input {...props} {...text('middleName')} autoComplete="off" />}
        </Field>
        <Field
          label="Дата рождения"
          error={errors.birthDate}
          hint="В 1 класс принимают с 6 лет 6 месяцев до 8 лет на 1 сентября; в другом возрасте — по разрешению учредителя школы."
        >
          {(props) => (
            <input
              {...props}
              type="date"
              value={form.birthDate}
              onChange={(event) => update({ birthDate: event.target.value })}
            />
          )}
        </Field>
        <Field label="Серия свидетельства о рождении" error={errors.certificateSeries} hint="Например, IV-ИВ">
          {(props) => <input {...props} {...text('certificateSeries')} autoComplete="off" />}
        </Field>
        <Field label="Номер свидетельства" error={errors.certificateNumber} hint="Шесть цифр">
          {(props) => <input {...props} {...text('certificateNumber')} inputMode="numeric" autoComplete="off" />}
        </Field>
      </div>
    </fieldset>
  );
}
