/**
 * «ГИР ВУ» for the municipal coordinator and the regional operator (DOMAIN.md rule 22, seed 001 «Отчёт по
 * организациям»): errors of the data on learners who turn 17 this year, by organization, and the file. Analysts do
 * not get the page (names, SNILS and documents are not aggregates; the server refuses them too).
 */
import { useState } from 'react';
import { Link } from 'react-router';
import { useData } from '../../api/hooks.ts';
import { MilitaryRegistrationDownload } from '../../features/military-registration/file.tsx';
import { ProblemCounts } from '../../features/military-registration/problems.tsx';
import { TERRITORY_MILITARY_REGISTRATION } from '../../features/military-registration/queries.ts';
import { DataState, Notice, Page, PagerControls, Section, TableWrap, usePager } from '../../ui/kit.tsx';
import { paths } from './paths.ts';
import { municipalityFilter, useTerritoryScope } from './scope.ts';
import { Lead, MunicipalitySelect } from './ui.tsx';

export function MilitaryRegistrationPage() {
  const scope = useTerritoryScope();
  const [chosen, setChosen] = useState('');
  const municipalityId = municipalityFilter(scope, chosen);
  const pager = usePager(50);
  const { data, loading, error, refetch } = useData(TERRITORY_MILITARY_REGISTRATION, {
    variables: { municipalityId, first: pager.first, after: pager.after },
  });
  const registration = data?.militaryRegistration;
  return (
    <Page title="ГИР ВУ">
      <Lead>
        {scope.title}. Обучающиеся школ и колледжей, которым в{' '}
        {registration ? `${registration.year} году` : 'этом году'} исполняется 17 лет: ошибки в сведениях для воинского
        учёта по организациям.
      </Lead>
      <div className="filters">
        <MunicipalitySelect
          scope={scope}
          value={chosen}
          onChange={(id) => {
            pager.reset();
            setChosen(id);
          }}
        />
      </div>
      {municipalityId ? (
        <MilitaryRegistrationDownload municipalityId={municipalityId} />
      ) : (
        <Notice tone="info">Файл выгружается по муниципалитету: выберите муниципалитет.</Notice>
      )}
      <DataState loading={loading} error={error} data={registration ?? undefined} onRetry={() => void refetch()}>
        {(loaded) => (
          <>
            <Section title="Итог">
              <ProblemCounts figures={loaded.summary} />
            </Section>
            <Section title="Отчёт по организациям">
              {loaded.organizations.edges.length === 0 ? (
                <p>Таких обучающихся нет.</p>
              ) : (
                <TableWrap label="Ошибки ГИР ВУ по организациям">
                  <table className="table t-table t-stack">
                    <caption className="visually-hidden">Ошибки ГИР ВУ по организациям</caption>
                    <thead>
                      <tr>
                        <th scope="col">Организация</th>
                        {scope.regional && <th scope="col">Муниципалитет</th>}
                        <th scope="col">В списке</th>
                        <th scope="col">С ошибками</th>
                        <th scope="col">Без согласия</th>
                        <th scope="col">Ошибки</th>
                      </tr>
                    </thead>
                    <tbody>
                      {loaded.organizations.edges.map(({ node }) => (
                        <tr key={node.organization?.id}>
                          <th scope="row">
                            {node.organization && (
                              <Link to={paths.organization(node.organization.id)}>{node.organization.shortName}</Link>
                            )}
                          </th>
                          {scope.regional && <td data-label="Муниципалитет">{node.organization?.municipality.name}</td>}
                          <td data-label="В списке">{node.learners}</td>
                          <td data-label="С ошибками">{node.learnersWithProblems}</td>
                          <td data-label="Без согласия">{node.withheld}</td>
                          <td data-label="Ошибки">
                            {node.problems.length === 0
                              ? '—'
                              : node.problems.map((problem) => `${problem.message} — ${problem.count}`).join('; ')}
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </TableWrap>
              )}
              <PagerControls
                pager={pager}
                pageInfo={loaded.organizations.pageInfo}
                shown={loaded.organizations.edges.length}
              />
            </Section>
          </>
        )}
      </DataState>
    </Page>
  );
}
