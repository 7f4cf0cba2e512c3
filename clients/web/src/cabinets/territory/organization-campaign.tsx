/** One organization's admissions: a line per kind of application it received in the chosen year. */
import { useId, useState } from 'react';
import { Link } from 'react-router';
import { useData } from '../../api/hooks.ts';
import { Badge, DataState, Section } from '../../ui/kit.tsx';
import { APPLICATION_KINDS, KIND_ORDER, type ApplicationKind } from './labels.ts';
import { ORGANIZATION_CAMPAIGN, type OrganizationCampaign, type OrganizationCampaignData } from './queries/campaign.ts';
import { paths } from './paths.ts';
import { yearOptions } from './rules.ts';
import { PlacesCells } from './campaign-table.tsx';

function linesOf(data: OrganizationCampaignData, organizationId: string) {
  return KIND_ORDER.flatMap((kind) => {
    const line = data[kind].organizations.find((row) => row.organization.id === organizationId);
    return line ? [{ kind, line }] : [];
  });
}

function Violations({ kind, count }: { kind: ApplicationKind; count: number }) {
  // Rule 15's deadlines are the first-grade campaign's (Order 458).
  if (kind !== 'FIRST_GRADE') return <span className="muted">—</span>;
  return count > 0 ? <Badge tone="error">{count}</Badge> : <span className="muted">0</span>;
}

function Lines({ lines }: { lines: { kind: ApplicationKind; line: OrganizationCampaign }[] }) {
  return (
    <div className="table-wrap">
      <table className="table t-table t-stack">
        <caption className="visually-hidden">Заявления в организацию по видам</caption>
        <thead>
          <tr>
            <th scope="col">Вид заявлений</th>
            <th scope="col" className="num">
              Заявлений
            </th>
            <th scope="col" className="num">
              Мест
            </th>
            <th scope="col" className="num">
              Направлено и зачислено
            </th>
            <th scope="col">Заполнение мест</th>
            <th scope="col" className="num">
              Направлены до 30 июня
            </th>
            <th scope="col" className="num">
              Приказ позже 3 рабочих дней
            </th>
          </tr>
        </thead>
        <tbody>
          {lines.map(({ kind, line }) => (
            <tr key={kind}>
              <th scope="row">{APPLICATION_KINDS[kind]}</th>
              <PlacesCells figures={line} />
              <td className="num" data-label="Направлены до 30 июня">
                <Violations kind={kind} count={line.earlyDirections} />
              </td>
              <td className="num" data-label="Приказ позже срока">
                <Violations kind={kind} count={line.lateOrders} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function OrganizationCampaignSection({ organizationId }: { organizationId: string }) {
  const [year, setYear] = useState<number | null>(null);
  const yearId = useId();
  // Campaign figures are computed per request; they are not entities to keep in the cache.
  const { data, loading, error, refetch } = useData(ORGANIZATION_CAMPAIGN, {
    variables: { year },
    fetchPolicy: 'no-cache',
  });
  const current = data?.current.year;
  const shown = year ?? current ?? null;
  return (
    <Section
      title="Приёмная кампания"
      actions={
        <div className="field t-inline-field">
          <label htmlFor={yearId}>Год приёма</label>
          <select id={yearId} value={shown ?? ''} onChange={(event) => setYear(Number(event.target.value))}>
            {yearOptions(current, shown).map((value) => (
              <option key={value} value={value}>
                {value}
                {value === current ? ' (текущая)' : ''}
              </option>
            ))}
          </select>
        </div>
      }
    >
      <DataState
        loading={loading}
        error={error}
        data={data}
        onRetry={() => void refetch()}
        isEmpty={(loaded) => linesOf(loaded, organizationId).length === 0}
        empty={`Заявлений в эту организацию за ${shown ?? 'этот'} год нет.`}
      >
        {(loaded) => <Lines lines={linesOf(loaded, organizationId)} />}
      </DataState>
      <p>
        <Link to={paths.campaign(shown)}>Вся кампания территории →</Link>
      </p>
    </Section>
  );
}
