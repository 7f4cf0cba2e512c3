/** «Классы»: the school's classes of a school year with their class teachers and sizes, and each class's list. */
import { gql, type TypedDocumentNode } from '@apollo/client';
import type {
  SchoolClassQuery,
  SchoolClassQueryVariables,
  SchoolClassesQuery,
  SchoolClassesQueryVariables,
} from '../../generated/graphql.ts';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useData } from '../../api/hooks.ts';
import { formatDate, plural } from '../../ui/format.ts';
import { Badge, DataState, Field, Page, Section } from '../../ui/kit.tsx';
import { sortClasses } from './completeness/queries.ts';
import { FIELD_LABELS } from './labels.ts';
import { personPath, schoolPath, useOrganization } from './organization.tsx';

const CLASSES_QUERY: TypedDocumentNode<SchoolClassesQuery, SchoolClassesQueryVariables> = gql`
  query SchoolClasses($organizationId: ID!, $schoolYear: Int) {
    organization(id: $organizationId) {
      id
      schoolYears {
        id
        year
        name
        status
      }
      classes(schoolYear: $schoolYear) {
        id
        name
        grade
        schoolYear
        classTeacher {
          id
          fullName
        }
        students {
          id
        }
      }
    }
  }
`;

export function ClassesPage() {
  const organization = useOrganization();
  const [year, setYear] = useState<number | null>(null);
  const { data, loading, error, refetch } = useData(CLASSES_QUERY, {
    variables: { organizationId: organization.id, schoolYear: year },
  });
  const years = [...(data?.organization?.schoolYears ?? [])].sort((a, b) => b.year - a.year);
  const classes = data?.organization?.classes;
  const shownYear = classes?.[0]?.schoolYear ?? year;
  return (
    <Page title="Классы">
      {years.length > 0 && (
        <div className="filters">
          <Field label="Учебный год">
            {(props) => (
              <select
                {...props}
                value={year ?? ''}
                onChange={(event) => setYear(event.target.value ? Number(event.target.value) : null)}
              >
                <option value="">Текущий</option>
                {years.map((option) => (
                  <option key={option.id} value={option.year}>
                    {option.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
      )}
      <DataState
        loading={loading}
        error={error}
        data={classes}
        onRetry={() => void refetch()}
        isEmpty={(list) => list.length === 0}
        empty="Классов за этот учебный год нет. Сформируйте учебный год в разделе «Учебный год»."
      >
        {(list) => {
          const total = list.reduce((sum, row) => sum + row.students.length, 0);
          return (
            <>
              <p className="muted">
                {list.length} {plural(list.length, ['класс', 'класса', 'классов'])}, {total}{' '}
                {plural(total, ['обучающийся', 'обучающихся', 'обучающихся'])}
                {shownYear ? ` · ${shownYear}/${String(shownYear + 1).slice(2)} учебный год` : ''}
              </p>
              <div className="table-wrap">
                <table className="table school-table">
                  <thead>
                    <tr>
                      <th scope="col">Класс</th>
                      <th scope="col">Классный руководитель</th>
                      <th scope="col" className="num">
                        Обучающихся
                      </th>
                      <th scope="col">Данные</th>
                    </tr>
                  </thead>
                  <tbody>
                    {sortClasses(list).map((row) => (
                      <tr key={row.id}>
                        <td data-label="Класс">
                          <Link to={schoolPath('classes', organization.id, row.id)}>{row.name}</Link>
                        </td>
                        <td data-label="Классный руководитель">
                          {row.classTeacher?.fullName ?? <span className="muted">не назначен</span>}
                        </td>
                        <td data-label="Обучающихся" className="num">
                          {row.students.length}
                        </td>
                        <td data-label="Данные">
                          <Link to={`${schoolPath('completeness', organization.id)}?class=${row.id}`}>
                            контроль заполнения
                          </Link>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </>
          );
        }}
      </DataState>
    </Page>
  );
}

const CLASS_QUERY: TypedDocumentNode<SchoolClassQuery, SchoolClassQueryVariables> = gql`
  query SchoolClass($id: ID!) {
    class(id: $id) {
      id
      name
      schoolYear
      organization {
        id
      }
      classTeacher {
        id
        fullName
        phone
        email
      }
      subjects {
        id
        name
      }
      students {
        id
        fullName
        birthDate
        depersonalized
        missingFields
      }
    }
  }
`;

export function ClassPage() {
  const organization = useOrganization();
  const { classId = '' } = useParams();
  const { data, loading, error, refetch } = useData(CLASS_QUERY, { variables: { id: classId } });
  // A class of another organization is not shown under this one's address.
  const found = data ? (data.class?.organization.id === organization.id ? data.class : null) : undefined;
  return (
    <>
      <Link className="school-back" to={schoolPath('classes', organization.id)}>
        ← К классам
      </Link>
      <DataState
        loading={loading}
        error={error}
        data={found}
        onRetry={() => void refetch()}
        empty="Класс не найден или не входит в вашу зону доступа."
      >
        {(detail) => (
          <Page title={`${detail.name} класс`}>
            <div className="grid-2">
              <Section title="Класс">
                <dl className="school-facts">
                  <div className="school-fact">
                    <dt>Учебный год</dt>
                    <dd>
                      {detail.schoolYear}/{String(detail.schoolYear + 1).slice(2)}
                    </dd>
                  </div>
                  <div className="school-fact">
                    <dt>Классный руководитель</dt>
                    <dd>
                      {detail.classTeacher ? (
                        <>
                          {detail.classTeacher.fullName}
                          {(detail.classTeacher.phone || detail.classTeacher.email) && (
                            <div className="muted">
                              {[detail.classTeacher.phone, detail.classTeacher.email].filter(Boolean).join(', ')}
                            </div>
                          )}
                        </>
                      ) : (
                        'не назначен'
                      )}
                    </dd>
                  </div>
                  <div className="school-fact">
                    <dt>Предметы</dt>
                    <dd>{detail.subjects.map((subject) => subject.name).join(', ') || '—'}</dd>
                  </div>
                </dl>
              </Section>
            </div>
            <Section title={`Обучающиеся: ${detail.students.length}`}>
              {detail.students.length === 0 ? (
                <p className="empty">В классе пока нет обучающихся.</p>
              ) : (
                <div className="table-wrap">
                  <table className="table school-table">
                    <thead>
                      <tr>
                        <th scope="col">№</th>
                        <th scope="col">ФИО</th>
                        <th scope="col">Дата рождения</th>
                        <th scope="col">Не заполнено</th>
                      </tr>
                    </thead>
                    <tbody>
                      {[...detail.students]
                        .sort((a, b) => a.fullName.localeCompare(b.fullName, 'ru'))
                        .map((student, index) => (
                          <tr key={student.id}>
                            <td data-label="№" className="num">
                              {index + 1}
                            </td>
                            <td data-label="ФИО">
                              <Link to={personPath('classes', organization.id, student.id)}>{student.fullName}</Link>
                            </td>
                            <td data-label="Дата рождения">{formatDate(student.birthDate)}</td>
                            <td data-label="Не заполнено">
                              {(student.missingFields ?? []).length === 0 ? (
                                <Badge tone="success">всё заполнено</Badge>
                              ) : (
                                <span className="school-badges">
                                  {(student.missingFields ?? []).map((field) => (
                                    <Badge key={field} tone="warning">
                                      {FIELD_LABELS[field]}
                                    </Badge>
                                  ))}
                                </span>
                              )}
                            </td>
                          </tr>
                        ))}
                    </tbody>
                  </table>
                </div>
              )}
            </Section>
          </Page>
        )}
      </DataState>
    </>
  );
}
