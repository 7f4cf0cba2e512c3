/**
 * «Расписание»: the teacher's week by the server's clock — own lessons, lessons taught on substitution
 * and own lessons given to a substitute, each marked — with links into the journal.
 */
import { useRef } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useData } from '../../api/hooks.ts';
import { useMe } from '../../me.tsx';
import { addDays, formatDayMonth, formatWeekday, plural } from '../../ui/format.ts';
import { Badge, DataState, Notice, Page } from '../../ui/kit.tsx';
import { formatLessonTime } from '../../features/common/format.ts';
import { ASSIGNMENTS_QUERY, SCHEDULE_QUERY, type ScheduleData, type ScheduleLessonData } from './queries.ts';

const YEAR = new Intl.DateTimeFormat('ru-RU', { year: 'numeric', timeZone: 'UTC' });

function weekLabel(from: string, to: string): string {
  return `${formatDayMonth(from)} – ${formatDayMonth(to)} ${YEAR.format(new Date(`${to}T00:00:00Z`))}`;
}

export function SchedulePage() {
  const [params, setParams] = useSearchParams();
  const from = params.get('from');
  const { data, loading, error, refetch } = useData(SCHEDULE_QUERY, {
    variables: from ? { from, to: addDays(from, 6) } : {},
  });
  const me = useMe();
  const assignments = useData(ASSIGNMENTS_QUERY);
  // Journals the teacher opens: classes of their assignments and the class they lead.
  const openClasses = new Set([
    ...(assignments.data?.myAssignments.map((a) => a.class.id) ?? []),
    ...me.grants.flatMap((grant) => (grant.role === 'CLASS_TEACHER' && grant.classId ? [grant.classId] : [])),
  ]);
  // While another week loads, the shown one stays (dimmed) instead of the page jumping to a spinner.
  const shown = useRef<ScheduleData['mySchedule'] | undefined>(undefined);
  if (data?.mySchedule) shown.current = data.mySchedule;
  const week = shown.current;
  const switching = loading && data?.mySchedule === undefined && week !== undefined;
  const isCurrentWeek = week ? week.from <= week.today && week.today <= week.to : true;

  return (
    <Page
      title="Расписание"
      actions={
        week && (
          <nav className="week-nav" aria-label="Недели">
            <button
              type="button"
              className="button"
              aria-label="Предыдущая неделя"
              onClick={() => setParams({ from: addDays(week.from, -7) })}
            >
              ←<span className="week-word"> Предыдущая</span>
            </button>
            <span className="week-label" aria-live="polite">
              {weekLabel(week.from, week.to)}
            </span>
            <button
              type="button"
              className="button"
              aria-label="Следующая неделя"
              onClick={() => setParams({ from: addDays(week.from, 7) })}
            >
              <span className="week-word">Следующая </span>→
            </button>
            <button
              type="button"
              className="button button-ghost"
              disabled={isCurrentWeek}
              onClick={() => setParams({})}
            >
              Текущая неделя
            </button>
          </nav>
        )
      }
    >
      {/* The week waits for the assignments too: without them every lesson would first read «не открыт» and
          then flip to «Журнал» (issue 15 §3.6). If they fail, the week still shows, without journal links. */}
      <DataState
        loading={loading || (assignments.loading && !assignments.data)}
        error={error}
        data={assignments.loading && !assignments.data ? undefined : week}
        onRetry={() => void refetch()}
      >
        {(loaded) => (
          <>
            <WeekSummary week={loaded} />
            <ol className={`card schedule-days${switching ? ' is-loading' : ''}`} aria-busy={switching}>
              {loaded.days
                .filter((day, index) => index < 5 || day.lessons.length > 0)
                .map((day) => (
                  <li key={day.date} className={`schedule-day${day.date === loaded.today ? ' is-today' : ''}`}>
                    <h2 className="schedule-day-title">
                      <span className="schedule-weekday">
                        {formatWeekday(day.date)}, {formatDayMonth(day.date)}
                      </span>
                      {day.date === loaded.today && <Badge tone="info">Сегодня</Badge>}
                    </h2>
                    {day.lessons.length === 0 ? (
                      <p className="muted schedule-free">{day.holiday ?? 'Уроков нет'}</p>
                    ) : (
                      <ul className="schedule-lessons">
                        {day.lessons.map((entry) => (
                          <ScheduleLesson
                            key={entry.lesson.id}
                            entry={entry}
                            canOpen={assignments.data ? openClasses.has(entry.class.id) : undefined}
                          />
                        ))}
                      </ul>
                    )}
                  </li>
                ))}
            </ol>
          </>
        )}
      </DataState>
    </Page>
  );
}

