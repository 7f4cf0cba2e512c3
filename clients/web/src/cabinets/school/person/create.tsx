/**
 * A new card (DOMAIN.md rule 8): refused for an existing SNILS or document; for a namesake with the same
 * birth date the server asks for a confirmation — the admin sees the namesakes and decides.
 */
import { useMutation } from '@apollo/client/react';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useData } from '../../../api/hooks.ts';
import { formatDate } from '../../../ui/format.ts';
import { Loading, Page, Section } from '../../../ui/kit.tsx';
import { personPath, schoolPath, useOrganization } from '../organization.tsx';
import { refusalOf } from '../refusal.tsx';
import { EMPTY_VALUES, inputOf, type PersonFormValues } from './form-values.ts';
import { PersonForm } from './person-form.tsx';
import { CREATE_PERSON, NAMESAKES_QUERY } from './queries.ts';

export function CreatePersonPage() {
  const organization = useOrganization();
  const navigate = useNavigate();
  const [consent, setConsent] = useState(false);
  const [pending, setPending] = useState<PersonFormValues | null>(null);
  const [create, { loading, error, reset }] = useMutation(CREATE_PERSON);
  const possibleDuplicate = error && refusalOf(error).reason === 'POSSIBLE_DUPLICATE' ? pending : null;

  const submit = async (values: PersonFormValues, confirm: boolean) => {
    setPending(values);
    try {
      const result = await create({
        variables: {
          input: {
            organizationId: organization.id,
            processingConsent: consent,
            ...inputOf(values),
            // Required by CreatePersonInput; the form refuses to submit without them (checkName).
            lastName: values.lastName.trim(),
            firstName: values.firstName.trim(),
          },
          confirm,
        },
      });
      const id = result.data?.createPerson.id;
      if (id) navigate(personPath('completeness', organization.id, id));
    } catch {
      // Shown at the form, or as the duplicate question below.
    }
  };

  return (
    <Page title="Новая карточка">
      <p>
        <Link className="school-back" to={schoolPath('completeness', organization.id)}>
          ← К контролю заполнения
        </Link>
      </p>
      <p className="muted school-lead">
        Карточку заводят для нового обучающегося, законного представителя или сотрудника. Зачисление в класс оформляется
        затем в книге движения. Перед созданием система проверяет СНИЛС и документ: второй карточки одного человека быть
        не должно.
      </p>
      {possibleDuplicate ? (
        <PossibleDuplicate
          values={possibleDuplicate}
          busy={loading}
          onConfirm={() => void submit(possibleDuplicate, true)}
          onBack={() => reset()}
        />
      ) : (
        <Section title="Сведения">
          <PersonForm
            initial={pending ?? EMPTY_VALUES}
            submitLabel="Создать карточку"
            busy={loading}
            serverError={error}
            onSubmit={(values) => void submit(values, false)}
            extra={
              <label className="checkbox">
                <input type="checkbox" checked={consent} onChange={(event) => setConsent(event.target.checked)} />
                Получено письменное согласие на обработку персональных данных (без него карточка будет обезличена)
              </label>
            }
          />
        </Section>
      )}
    </Page>
  );
}

function PossibleDuplicate({
  values,
  busy,
  onConfirm,
  onBack,
}: {
  values: PersonFormValues;
  busy: boolean;
  onConfirm: () => void;
  onBack: () => void;
}) {
  const organization = useOrganization();
  const name = [values.lastName, values.firstName, values.middleName]
    .map((part) => part.trim())
    .join(' ')
    .trim();
  const { data, loading } = useData(NAMESAKES_QUERY, { variables: { name } });
  const namesakes = (data?.persons.edges ?? []).map((edge) => edge.node);
  const sameBirth = namesakes.filter((person) => person.birthDate === values.birthDate);
  return (
    <Section title="Возможно, этот человек уже есть в системе">
      <div className="notice notice-warning" role="alert">
        <span>
          В системе уже есть {name}, {formatDate(values.birthDate)} г. р. Проверьте, не он ли это: вторая карточка
          одного человека разделит его данные (оценки, заявления, связи с родителями).
        </span>
      </div>
      {loading ? (
        <Loading label="Ищем совпадения…" />
      ) : sameBirth.length > 0 ? (
        <ul className="school-people">
          {sameBirth.map((person) => (
            <li key={person.id}>
              <Link to={personPath('completeness', organization.id, person.id)}>{person.fullName}</Link>
              <span className="muted">
                {' '}
                — {formatDate(person.birthDate)}
                {person.enrolment
                  ? `, ${person.enrolment.organization.shortName}${person.enrolment.className ? `, ${person.enrolment.className}` : ''}`
                  : ''}
              </span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">
          Совпадающая карточка принадлежит другой организации и вам не видна. Уточните у координатора, если
          сомневаетесь.
        </p>
      )}
      <div className="actions">
        <button type="button" className="button button-primary" disabled={busy} onClick={onConfirm}>
          {busy ? 'Создание…' : 'Это другой человек — создать карточку'}
        </button>
        <button type="button" className="button" disabled={busy} onClick={onBack}>
          Вернуться к форме
        </button>
      </div>
    </Section>
  );
}
