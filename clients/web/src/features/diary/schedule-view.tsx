/**
 * The week's timetable of a student, from the same week of the diary: lessons by number and bell times and
 * day, with teachers and substitutions, today marked (the server's region date). A table at desktop width, a
 * list per day on a phone.
 */
import { formatDayMonth, formatWeekday } from '../../ui/format.ts';
import { Badge, Empty, ErrorNotice, Loading, Notice } from '../../ui/kit.tsx';
import type { DiaryDayData, DiaryLessonData } from './queries.ts';
import { capitalize, formatLessonTime, formatRoom, formatShortWeekday } from '../common/format.ts';
import { useDiaryWeek } from './use-diary-week.ts';
import { WeekNav } from './week.tsx';
import './diary.css';
import './schedule.css';

function LessonCell({ item }: { item: DiaryLessonData }) {
  return (
    <div className="schedule-lesson">
      <span>{item.lesson.subject.name}</span>
      {item.lesson.subgroup !== null && <span className="muted"> (гр. {item.lesson.subgroup})</span>}
      {item.room && <span className="muted schedule-room"> {formatRoom(item.room)}</span>}
      <span className="muted schedule-teacher">
        {(item.lesson.substitution?.teacher ?? item.lesson.teacher).fullName}
      </span>
      {item.lesson.substitution && (
        <>
          {' '}
          <Badge tone="info">замена</Badge>
        </>
      )}
    </div>
  );
}

function shortDay(date: string): string {
  return `${formatShortWeekday(date)}, ${formatDayMonth(date)}`;
}

function Timetable({ days, today }: { days: DiaryDayData[]; today: string }) {
  // Weekend columns only when the school teaches on them.
  const shownDays = days.filter((day, index) => index < 5 || day.lessons.length > 0);
  const numbers = [...new Set(days.flatMap((day) => day.lessons.map((item) => item.lesson.lessonNumber)))].sort(
    (a, b) => a - b,
  );
  // A number's bell times, from any lesson of the week with that number (one class, one shift).
  const timeOf = (number: number) =>
    formatLessonTime(
      days.flatMap((day) => day.lessons).find((item) => item.lesson.lessonNumber === number && item.lesson.time)?.lesson
        .time,
    );
  return (
    <>
      <div className="table-wrap schedule-table">
        <table className="table">
          <caption className="visually-hidden">Расписание уроков на неделю</caption>
          <thead>
            <tr>
              <th scope="col">Урок</th>
              {shownDays.map((day) => (
                <th
                  scope="col"
                  key={day.date}
                  className={day.date === today ? 'schedule-today' : undefined}
                  aria-current={day.date === today ? 'date' : undefined}
                >
                  <span className="schedule-day">{shortDay(day.date)}</span>
                  {day.date === today && (
                    <>
                      {' '}
                      <Badge tone="info">Сегодня</Badge>
                    </>
                  )}
                  {day.holiday && <div className="muted">{day.holiday}</div>}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {numbers.map((number) => (
              <tr key={number}>
                <th scope="row" className="num">
                  {number}
                  {timeOf(number) && <span className="schedule-time">{timeOf(number)}</span>}
                </th>
                {shownDays.map((day) => {
                  const items = day.lessons.filter((item) => item.lesson.lessonNumber === number);
                  return (
                    <td key={day.date} className={day.date === today ? 'schedule-today' : undefined}>
                      {items.length === 0 ? (
                        <span className="muted">—</span>
                      ) : (
                        items.map((item) => <LessonCell key={item.lesson.id} item={item} />)
                      )}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="schedule-list">
        {shownDays.map((day) => (
          <section
            key={day.date}
            className={`card${day.date === today ? ' schedule-today' : ''}`}
            aria-current={day.date === today ? 'date' : undefined}
            aria-label={`${capitalize(formatWeekday(day.date))}, ${formatDayMonth(day.date)}`}
          >
            <h2>
              {capitalize(formatWeekday(day.date))}, {formatDayMonth(day.date)}
              {day.date === today && (
                <>
                  {' '}
                  <Badge tone="info">Сегодня</Badge>
                </>
              )}
            </h2>
            {day.lessons.length === 0 ? (
              <p className="muted">{day.holiday ?? 'Уроков нет'}</p>
            ) : (
              <ol className="plain-list">
                {day.lessons.map((item) => (
                  <li key={item.lesson.id} className="schedule-row">
                    <span className="schedule-number">{item.lesson.lessonNumber}</span>
                    {item.lesson.time && <span className="schedule-time">{formatLessonTime(item.lesson.time)}</span>}
                    <LessonCell item={item} />
                  </li>
                ))}
              </ol>
            )}
          </section>
        ))}
      </div>
    </>
  );
}

export function ScheduleView({ personId }: { personId: string }) {
  const week = useDiaryWeek(personId);
  const person = week.data?.person;
  const diary = person?.diary;
  let body;
  if (!week.data) {
    body = week.loading ? (
      <Loading label="Загрузка расписания…" />
    ) : (
      <ErrorNotice error={week.error} onRetry={() => void week.refetch()} />
    );
  } else if (!person) {
    body = <Notice tone="warning">Расписание недоступно.</Notice>;
  } else if (!diary || diary.days.every((day) => day.lessons.length === 0)) {
    body = <Empty>На этой неделе уроков нет.</Empty>;
  } else {
    body = <Timetable days={diary.days} today={diary.today} />;
  }
  return (
    <div className="schedule">
      <WeekNav {...week.nav} />
      {body}
    </div>
  );
}
