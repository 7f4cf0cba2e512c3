/**
 * A first-grade application (Order 458): the child, the address and grounds of admission, up to five
 * schools in order, checked here before it is sent; the server's refusals (reception dates, an application
 * already filed, a wrong address) are shown at the form in the words of the rule.
 */
import { useLazyQuery, useMutation } from '@apollo/client/react';
import { useEffect, useRef, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useData } from '../../../api/hooks.ts';
import { useMe } from '../../../me.tsx';
import { plural, regionToday } from '../../../ui/format.ts';
import { DataState, Field, Notice, Page } from '../../../ui/kit.tsx';
import { CategoryFields } from './category-fields.tsx';
import { ChildFields, fromChild } from './child-fields.tsx';
import { FORM_QUERY, SCHOOLS_FOR_ADDRESS, SUBMIT_APPLICATION, type FormData } from './form-queries.ts';
import { SchoolsPicker } from './schools-picker.tsx';
import {
  documentsFor,
  serverRefusal,
  submissionInput,
  validate,
  type ApplicationForm,
  type FormErrors,
  type ServerRefusal,
} from './validation.ts';

const REFUSAL_TITLES: Record<string, string> = {
  DEADLINE_RULE: 'Заявление не принято: срок приёма',
  CONFLICT: 'Заявление уже подано',
  BAD_USER_INPUT: 'Заявление не принято: проверьте данные',
  FORBIDDEN: 'Заявление не принято',
};

function Refusal({ refusal, category }: { refusal: ServerRefusal; category: ApplicationForm['category'] }) {
  return (
    <div className="notice notice-error refusal" role="alert" data-code={refusal.code}>
      <div>
        <strong>{REFUSAL_TITLES[refusal.code ?? ''] ?? 'Заявление не отправлено'}</strong>
        <p>{refusal.message}</p>
        {refusal.code === 'DEADLINE_RULE' && category !== 'OTHER' && (
          <p>
            Сроки приёма установлены законом для всех. Если ребёнок не живёт на закреплённой территории и у него нет
            права на внеочередной или первоочередной приём, выберите основание «Прочие».
          </p>
        )}
        {refusal.code === 'CONFLICT' && refusal.applicationId && (
          <p>
            <Link to={`/guardian/applications/${refusal.applicationId}`}>Открыть действующее заявление</Link>
          </p>
        )}
      </div>
    </div>
  );
}

