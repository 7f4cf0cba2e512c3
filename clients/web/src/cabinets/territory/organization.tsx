/** One organization: registry details, school years (rule 13), data completeness (rule 7) and its campaign. */
import { Link, useParams } from 'react-router';
import { useData } from '../../api/hooks.ts';
import { MoyaShkolaSection } from '../../features/moya-shkola/delivery-report.tsx';
import { Badge, DataState, Notice, Page, Section } from '../../ui/kit.tsx';
import { formatDateTime } from '../../ui/format.ts';
import { errorAt } from '../../ui/errors.ts';
import { MANDATORY_FIELDS, ORGANIZATION_TYPES, SCHOOL_YEAR_STATUSES } from './labels.ts';
import { OrganizationCampaignSection } from './organization-campaign.tsx';
import { ORGANIZATION, type CompletenessWithGaps, type OrganizationData } from './queries/organizations.ts';
import { formatCount } from './rules.ts';
import { paths } from './paths.ts';
import { useTerritoryScope } from './scope.ts';
import { CompletenessCell, SchoolYearCell } from './ui.tsx';

type Organization = NonNullable<OrganizationData['organization']>;

function Details({ organization }: { organization: Organization }) {
  return (
    <dl className="t-details">
      <dt>Полное наименование</dt>
      <dd>{organization.fullName}</dd>
      <dt>Тип</dt>
      <dd>{ORGANIZATION_TYPES[organization.type]}</dd>
      <dt>Муниципалитет</dt>
      <dd>{organization.municipality.name}</dd>
      <dt>ИНН</dt>
      <dd>
        {organization.inn} {organization.innValid ? null : <Badge tone="error">ошибка в контрольной цифре ИНН</Badge>}
      </dd>
      <dt>Адрес</dt>
      <dd>{organization.address ?? '—'}</dd>
      <dt>Участник ПФДО</dt>
      <dd>{organization.pfdoParticipant ? 'да' : 'нет'}</dd>
      <Head head={organization.head} />
    </dl>
  );
}

/**
 * Who to call about the school (issue 15 §3.12): its head by the staff records, with the contacts the
 * coordinator may read. The registry holds no phone or e-mail of the organization itself.
 */
function Head({ head }: { head: Organization['head'] }) {
  if (!head) {
    return (
      <>
        <dt>Руководитель</dt>
        <dd className="muted">в кадровых записях организации не указан</dd>
      </>
    );
  }
  const person = head.person;
  return (
    <>
      <dt>Руководитель</dt>
      <dd>
        {person ? person.fullName : <span className="muted">карточка недоступна</span>}, {head.position}
      </dd>
      <dt>Телефон руководителя</dt>
      <dd>
        {person?.phone ? <a href={`tel:${person.phone}`}>{person.phone}</a> : <span className="muted">не указан</span>}
      </dd>
      <dt>Эл. почта руководителя</dt>
      <dd>
        {person?.email ? (
          <a href={`mailto:${person.email}`}>{person.email}</a>
        ) : (
          <span className="muted">не указана</span>
        )}
      </dd>
    </>
  );
}

function SchoolYears({ organization }: { organization: Organization }) {
  return (
    <>
      <div className="t-current-year">
        <span>Текущий учебный год:</span>
        <SchoolYearCell status={organization.schoolYearStatus} opening={organization.schoolYearOpening} />
      </div>
      {organization.schoolYears.length === 0 ? (
        <p className="empty">Учебных лет в системе нет.</p>
      ) : (
        <div className="table-wrap">
          <table className="table t-table">
            <thead>
              <tr>
                <th scope="col">Учебный год</th>
                <th scope="col">Состояние</th>
                <th scope="col">Открыт</th>
              </tr>
            </thead>
            <tbody>
              {[...organization.schoolYears].reverse().map((year) => (
                <tr key={year.id}>
                  <th scope="row">{year.name}</th>
                  <td>{SCHOOL_YEAR_STATUSES[year.status]}</td>
                  <td>
                    {year.openedAt ? formatDateTime(year.openedAt) : '—'}{' '}
                    {year.openedLate && <Badge tone="warning">позже срока</Badge>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

function Completeness({ figures }: { figures: CompletenessWithGaps }) {
  return (
    <>
      <div className="grid-2 t-compact">
        <div>
          <h3>Обучающиеся</h3>
          <CompletenessCell figures={figures} />
        </div>
        <div>
          <h3>Сотрудники</h3>
          <CompletenessCell figures={figures} of="staff" />
        </div>
      </div>
      {figures.gaps.length > 0 && (
        <div className="table-wrap">
          <table className="table t-table">
            <caption className="t-caption">Незаполненные обязательные поля: сколько карточек</caption>
            <thead>
              <tr>
                <th scope="col">Поле</th>
                <th scope="col" className="num">
                  Обучающиеся
                </th>
                <th scope="col" className="num">
                  Сотрудники
                </th>
              </tr>
            </thead>
            <tbody>
              {figures.gaps.map((gap) => (
                <tr key={gap.field}>
                  <th scope="row">{MANDATORY_FIELDS[gap.field]}</th>
                  <td className="num">{gap.students ? formatCount(gap.students) : '—'}</td>
                  <td className="num">{gap.staff ? formatCount(gap.staff) : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

export function OrganizationPage() {
  const { id = '' } = useParams();
  const scope = useTerritoryScope();
  const { data, loading, error, refetch } = useData(ORGANIZATION, { variables: { id } });
  const organization = data?.organization;
  return (
    <Page
      title={organization?.shortName ?? 'Организация'}
      actions={<Link to={paths.organizations}>← Все организации</Link>}
    >
      <DataState
        loading={loading}
        error={organization ? undefined : error}
        data={data}
        onRetry={() => void refetch()}
        isEmpty={(loaded) => loaded.organization === null}
        empty="Организация не найдена."
      >
        {(loaded) => {
          const org = loaded.organization!;
          return (
            <>
              <div className="grid-2">
                <Section title="Сведения">
                  <Details organization={org} />
                </Section>
                <Section title="Учебный год">
                  <SchoolYears organization={org} />
                </Section>
              </div>
              <Section title="Заполненность данных">
                {org.dataCompleteness ? (
                  <Completeness figures={org.dataCompleteness} />
                ) : (
                  <Notice tone="warning">
                    {errorAt(error, 'organization.dataCompleteness')?.message ?? 'Нет данных.'}
                  </Notice>
                )}
              </Section>
              <OrganizationCampaignSection organizationId={org.id} />
              {/* The delivery report is the regional operator's (mart:read); coordinators and analysts do not hold it. */}
              {scope.regional && !scope.aggregatesOnly && <MoyaShkolaSection organizationId={org.id} />}
            </>
          );
        }}
      </DataState>
    </Page>
  );
}
