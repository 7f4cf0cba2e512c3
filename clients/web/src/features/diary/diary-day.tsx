/** One day of the diary: its lessons with topic, homework, marks and attendance. */
import { Badge } from '../../ui/kit.tsx';
import { formatDate, formatDayMonth, formatWeekday } from '../../ui/format.ts';
import { capitalize, formatLessonTime, formatRoom } from '../common/format.ts';
import { AttendanceBadge, MarkChip } from '../common/marks.tsx';
import type { DiaryDayData, DiaryLessonData } from './queries.ts';
import { DiaryHomeworkFiles } from '../homework-files/homework-files.tsx';
import { useMe } from '../../me.tsx';

/** Only a learner hands in work; a guardian reads and downloads it (issue 15 §2). */
function useCanHandIn(): boolean {
  return useMe().grants.some((grant) => grant.role === 'STUDENT');
}

function Homework({ item, overdue }: { item: DiaryLessonData; overdue: boolean }) {
  const homework = item.lesson.homework;
  const canHandIn = useCanHandIn();
  if (!homework) return <span className="muted">—</span>;
  return (
    <div className="homework">
      <p>{homework.text}</p>
      <p className="homework-meta">
        {homework.dueOn && <span className="muted">к {formatDate(homework.dueOn)}</span>}
        {homework.mandatory && <Badge>обязательное</Badge>}
        {item.homeworkSubmitted ? (
          <Badge tone="success">сдано</Badge>
        ) : (
          overdue && <Badge tone="error">просрочено</Badge>
        )}
      </p>
      {homework.attachments.length > 0 && (
        <ul className="attachments">
          {homework.attachments.map((file) => (
            <li key={file.url}>
              <a href={file.url} target="_blank" rel="noreferrer noopener">
                {file.name}
              </a>
            </li>
          ))}
        </ul>
      )}
      <DiaryHomeworkFiles lessonId={item.lesson.id} canHandIn={canHandIn} />
    </div>
  );
}

/** The lesson's bell times above its subject (issue 15 §2); nothing when the school has no bells. */
function LessonTime({ lesson }: { lesson: DiaryLessonData['lesson'] }) {
  const time = formatLessonTime(lesson.time);
  return time ? <span className="diary-time">{time}</span> : null;
}

/**
 * One line a lesson in the compact week: time and subject, the task in a line, marks, attendance (issue 15 §3.9);
 * teachers and rooms are in «Подробно».
 */
function CompactLessonRow({ item, overdue }: { item: DiaryLessonData; overdue: boolean }) {
  const { lesson } = item;
  const homework = lesson.homework;
  return (
    <li className={`diary-lesson diary-lesson-compact${overdue ? ' diary-lesson-overdue' : ''}`}>
      <span className="diary-lesson-number">
        <span aria-hidden="true">{lesson.lessonNumber}</span>
        <span className="visually-hidden">{lesson.lessonNumber}-й урок</span>
      </span>
      <div className="diary-lesson-subject">
        <LessonTime lesson={lesson} />
        <strong>{lesson.subject.name}</strong>
        {lesson.substitution && (
          <>
            {' '}
            <Badge tone="info">замена</Badge>
          </>
        )}
      </div>
      <div className={`diary-lesson-homework${homework ? '' : ' diary-lesson-homework-empty'}`}>
        {homework ? (
          <span className="diary-homework-line" title={homework.text}>
            <span className="diary-label diary-label-mobile">Задание: </span>
            {homework.text}
            {item.homeworkSubmitted ? (
              <>
                {' '}
                <Badge tone="success">сдано</Badge>
              </>
            ) : (
              overdue && (
                <>
                  {' '}
                  <Badge tone="error">просрочено</Badge>
                </>
              )
            )}
          </span>
        ) : (
          <span className="muted">—</span>
        )}
      </div>
      <div className="diary-lesson-marks" role="group" aria-label="Отметки">
        {item.marks.length === 0 ? (
          <span className="muted diary-empty-cell">—</span>
        ) : (
          item.marks.map((mark) => <MarkChip key={mark.id} mark={mark} />)
        )}
      </div>
      <div className="diary-lesson-attendance">{item.attendance && <AttendanceBadge status={item.attendance} />}</div>
    </li>
  );
}

