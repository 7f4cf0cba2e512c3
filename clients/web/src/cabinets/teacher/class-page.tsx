/**
 * «Мой класс» (issue 15 §2): the class teacher's learners with their guardians' phones and e-mails (the people
 * subgraph answers them under the CLASS_TEACHER grant; a guardian without consent reads «Обезличено» and no
 * contacts), the week's absences and the parents' advance notices. The week is the server's, as in the diary.
 */
import { Link, useParams } from 'react-router';
import { useData } from '../../api/hooks.ts';
import { AttendanceBadge } from '../../features/common/marks.tsx';
import { capitalize, formatShortWeekday } from '../../features/common/format.ts';
import { useWeek, WeekNav, type WeekRange } from '../../features/diary/week.tsx';
import { formatDayMonth, plural } from '../../ui/format.ts';
import { DataState, Empty, Page, Section, TableWrap } from '../../ui/kit.tsx';
import { CLASS_PAGE_QUERY, type ClassPageData } from './class-queries.ts';

type Week = ClassPageData['week'];
type Student = ClassPageData['students'][number];

function period(from: string, to: string): string {
  return from === to ? formatDayMonth(from) : `${formatDayMonth(from)} – ${formatDayMonth(to)}`;
}

function Notices({ week, names }: { week: Week; names: Map<string, string> }) {
  if (week.absenceNotices.length === 0) return <Empty>На эту неделю родители о пропусках не предупреждали.</Empty>;
  return (
    <ul className="plain-list class-notices">
      {week.absenceNotices.map((notice) => (
        <li key={notice.id} className="class-notice">
          <strong>{names.get(notice.student.id) ?? 'Ученик'}</strong> — {period(notice.from, notice.to)}:{' '}
          {notice.reason}
          <span className="muted"> (сообщил(а) {notice.declaredBy.fullName})</span>
        </li>
      ))}
    </ul>
  );
}

function Guardians({ student }: { student: Student }) {
  if (student.guardians.length === 0) return <span className="muted">нет сведений</span>;
  return (
    <ul className="plain-list class-guardians">
      {student.guardians.map((guardian) => (
        <li key={guardian.id}>
          <span>{guardian.fullName}</span>
          {guardian.depersonalized ? (
            <span className="muted"> — нет согласия на обработку данных, контакты скрыты</span>
          ) : (
            <>
              {guardian.phone && (
                <>
                  {' '}
                  · <a href={`tel:${guardian.phone.replace(/[^\d+]/g, '')}`}>{guardian.phone}</a>
                </>
              )}
              {guardian.email && (
                <>
                  {' '}
                  · <a href={`mailto:${guardian.email}`}>{guardian.email}</a>
                </>
              )}
              {!guardian.phone && !guardian.email && <span className="muted"> · контактов нет</span>}
            </>
          )}
        </li>
      ))}
    </ul>
  );
}

function Absences({ week, student }: { week: Week; student: Student }) {
  const rows = week.attendance.filter((row) => row.student.id === student.id);
  const noticed = week.absenceNotices.filter((notice) => notice.student.id === student.id);
  if (rows.length === 0 && noticed.length === 0) return <span className="muted">—</span>;
  return (
    <>
      {rows.length > 0 && (
        <ul className="plain-list class-absences">
          {rows.map((row) => (
            <li key={row.id}>
              <AttendanceBadge status={row.status} /> {capitalize(formatShortWeekday(row.date))},{' '}
              {row.lesson.lessonNumber}-й урок ({row.lesson.subject.name})
            </li>
          ))}
        </ul>
      )}
      {noticed.map((notice) => (
        <div key={notice.id} className="class-absence-notice">
          Предупреждён пропуск: {period(notice.from, notice.to)}
        </div>
      ))}
    </>
  );
}

function ClassWeek({ led, shown, nav }: { led: ClassPageData; shown: WeekRange; nav: ReturnType<typeof useNav> }) {
  const students = [...led.students].sort((a, b) => a.fullName.localeCompare(b.fullName, 'ru'));
  const names = new Map(students.map((student) => [student.id, student.fullName]));
  const missed = led.week.attendance.filter((row) => row.status !== 'LATE').length;
  return (
    <>
      <WeekNav shown={shown} {...nav} />
      <Section title="Предупреждения родителей о пропусках">
        <Notices week={led.week} names={names} />
      </Section>
      <Section title={`Ученики и родители: ${students.length}`}>
        <p className="muted">
          За неделю {missed} {plural(missed, ['пропуск', 'пропуска', 'пропусков'])} уроков.
        </p>
        <TableWrap label="Ученики класса, их родители и пропуски за неделю">
          <table className="table class-table">
            <caption className="visually-hidden">Ученики класса {led.name}, их родители и пропуски за неделю</caption>
            <thead>
              <tr>
                <th scope="col">№</th>
                <th scope="col">Ученик</th>
                <th scope="col">Родители (законные представители)</th>
                <th scope="col">Пропуски за неделю</th>
              </tr>
            </thead>
            <tbody>
              {students.map((student, index) => (
                <tr key={student.id}>
                  <td className="num">{index + 1}</td>
                  <th scope="row">{student.fullName}</th>
                  <td>
                    <Guardians student={student} />
                  </td>
                  <td>
                    <Absences week={led.week} student={student} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      </Section>
    </>
  );
}

function useNav(shown: WeekRange | null, busy: boolean) {
  const week = useWeek();
  return {
    busy,
    onPrevious: () => shown && week.previous(shown),
    onNext: () => shown && week.next(shown),
    onToday: () => week.current(),
  };
}

export function ClassPage() {
  const { classId = '' } = useParams();
  const week = useWeek();
  const { data, loading, error, refetch } = useData(CLASS_PAGE_QUERY, {
    variables: { id: classId, from: week.requested?.from ?? null, to: week.requested?.to ?? null },
  });
  const led = data?.class ?? undefined;
  const shown = week.requested ?? (led ? { from: led.week.from, to: led.week.to } : null);
  const nav = useNav(shown, loading && !data);
  return (
    <Page title={led ? `Мой класс: ${led.name}` : 'Мой класс'}>
      <p>
        <Link to="/teacher/classes">← Мои классы</Link>
      </p>
      <DataState loading={loading} error={error} data={led} onRetry={() => void refetch()}>
        {(loaded) => <ClassWeek led={loaded} shown={shown!} nav={nav} />}
      </DataState>
    </Page>
  );
}
