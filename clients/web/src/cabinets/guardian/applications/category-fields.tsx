/** Where the child lives and on what grounds they are admitted — this decides the reception dates. */
import { useId } from 'react';
import { Field } from '../../../ui/kit.tsx';
import { PRIORITY_RIGHTS } from './labels.ts';
import type { ApplicationForm, FormErrors } from './validation.ts';

const CATEGORIES: { value: ApplicationForm['category']; title: string; when: string }[] = [
  {
    value: 'TERRITORY',
    title: 'Ребёнок живёт на территории, закреплённой за школой',
    when: 'Приём с 1 апреля по 30 июня. Первой в списке должна быть школа, за которой закреплён адрес.',
  },
  {
    value: 'PRIORITY',
    title: 'Есть право на внеочередной, первоочередной или преимущественный приём',
    when: 'Приём с 1 апреля по 30 июня. Документ, подтверждающий право, предъявляется в школе.',
  },
  {
    value: 'OTHER',
    title: 'Прочие: адрес не закреплён за выбранной школой',
    when: 'Приём на свободные места с 6 июля, но не позднее 5 сентября.',
  },
];

export function CategoryFields({
  form,
  errors,
  update,
  onFindSchools,
  finding,
}: {
  form: ApplicationForm;
  errors: FormErrors;
  update: (patch: Partial<ApplicationForm>) => void;
  onFindSchools: () => void;
  finding: boolean;
}) {
  const groupId = useId();
  const rightsId = useId();
  return (
    <fieldset className="card form-section">
      <legend>Адрес и основание приёма</legend>
      <Field
        label="Адрес проживания ребёнка"
        error={errors.address}
        hint="Город, улица и номер дома — по нему определяется закреплённая школа."
      >
        {(props) => (
          <div className="input-with-button">
            <input
              {...props}
              value={form.address}
              onChange={(event) => update({ address: event.target.value })}
              autoComplete="street-address"
            />
            <button type="button" className="button" onClick={onFindSchools} disabled={!form.address.trim() || finding}>
              {finding ? 'Поиск…' : 'Найти школы по адресу'}
            </button>
          </div>
        )}
      </Field>
      <div role="radiogroup" aria-labelledby={groupId} className="category-group">
        <p id={groupId} className="group-label">
          Основание приёма
        </p>
        {CATEGORIES.map((category) => (
          <label key={category.value} className="radio-card">
            <input
              type="radio"
              name="category"
              value={category.value}
              checked={form.category === category.value}
              onChange={() =>
                update({ category: category.value, rights: category.value === 'PRIORITY' ? form.rights : [] })
              }
            />
            <span>
              <strong>{category.title}</strong>
              <span className="muted">{category.when}</span>
            </span>
          </label>
        ))}
      </div>
      {form.category === 'PRIORITY' && (
        <fieldset
          className={`rights${errors.rights ? ' field-invalid' : ''}`}
          aria-describedby={errors.rights ? rightsId : undefined}
        >
          <legend>Право на приём (Порядок приёма, приказ Минпросвещения России № 458)</legend>
          {PRIORITY_RIGHTS.map((right) => (
            <label key={right.point} className="checkbox">
              <input
                type="checkbox"
                checked={form.rights.includes(right.point)}
                onChange={(event) =>
                  update({
                    rights: event.target.checked
                      ? [...form.rights, right.point].sort((a, b) => Number(a) - Number(b))
                      : form.rights.filter((point) => point !== right.point),
                  })
                }
              />
              {right.text}
            </label>
          ))}
          {errors.rights && (
            <small id={rightsId} className="field-error" role="alert">
              {errors.rights}
            </small>
          )}
        </fieldset>
      )}
    </fieldset>
  );
}