function LessonRow({ item, overdue }: { item: DiaryLessonData; overdue: boolean }) {
  const { lesson } = item;
  return (
    <li className={`diary-lesson${overdue ? ' diary-lesson-overdue' : ''}`}>
      <span className="diary-lesson-number">
        <span aria-hidden="true">{lesson.lessonNumber}</span>
        <span className="visually-hidden">{lesson.lessonNumber}-й урок</span>
      </span>
      <div className="diary-lesson-subject">
        <LessonTime lesson={lesson} />
        <strong>{lesson.subject.name}</strong>
        {item.room && <span className="muted"> · {formatRoom(item.room)}</span>}
        {lesson.subgroup !== null && <span className="muted"> · подгруппа {lesson.subgroup}</span>}
        {!lesson.substitution && <span className="muted diary-teacher"> · {lesson.teacher.fullName}</span>}
        {lesson.substitution && (
          <span className="diary-substitution">
            {' '}
            <Badge tone="info">замена</Badge>{' '}
            <span className="muted">
              ведёт {lesson.substitution.teacher.fullName} ({lesson.substitution.reason.toLowerCase()})
            </span>
          </span>
        )}
        {lesson.topic && (
          <div className="diary-topic">
            <span className="diary-label">Тема:</span> {lesson.topic}
          </div>
        )}
      </div>
      <div className={`diary-lesson-homework${lesson.homework ? '' : ' diary-lesson-homework-empty'}`}>
        <span className="diary-label diary-label-mobile">Задание:</span>
        <Homework item={item} overdue={overdue} />
      </div>
      <div className="diary-lesson-marks" role="group" aria-label="Отметки">
        {item.marks.length === 0 ? (
          <span className="muted diary-empty-cell">—</span>
        ) : (
          item.marks.map((mark) => <MarkChip key={mark.id} mark={mark} />)
        )}
      </div>
      <div className="diary-lesson-attendance">{item.attendance && <AttendanceBadge status={item.attendance} />}</div>
    </li>
  );
}

export function DiaryDay({
  day,
  overdueIds,
  today,
  compact,
}: {
  day: DiaryDayData;
  overdueIds: ReadonlySet<string>;
  today: boolean;
  compact: boolean;
}) {
  const title = `${capitalize(formatWeekday(day.date))}, ${formatDayMonth(day.date)}`;
  const todayBadge = today && <Badge tone="info">Сегодня</Badge>;
  if (day.lessons.length === 0) {
    return (
      <section
        className={`diary-day diary-day-empty${today ? ' diary-day-today' : ''}`}
        aria-label={title}
        id={today ? 'diary-today' : undefined}
      >
        <h2>{title}</h2>
        {todayBadge}
        <span className="muted">{day.holiday ?? 'Уроков нет'}</span>
      </section>
    );
  }
  const Row = compact ? CompactLessonRow : LessonRow;
  return (
    <section
      className={`card diary-day${compact ? ' diary-day-compact' : ''}${today ? ' diary-day-today' : ''}`}
      aria-label={title}
      id={today ? 'diary-today' : undefined}
    >
      <header className="card-header">
        <h2>{title}</h2>
        {todayBadge}
        {day.holiday && <Badge tone="info">{day.holiday}</Badge>}
      </header>
      <div className="diary-head" aria-hidden="true">
        <span>№</span>
        <span>{compact ? 'Предмет' : 'Предмет и тема'}</span>
        <span>Домашнее задание</span>
        <span>Отметки</span>
        <span>Посещ.</span>
      </div>
      <ol className="diary-lessons">
        {day.lessons.map((item) => (
          <Row key={item.lesson.id} item={item} overdue={overdueIds.has(item.lesson.id)} />
        ))}
      </ol>
    </section>
  );
}
