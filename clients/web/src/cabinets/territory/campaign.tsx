/** «Приёмная кампания» (rule 21): applications by kind and source, places filled, deadline violations. */
import { useId, useState } from 'react';
import { useSearchParams } from 'react-router';
import { useData } from '../../api/hooks.ts';
import { DataState, Notice, Page, Section } from '../../ui/kit.tsx';
import { plural } from '../../ui/format.ts';
import { CampaignTable } from './campaign-table.tsx';
import {
  APPLICATION_KINDS,
  APPLICATION_SOURCES,
  APPLICATION_STATUSES,
  KIND_ORDER,
  type ApplicationKind,
} from './labels.ts';
import { CAMPAIGN, CAMPAIGN_OVERVIEW, type CampaignData, type CampaignOverviewData } from './queries/campaign.ts';
import { formatCount, formatPercent, yearOptions } from './rules.ts';
import { useTerritoryScope } from './scope.ts';
import { Lead, Meter, MunicipalitySelect, ShareBars } from './ui.tsx';

function useCampaignParams() {
  const [params, setParams] = useSearchParams();
  const kind = (params.get('kind') as ApplicationKind | null) ?? 'FIRST_GRADE';
  const year = params.get('year') ? Number(params.get('year')) : null;
  const set = (key: string, value: string) =>
    setParams(
      (previous) => {
        const next = new URLSearchParams(previous);
        next.set(key, value);
        return next;
      },
      { replace: true },
    );
  return { kind, year, setKind: (value: string) => set('kind', value), setYear: (value: string) => set('year', value) };
}