function WeekSummary({ week }: { week: ScheduleData['mySchedule'] }) {
  const lessons = week.days.flatMap((day) => day.lessons);
  const count = (role: ScheduleLessonData['role']) => lessons.filter((entry) => entry.role === role).length;
  const own = count('OWN');
  const substituting = count('SUBSTITUTING');
  const substituted = count('SUBSTITUTED');
  return (
    <>
      <div className="stats week-stats">
        <div className="stat">
          <div className="stat-value">{own + substituting}</div>
          <div className="stat-label">{plural(own + substituting, ['урок', 'урока', 'уроков'])} провести на неделе</div>
        </div>
        <div className="stat">
          <div className="stat-value">{substituting}</div>
          <div className="stat-label">на замене за коллег</div>
        </div>
        <div className="stat">
          <div className="stat-value">{substituted}</div>
          <div className="stat-label">ваших отдано на замену</div>
        </div>
      </div>
      {lessons.length === 0 && <Notice>На этой неделе у вас нет уроков.</Notice>}
    </>
  );
}

/** `canOpen` undefined: the assignments could not be read, so the lesson says nothing about the journal. */
function ScheduleLesson({ entry, canOpen }: { entry: ScheduleLessonData; canOpen: boolean | undefined }) {
  const { lesson, role } = entry;
  const journal = `/teacher/journal/${entry.class.id}/${lesson.subject.id}?date=${lesson.date}&lesson=${lesson.id}`;
  return (
    <li className={`schedule-lesson role-${role.toLowerCase()}`}>
      <span className="schedule-number">
        <span aria-hidden="true">{lesson.lessonNumber}</span>
        <span className="visually-hidden">{lesson.lessonNumber}-й урок</span>
      </span>
      <span className="schedule-main">
        {lesson.time && <span className="schedule-time">{formatLessonTime(lesson.time)}</span>}
        <span className="schedule-what">
          <strong>{entry.class.name}</strong> · {lesson.subject.name}
          {entry.room && <span className="muted"> · каб. {entry.room}</span>}
        </span>
        <span className={lesson.topic ? 'schedule-topic' : 'schedule-topic muted'}>
          {lesson.topic ?? 'Тема не указана'}
        </span>
        {lesson.homework && <span className="schedule-homework muted">Д/з: {lesson.homework.text}</span>}
        {role === 'SUBSTITUTING' && (
          <span className="schedule-substitution">
            <Badge tone="info">Замена</Badge> Вы ведёте урок
            {lesson.substitution
              ? ` за: ${lesson.substitution.originalTeacher.fullName} (${lesson.substitution.reason.toLowerCase()})`
              : ' за другого учителя'}
          </span>
        )}
        {role === 'SUBSTITUTED' && (
          <span className="schedule-substitution">
            <Badge tone="warning">Отдан на замену</Badge> Урок ведёт
            {lesson.substitution
              ? ` ${lesson.substitution.teacher.fullName} (${lesson.substitution.reason.toLowerCase()})`
              : ' другой учитель'}
          </span>
        )}
      </span>
      <span className="schedule-action">
        {canOpen ? (
          <Link to={journal} className="button button-small link-button">
            Журнал
            <span className="visually-hidden">
              : {entry.class.name}, {lesson.subject.name}, {formatDayMonth(lesson.date)}
            </span>
          </Link>
        ) : canOpen === false ? (
          <span className="muted schedule-note">Журнал класса вам не открыт</span>
        ) : null}
      </span>
    </li>
  );
}
