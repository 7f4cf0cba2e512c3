/**
 * «ГИР ВУ» (DOMAIN.md rules 14 and 22, seed 001 «Отчёты ГИР ВУ»): the school's learners who turn 17 this calendar
 * year, the errors that stop their data from being accepted — each with a link to the card to fix it — and the file.
 */
import { useState } from 'react';
import { Link } from 'react-router';
import { useData } from '../../../api/hooks.ts';
import { MilitaryRegistrationDownload } from '../../../features/military-registration/file.tsx';
import { ProblemCounts } from '../../../features/military-registration/problems.tsx';
import { SCHOOL_MILITARY_REGISTRATION } from '../../../features/military-registration/queries.ts';
import { formatDate } from '../../../ui/format.ts';
import { Badge, DataState, Page, PagerControls, Section, TableWrap, usePager } from '../../../ui/kit.tsx';
import { DOCUMENT_SHORT_LABELS } from '../labels.ts';
import { personPath, useOrganization } from '../organization.tsx';

export function MilitaryRegistrationPage() {
  const organization = useOrganization();
  const pager = usePager(50);
  const [onlyWithProblems, setOnlyWithProblems] = useState(true);
  const { data, loading, error, refetch } = useData(SCHOOL_MILITARY_REGISTRATION, {
    variables: { organizationId: organization.id, onlyWithProblems, first: pager.first, after: pager.after },
  });
  const registration = data?.militaryRegistration;
  return (
    <Page title="ГИР ВУ">
      <p className="muted school-lead">
        Сведения для первоначальной постановки на воинский учёт: обучающиеся, которым в{' '}
        {registration ? `${registration.year} году` : 'этом году'} исполняется 17 лет
        {registration ? ` (${registration.birthYear} года рождения)` : ''}. Исправьте ошибки в карточках, затем скачайте
        файл.
      </p>
      <MilitaryRegistrationDownload organizationId={organization.id} />
      <DataState loading={loading} error={error} data={registration ?? undefined} onRetry={() => void refetch()}>
        {(loaded) => (
          <>
            <Section title="Отчёт по организации">
              <ProblemCounts figures={loaded.summary} />
            </Section>
            <Section title="Отчёт по обучающимся">
              <label className="gir-only-problems">
                <input
                  type="checkbox"
                  checked={onlyWithProblems}
                  onChange={(event) => {
                    pager.reset();
                    setOnlyWithProblems(event.target.checked);
                  }}
                />{' '}
                Только с ошибками
              </label>
              {loaded.learners.edges.length === 0 ? (
                <p>{onlyWithProblems ? 'Ошибок нет.' : 'Таких обучающихся нет.'}</p>
              ) : (
                <TableWrap label="Обучающиеся для ГИР ВУ">
                  <table className="table school-table">
                    <caption className="visually-hidden">Обучающиеся для ГИР ВУ</caption>
                    <thead>
                      <tr>
                        <th scope="col">ФИО</th>
                        <th scope="col">Дата рождения</th>
                        <th scope="col">Класс</th>
                        <th scope="col">СНИЛС</th>
                        <th scope="col">Документ</th>
                        <th scope="col">Ошибки</th>
                      </tr>
                    </thead>
                    <tbody>
                      {loaded.learners.edges.map(({ node }) => (
                        <tr key={node.personId}>
                          <th scope="row">
                            <Link to={personPath('military-registration', organization.id, node.personId)}>
                              {[node.lastName, node.firstName, node.middleName].filter(Boolean).join(' ')}
                            </Link>
                          </th>
                          <td data-label="Дата рождения">{formatDate(node.birthDate)}</td>
                          <td data-label="Класс">{node.className ?? '—'}</td>
                          <td data-label="СНИЛС" className="school-nowrap">
                            {node.snils ?? '—'}
                          </td>
                          <td data-label="Документ">
                            {node.identityDocument
                              ? `${DOCUMENT_SHORT_LABELS[node.identityDocument.type]} ${node.identityDocument.series ?? ''} № ${node.identityDocument.number}`
                              : '—'}
                          </td>
                          <td data-label="Ошибки">
                            {node.problems.length === 0 ? (
                              <Badge tone="success">нет</Badge>
                            ) : (
                              <ul className="gir-problems">
                                {node.problems.map((problem) => (
                                  <li key={problem.code}>{problem.message}</li>
                                ))}
                              </ul>
                            )}
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </TableWrap>
              )}
              <PagerControls
                pager={pager}
                pageInfo={loaded.learners.pageInfo}
                totalCount={loaded.learners.totalCount}
                shown={loaded.learners.edges.length}
              />
            </Section>
          </>
        )}
      </DataState>
    </Page>
  );
}