function KindsOverview({
  overview,
  kind,
  onSelect,
}: {
  overview: CampaignOverviewData;
  kind: ApplicationKind;
  onSelect: (kind: ApplicationKind) => void;
}) {
  return (
    <div className="table-wrap">
      <table className="table t-table">
        <caption className="visually-hidden">Заявления по видам</caption>
        <thead>
          <tr>
            <th scope="col">Вид заявлений</th>
            <th scope="col" className="num">
              Всего
            </th>
            <th scope="col" className="num">
              С ЕПГУ
            </th>
            <th scope="col">Доля ЕПГУ</th>
          </tr>
        </thead>
        <tbody>
          {KIND_ORDER.map((value) => {
            const row = overview[value];
            return (
              <tr key={value} className={value === kind ? 't-selected' : undefined}>
                <th scope="row">
                  <button
                    type="button"
                    className="t-link-button"
                    aria-pressed={value === kind}
                    onClick={() => onSelect(value)}
                  >
                    {APPLICATION_KINDS[value]}
                  </button>
                </th>
                <td className="num">{formatCount(row.total)}</td>
                <td className="num">{formatCount(row.fromEpgu)}</td>
                <td>
                  <span className="t-figure">
                    <Meter value={row.epguShare} />
                    <span>{formatPercent(row.epguShare)}</span>
                  </span>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function KindDetails({ campaign, regional }: { campaign: CampaignData['admissionsCampaign']; regional: boolean }) {
  const [municipality, setMunicipality] = useState('');
  const scope = useTerritoryScope();
  const rows = campaign.organizations
    .filter((row) => !municipality || row.organization.municipality.id === municipality)
    .sort(
      (a, b) =>
        a.organization.municipality.name.localeCompare(b.organization.municipality.name, 'ru') ||
        a.organization.shortName.localeCompare(b.organization.shortName, 'ru'),
    );
  const places = campaign.organizations.reduce((n, row) => n + row.places, 0);
  const taken = campaign.organizations.reduce((n, row) => n + row.placesTaken, 0);
  const early = campaign.organizations.reduce((n, row) => n + row.earlyDirections, 0);
  const late = campaign.organizations.reduce((n, row) => n + row.lateOrders, 0);
  const title = `${APPLICATION_KINDS[campaign.kind]}, ${campaign.year}`;
  if (campaign.total === 0 && campaign.organizations.length === 0) {
    return (
      <Section title={title}>
        <p className="empty">
          Заявлений этого вида за {campaign.year} год нет.
          {campaign.kind === 'FIRST_GRADE' && ` Приём в первый класс начинается 1 апреля ${campaign.year} года.`}
        </p>
      </Section>
    );
  }
  return (
    <Section title={title}>
      <div className="stats">
        <div className="stat">
          <div className="stat-value">{formatCount(campaign.total)}</div>
          <div className="stat-label">{plural(campaign.total, ['заявление', 'заявления', 'заявлений'])}</div>
        </div>
        <div className="stat">
          <div className="stat-value">{formatPercent(campaign.epguShare)}</div>
          <div className="stat-label">с ЕПГУ ({formatCount(campaign.fromEpgu)})</div>
        </div>
        <div className="stat">
          <div className="stat-value">{formatPercent(places ? Math.round((taken / places) * 1000) / 10 : null)}</div>
          <div className="stat-label">
            мест заполнено ({formatCount(taken)} из {formatCount(places)})
          </div>
        </div>
        {campaign.kind === 'FIRST_GRADE' && (
          <div className="stat">
            <div className={`stat-value${early + late ? ' t-overdue' : ''}`}>{early + late}</div>
            <div className="stat-label">нарушений сроков</div>
          </div>
        )}
      </div>
      {campaign.kind === 'FIRST_GRADE' && early + late > 0 && (
        <Notice tone="warning">
          Нарушения сроков приёма по Порядку № 458: направлено в ОО раньше 30 июня — {early}; приказ о зачислении издан
          позже 3 рабочих дней после окончания приёма — {late}.
        </Notice>
      )}
      <div className="grid-2">
        <ShareBars
          caption="По источникам"
          total={campaign.total}
          rows={campaign.bySource.map((row) => ({
            key: row.source,
            label: APPLICATION_SOURCES[row.source],
            count: row.count,
            tone: row.source === 'EPGU' ? 'info' : 'neutral',
          }))}
        />
        <ShareBars
          caption="По статусам"
          total={campaign.total}
          rows={campaign.byStatus.map((row) => ({
            key: row.status,
            label: APPLICATION_STATUSES[row.status],
            count: row.count,
            tone: row.status === 'REJECTED' || row.status === 'WITHDRAWN' ? 'neutral' : 'info',
          }))}
        />
      </div>
      <h3>По организациям</h3>
      {regional && (
        <div className="filters">
          <MunicipalitySelect scope={scope} value={municipality} onChange={setMunicipality} />
        </div>
      )}
      {rows.length === 0 ? (
        <p className="empty">В этом муниципалитете заявлений этого вида нет.</p>
      ) : (
        <CampaignTable rows={rows} kind={campaign.kind} showMunicipality={regional} />
      )}
    </Section>
  );
}

export function CampaignPage() {
  const scope = useTerritoryScope();
  const { kind, year, setKind, setYear } = useCampaignParams();
  const kindId = useId();
  const yearId = useId();
  // Campaign figures are computed per request; they are not entities to keep in the cache.
  const overview = useData(CAMPAIGN_OVERVIEW, { variables: { year }, fetchPolicy: 'no-cache' });
  const details = useData(CAMPAIGN, { variables: { year, kind }, fetchPolicy: 'no-cache' });
  const shownYear = details.data?.admissionsCampaign.year ?? overview.data?.FIRST_GRADE.year ?? year;
  const years = yearOptions(overview.data?.current.year, shownYear ?? null);

  return (
    <Page title="Приёмная кампания">
      <Lead>{scope.title}. Заявления по видам и источникам (доля ЕПГУ), заполнение мест, нарушения сроков приёма.</Lead>
      <div className="filters">
        <div className="field">
          <label htmlFor={kindId}>Вид заявлений</label>
          <select id={kindId} value={kind} onChange={(event) => setKind(event.target.value)}>
            {KIND_ORDER.map((value) => (
              <option key={value} value={value}>
                {APPLICATION_KINDS[value]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={yearId}>Год приёма</label>
          <select id={yearId} value={shownYear ?? ''} onChange={(event) => setYear(event.target.value)}>
            {years.map((value) => (
              <option key={value} value={value}>
                {value}
                {value === overview.data?.current.year ? ' (текущая кампания)' : ''}
              </option>
            ))}
          </select>
        </div>
      </div>
      <Section title={`Заявления по видам${shownYear ? `, ${shownYear}` : ''}`}>
        <DataState
          loading={overview.loading}
          error={overview.error}
          data={overview.data}
          onRetry={() => void overview.refetch()}
        >
          {(loaded) => <KindsOverview overview={loaded} kind={kind} onSelect={(value) => setKind(value)} />}
        </DataState>
      </Section>
      <DataState
        loading={details.loading}
        error={details.error}
        data={details.data}
        onRetry={() => void details.refetch()}
      >
        {(loaded) => <KindDetails campaign={loaded.admissionsCampaign} regional={scope.regional} />}
      </DataState>
    </Page>
  );
}
