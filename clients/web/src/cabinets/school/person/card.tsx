/**
 * A person's card for the school's administration: every field with the missing mandatory ones flagged,
 * guardians or children, enrolment and movement, history of changes, and the edit form.
 */
import { useMutation } from '@apollo/client/react';
import { useState } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { useData } from '../../../api/hooks.ts';
import { countryName } from '../../../ui/countries.ts';
import { forbiddenPaths } from '../../../ui/errors.ts';
import { formatDate, formatDateTime } from '../../../ui/format.ts';
import { Badge, DataState, Notice, Page, Section } from '../../../ui/kit.tsx';
import { DOCUMENT_LABELS, FIELD_LABELS, SEX_LABELS, type MandatoryField } from '../labels.ts';
import { personPath, schoolPath, useOrganization } from '../organization.tsx';
import { Fact, Facts } from '../ui.tsx';
import { patchOf, valuesOf, type PersonFormValues } from './form-values.ts';
import { ProcessingConsent } from './consent.tsx';
import { PersonHistory } from './history.tsx';
import { Movements, Relatives } from './links.tsx';
import { PersonForm } from './person-form.tsx';
import { PERSON_CARD_QUERY, UPDATE_PERSON, type PersonCardData } from './queries.ts';

type Person = NonNullable<PersonCardData['person']>;

const SECTION_TITLES: Record<string, string> = {
  completeness: 'К контролю заполнения',
  duplicates: 'К дубликатам',
  movements: 'К книге движения',
  classes: 'К классам',
  admissions: 'К приёму',
  summary: 'К сводке',
  'military-registration': 'К ГИР ВУ',
};

function BackLink({ section }: { section: string }) {
  const organization = useOrganization();
  const location = useLocation();
  const navigate = useNavigate();
  return (
    <Link
      className="school-back"
      to={schoolPath(section, organization.id)}
      onClick={(event) => {
        // Back in history keeps the list's filters and page.
        if (location.key !== 'default') {
          event.preventDefault();
          navigate(-1);
        }
      }}
    >
      ← {SECTION_TITLES[section] ?? 'Назад'}
    </Link>
  );
}

export function PersonCardPage() {
  const { section = 'completeness', personId = '' } = useParams();
  const { data, loading, error, refetch } = useData(PERSON_CARD_QUERY, { variables: { id: personId } });
  // The name is readable beyond the row scope (a learner who left keeps it in the school's books), the card
  // is not: its fields answer FORBIDDEN. That is a state of the card, not a failure to retry (issue 15 §3.3).
  if (data?.person && forbiddenPaths(error).has('person.missingFields'))
    return (
      <>
        <BackLink section={section} />
        <ClosedCard person={data.person} />
      </>
    );
  return (
    <>
      <BackLink section={section} />
      <DataState
        loading={loading}
        error={error}
        data={data ? data.person : undefined}
        onRetry={() => void refetch()}
        empty="Карточка не найдена или не входит в вашу зону доступа."
      >
        {(person) => <PersonCard person={person} section={section} />}
      </DataState>
    </>
  );
}

/** The card of someone outside the school's access now: who they are, where they went, nothing to edit. */
function ClosedCard({ person }: { person: Person }) {
  const organization = useOrganization();
  const elsewhere = person.enrolment && person.enrolment.organization.id !== organization.id ? person.enrolment : null;
  return (
    <Page title={person.fullName}>
      <div data-state={elsewhere || !person.enrolment ? 'moved-away' : 'no-access'}>
        <Notice tone="info">
          {elsewhere ? (
            <>
              Ученик выбыл: с {formatDate(elsewhere.startedOn)} обучается в {elsewhere.organization.shortName}
              {elsewhere.className ? `, ${elsewhere.className} класс` : ''}.
            </>
          ) : person.enrolment ? (
            'Нет доступа к сведениям этой карточки.'
          ) : (
            'Ученик выбыл из организации и сейчас нигде не числится.'
          )}
        </Notice>
        <p>
          Карточку ведёт организация, в которой человек учится или работает сейчас, поэтому её сведения вам не
          показываются и изменить её нельзя. Запись о нём в книге движения вашей организации сохраняется.
        </p>
      </div>
    </Page>
  );
}

