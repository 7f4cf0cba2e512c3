/**
 * «Учебный год» (DOMAIN.md rule 13): the years of the school and their state; forming the next year (from
 * 1 April: periods, holidays, classes with promotion, repeaters staying) and opening it (by 6 September).
 */
import { useState } from 'react';
import { useData } from '../../../api/hooks.ts';
import { formatDate, formatDateTime } from '../../../ui/format.ts';
import { Badge, DataState, Notice, Page, Section } from '../../../ui/kit.tsx';
import { PERIOD_KIND_LABELS, YEAR_STATUS_LABELS, YEAR_STATUS_TONES } from '../labels.ts';
import { useOrganization } from '../organization.tsx';
import { FormNextYear, OpenYear } from './actions.tsx';
import { Promotion } from './promotion.tsx';
import { YEARS_QUERY } from './queries.ts';

export function SchoolYearPage() {
  const organization = useOrganization();
  const { data, loading, error, refetch } = useData(YEARS_QUERY, { variables: { organizationId: organization.id } });
  const [done, setDone] = useState<string | null>(null);
  return (
    <Page title="Учебный год">
      {done && <Notice tone="success">{done}</Notice>}
      <DataState loading={loading} error={error} data={data?.organization} onRetry={() => void refetch()}>
        {(loaded) => {
          const years = [...loaded.schoolYears].sort((a, b) => b.year - a.year);
          const draft = years.find((year) => year.status === 'DRAFT');
          const currentYear = loaded.current[0]?.schoolYear;
          const current = years.find((year) => year.year === currentYear);
          const next = currentYear === undefined ? undefined : years.find((year) => year.year > currentYear);
          return (
            <>
              <div className="stats">
                <div className="stat">
                  <div className="stat-value">
                    <Badge tone={YEAR_STATUS_TONES[loaded.schoolYearStatus]}>
                      {YEAR_STATUS_LABELS[loaded.schoolYearStatus]}
                    </Badge>
                  </div>
                  <div className="stat-label">текущий учебный год{current ? ` ${current.name}` : ''}</div>
                </div>
                {current?.openedAt && (
                  <div className="stat">
                    <div className="stat-value">{formatDateTime(current.openedAt)}</div>
                    <div className="stat-label">открыт{current.openedLate ? ' — позже срока' : ' в срок'}</div>
                  </div>
                )}
              </div>
              {draft ? (
                <OpenYear year={draft} onOpened={(name) => setDone(`Учебный год ${name} открыт.`)} />
              ) : next ? (
                <Section title="Следующий учебный год">
                  <p>
                    Учебный год {next.name} сформирован и открыт {next.openedAt ? formatDateTime(next.openedAt) : ''}.
                    Следующий можно будет сформировать с 1 апреля {next.year + 1} года.
                  </p>
                </Section>
              ) : (
                <FormNextYear
                  forming={loaded.nextSchoolYearForming}
                  onFormed={(name) => setDone(`Учебный год ${name} сформирован. Проверьте классы и откройте его.`)}
                />
              )}
              {currentYear !== undefined && (
                <Promotion currentYear={currentYear} next={years.find((year) => year.year === currentYear + 1)} />
              )}
              <Section title="Учебные годы организации">
                {years.length === 0 ? (
                  <p className="empty">Учебных годов в системе ещё нет.</p>
                ) : (
                  <div className="table-wrap">
                    <table className="table">
                      <thead>
                        <tr>
                          <th scope="col">Год</th>
                          <th scope="col">Сроки</th>
                          <th scope="col">Периоды</th>
                          <th scope="col" className="num">
                            Классов
                          </th>
                          <th scope="col">Состояние</th>
                          <th scope="col">Открыт</th>
                        </tr>
                      </thead>
                      <tbody>
                        {years.map((year) => (
                          <tr key={year.id}>
                            <td>{year.name}</td>
                            <td className="school-nowrap">
                              {formatDate(year.startsOn)} — {formatDate(year.endsOn)}
                            </td>
                            <td>{PERIOD_KIND_LABELS[year.periodKind]}</td>
                            <td className="num">{year.classes.length}</td>
                            <td>
                              <Badge tone={YEAR_STATUS_TONES[year.status]}>{YEAR_STATUS_LABELS[year.status]}</Badge>
                            </td>
                            <td>
                              {year.openedAt ? formatDateTime(year.openedAt) : '—'}
                              {year.openedLate && (
                                <>
                                  {' '}
                                  <Badge tone="warning">позже срока</Badge>
                                </>
                              )}
                            </td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  </div>
                )}
              </Section>
              {current && current.periods.length > 0 && (
                <Section title={`Учебные периоды ${current.name}`}>
                  <div className="table-wrap">
                    <table className="table">
                      <thead>
                        <tr>
                          <th scope="col">Период</th>
                          <th scope="col">Сроки</th>
                          <th scope="col">Состояние</th>
                        </tr>
                      </thead>
                      <tbody>
                        {[...current.periods]
                          .sort((a, b) => a.number - b.number)
                          .map((period) => (
                            <tr key={period.id}>
                              <td>{period.name}</td>
                              <td>
                                {formatDate(period.startsOn)} — {formatDate(period.endsOn)}
                              </td>
                              <td>{period.closed ? <Badge>закрыт</Badge> : <Badge tone="success">открыт</Badge>}</td>
                            </tr>
                          ))}
                      </tbody>
                    </table>
                  </div>
                </Section>
              )}
            </>
          );
        }}
      </DataState>
    </Page>
  );
}
