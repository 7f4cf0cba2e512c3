/**
 * «Кружки и секции» for a guardian (issue 11, rules 19–20): the catalogue with each child's age one click away,
 * a programme with «Записаться» (child and payment method), «Сертификат ПФДО» per child with «Получить
 * сертификат», its code, status and money, and the applications and contracts with their statuses.
 */
import { useMutation } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { useData } from '../../../api/hooks.ts';
import { CatalogueView, type AgePreset } from '../../../features/extra/catalogue-view.tsx';
import { PAYMENT_METHODS, formatRubles, type PaymentMethod } from '../../../features/extra/labels.ts';
import { ProgrammeView } from '../../../features/extra/programme-view.tsx';
import {
  APPLY_TO_GROUP,
  EXTRA_FAMILY_QUERY,
  EXTRA_FAMILY_RECORDS_QUERY,
  ISSUE_CERTIFICATE,
  type FamilyCertificate,
  type FamilyChild,
} from '../../../features/extra/queries.ts';
import '../../../features/extra/extra.css';
import { useMe } from '../../../me.tsx';
import type { ProgrammeDetails, ProgrammeGroupDetails } from '../../../public/queries.ts';
import { formatDate, fullYears, regionToday } from '../../../ui/format.ts';
import { Badge, DataState, ErrorNotice, Field, Notice, Page, Section } from '../../../ui/kit.tsx';
import { PersonRecords } from '../../../features/extra/records.tsx';
import { ExtraTabs } from './tabs.tsx';

/** Rule 19: a certificate only for a child aged 5 to 18 on the day of issue. */
const CERTIFICATE_AGES = { from: 5, below: 18 };

function useFamily() {
  const me = useMe();
  return useData(EXTRA_FAMILY_QUERY, { variables: { personId: me.person.id } });
}

function ageOf(child: FamilyChild): number | null {
  return child.birthDate ? fullYears(child.birthDate, regionToday()) : null;
}

export function ExtraCataloguePage() {
  const family = useFamily();
  const presets: AgePreset[] = (family.data?.person?.children ?? []).flatMap((child) => {
    const age = ageOf(child);
    return age === null ? [] : [{ label: child.firstName, age }];
  });
  return (
    <Page title="Кружки и секции">
      <ExtraTabs />
      <CatalogueView programmeHref={(id) => `/guardian/extra/programmes/${id}`} agePresets={presets} />
    </Page>
  );
}

export function ExtraProgrammePage() {
  const { programmeId = '' } = useParams();
  const [group, setGroup] = useState<ProgrammeGroupDetails | null>(null);
  return (
    <ProgrammeView
      programmeId={programmeId}
      backHref="/guardian/extra"
      groupAction={(candidate, programme) =>
        programme.status === 'PUBLISHED' ? (
          <button
            type="button"
            className="button button-small"
            aria-label={`Записаться в группу «${candidate.name}»`}
            aria-pressed={group?.id === candidate.id}
            onClick={() => setGroup(candidate)}
          >
            Записаться
          </button>
        ) : null
      }
      footer={(programme) =>
        group ? <ApplyForm key={group.id} programme={programme} group={group} onCancel={() => setGroup(null)} /> : null
      }
    />
  );
}