function PersonCard({ person, section }: { person: Person; section: string }) {
  const organization = useOrganization();
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState(false);
  const [update, { loading: saving, error: saveError, reset }] = useMutation(UPDATE_PERSON);
  const missing = new Set<MandatoryField>(person.missingFields ?? []);
  const initial = valuesOf(person);

  const save = async (values: PersonFormValues) => {
    const input = patchOf(initial, values);
    if (Object.keys(input).length === 0) {
      setEditing(false);
      return;
    }
    try {
      await update({
        variables: { id: person.id, input },
        refetchQueries: ['SchoolPersonHistory'],
        // Every list and count of cards by missing field may change with this card (the completeness list,
        // its breakdown, the summary's tiles, the organization's figures): they are dropped from the cache, so the
        // next page that shows one asks the server instead of showing the card as it was (issue 15 §3.2).
        update: (cache) => {
          cache.evict({ id: 'ROOT_QUERY', fieldName: 'persons' });
          // The ГИР ВУ list and its error counts read the same card.
          cache.evict({ id: 'ROOT_QUERY', fieldName: 'militaryRegistration' });
          cache.evict({
            id: cache.identify({ __typename: 'Organization', id: organization.id }),
            fieldName: 'dataCompleteness',
          });
          cache.gc();
        },
      });
      setSaved(true);
      setEditing(false);
    } catch {
      // The refusal is in `saveError` and shown at the form.
    }
  };

  const document = person.identityDocument;
  const documentMissing = missing.has('IDENTITY_DOCUMENT') || missing.has('PASSPORT');
  return (
    <Page
      title={person.fullName}
      actions={
        !editing &&
        !person.depersonalized && (
          <button
            type="button"
            className="button button-primary"
            onClick={() => {
              reset();
              setSaved(false);
              setEditing(true);
            }}
          >
            Изменить карточку
          </button>
        )
      }
    >
      <p className="school-status-line">
        {person.enrolment && (
          <span>
            {person.enrolment.className ? `${person.enrolment.className} класс, ` : ''}
            {person.enrolment.organization.shortName}
          </span>
        )}
        {person.depersonalized ? null : missing.size === 0 ? (
          <Badge tone="success">все обязательные поля заполнены</Badge>
        ) : (
          <Badge tone="warning">не заполнено обязательных полей: {missing.size}</Badge>
        )}
      </p>
      {person.depersonalized && <ProcessingConsent personId={person.id} />}
      {saved && <Notice tone="success">Изменения сохранены и записаны в историю карточки.</Notice>}
      {missing.size > 0 && !editing && !person.depersonalized && (
        <div className="notice notice-warning" role="status">
          <span>Не заполнены обязательные поля: {[...missing].map((field) => FIELD_LABELS[field]).join(', ')}.</span>
          <button type="button" className="button button-small" onClick={() => setEditing(true)}>
            Заполнить
          </button>
        </div>
      )}
      {editing ? (
        <Section title="Изменение карточки">
          <PersonForm
            initial={initial}
            missing={[...missing]}
            submitLabel="Сохранить"
            busy={saving}
            serverError={saveError}
            onSubmit={(values) => void save(values)}
            onCancel={() => setEditing(false)}
          />
        </Section>
      ) : (
        <div className="grid-2">
          <Section title="Основные сведения">
            <Facts>
              <Fact label="ФИО" value={person.fullName} missing={missing.has('FULL_NAME')} />
              <Fact
                label="Дата рождения"
                value={person.birthDate && formatDate(person.birthDate)}
                missing={missing.has('BIRTH_DATE')}
              />
              <Fact label="Пол" value={person.sex && SEX_LABELS[person.sex]} missing={missing.has('SEX')} />
              <Fact label="Место рождения" value={person.placeOfBirth} missing={missing.has('PLACE_OF_BIRTH')} />
              <Fact label="Гражданство" value={countryName(person.citizenship)} missing={missing.has('CITIZENSHIP')} />
              <Fact label="СНИЛС" value={person.snils} missing={missing.has('SNILS')} />
            </Facts>
          </Section>
          <Section title="Документ и адреса">
            <Facts>
              <Fact
                label="Документ"
                value={
                  document &&
                  `${DOCUMENT_LABELS[document.type]} ${document.series ?? ''} № ${document.number}`.replace(/\s+/g, ' ')
                }
                missing={documentMissing}
              />
              <Fact label="Дата выдачи" value={document?.issuedOn && formatDate(document.issuedOn)} />
              <Fact
                label="Адрес регистрации"
                value={person.registrationAddress}
                missing={missing.has('REGISTRATION_ADDRESS')}
              />
              <Fact
                label="Адрес проживания"
                value={person.residenceAddress}
                missing={missing.has('RESIDENCE_ADDRESS')}
              />
            </Facts>
          </Section>
          <Section title="Обучение">
            <Facts>
              <Fact
                label="Зачислен(а)"
                value={
                  person.enrolment &&
                  `${person.enrolment.organization.shortName}${person.enrolment.className ? `, ${person.enrolment.className} класс` : ''} с ${formatDate(person.enrolment.startedOn)}`
                }
              />
              <Fact label="Форма обучения" value={person.educationForm} missing={missing.has('EDUCATION_FORM')} />
              <Fact
                label="«Движение Первых»"
                value={person.movementFirst === null ? null : person.movementFirst ? 'участник' : 'не участник'}
                missing={missing.has('MOVEMENT_FIRST')}
              />
              {(person.education || missing.has('EDUCATION')) && (
                <Fact label="Образование" value={person.education} missing={missing.has('EDUCATION')} />
              )}
              {missing.has('MAIN_POSITION') && <Fact label="Основная должность" value={null} missing />}
              {missing.has('QUALIFICATION_CATEGORY') && (
                <Fact label="Квалификационная категория" value={null} missing />
              )}
            </Facts>
            {!person.enrolment && (
              <p>
                <Link to={`${schoolPath('movements', organization.id, 'new')}?person=${person.id}`}>
                  Зачислить через книгу движения
                </Link>
              </p>
            )}
          </Section>
          <Section title="Контакты и вход">
            <Facts>
              <Fact label="Телефон" value={person.phone} missing={missing.has('PHONE')} />
              <Fact label="Эл. почта" value={person.email} missing={missing.has('EMAIL')} />
              <Fact
                label="Последний вход через Госуслуги"
                value={person.lastLoginAt ? formatDateTime(person.lastLoginAt) : 'ещё не входил(а)'}
              />
            </Facts>
          </Section>
        </div>
      )}
      <Relatives
        title="Законные представители"
        people={person.guardians}
        empty={person.enrolment ? 'Законные представители не связаны с карточкой.' : null}
        linkTo={(id) => personPath(section, organization.id, id)}
      />
      <Relatives
        title="Дети"
        people={person.children}
        empty={null}
        linkTo={(id) => personPath(section, organization.id, id)}
      />
      <Movements movements={person.movements} />
      <Section title="История изменений">
        <PersonHistory personId={person.id} />
      </Section>
    </Page>
  );
}
