/**
 * «Дополнительное образование» for coordinators and the operator (issue 11, rule 21): the share of children
 * 5–18 enrolled in at least one programme, by direction and (for the region) by municipality, certificates
 * by status, programmes without enrolment. Counts only — the API gives no child rows here.
 */
import { useState } from 'react';
import { useData } from '../../api/hooks.ts';
import { formatDate } from '../../ui/format.ts';
import { DataState, Page, Section, TableWrap } from '../../ui/kit.tsx';
import { EXTRA_COVERAGE_MUNICIPALITIES_QUERY, EXTRA_COVERAGE_QUERY, type CoverageFigures } from './queries/extra.ts';
import { formatCount, formatPercent } from './rules.ts';
import { municipalityFilter, useTerritoryScope } from './scope.ts';
import { Lead, MunicipalitySelect } from './ui.tsx';

export function ExtraCoveragePage() {
  const scope = useTerritoryScope();
  const [chosen, setChosen] = useState<string | null>(null);
  const municipalityId = municipalityFilter(scope, chosen);
  const { data, loading, error, refetch } = useData(EXTRA_COVERAGE_QUERY, { variables: { municipalityId } });
  return (
    <Page title="Дополнительное образование">
      <Lead>
        Охват детей 5–18 лет кружками и секциями: ребёнок считается один раз, если у него есть хотя бы один действующий
        договор. Сертификаты ПФДО — по статусам.
      </Lead>
      <div className="filters">
        <MunicipalitySelect scope={scope} value={municipalityId ?? ''} onChange={(id) => setChosen(id || null)} />
      </div>
      <DataState
        loading={loading}
        error={error}
        data={data?.extraCoverage ?? undefined}
        onRetry={() => void refetch()}
        empty="Нет данных об охвате по этой территории."
      >
        {(coverage) => <CoverageFiguresView title={coverage.municipality?.name ?? 'Весь регион'} coverage={coverage} />}
      </DataState>
      {scope.regional && !municipalityId && <ByMunicipality />}
    </Page>
  );
}

function CoverageFiguresView({ title, coverage }: { title: string; coverage: CoverageFigures }) {
  return (
    <>
      <Section title={`${title}: охват на ${formatDate(coverage.on)}`}>
        <div className="stats">
          <div className="stat">
            <span className="stat-value">{formatPercent(coverage.enrolledPercent)}</span>
            <span className="stat-label">детей 5–18 лет занимаются ({formatCount(coverage.enrolled)})</span>
          </div>
          <div className="stat">
            <span className="stat-value">{formatCount(coverage.programmes)}</span>
            <span className="stat-label">
              опубликованных программ, из них без зачисленных — {formatCount(coverage.programmesWithoutEnrolment)}
            </span>
          </div>
        </div>
      </Section>
      <Section title="По направленностям">
        <TableWrap label="Охват по направленностям">
          <table className="table" data-coverage="directions">
            <caption>Охват детей 5–18 лет по направленностям программ</caption>
            <thead>
              <tr>
                <th scope="col">Направленность</th>
                <th scope="col" className="num">
                  Занимаются детей
                </th>
                <th scope="col" className="num">
                  Доля детей 5–18 лет
                </th>
                <th scope="col" className="num">
                  Программ
                </th>
                <th scope="col" className="num">
                  Без зачисленных
                </th>
              </tr>
            </thead>
            <tbody>
              {coverage.byDirection.map((row) => (
                <tr key={row.direction}>
                  <th scope="row">{row.directionName}</th>
                  <td className="num">{formatCount(row.enrolled)}</td>
                  <td className="num">{formatPercent(row.enrolledPercent)}</td>
                  <td className="num">{formatCount(row.programmes)}</td>
                  <td className="num">{formatCount(row.programmesWithoutEnrolment)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      </Section>
      <Section title="Сертификаты ПФДО">
        <TableWrap label="Сертификаты по статусам">
          <table className="table" data-coverage="certificates">
            <caption>Сертификаты ПФДО по статусам</caption>
            <thead>
              <tr>
                <th scope="col">Статус</th>
                <th scope="col" className="num">
                  Сертификатов
                </th>
              </tr>
            </thead>
            <tbody>
              <tr>
                <th scope="row">Заморожен</th>
                <td className="num">{formatCount(coverage.certificates.frozen)}</td>
              </tr>
              <tr>
                <th scope="row">Актуален</th>
                <td className="num">{formatCount(coverage.certificates.actual)}</td>
              </tr>
              <tr>
                <th scope="row">Всего</th>
                <td className="num">{formatCount(coverage.certificates.total)}</td>
              </tr>
            </tbody>
          </table>
        </TableWrap>
      </Section>
    </>
  );
}

function ByMunicipality() {
  const { data, loading, error, refetch } = useData(EXTRA_COVERAGE_MUNICIPALITIES_QUERY);
  return (
    <Section title="По муниципалитетам">
      <DataState loading={loading} error={error} data={data} onRetry={() => void refetch()}>
        {(result) => (
          <TableWrap label="Охват по муниципалитетам">
            <table className="table" data-coverage="municipalities">
              <caption>Охват детей 5–18 лет и сертификаты ПФДО по муниципалитетам</caption>
              <thead>
                <tr>
                  <th scope="col">Муниципалитет</th>
                  <th scope="col" className="num">
                    Занимаются детей
                  </th>
                  <th scope="col" className="num">
                    Охват
                  </th>
                  <th scope="col" className="num">
                    Сертификатов «Заморожен»
                  </th>
                  <th scope="col" className="num">
                    Сертификатов «Актуален»
                  </th>
                  <th scope="col" className="num">
                    Программ без зачисленных
                  </th>
                </tr>
              </thead>
              <tbody>
                {result.municipalities.map((municipality) => (
                  <tr key={municipality.id}>
                    <th scope="row">{municipality.name}</th>
                    <td className="num">{formatCount(municipality.extraCoverage?.enrolled ?? 0)}</td>
                    <td className="num">{formatPercent(municipality.extraCoverage?.enrolledPercent)}</td>
                    <td className="num">{formatCount(municipality.extraCoverage?.certificates.frozen ?? 0)}</td>
                    <td className="num">{formatCount(municipality.extraCoverage?.certificates.actual ?? 0)}</td>
                    <td className="num">{formatCount(municipality.extraCoverage?.programmesWithoutEnrolment ?? 0)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        )}
      </DataState>
    </Section>
  );
}