function ApplyForm({
  programme,
  group,
  onCancel,
}: {
  programme: ProgrammeDetails;
  group: ProgrammeGroupDetails;
  onCancel: () => void;
}) {
  const family = useFamily();
  const children = family.data?.person?.children ?? [];
  const suitable = children.filter((child) => {
    const age = ageOf(child);
    return age === null || (age >= programme.ageFrom && age <= programme.ageTo);
  });
  const [childId, setChildId] = useState('');
  const [method, setMethod] = useState<PaymentMethod | ''>(programme.funding.length === 1 ? programme.funding[0]! : '');
  const [errors, setErrors] = useState<{ child?: string; method?: string }>({});
  const [apply, { loading, error, data, reset }] = useMutation(APPLY_TO_GROUP, {
    refetchQueries: ['ExtraFamilyRecords', 'CatalogueProgramme'],
  });
  const chosen = children.find((child) => child.id === childId);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    reset();
    const found: typeof errors = {};
    if (!childId) found.child = 'Выберите ребёнка.';
    if (!method) found.method = 'Выберите способ оплаты.';
    if (method === 'CERTIFICATE' && chosen && !chosen.extraCertificate)
      found.method = 'У ребёнка нет сертификата ПФДО: получите его в разделе «Сертификаты ПФДО».';
    setErrors(found);
    if (found.child || found.method || !method) return;
    try {
      await apply({ variables: { input: { groupId: group.id, childId, paymentMethod: method } } });
    } catch {
      // Shown under the button.
    }
  };
  if (data) {
    return (
      <Section title="Заявление подано">
        <Notice tone="success">
          Заявление в группу «{group.name}» подано: статус «{data.applyToGroup.statusName}». Организация рассмотрит его
          и примет решение; следите за статусом в разделе{' '}
          <Link to="/guardian/extra/applications">«Мои заявления и договоры»</Link>.
        </Notice>
      </Section>
    );
  }
  return (
    <Section title={`Заявление в группу «${group.name}»`}>
      <form className="extra-form" noValidate onSubmit={(event) => void submit(event)} aria-label="Заявление в группу">
        <p>
          {group.schedule || 'Расписание уточняйте в организации'} · {formatDate(group.startsOn)} —{' '}
          {formatDate(group.endsOn)} · свободно мест: {group.freePlaces}
        </p>
        <Field
          label="Ребёнок"
          error={errors.child}
          hint={
            suitable.length < children.length
              ? `Программа для детей ${programme.ageFrom}–${programme.ageTo} лет: другие дети не подходят по возрасту.`
              : undefined
          }
        >
          {(props) => (
            <select {...props} value={childId} onChange={(event) => setChildId(event.target.value)}>
              <option value="">Выберите…</option>
              {suitable.map((child) => (
                <option key={child.id} value={child.id}>
                  {child.fullName}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Способ оплаты" error={errors.method}>
          {(props) => (
            <select {...props} value={method} onChange={(event) => setMethod(event.target.value as PaymentMethod | '')}>
              <option value="">Выберите…</option>
              {programme.funding.map((option) => (
                <option key={option} value={option}>
                  {PAYMENT_METHODS[option]}
                </option>
              ))}
            </select>
          )}
        </Field>
        {error && <ErrorNotice error={error} />}
        <div className="actions">
          <button type="submit" className="button button-primary" disabled={loading}>
            Подать заявление
          </button>
          <button type="button" className="button button-ghost" onClick={onCancel}>
            Отмена
          </button>
        </div>
      </form>
    </Section>
  );
}

export function CertificatesPage() {
  const { data, loading, error, refetch } = useFamily();
  return (
    <Page title="Сертификаты ПФДО">
      <ExtraTabs />
      <p>
        Сертификат персонифицированного финансирования оплачивает кружки и секции организаций — участников ПФДО. Его
        можно получить для ребёнка от 5 до 18 лет; он «Заморожен», пока ребёнок не зачислен по нему, и «Актуален» после
        зачисления.
      </p>
      <DataState
        loading={loading}
        error={error}
        data={data?.person ?? undefined}
        onRetry={() => void refetch()}
        isEmpty={(person) => person.children.length === 0}
        empty="В системе нет детей, связанных с вашей учётной записью."
      >
        {(person) => (
          <div className="grid-2">
            {person.children.map((child) => (
              <ChildCertificate key={child.id} child={child} />
            ))}
          </div>
        )}
      </DataState>
    </Page>
  );
}

function ChildCertificate({ child }: { child: FamilyChild }) {
  const [issue, { loading, error }] = useMutation(ISSUE_CERTIFICATE, { refetchQueries: ['ExtraFamily'] });
  const age = ageOf(child);
  const certificate = child.extraCertificate;
  const outOfAge = age !== null && (age < CERTIFICATE_AGES.from || age >= CERTIFICATE_AGES.below);
  return (
    <Section title={child.fullName}>
      {certificate ? (
        <CertificateCard certificate={certificate} />
      ) : (
        <>
          <p>Сертификата ПФДО нет.</p>
          {outOfAge && (
            <Notice tone="info">
              Сертификат выдаётся ребёнку от 5 до 18 лет; {child.firstName} сейчас {age}.
            </Notice>
          )}
          <button
            type="button"
            className="button button-primary"
            disabled={loading}
            aria-label={`Получить сертификат: ${child.fullName}`}
            onClick={() => void issue({ variables: { childId: child.id } }).catch(() => {})}
          >
            Получить сертификат
          </button>
          {error && <ErrorNotice error={error} />}
        </>
      )}
    </Section>
  );
}

function CertificateCard({ certificate }: { certificate: FamilyCertificate }) {
  return (
    <>
      <dl className="programme-facts">
        <dt>Номер сертификата</dt>
        <dd className="certificate-code" data-certificate-code>
          {certificate.code ?? (certificate.depersonalized ? 'скрыт: нет согласия на обработку данных' : '—')}
        </dd>
        <dt>Статус</dt>
        <dd>
          <Badge tone={certificate.status === 'ACTUAL' ? 'success' : 'info'}>{certificate.statusName}</Badge>
        </dd>
        <dt>Выдан</dt>
        <dd>{formatDate(certificate.issuedOn)}</dd>
        {certificate.money ? (
          <>
            <dt>Период</dt>
            <dd>
              {formatDate(certificate.money.period.startsOn)} — {formatDate(certificate.money.period.endsOn)}
            </dd>
            <dt>Зачислено</dt>
            <dd>{formatRubles(certificate.money.credited)}</dd>
            <dt>Остаток</dt>
            <dd>{formatRubles(certificate.money.balance)}</dd>
            <dt>Доступно для нового договора</dt>
            <dd>{formatRubles(certificate.money.available)}</dd>
          </>
        ) : (
          <>
            <dt>Средства</dt>
            <dd>
              Средства на текущий период ещё не зачислены: договор по сертификату можно заключить после зачисления.
            </dd>
          </>
        )}
      </dl>
    </>
  );
}

export function ExtraApplicationsPage() {
  const me = useMe();
  const { data, loading, error, refetch } = useData(EXTRA_FAMILY_RECORDS_QUERY, {
    variables: { personId: me.person.id },
    fetchPolicy: 'cache-and-network',
  });
  return (
    <Page title="Мои заявления и договоры">
      <ExtraTabs />
      <DataState
        loading={loading}
        error={error}
        data={data?.person ?? undefined}
        onRetry={() => void refetch()}
        isEmpty={(person) =>
          person.children.every((child) => child.extraApplications.length === 0 && child.extraContracts.length === 0)
        }
        empty="Заявлений в кружки и секции пока нет. Выберите программу в каталоге."
      >
        {(person) => (
          <>
            {person.children
              .filter((child) => child.extraApplications.length > 0 || child.extraContracts.length > 0)
              .map((child) => (
                <PersonRecords
                  key={child.id}
                  person={child}
                  programmeHref={(id) => `/guardian/extra/programmes/${id}`}
                />
              ))}
          </>
        )}
      </DataState>
    </Page>
  );
}