function ApplicationFormView({ data }: { data: FormData }) {
  const children = data.person?.children ?? [];
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const preselected =
    children.find((child) => child.id === params.get('child')) ?? (children.length === 1 ? children[0] : undefined);
  const [form, setForm] = useState<ApplicationForm>(() => ({
    childId: '',
    lastName: '',
    firstName: '',
    middleName: '',
    birthDate: '',
    certificateSeries: '',
    certificateNumber: '',
    address: data.person?.residenceAddress ?? '',
    category: 'TERRITORY',
    rights: [],
    schools: [],
    comment: '',
    confirmed: false,
    ...(preselected ? fromChild(preselected) : {}),
  }));
  const [attempted, setAttempted] = useState(false);
  const [findSchools, territory] = useLazyQuery(SCHOOLS_FOR_ADDRESS);
  const [lookedUp, setLookedUp] = useState<string | null>(null);
  const [submit, submission] = useMutation(SUBMIT_APPLICATION);
  const [refusal, setRefusal] = useState<ServerRefusal | null>(null);
  const summaryRef = useRef<HTMLDivElement>(null);

  const lookUp = (address: string) => {
    setLookedUp(address);
    void findSchools({ variables: { address } }).catch(() => {});
  };
  useEffect(() => {
    if (form.address.trim()) lookUp(form.address.trim());
    // Once, for the address the form starts with; later lookups follow the button.
  }, []);

  const territorySchools = territory.data?.schoolsForAddress ?? null;
  // The territory check counts only for the address it was made for.
  const territoryIds =
    territorySchools && lookedUp === form.address.trim() ? new Set(territorySchools.map((school) => school.id)) : null;
  const clientErrors = attempted ? validate(form, territoryIds, regionToday()) : {};
  const errors: FormErrors = { ...clientErrors };
  if (refusal?.field && !errors[refusal.field]) errors[refusal.field] = refusal.message;
  const update = (patch: Partial<ApplicationForm>) => {
    setForm((current) => ({ ...current, ...patch }));
    setRefusal(null);
  };
  const defaultMunicipality =
    children.find((child) => child.id === form.childId)?.enrolment?.organization.municipality.id ??
    children.find((child) => child.enrolment)?.enrolment?.organization.municipality.id ??
    null;

  const onSubmit = async () => {
    setAttempted(true);
    setRefusal(null);
    const found = validate(form, territoryIds, regionToday());
    if (Object.keys(found).length > 0) {
      requestAnimationFrame(() => summaryRef.current?.focus());
      return;
    }
    try {
      const result = await submit({
        variables: { input: submissionInput(form) },
      });
      const created = result.data?.submitApplication;
      if (created)
        void navigate(`/guardian/applications/${created.id}`, {
          state: { submitted: `Заявление подано. Статус: «${created.statusName}».` },
        });
    } catch (error) {
      setRefusal(
        serverRefusal(error) ?? {
          code: undefined,
          message: 'Нет связи с сервером. Попробуйте ещё раз.',
          field: undefined,
          deadline: undefined,
          applicationId: undefined,
        },
      );
    }
  };

  const errorCount = Object.keys(clientErrors).length;
  return (
    <form
      className="application-form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void onSubmit();
      }}
    >
      <div ref={summaryRef} tabIndex={-1}>
        {errorCount > 0 && (
          <Notice tone="error">
            Заявление не отправлено: исправьте {errorCount} {plural(errorCount, ['поле', 'поля', 'полей'])}, отмеченные
            ниже.
          </Notice>
        )}
      </div>
      <ChildFields form={form} errors={errors} kids={children} update={update} />
      <CategoryFields
        form={form}
        errors={errors}
        update={update}
        finding={territory.loading}
        onFindSchools={() => lookUp(form.address.trim())}
      />
      <fieldset className={`card form-section${errors.schools ? ' field-invalid' : ''}`}>
        <legend>Школы</legend>
        {errors.schools && (
          <p className="field-error" role="alert">
            {errors.schools}
          </p>
        )}
        <SchoolsPicker
          chosen={form.schools}
          onChange={(schools) => update({ schools })}
          territorySchools={lookedUp ? territorySchools : null}
          municipalities={data.municipalities}
          defaultMunicipalityId={defaultMunicipality}
        />
      </fieldset>
      <fieldset className="card form-section">
        <legend>Документы и подтверждение</legend>
        <p>После подачи заявления школа попросит предъявить:</p>
        <ul>
          {documentsFor(form).map((document) => (
            <li key={document}>{document}</li>
          ))}
        </ul>
        <Field label="Комментарий для школы (необязательно)">
          {(props) => (
            <textarea
              {...props}
              maxLength={1000}
              value={form.comment}
              onChange={(event) => update({ comment: event.target.value })}
            />
          )}
        </Field>
        <label className={`checkbox${errors.confirmed ? ' field-invalid' : ''}`}>
          <input
            type="checkbox"
            checked={form.confirmed}
            aria-invalid={Boolean(errors.confirmed)}
            onChange={(event) => update({ confirmed: event.target.checked })}
          />
          Подтверждаю, что сведения достоверны, и согласен(на) на обработку персональных данных ребёнка для приёма в
          школу
        </label>
        {errors.confirmed && (
          <small className="field-error" role="alert">
            {errors.confirmed}
          </small>
        )}
      </fieldset>
      {refusal && <Refusal refusal={refusal} category={form.category} />}
      <div className="actions">
        <button type="submit" className="button button-primary button-large" disabled={submission.loading}>
          {submission.loading ? 'Отправка…' : 'Подать заявление'}
        </button>
        <Link className="button button-ghost" to="/guardian/applications">
          Отмена
        </Link>
      </div>
    </form>
  );
}

export function NewApplicationPage() {
  const me = useMe();
  const { data, loading, error, refetch } = useData(FORM_QUERY, { variables: { personId: me.person.id } });
  return (
    <Page title="Заявление о приёме в 1 класс">
      <DataState loading={loading} error={error} data={data} onRetry={() => void refetch()}>
        {(loaded) =>
          (loaded.person?.children.length ?? 0) === 0 ? (
            <Notice tone="warning">
              С вашей учётной записью не связан ни один ребёнок: подать заявление можно только за своего ребёнка.
              Обратитесь в школу или подайте заявление на Госуслугах.
            </Notice>
          ) : (
            <ApplicationFormView data={loaded} />
          )
        }
      </DataState>
    </Page>
  );
}
