/**
 * «Мои классы»: the classes and subjects the teacher teaches this school year, and the class they lead as
 * class teacher, each opening its journal. A teacher's load is a bounded list (classes × subjects).
 */
import { Link } from 'react-router';
import { useData } from '../../api/hooks.ts';
import { useMe } from '../../me.tsx';
import { DataState, Page, Section } from '../../ui/kit.tsx';
import { ASSIGNMENTS_QUERY, LED_CLASS_QUERY } from './queries.ts';

export function ClassesPage() {
  const me = useMe();
  const { data, loading, error, refetch } = useData(ASSIGNMENTS_QUERY);
  const led = [
    ...new Set(me.grants.flatMap((grant) => (grant.role === 'CLASS_TEACHER' && grant.classId ? [grant.classId] : []))),
  ];
  return (
    <Page title="Мои классы">
      {led.map((classId) => (
        <LedClass key={classId} classId={classId} />
      ))}
      <Section title="Нагрузка">
        <DataState
          loading={loading}
          error={error}
          data={data?.myAssignments}
          onRetry={() => void refetch()}
          isEmpty={(list) => list.length === 0}
          empty="В этом учебном году у вас нет нагрузки. Её назначает администрация школы."
        >
          {(assignments) => (
            <div className="table-wrap">
              <table className="table">
                <thead>
                  <tr>
                    <th scope="col">Класс</th>
                    <th scope="col">Предмет</th>
                    <th scope="col">Школа</th>
                    <th scope="col">
                      <span className="visually-hidden">Действия</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {assignments.map((a) => (
                    <tr key={`${a.class.id}|${a.subject.id}|${a.subgroup ?? ''}`}>
                      <td>
                        <strong>{a.class.name}</strong>
                        {a.subgroup ? <span className="muted"> · подгруппа {a.subgroup}</span> : null}
                      </td>
                      <td>{a.subject.name}</td>
                      <td>{a.class.organization.shortName}</td>
                      <td>
                        <Link
                          to={`/teacher/journal/${a.class.id}/${a.subject.id}`}
                          className="button button-small link-button"
                        >
                          Открыть журнал
                          <span className="visually-hidden">
                            : {a.class.name}, {a.subject.name}
                          </span>
                        </Link>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </DataState>
      </Section>
    </Page>
  );
}

function LedClass({ classId }: { classId: string }) {
  const { data, loading, error, refetch } = useData(LED_CLASS_QUERY, { variables: { id: classId } });
  const title = data?.class ? `Классное руководство: ${data.class.name}` : 'Классное руководство';
  return (
    <Section title={title}>
      <DataState
        loading={loading}
        error={error}
        data={data?.class}
        onRetry={() => void refetch()}
        empty="Класс не найден в текущем учебном году."
        isEmpty={(led) => led.subjects.length === 0}
      >
        {(led) => (
          <>
            <p>
              <Link to={`/teacher/summary-sheet/${led.id}`} className="button button-small link-button">
                Сводная ведомость класса
              </Link>
              <Link to={`/teacher/class/${led.id}`} className="button button-small link-button">
                Страница класса: ученики, родители, пропуски
              </Link>
            </p>
            <p className="muted">Журналы всех предметов вашего класса:</p>
            <ul className="subject-links">
              {[...led.subjects]
                .sort((a, b) => a.name.localeCompare(b.name, 'ru'))
                .map((subject) => (
                  <li key={subject.id}>
                    <Link to={`/teacher/journal/${led.id}/${subject.id}`}>{subject.name}</Link>
                  </li>
                ))}
            </ul>
          </>
        )}
      </DataState>
    </Section>
  );
}
